import { heightmapTile, type DemGrid } from '../../main/sources/terrain/demGrid';
import { medianMs, type Row } from './benchHarness';

/** One 65×65 heightmap tile from a 400×400 DEM vs copying 65×65 floats (the floor for any tile). */
export function terrainTilesBench(): Row[] {
  const w = 400, h = 400;
  const heights = new Float32Array(w * h).map((_, i) => 200 + (i % w) + Math.floor(i / w));
  const dem: DemGrid = { west: 110.55, south: 32.35, east: 111.0, north: 32.73, width: w, height: h, heights };
  const level = 12, x = Math.floor((110.8 + 180) / (180 / 2 ** level)), y = Math.floor((90 - 32.6) / (180 / 2 ** level));
  const tile = medianMs(() => heightmapTile(dem, level, x, y, 65), 200, 20);
  const src = new Float32Array(65 * 65);
  const copy = medianMs(() => Float32Array.from(src), 200, 20);
  return [{ name: 'heightmap tile 65×65 (bilinear + fade)', value: tile, baselineName: 'copy 65×65 floats', baseline: copy, unit: 'ms', goal: 'value <= 2 ms', pass: tile <= 2 }];
}
