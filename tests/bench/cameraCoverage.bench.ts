import { join } from 'node:path';
import { CameraCoverage } from '../../main/services/analysis/cameraCoverage';
import { cameraSector, insideSector } from '../../main/services/analysis/cameraFov';
import { bearingOf, fromLocal, toLocal } from '../../main/services/analysis/cameraGeometry';
import { CAMERA_COLUMNS, toCameraRecord, type CameraRow } from '../../main/services/analysis/cameraRecord';
import { insideDem, lineOfSight } from '../../main/services/analysis/lineOfSight';
import type { DemGrid } from '../../main/sources/terrain/demGrid';
import { layerSchema } from '../../main/store/layerSchemas';
import { LayerWriter } from '../../main/store/layerWriter';
import { openStore } from '../../main/store/openStore';
import { cameraClustering, type ScreenPoint } from '../../renderer/layers/cameras/cameraClustering';
import { tempDir } from '../helpers/tempStore';
import { medianMs, type Row } from './benchHarness';

const EXTENT = { west: 110.6, south: 32.45, east: 110.95, north: 32.7 };

/** A deterministic ~30 m DEM over the district (1,200 × 960 posts): valleys at 200 m, ridges up to ~700 m. */
function districtDem(): DemGrid {
  const west = 110.58, south = 32.386, east = 110.957, north = 32.694;
  const width = 1200, height = 960;
  const heights = new Float32Array(width * height);
  for (let r = 0; r < height; r++) {
    const lat = north - (r * (north - south)) / (height - 1);
    for (let c = 0; c < width; c++) {
      const lon = west + (c * (east - west)) / (width - 1);
      const u = (lon - west) * 90, v = (lat - south) * 90;
      heights[r * width + c] = 200 + 180 * (1 + Math.sin(u) * Math.cos(v * 1.3)) + 60 * Math.sin(u * 7.1 + v * 3.3) ** 2 + 25 * Math.cos(u * 23 - v * 17);
    }
  }
  return { west, south, east, north, width, height, heights };
}

/**
 * 10,000 cameras in a temp store: which cameras see a point (R-tree candidates) without and with DEM line of sight,
 * each next to the same analysis over a full table scan; one camera's coverage polygon over the DEM; clustering
 * 10,000 screen points with the previous frame.
 */
