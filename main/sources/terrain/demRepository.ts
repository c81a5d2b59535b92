import type Database from 'better-sqlite3';
import type { DemGrid } from './demGrid';

export interface StoredDem extends DemGrid {
  id: string;
  minHeight: number;
  maxHeight: number;
  source: string;
  demo: boolean;
}

/** Stores a DEM grid (one row, heights as a Float32 little-endian blob), replacing one with the same id. */
export function saveDem(db: Database.Database, id: string, dem: DemGrid, source: string, demo: boolean): void {
  if (dem.heights.length !== dem.width * dem.height) throw new Error(`DEM ${id}: ${dem.heights.length} heights for a ${dem.width}×${dem.height} grid`);
  let min = Infinity, max = -Infinity;
  for (const h of dem.heights) {
    if (!Number.isFinite(h)) throw new Error(`DEM ${id}: a height is not a finite number`);
    if (h < min) min = h;
    if (h > max) max = h;
  }
  const blob = Buffer.from(dem.heights.buffer, dem.heights.byteOffset, dem.heights.byteLength);
  db.prepare(
    `INSERT INTO cityops_dem (id, west, south, east, north, width, height, heights, min_height, max_height, source, demo, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET west=excluded.west, south=excluded.south, east=excluded.east, north=excluded.north, width=excluded.width,
       height=excluded.height, heights=excluded.heights, min_height=excluded.min_height, max_height=excluded.max_height,
       source=excluded.source, demo=excluded.demo, updated_at=excluded.updated_at`,
  ).run(id, dem.west, dem.south, dem.east, dem.north, dem.width, dem.height, blob, min, max, source, demo ? 1 : 0, new Date().toISOString());
}

export function loadDem(db: Database.Database, id: string): StoredDem | null {
  const r = db.prepare(`SELECT * FROM cityops_dem WHERE id = ?`).get(id) as
    | { id: string; west: number; south: number; east: number; north: number; width: number; height: number; heights: Buffer; min_height: number; max_height: number; source: string; demo: number }
    | undefined;
  if (!r) return null;
  const copy = new Uint8Array(r.heights); // aligned copy for the Float32 view
  return {
    id: r.id,
    west: r.west,
    south: r.south,
    east: r.east,
    north: r.north,
    width: r.width,
    height: r.height,
    heights: new Float32Array(copy.buffer, 0, r.width * r.height),
    minHeight: r.min_height,
    maxHeight: r.max_height,
    source: r.source,
    demo: r.demo === 1,
  };
}
