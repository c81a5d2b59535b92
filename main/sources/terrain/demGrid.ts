/** A regular lon/lat elevation grid: row 0 is the north edge, heights in metres (Float32). */
export interface DemGrid {
  west: number;
  south: number;
  east: number;
  north: number;
  width: number;
  height: number;
  heights: Float32Array;
}

/** Bilinear height at a point; outside the grid the nearest edge value (no cliff at the border). */
export function demHeightAt(dem: DemGrid, lon: number, lat: number): number {
  const fx = ((lon - dem.west) / (dem.east - dem.west)) * (dem.width - 1);
  const fy = ((dem.north - lat) / (dem.north - dem.south)) * (dem.height - 1);
  const x = Math.min(Math.max(fx, 0), dem.width - 1);
  const y = Math.min(Math.max(fy, 0), dem.height - 1);
  const x0 = Math.floor(x), y0 = Math.floor(y);
  const x1 = Math.min(x0 + 1, dem.width - 1), y1 = Math.min(y0 + 1, dem.height - 1);
  const tx = x - x0, ty = y - y0;
  const h = (cx: number, cy: number) => dem.heights[cy * dem.width + cx]!;
  return (h(x0, y0) * (1 - tx) + h(x1, y0) * tx) * (1 - ty) + (h(x0, y1) * (1 - tx) + h(x1, y1) * tx) * ty;
}

/** Outside the grid, heights fall to 0 m over this many degrees, so the DEM has no wall at its edge. */
export const DEM_FADE_DEG = 0.2;

/** Height with the fade outside the grid: what every terrain tile samples, so neighbours always agree. */
export function terrainHeightAt(dem: DemGrid, lon: number, lat: number): number {
  const dx = lon < dem.west ? dem.west - lon : lon > dem.east ? lon - dem.east : 0;
  const dy = lat < dem.south ? dem.south - lat : lat > dem.north ? lat - dem.north : 0;
  const d = Math.hypot(dx, dy);
  if (d >= DEM_FADE_DEG) return 0;
  return demHeightAt(dem, lon, lat) * (1 - d / DEM_FADE_DEG);
}

/**
 * One heightmap tile of Cesium's GeographicTilingScheme (2×1 tiles at level 0, row 0 at the north),
 * `size`×`size` posts, Float32. Null for tiles entirely outside the DEM and its fade: flat at 0 m there.
 */
export function heightmapTile(dem: DemGrid, level: number, x: number, y: number, size = 65): Float32Array | null {
  const span = 180 / 2 ** level;
  const west = -180 + x * span;
  const north = 90 - y * span;
  const east = west + span;
  const south = north - span;
  const m = DEM_FADE_DEG;
  if (east < dem.west - m || west > dem.east + m || north < dem.south - m || south > dem.north + m) return null;
  const out = new Float32Array(size * size);
  for (let r = 0; r < size; r++) {
    const lat = north - (r / (size - 1)) * span;
    for (let c = 0; c < size; c++) out[r * size + c] = terrainHeightAt(dem, west + (c / (size - 1)) * span, lat);
  }
  return out;
}
