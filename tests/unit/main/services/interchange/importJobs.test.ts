// The UI's import path: a worker thread with its own connection, progress events, and a cancel that rolls
// the whole transaction back. Uses the bundled worker (dist/main/importWorker.cjs: npm test builds it first).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ImportJobs, type JobEvent } from '../../../../../main/services/interchange/importJobs';
import { openStore } from '../../../../../main/store/openStore';
import { tempDir } from '../../../../helpers/tempStore';

const t = tempDir('cityops-jobs-');
afterAll(() => t.cleanup());

function bigPoints(file: string, n: number): void {
  const features = Array.from({ length: n }, (_, i) => ({ type: 'Feature', properties: { 编号: `P${i}`, 名称: `点${i}` }, geometry: { type: 'Point', coordinates: [110.6 + (i % 300) * 0.001, 32.4 + Math.floor(i / 300) * 0.001] } }));
  writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features }));
}

function run(jobs: ImportJobs, events: JobEvent[], file: string, cancelAt?: (e: JobEvent, id: string) => boolean): Promise<JobEvent> {
  return new Promise((resolve) => {
    let id = '';
    const timer = setInterval(() => {
      const last = events.filter((e) => e.jobId === id).at(-1);
      if (last && cancelAt?.(last, id)) jobs.cancel(id);
      if (last && (last.phase === 'done' || last.phase === 'failed' || last.phase === 'cancelled')) {
        clearInterval(timer);
        resolve(last);
      }
    }, 5);
    id = jobs.start(file, { layerId: 'new:jobs', mapping: {}, idField: '编号', nameField: '名称' }, {});
  });
}

describe('import jobs', () => {
  it('reports progress and the outcome; the layer holds every feature', async () => {
    const storePath = join(t.dir, 'a.gpkg');
    openStore(storePath).close();
    const file = join(t.dir, 'points.geojson');
    bigPoints(file, 20_000);
    const events: JobEvent[] = [];
    const jobs = new ImportJobs(storePath, (e) => events.push(e));
    const last = await run(jobs, events, file);
    expect(last.phase).toBe('done');
    expect(events.some((e) => e.phase === 'writing' && e.done > 0 && e.done < e.total)).toBe(true);
    if (last.phase === 'done') expect(last.result).toMatchObject({ kind: 'features', count: 20_000, inserted: 20_000 });
    const s = openStore(storePath);
    expect(s.db.prepare(`SELECT count(*) AS n FROM imp_jobs`).get()).toEqual({ n: 20_000 });
    s.close();
    await jobs.close();
  }, 60_000);

  it('a cancel in the middle rolls everything back', async () => {
    const storePath = join(t.dir, 'b.gpkg');
    openStore(storePath).close();
    const file = join(t.dir, 'more.geojson');
    bigPoints(file, 60_000);
    const events: JobEvent[] = [];
    const jobs = new ImportJobs(storePath, (e) => events.push(e));
    const last = await run(jobs, events, file, (e) => e.phase === 'writing' && e.done > 0);
    expect(last.phase).toBe('cancelled');
    const s = openStore(storePath);
    expect(s.db.prepare(`SELECT count(*) AS n FROM cityops_layers WHERE kind = 'generic'`).get()).toEqual({ n: 0 });
    expect(s.db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name = 'imp_jobs'`).get()).toEqual({ n: 0 });
    s.close();
    await jobs.close();
  }, 60_000);
});
