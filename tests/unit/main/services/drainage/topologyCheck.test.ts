import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDrainageNetwork } from '../../../../../main/services/drainage/drainageNetwork';
import { findingKinds, topologyCheck, type FindingKind } from '../../../../../main/services/drainage/topologyCheck';
import { exportFindingsCsv, exportFindingsGpkg } from '../../../../../main/services/drainage/topologyExport';
import { tempStore, writeNetwork, type TestNode, type TestPipe, type TestStore } from './drainageTestStore';

let t: TestStore;
beforeEach(() => {
  t = tempStore();
});
afterEach(() => t.cleanup());

const cleanNodes: TestNode[] = [
  { id: 'M1', ground: 100, invert: 98 },
  { id: 'M2', ground: 99.5, invert: 97.8 },
  { id: 'M3', ground: 99.6, invert: 97.9 },
  { id: 'O1', type: 'outfall', ground: 99, invert: 97.5 },
];
const cleanPipes: TestPipe[] = [
  { id: 'a', up: 'M1', down: 'M2', d: 400, upInv: 98, downInv: 97.9 },
  { id: 'c', up: 'M3', down: 'M2', d: 300, upInv: 97.9, downInv: 97.85 },
  { id: 'b', up: 'M2', down: 'O1', d: 500, upInv: 97.8, downInv: 97.5 },
];
const check = () => topologyCheck(loadDrainageNetwork(t.store.db, { geometry: true }));
const idsOf = (kind: FindingKind) =>
  check()
    .findings.filter((f) => f.kind === kind)
    .map((f) => f.pipeId ?? f.nodeId);

describe('topologyCheck', () => {
  it('a sound network has no findings', () => {
    writeNetwork(t.store, cleanNodes, cleanPipes);
    const r = check();
    expect(r.findings).toEqual([]);
    expect(r.pipeCount).toBe(3);
    expect(Object.values(r.counts).every((n) => n === 0)).toBe(true);
  });

  const withBad = (nodes: TestNode[], pipes: TestPipe[]) => writeNetwork(t.store, [...cleanNodes, ...nodes], [...cleanPipes, ...pipes]);

  it('disconnected pipe: neither end joins another pipe', () => {
    withBad([{ id: 'Z1', ground: 90 }, { id: 'Z2', ground: 90 }], [{ id: 'z', up: 'Z1', down: 'Z2', upInv: 88, downInv: 87.9 }]);
    expect(idsOf('disconnected_pipe')).toEqual(['z']);
  });

  it('pipe end not at a node: empty end, unknown node, geometry away from the node', () => {
    withBad(
      [],
      [
        { id: 'e1', up: 'M1', down: null, upInv: 98, downInv: 97.9 },
        { id: 'e2', up: 'GHOST', down: 'M1', upInv: 99, downInv: 98.5, line: null },
        { id: 'e3', up: 'M3', down: 'M2', upInv: 97.9, downInv: 97.85, line: [[110.802, 32.6], [110.8012, 32.6]] },
      ],
    );
    const f = check().findings.filter((x) => x.kind === 'pipe_end_not_at_node');
    expect(f.map((x) => [x.pipeId, x.severity])).toEqual([
      ['e1', 'error'],
      ['e2', 'error'],
      ['e3', 'warning'],
    ]);
    expect(f[1]!.message.en).toMatch(/'GHOST' is not in drainage_nodes/);
    expect(f[2]!.message.en).toMatch(/from node M2/); // 0.0002° ≈ 19 m from M2
  });

  it('reverse slope: up invert below down invert', () => {
    withBad([], [{ id: 'r', up: 'M3', down: 'M2', d: 300, upInv: 97.7, downInv: 97.8 }]);
    expect(idsOf('reverse_slope')).toEqual(['r']);
  });

  it('diameter decreases downstream (not at a pump station)', () => {
    withBad([{ id: 'P', type: 'pump', ground: 99, invert: 95 }], [{ id: 'big', up: 'M3', down: 'M1', d: 800, upInv: 98.5, downInv: 98.1 }]);
    expect(idsOf('diameter_decrease')).toEqual(['a']);
    expect(check().findings.find((f) => f.kind === 'diameter_decrease')!.message.en).toMatch(/400 mm is smaller than upstream pipe big \(800 mm\) at node M1/);
  });

  it('invert above ground, for a pipe end and for a node', () => {
    withBad([{ id: 'H', ground: 95, invert: 96 }], [{ id: 'hi', up: 'M3', down: 'M2', d: 300, upInv: 99.7, downInv: 99.6 }]);
    expect(idsOf('invert_above_ground')).toEqual(['hi', 'hi', 'H']);
  });

  it('duplicate ids: a node and a pipe with one id, or ids equal up to case', () => {
    withBad([{ id: 'a', ground: 90 }, { id: 'm1', ground: 90 }], []);
    expect(check().findings.filter((f) => f.kind === 'duplicate_id').map((f) => f.message.en)).toEqual([
      "id 'm1' differs from 'M1' only in case or blanks (drainage_nodes)",
      'id a is used twice (drainage_nodes+drainage_pipes)',
    ]);
  });

  it('loops: one finding per directed cycle, naming its pipes', () => {
    withBad(
      [{ id: 'L1', ground: 90 }, { id: 'L2', ground: 90 }, { id: 'L3', ground: 90 }],
      [
        { id: 'l1', up: 'L1', down: 'L2', upInv: 88, downInv: 87.9 },
        { id: 'l2', up: 'L2', down: 'L3', upInv: 87.9, downInv: 87.8 },
        { id: 'l3', up: 'L3', down: 'L1', upInv: 87.8, downInv: 87.7 },
      ],
    );
    const loops = check().findings.filter((f) => f.kind === 'loop');
    expect(loops).toHaveLength(1);
    expect(loops[0]!.message.en).toBe('loop in a gravity network: l1 → l2 → l3');
    expect(loops[0]!.location).not.toBeNull();
  });

  it('missing inverts and isolated nodes are reported as info', () => {
    withBad([{ id: 'I', ground: 90 }], [{ id: 'mi', up: 'M3', down: 'M2', upInv: null, downInv: 97.85 }]);
    expect(idsOf('missing_invert')).toEqual(['mi']);
    expect(idsOf('isolated_node')).toEqual(['I']);
    expect(check().findings.find((f) => f.kind === 'missing_invert')!.severity).toBe('info');
  });

  it('every kind has zh and en titles', () => {
    for (const k of findingKinds) expect(k.title.zh && k.title.en).toBeTruthy();
  });
});

