import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type Database from 'better-sqlite3';
import { loadDrainageNetwork } from '../../main/services/drainage/drainageNetwork';
import { topologyCheck } from '../../main/services/drainage/topologyCheck';
import { traceNetwork } from '../../main/services/drainage/traceNetwork';
import { layerSchema } from '../../main/store/layerSchemas';
import { LayerWriter } from '../../main/store/layerWriter';
import { openStore } from '../../main/store/openStore';
import { tempDir } from '../helpers/tempStore';
import { medianMs, type Row } from './benchHarness';

const CATCHMENTS = 10;
const MAIN = 1000; // main-line pipes per catchment (the last one into the outfall)
const LATERAL = 9; // pipes of the lateral chain feeding each main-line manhole

/**
 * A deterministic 100,000-pipe storm network: 10 catchments, each a 1,000-pipe main line to an outfall with a 9-pipe
 * lateral at every main manhole. Inverts fall 0.1 m per pipe downstream and diameters grow, so the check finds nothing.
 */
function writeNetwork(db: Database.Database): { tip: string; outfall: string } {
  const nodes = new LayerWriter(db, layerSchema('drainage_nodes')!);
  const pipes = new LayerWriter(db, layerSchema('drainage_pipes')!);
  const result = { inserted: 0, updated: 0 };
  let pipeNo = 0;
  db.transaction(() => {
    const node = (id: string, type: string, lon: number, lat: number, ground: number) =>
      nodes.write({ external_id: id, name: null, geometry: { type: 'Point', coordinates: [lon, lat] }, columns: { node_type: type, network: 'rain', ground_elev: ground, invert_elev: ground - 2 }, demo: true }, result);
    const pipe = (up: string, down: string, a: [number, number], b: [number, number], upInv: number, d: number) =>
      pipes.write(
        {
          external_id: `P${++pipeNo}`,
          name: null,
          geometry: { type: 'LineString', coordinates: [a, b] },
          columns: { network: 'rain', up_node: up, down_node: down, diameter_mm: d, up_invert: upInv, down_invert: upInv - 0.05, length_m: 50 },
          demo: true,
        },
        result,
      );
    for (let c = 0; c < CATCHMENTS; c++) {
      const lat0 = 32.5 + c * 0.01;
      const at = (i: number, j: number): [number, number] => [110.7 + i * 0.0005, lat0 + j * 0.0005];
      // Ground and inverts: 0.1 m lower per pipe towards the outfall (main index i grows downstream).
      const mainGround = (i: number) => 400 - i * 0.1;
      node(`C${c}O`, 'outfall', ...at(MAIN, 0), mainGround(MAIN));
      for (let i = 0; i < MAIN; i++) {
        const id = `C${c}M${i}`;
        node(id, 'manhole', ...at(i, 0), mainGround(i));
        const down = i === MAIN - 1 ? `C${c}O` : `C${c}M${i + 1}`;
        pipe(id, down, at(i, 0), at(i + 1, 0), mainGround(i) - 2, 600 + Math.floor(i / 100) * 100);
        for (let j = 1; j <= LATERAL; j++) {
          const lid = `C${c}M${i}L${j}`;
          const g = mainGround(i) + j * 0.1;
          node(lid, 'manhole', ...at(i, j), g);
          pipe(lid, j === 1 ? id : `C${c}M${i}L${j - 1}`, at(i, j), at(i, j - 1), g - 2, 300);
        }
      }
    }
    nodes.finish('bench', true);
    pipes.finish('bench', true);
  })();
  return { tip: `C0M0L${LATERAL}`, outfall: `C${CATCHMENTS - 1}O` };
}

