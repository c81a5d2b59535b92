import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importDefects } from '../../../../../main/services/drainage/defectImport';
import { pipeCondition, worstPipes } from '../../../../../main/services/drainage/pipeCondition';
import { ImportError } from '../../../../../main/sources/interchange/importError';
import { tempStore, writeNetwork, type TestStore } from './drainageTestStore';

let t: TestStore;
beforeEach(() => {
  t = tempStore();
  writeNetwork(
    t.store,
    [{ id: 'A' }, { id: 'B' }, { id: 'C' }],
    [
      { id: 'W', up: 'A', down: 'B', d: 800, length: 40, props: { area_class: 'arterial' } },
      { id: 'V', up: 'B', down: 'C', d: 400, length: 30 },
    ],
  );
});
afterEach(() => t.cleanup());

const csv = (name: string, text: string) => {
  const file = join(t.dir, name);
  writeFileSync(file, text);
  return file;
};
const count = () => (t.store.db.prepare('SELECT count(*) AS n FROM drainage_defects').get() as { n: number }).n;
const good = 'pipe_id,distance_m,code,grade,length_m,media,remarks\nW,10,PL,3,,img/w-10.jpg,破裂\nW,11.3,TJ,2,,,\nW,20,CJ,2,5,,沉积\nV,3,ZW,1,,,\n';

describe('CCTV defect import (CJJ 181)', () => {
  it('stores all rows and gives the worked-case condition; a re-import replaces the pipe’s defects', () => {
    const file = csv('ok.csv', good);
    expect(importDefects(t.store.db, file)).toEqual({ file, rows: 4, pipes: 2, replaced: 0 });
    const c = pipeCondition(t.store.db, 'W');
    expect(c.defects.map((d) => [d.code, d.grade, d.score, d.media])).toEqual([
      ['PL', 3, 5, 'img/w-10.jpg'],
      ['TJ', 2, 3, null],
      ['CJ', 2, 2, null],
    ]);
    expect(c.repair).toMatchObject({ RI: 4.25, grade: 'III' });
    expect(c.maintenance).toMatchObject({ MI: 2.65, grade: 'II' });
    expect(importDefects(t.store.db, file)).toMatchObject({ rows: 4, replaced: 4 });
    expect(count()).toBe(4);
    expect(worstPipes(t.store.db).map((w) => [w.pipeId, w.RI, w.repairGrade])).toEqual([
      ['W', 4.25, 'III'],
      ['V', 0, 'I'],
    ]);
    expect(worstPipes(t.store.db, { by: 'MI', limit: 1 }).map((w) => w.pipeId)).toEqual(['W']);
  });

  it('accepts Chinese headers and a UTF-8 BOM', () => {
    const file = csv('zh.csv', '\uFEFF管段编号,距离,缺陷代码,等级,备注\nV,1.5,SG,2,树根\n');
    expect(importDefects(t.store.db, file).rows).toBe(1);
    expect(pipeCondition(t.store.db, 'V').defects[0]).toMatchObject({ code: 'SG', remarks: '树根', name: { zh: '树根' } });
  });

  const rejected: [string, string, RegExp][] = [
    ['unknown code', 'W,10,XX,3\n', /row 1, line 3, field 'code': unknown CJJ 181 defect code 'XX'/],
    ['grade out of range', 'W,10,PL,5\n', /row 1, line 3, field 'grade': grade '5' is out of range/],
    ['grade beyond the code’s grades', 'W,10,FS,4\n', /field 'grade'.*FS \(腐蚀\) has grades 1–3/],
    ['unknown pipe', 'NOPE,10,PL,3\n', /row 1, line 3, field 'pipe_id': no pipe 'NOPE'/],
    ['bad number', 'W,ten,PL,3\n', /row 1, line 3, field 'distance_m': 'ten' is not a number/],
    ['negative distance', 'W,-1,PL,3\n', /field 'distance_m': distance -1 m is negative/],
    ['beyond the pipe', 'W,45,PL,3\n', /field 'distance_m': distance 45 m is beyond the length of pipe W \(40 m\)/],
    ['bad length', 'W,10,CJ,2,0\n', /field 'length_m': defect length 0 m must be positive/],
  ];
  it.each(rejected)('rejects the whole file on %s, naming file, row and field, storing nothing', (_what, badRow, message) => {
    importDefects(t.store.db, csv('before.csv', 'pipe_id,distance_m,code,grade\nV,3,ZW,1\n'));
    const before = JSON.stringify(t.store.db.prepare('SELECT * FROM drainage_defects').all());
    const file = csv('bad.csv', `pipe_id,distance_m,code,grade,length_m\nW,1,PL,1\n${badRow}W,30,CJ,1\n`);
    let error: unknown;
    try {
      importDefects(t.store.db, file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).message).toMatch(/^bad\.csv \(/);
    expect((error as ImportError).message).toMatch(message);
    expect((error as ImportError).row).toBe(1);
    expect(JSON.stringify(t.store.db.prepare('SELECT * FROM drainage_defects').all())).toBe(before);
  });

  it('a header without a required column is refused naming the column', () => {
    expect(() => importDefects(t.store.db, csv('h.csv', 'pipe_id,code,grade\nW,PL,3\n'))).toThrow(/line 1, field 'distance_m': the header has no 'distance_m' column/);
    expect(count()).toBe(0);
  });

  it('condition of an unknown pipe is NOT_FOUND; a pipe without defects is grade I', () => {
    expect(() => pipeCondition(t.store.db, 'X')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(pipeCondition(t.store.db, 'V')).toMatchObject({ defects: [], repair: { RI: 0, grade: 'I' }, maintenance: { MI: 0, grade: 'I' } });
  });
});