describe('topology findings export', () => {
  beforeEach(() =>
    writeNetwork(t.store, [...cleanNodes, { id: 'Z1' }, { id: 'Z2' }], [...cleanPipes, { id: 'r', up: 'Z1', down: 'Z2', upInv: 1, downInv: 2 }]),
  );

  it('CSV: one row per finding with lon/lat, kind, severity, ids and both messages', () => {
    const r = check();
    const file = join(t.dir, 'findings.csv');
    expect(exportFindingsCsv(r.findings, file).count).toBe(r.findings.length);
    const lines = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('id,lon,lat,kind,kind_zh,severity,pipe_id,node_id,message_zh,message_en');
    expect(lines).toHaveLength(1 + r.findings.length);
    expect(lines.some((l) => l.includes('reverse_slope,倒坡,error,r,'))).toBe(true);
    expect(() => exportFindingsCsv(r.findings, file)).toThrow(/exists/);
  });

  it('GeoPackage: a point layer ogrinfo opens', (ctx) => {
    const r = check();
    const file = join(t.dir, 'findings.gpkg');
    exportFindingsGpkg(r.findings, file);
    if (spawnSync('ogrinfo', ['--version']).status !== 0) {
      if (process.env.CI) throw new Error('ogrinfo (Debian gdal-bin) is required in CI');
      ctx.skip('ogrinfo not installed');
    }
    const info = execFileSync('ogrinfo', ['-ro', '-so', file, 'drainage_findings'], { encoding: 'utf8' });
    expect(info).toMatch(/Geometry: Point/);
    expect(info).toMatch(new RegExp(`Feature Count: ${r.findings.length}`));
    const rows = execFileSync('ogrinfo', ['-ro', '-q', file, 'drainage_findings', '-where', "kind = 'reverse_slope'"], { encoding: 'utf8' });
    expect(rows).toMatch(/pipe_id \(String\) = r/);
  });
});