export function cameraCoverageBench(): Row[] {
  const t = tempDir('cityops-bench-cam-');
  const store = openStore(join(t.dir, 'cams.gpkg'));
  try {
    let seed = 20260701;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const writer = new LayerWriter(store.db, layerSchema('cameras')!);
    const result = { inserted: 0, updated: 0 };
    const positions: [number, number][] = [];
    store.db.transaction(() => {
      for (let i = 0; i < 10_000; i++) {
        const lon = EXTENT.west + rnd() * (EXTENT.east - EXTENT.west);
        const lat = EXTENT.south + rnd() * (EXTENT.north - EXTENT.south);
        positions.push([lon, lat]);
        const roll = rnd();
        const camType = roll < 0.6 ? 'bullet' : roll < 0.85 ? 'dome' : 'ptz';
        const status = rnd() < 0.9 ? 'online' : 'offline';
        writer.write(
          {
            external_id: `CAM${String(i).padStart(5, '0')}`,
            name: `bench ${i}`,
            geometry: { type: 'Point', coordinates: [lon, lat] },
            columns: { cam_type: camType, heading: Math.floor(rnd() * 360), hfov: 40 + rnd() * 70, range_m: camType === 'ptz' ? 150 + rnd() * 150 : 50 + rnd() * 150, height_m: 4 + rnd() * 8, status },
            demo: true,
          },
          result,
        );
      }
      writer.finish('bench', true);
    })();
    // Query points near cameras (where an operator clicks), 20–80 m off a camera in a random direction.
    const queries = Array.from({ length: 301 }, () => {
      const [lon, lat] = positions[Math.floor(rnd() * positions.length)]!;
      const d = 20 + rnd() * 60, a = rnd() * 2 * Math.PI;
      return fromLocal(lon, lat, d * Math.sin(a), d * Math.cos(a));
    });
    const dem = districtDem();
    const coverage = new CameraCoverage(store.db, dem);
    let q = 0;
    const next = () => queries[q++ % queries.length]!;
    const rtreeFlat = medianMs(() => coverage.camerasSeeing(next(), { terrain: null }), 301, 20);
    const rtreeDem = medianMs(() => coverage.camerasSeeing(next()), 301, 20);
    let found = 0;
    for (const p of queries) found += coverage.camerasSeeing(p).cameras.length;

    const scanStmt = store.db.prepare(`SELECT ${CAMERA_COLUMNS} FROM cameras`);
    const scan = (p: { lon: number; lat: number }, withDem: DemGrid | null) => {
      const out: string[] = [];
      for (const row of scanStmt.iterate() as Iterable<CameraRow>) {
        const cam = toCameraRecord(row);
        if (!cam || cam.status !== 'online' || cam.rangeM === null) continue;
        const { x, y } = toLocal(cam.lon, cam.lat, p.lon, p.lat);
        if (Math.hypot(x, y) > cam.rangeM) continue;
        const sector = cameraSector(cam);
        if (typeof sector === 'string' || !insideSector(sector, bearingOf(x, y))) continue;
        if (withDem && insideDem(withDem, cam.lon, cam.lat) && !lineOfSight(withDem, { lon: cam.lon, lat: cam.lat, above: cam.heightM ?? 0 }, { ...p, above: 1.5 }).visible) continue;
        out.push(cam.id);
      }
      return out;
    };
    const scanFlat = medianMs(() => scan(next(), null), 21, 2);
    const scanDem = medianMs(() => scan(next(), dem), 21, 2);

    // Any write on the connection (e.g. a time-series ingest) makes the next query re-read the largest range.
    store.db.exec(`CREATE TABLE bench_touch (v INTEGER)`);
    const touch = store.db.prepare(`INSERT INTO bench_touch (v) VALUES (1)`);
    const afterWrite = medianMs(() => {
      touch.run();
      coverage.camerasSeeing(next());
    }, 101, 5);
    const touchOnly = medianMs(() => touch.run(), 101, 5);

    // The widest view: the longest-range PTZ camera, all round.
    const ptz = (store.db.prepare(`SELECT external_id AS id FROM cameras WHERE cam_type = 'ptz' ORDER BY range_m DESC LIMIT 1`).get() as { id: string }).id;
    const polyDem = medianMs(() => coverage.coverageOf(ptz), 51, 5);
    const polyFlat = medianMs(() => coverage.coverageOf(ptz, { terrain: null }), 51, 5);

    const pts: ScreenPoint[] = positions.map(([lon, lat], i) => ({ id: `CAM${i}`, x: ((lon - EXTENT.west) / 0.35) * 1920, y: ((EXTENT.north - lat) / 0.25) * 1080 }));
    let frame = 0;
    let prev = cameraClustering(pts, 40);
    const clusterStep = medianMs(() => {
      const s = 1 + 0.03 * Math.sin(frame++);
      prev = cameraClustering(pts.map((p) => ({ id: p.id, x: 960 + (p.x - 960) * s, y: 540 + (p.y - 540) * s })), 40, prev);
    }, 51, 5);
    const clusterFresh = medianMs(() => cameraClustering(pts, 40), 51, 5);

    return [
      {
        name: `cameras.seeing, 10k cameras, no terrain (R-tree; ${(found / queries.length).toFixed(1)} seeing/query with DEM)`,
        value: rtreeFlat,
        baselineName: 'full table scan, same test',
        baseline: scanFlat,
        unit: 'ms',
        goal: 'value < 10 ms',
        pass: rtreeFlat < 10,
      },
      { name: 'cameras.seeing, 10k cameras, DEM line of sight (~30 m posts)', value: rtreeDem, baselineName: 'full table scan + line of sight', baseline: scanDem, unit: 'ms', goal: 'value < 50 ms', pass: rtreeDem < 50 },
      {
        name: 'cameras.seeing with DEM right after a store write',
        value: afterWrite,
        baselineName: 'the write alone',
        baseline: touchOnly,
        unit: 'ms',
        goal: 'value < 10 ms',
        pass: afterWrite < 10,
      },
      { name: 'cameras.coverage polygon, longest PTZ, DEM ray march', value: polyDem, baselineName: 'same polygon without terrain', baseline: polyFlat, unit: 'ms', goal: 'value < 50 ms', pass: polyDem < 50 },
      { name: 'cluster 10k screen points with the previous frame', value: clusterStep, baselineName: 'cluster from scratch', baseline: clusterFresh, unit: 'ms', goal: 'value < 16 ms (one frame)', pass: clusterStep < 16 },
    ];
  } finally {
    store.close();
    t.cleanup();
  }
}
