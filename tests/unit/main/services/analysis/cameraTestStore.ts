// Hand-made cameras and terrain for the camera analysis tests: positions in metres east/north of ORIGIN.
import { join } from 'node:path';
import { fromLocal } from '../../../../../main/services/analysis/cameraGeometry';
import type { DemGrid } from '../../../../../main/sources/terrain/demGrid';
import { layerSchema } from '../../../../../main/store/layerSchemas';
import { LayerWriter } from '../../../../../main/store/layerWriter';
import { openStore, type Store } from '../../../../../main/store/openStore';
import { tempDir } from '../../../../helpers/tempStore';

export const ORIGIN = { lon: 110.8, lat: 32.6 };

/** lon/lat of a point `east`, `north` metres from ORIGIN. */
export function at(east: number, north: number): { lon: number; lat: number } {
  return fromLocal(ORIGIN.lon, ORIGIN.lat, east, north);
}

export interface TestCamera {
  id: string;
  east: number;
  north: number;
  camType?: 'bullet' | 'dome' | 'ptz' | null;
  heading?: number | null;
  hfov?: number | null;
  range?: number | null;
  height?: number | null;
  status?: 'online' | 'offline' | 'fault' | null;
  department?: string | null;
  props?: Record<string, unknown>;
}

export function openTestStore(): { store: Store; cleanup(): void } {
  const t = tempDir('cityops-cam-');
  const store = openStore(join(t.dir, 'cam.gpkg'));
  return {
    store,
    cleanup: () => {
      store.close();
      t.cleanup();
    },
  };
}

/** Writes cameras into the store's cameras layer (one transaction, through the R-tree triggers). */
export function writeCameras(store: Store, cams: readonly TestCamera[]): void {
  const writer = new LayerWriter(store.db, layerSchema('cameras')!);
  const result = { inserted: 0, updated: 0 };
  store.db.transaction(() => {
    for (const c of cams) {
      const p = at(c.east, c.north);
      writer.write(
        {
          external_id: c.id,
          name: `测试 ${c.id}`,
          geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
          columns: {
            cam_type: c.camType === undefined ? 'bullet' : c.camType,
            heading: c.heading === undefined ? 90 : c.heading,
            hfov: c.hfov === undefined ? 60 : c.hfov,
            range_m: c.range === undefined ? 200 : c.range,
            height_m: c.height === undefined ? 6 : c.height,
            department: c.department === undefined ? '公安茅箭分局' : c.department,
            status: c.status === undefined ? 'online' : c.status,
          },
          ...(c.props ? { props: c.props } : {}),
          demo: true,
        },
        result,
      );
    }
    writer.finish('test', true);
  })();
}

/**
 * A DEM around ORIGIN (±`halfM` metres, `cellM` spacing) whose height at each post is base(east, north) metres.
 * Row 0 is the north edge.
 */
export function syntheticDem(halfM: number, cellM: number, base: (east: number, north: number) => number): DemGrid {
  const sw = at(-halfM, -halfM);
  const ne = at(halfM, halfM);
  const n = Math.round((2 * halfM) / cellM) + 1;
  const heights = new Float32Array(n * n);
  for (let r = 0; r < n; r++) {
    const north = halfM - r * cellM;
    for (let c = 0; c < n; c++) heights[r * n + c] = base(-halfM + c * cellM, north);
  }
  return { west: sw.lon, south: sw.lat, east: ne.lon, north: ne.lat, width: n, height: n, heights };
}

/** Flat ground at 200 m with a north–south ridge 50 m high from 80 m to 120 m east of ORIGIN. */
export const ridgeDem = (): DemGrid => syntheticDem(1000, 5, (east) => (east >= 80 && east <= 120 ? 250 : 200));
/** Flat ground at 200 m. */
export const flatDem = (): DemGrid => syntheticDem(1000, 5, () => 200);
