import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { importFile } from '../../main/services/interchange/importService';
import { writeGeoPackage } from '../../main/sources/interchange/writeGeoPackage';
import { createFeatureTable } from '../../main/store/featureTables';
import { encodeGpkgGeometry } from '../../main/store/gpkgGeometry';
import { openStore } from '../../main/store/openStore';
import { tempDir } from '../helpers/tempStore';
import type { Row } from './benchHarness';

const N_LINES = 100_000;
const N_OBS = 1_000_000;

function timed(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

/**
 * Import throughput (issue: GIS interchange) next to a raw better-sqlite3 prepared-insert loop of the same
 * rows into the same kind of table (R-tree triggers included for features), in the same run.
 */
export async function importThroughputBench(): Promise<Row[]> {
  const t = tempDir('cityops-bench-import-');
  const rows: Row[] = [];
  try {
    // 100,000 pipe-like lines in a GeoPackage written by our exporter.
    const lines = Array.from({ length: N_LINES }, (_, i) => {
      const x = 110.6 + (i % 400) * 0.0008, y = 32.4 + Math.floor(i / 400) * 0.001;
      return { id: `L${i}`, geometry: { type: 'LineString' as const, coordinates: [[x, y], [x + 0.0005, y + 0.0003], [x + 0.0007, y + 0.0006]] }, properties: { 编号: `L${i}`, 管径: 300 + (i % 6) * 100, 材质: 'PE' } };
    });
    const gpkg = join(t.dir, 'lines.gpkg');
    writeGeoPackage(gpkg, lines, { table: 'lines' });
    const store = openStore(join(t.dir, 'import.gpkg'));
    let imported = 0;
    const tImport = await (async () => {
      const t0 = performance.now();
      const r = await importFile(store.db, gpkg, { layerId: 'new:bench lines', mapping: {}, idField: '编号', nameField: null }, {});
      imported = r.count;
      return performance.now() - t0;
    })();
    const raw = openStore(join(t.dir, 'raw.gpkg'));
    createFeatureTable(raw.db, { table: 'raw_lines', geometryType: 'MULTILINESTRING', columns: ['external_id TEXT NOT NULL UNIQUE', 'name TEXT', 'demo INTEGER NOT NULL DEFAULT 0', 'props TEXT'], description: 'raw' });
    const blobs = lines.map((l) => encodeGpkgGeometry({ type: 'MultiLineString', coordinates: [l.geometry.coordinates] }));
    const props = lines.map((l) => JSON.stringify(l.properties));
    const ins = raw.db.prepare('INSERT INTO raw_lines (external_id, geom, props) VALUES (?, ?, ?)');
    const tRaw = timed(() => raw.db.transaction(() => lines.forEach((l, i) => ins.run(l.id, blobs[i], props[i])))());
    store.close();
    raw.close();
    const rate = imported / (tImport / 1000), rawRate = N_LINES / (tRaw / 1000);
    rows.push({ name: `import ${N_LINES.toLocaleString('en')} lines from GeoPackage (read+map+write)`, value: rate, baselineName: 'raw prepared insert, same rows', baseline: rawRate, unit: 'rows/s', goal: '>= 0.5 of raw', pass: rate / rawRate >= 0.5 });

    // 1,000,000 time-series rows as stream,time,value CSV.
    const csv = join(t.dir, 'obs.csv');
    const t0 = Date.UTC(2025, 0, 1);
    {
      const lines2: string[] = ['stream,time,value'];
      for (let i = 0; i < N_OBS; i++) lines2.push(`S${i % 20},${new Date(t0 + Math.floor(i / 20) * 300_000).toISOString()},${(i % 1000) / 10}`);
      writeFileSync(csv, lines2.join('\n'));
    }
    (globalThis as { gc?: () => void }).gc?.();
    const s2 = openStore(join(t.dir, 'ts.gpkg'));
    const tCsv = await (async () => {
      const a = performance.now();
      await importFile(s2.db, csv, null, {});
      return performance.now() - a;
    })();
    const r2 = openStore(join(t.dir, 'tsraw.gpkg'));
    const streamIns = r2.db.prepare(`INSERT INTO ts_streams (id, source) VALUES (?, 'raw')`);
    const obsIns = r2.db.prepare('INSERT INTO ts_observations (stream_id, ts, value) VALUES (?, ?, ?)');
    const tRaw2 = timed(() =>
      r2.db.transaction(() => {
        for (let s = 0; s < 20; s++) streamIns.run(`S${s}`);
        for (let i = 0; i < N_OBS; i++) obsIns.run(`S${i % 20}`, t0 + Math.floor(i / 20) * 300_000, (i % 1000) / 10);
      })(),
    );
    s2.close();
    r2.close();
    const rateCsv = N_OBS / (tCsv / 1000), rawCsv = N_OBS / (tRaw2 / 1000);
    rows.push({ name: `import ${N_OBS.toLocaleString('en')} CSV time-series rows (parse+upsert)`, value: rateCsv, baselineName: 'raw prepared insert, same rows', baseline: rawCsv, unit: 'rows/s', goal: '>= 0.5 of raw', pass: rateCsv / rawCsv >= 0.5 });
  } finally {
    t.cleanup();
  }
  return rows;
}