/** The same trace as a loop of one SQL query per node (the naive approach), over indexed up_node/down_node. */
function sqlTrace(db: Database.Database, start: string, direction: 'up' | 'down'): number {
  const stmt = db.prepare(direction === 'down' ? `SELECT external_id, down_node AS next FROM drainage_pipes WHERE up_node = ?` : `SELECT external_id, up_node AS next FROM drainage_pipes WHERE down_node = ?`);
  const seen = new Set<string>([start]);
  const queue = [start];
  let pipes = 0;
  for (let i = 0; i < queue.length; i++) {
    for (const r of stmt.all(queue[i]) as { external_id: string; next: string | null }[]) {
      pipes++;
      if (r.next && !seen.has(r.next)) {
        seen.add(r.next);
        queue.push(r.next);
      }
    }
  }
  return pipes;
}

export function drainageNetworkBench(): Row[] {
  const t = tempDir('cityops-bench-drainage-');
  const store = openStore(join(t.dir, 'drainage.gpkg'));
  try {
    const t0 = performance.now();
    const { tip, outfall } = writeNetwork(store.db);
    const writeMs = performance.now() - t0;
    // The baseline gets the indexes a per-step query needs (the store itself does not carry them).
    store.db.exec(`CREATE INDEX bench_up ON drainage_pipes (up_node); CREATE INDEX bench_down ON drainage_pipes (down_node);`);
    const net = loadDrainageNetwork(store.db, { geometry: true });
    if (net.pipeCount !== CATCHMENTS * MAIN * (LATERAL + 1)) throw new Error(`expected 100,000 pipes, got ${net.pipeCount}`);
    const down = traceNetwork(net, tip, 'down');
    const up = traceNetwork(net, outfall, 'up');
    if (down.pipeCount !== LATERAL + MAIN || sqlTrace(store.db, tip, 'down') !== down.pipeCount) throw new Error('downstream traces disagree');
    if (up.pipeCount !== MAIN * (LATERAL + 1) || sqlTrace(store.db, outfall, 'up') !== up.pipeCount) throw new Error('upstream traces disagree');
    const findings = topologyCheck(net).findings.length;
    if (findings !== 0) throw new Error(`the generated network should be clean, the check found ${findings}`);

    const downMs = medianMs(() => traceNetwork(net, tip, 'down'), 15, 3);
    const downSql = medianMs(() => sqlTrace(store.db, tip, 'down'), 5, 1);
    const upMs = medianMs(() => traceNetwork(net, outfall, 'up'), 15, 3);
    const upSql = medianMs(() => sqlTrace(store.db, outfall, 'up'), 5, 1);
    const loadMs = medianMs(() => loadDrainageNetwork(store.db), 5, 1);
    const loadGeomMs = medianMs(() => loadDrainageNetwork(store.db, { geometry: true }), 5, 1);
    const checkMs = medianMs(() => topologyCheck(loadDrainageNetwork(store.db, { geometry: true })), 5, 1);
    const rawMs = medianMs(() => {
      store.db.prepare(`SELECT * FROM drainage_nodes`).raw(true).all();
      store.db.prepare(`SELECT * FROM drainage_pipes`).raw(true).all();
    }, 5, 1);
    console.log(`drainage bench: wrote 100,000 pipes and ${net.nodeCount} nodes in ${Math.round(writeMs)} ms`);
    return [
      { name: `trace downstream, ${down.pipeCount} of 100,000 pipes (CSR)`, value: downMs, baselineName: 'per-step SQL query', baseline: downSql, unit: 'ms', goal: 'value < 20 ms', pass: downMs < 20 },
      { name: `trace upstream catchment, ${up.pipeCount} pipes (CSR)`, value: upMs, baselineName: 'per-step SQL query', baseline: upSql, unit: 'ms', goal: 'value < 20 ms', pass: upMs < 20 },
      { name: 'load 100,000-pipe network into CSR arrays (attributes; what a trace needs)', value: loadMs, baselineName: 'SELECT * of both tables', baseline: rawMs, unit: 'ms', goal: 'value < 1,000 ms', pass: loadMs < 1000 },
      { name: 'topology check of 100,000 pipes (load with geometry + all checks)', value: checkMs, baselineName: 'load the network with geometry only', baseline: loadGeomMs, unit: 'ms', goal: 'value < 2,000 ms', pass: checkMs < 2000 },
    ];
  } finally {
    store.close();
    t.cleanup();
  }
}
