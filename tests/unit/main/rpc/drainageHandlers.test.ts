import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDrainageHandlers } from '../../../../main/rpc/drainageHandlers';
import { DrainageService } from '../../../../main/services/drainage/drainageService';
import { drainageMethods, type DrainageMethodName } from '../../../../preload/contract/drainageMethods';
import { tempStore, type TestStore } from '../services/drainage/drainageTestStore';
import { loadSwmmFixture } from '../services/drainage/swmmFixture';

let t: TestStore;
let handlers: ReturnType<typeof createDrainageHandlers>;
beforeAll(async () => {
  t = tempStore();
  await loadSwmmFixture(t.store);
  handlers = createDrainageHandlers(new DrainageService(t.store.db));
});
afterAll(() => t.cleanup());

/** Validates the input like dispatch does, calls the handler and checks the answer against the output schema. */
function call(method: DrainageMethodName, raw: unknown): unknown {
  const spec = drainageMethods[method];
  const input = spec.input.parse(raw);
  const value = (handlers[method] as (i: unknown) => unknown)(input);
  const out = spec.output.safeParse(value);
  if (!out.success) throw new Error(`${method} answered outside the contract: ${out.error.message}`);
  return out.data;
}

describe('drainage handlers answer inside the contract', () => {
  it('trace, profile, neighbours', () => {
    expect(call('drainage.trace', { id: 'J_4', direction: 'down' })).toMatchObject({ storages: ['St_1'] });
    expect(call('drainage.profile', { from: 'J_4', to: 'J_2' })).toMatchObject({ method: 'downstream' });
    expect(call('drainage.profile', { pipeIds: ['C_4', 'C_5'] })).toMatchObject({ method: 'pipes' });
    expect(call('drainage.neighbours', { id: 'C_6' })).toMatchObject({ upPipes: ['C_4'] });
  });

  it('check with a GeoPackage export', () => {
    const gpkg = join(t.dir, 'findings.gpkg');
    expect(call('drainage.check', { gpkgPath: gpkg })).toMatchObject({ exported: { gpkg }, counts: { reverse_slope: 1 } });
  });

  it('importDefects, condition and worstPipes', () => {
    const file = join(t.dir, 'cctv.csv');
    writeFileSync(file, 'pipe_id,distance_m,code,grade,length_m\nC_6,12,BX,3,\nC_6,100,CJ,3,20\nC_1,5,SL,2,\n');
    expect(call('drainage.importDefects', { path: file })).toEqual({ file, rows: 3, pipes: 2, replaced: 0 });
    expect(call('drainage.condition', { pipeId: 'C_6', area: 'road' })).toMatchObject({ structural: { value: 5, grade: 'III' }, area: 'road' });
    expect((call('drainage.worstPipes', {}) as { pipes: { pipeId: string }[] }).pipes.map((p) => p.pipeId)).toEqual(['C_6', 'C_1']);
  });

  it('bad input is refused by the schemas', () => {
    expect(drainageMethods['drainage.trace'].input.safeParse({ id: 'J_1', direction: 'sideways' }).success).toBe(false);
    expect(drainageMethods['drainage.importDefects'].input.safeParse({ path: 'relative.csv' }).success).toBe(false);
    expect(drainageMethods['drainage.profile'].input.safeParse({ pipeIds: [] }).success).toBe(false);
  });
});
