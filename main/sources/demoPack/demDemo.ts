import type { DemoDem } from './demoPackTypes';
import { pointInRing, polylineDistance, smoothstep, toXY } from './geoMath';
import { saiwudangPeak } from './maojianGeography';
import { hashInts, hashSeed } from './prng';
import type { RiverSystem } from './riversDemo';

/** DEM extent: the district bbox (110.588–110.949 E, 32.394–32.686 N) plus a margin of ~0.008°. */
export const DEM_BOUNDS = { west: 110.58, south: 32.386, east: 110.957, north: 32.694 } as const;
export const DEM_WIDTH = 340;
export const DEM_HEIGHT = 278;

const LOWEST = 187;
const HIGHEST = saiwudangPeak.elevation;
/** Heights above this are rescaled so that the highest sample is exactly HIGHEST. */
const MOUNTAIN_KNEE = 800;

/** Quintic-faded value noise on an integer lattice, in [−1, 1]. */
function valueNoise(seed: number, x: number, y: number): number {
  const ix = Math.floor(x);
  const iy = Math.floor(y);
  const fx = x - ix;
  const fy = y - iy;
  const ux = fx * fx * fx * (fx * (fx * 6 - 15) + 10);
  const uy = fy * fy * fy * (fy * (fy * 6 - 15) + 10);
  const a = hashInts(seed, ix, iy) / 2147483647.5 - 1;
  const b = hashInts(seed, ix + 1, iy) / 2147483647.5 - 1;
  const c = hashInts(seed, ix, iy + 1) / 2147483647.5 - 1;
  const d = hashInts(seed, ix + 1, iy + 1) / 2147483647.5 - 1;
  return a + (b - a) * ux + (c - a) * uy + (a - b - c + d) * ux * uy;
}

/** Fractal Brownian motion in local metres, roughly in [−1, 1]. */
function fbm(seed: number, x: number, y: number): number {
  let sum = 0;
  let amp = 0.5;
  let wavelength = 7000;
  for (let octave = 0; octave < 6; octave++) {
    sum += amp * valueNoise(seed + octave * 1013, x / wavelength + 17.3 * octave, y / wavelength - 9.1 * octave);
    amp *= 0.5;
    wavelength *= 0.5;
  }
  return sum * 1.6;
}

/**
 * The synthetic terrain: a regional rise to the south-west, the 赛武当 massif, fBm relief, river valleys carved to
 * their bed profiles (187 m where 泗河 leaves the district) and flat reservoir surfaces at their normal pool.
 */
export function generateDemoDem(seed: string, rivers: RiverSystem): DemoDem {
  const noiseSeed = hashSeed(`${seed}/dem`)[0];
  const { west, south, east, north } = DEM_BOUNDS;
  const width = DEM_WIDTH;
  const height = DEM_HEIGHT;
  const raw = new Float64Array(width * height);
  const [ax, ay] = toXY(110.925, 32.66); // the low north-east
  const [px, py] = toXY(saiwudangPeak.at[0], saiwudangPeak.at[1]);
  const axisX = px - ax;
  const axisY = py - ay;
  const axisLen2 = axisX * axisX + axisY * axisY;
  const massifR2 = 11000 * 11000;
  const [townX0, townY0] = toXY(110.765, 32.585);
  const [townX1, townY1] = toXY(110.91, 32.662);
  const boxes = rivers.rivers.map((r) => {
    const reach = r.course.floor + r.course.valley;
    const xs = r.line.pts.map((p) => p[0]);
    const ys = r.line.pts.map((p) => p[1]);
    return {
      r,
      reach,
      hint: 1,
      minX: Math.min(...xs) - reach,
      maxX: Math.max(...xs) + reach,
      minY: Math.min(...ys) - reach,
      maxY: Math.max(...ys) + reach,
    };
  });
  let max = -Infinity;
  for (let row = 0; row < height; row++) {
    const lat = north - (row * (north - south)) / (height - 1);
    for (let col = 0; col < width; col++) {
      const lon = west + (col * (east - west)) / (width - 1);
      const [x, y] = toXY(lon, lat);
      let s = ((x - ax) * axisX + (y - ay) * axisY) / axisLen2;
      s = s < 0 ? 0 : s > 1 ? 1 : s;
      const dpx = x - px;
      const dpy = y - py;
      const r2 = (dpx * dpx + dpy * dpy) / massifR2;
      const massif = r2 < 1 ? 800 * (1 - r2) * (1 - r2) : 0;
      // The town sits on gentler ground: damp the relief inside (and smoothly around) its box.
      const ox = x < townX0 ? townX0 - x : x > townX1 ? x - townX1 : 0;
      const oy = y < townY0 ? townY0 - y : y > townY1 ? y - townY1 : 0;
      const town = 1 - smoothstep(Math.sqrt(ox * ox + oy * oy) / 2000);
      let h = 250 + 640 * s * Math.sqrt(s) + massif + (55 + 330 * s) * (1 - 0.75 * town) * fbm(noiseSeed, x, y);
      if (h < 235) h = 235 + (h - 235) * 0.2;
      // Carve valleys: each river pulls the surface down to its bed; keep the lowest result.
      let carved = h;
      for (const b of boxes) {
        if (x < b.minX || x > b.maxX || y < b.minY || y > b.maxY) continue;
        const { d, along, index } = polylineDistance(b.r.line, x, y, b.hint);
        b.hint = index;
        if (d >= b.reach) continue;
        const bed = b.r.bedAt(along);
        const v = smoothstep((d - b.r.course.floor) / b.r.course.valley);
        const c = bed + Math.max(0, h - bed) * v;
        if (c < carved) carved = c;
      }
      raw[row * width + col] = carved;
      if (carved > max) max = carved;
    }
  }
  const k = (HIGHEST - MOUNTAIN_KNEE) / (max - MOUNTAIN_KNEE);
  const heights = new Float32Array(width * height);
  for (let i = 0; i < raw.length; i++) {
    const h = raw[i] ?? LOWEST;
    heights[i] = h > MOUNTAIN_KNEE ? MOUNTAIN_KNEE + (h - MOUNTAIN_KNEE) * k : Math.max(LOWEST, h);
  }
  // Reservoir surfaces at their normal pool.
  for (const res of rivers.reservoirs) {
    const xs = res.ring.map((p) => p[0]);
    const ys = res.ring.map((p) => p[1]);
    const [minX, minY, maxX, maxY] = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
    for (let row = 0; row < height; row++) {
      const lat = north - (row * (north - south)) / (height - 1);
      for (let col = 0; col < width; col++) {
        const lon = west + (col * (east - west)) / (width - 1);
        const [x, y] = toXY(lon, lat);
        if (x < minX || x > maxX || y < minY || y > maxY) continue;
        if (pointInRing(res.ring, x, y)) heights[row * width + col] = res.pool;
      }
    }
  }
  return { west, south, east, north, width, height, heights };
}

/** Bilinear height (m) at a lon/lat; positions outside the grid are clamped to its edge. */
export function demHeightAt(dem: DemoDem, lon: number, lat: number): number {
  let fx = ((lon - dem.west) / (dem.east - dem.west)) * (dem.width - 1);
  let fy = ((dem.north - lat) / (dem.north - dem.south)) * (dem.height - 1);
  fx = fx < 0 ? 0 : fx > dem.width - 1 ? dem.width - 1 : fx;
  fy = fy < 0 ? 0 : fy > dem.height - 1 ? dem.height - 1 : fy;
  const c0 = Math.min(dem.width - 2, Math.floor(fx));
  const r0 = Math.min(dem.height - 2, Math.floor(fy));
  const tx = fx - c0;
  const ty = fy - r0;
  const i = r0 * dem.width + c0;
  const h00 = dem.heights[i] ?? 0;
  const h10 = dem.heights[i + 1] ?? 0;
  const h01 = dem.heights[i + dem.width] ?? 0;
  const h11 = dem.heights[i + dem.width + 1] ?? 0;
  return h00 * (1 - tx) * (1 - ty) + h10 * tx * (1 - ty) + h01 * (1 - tx) * ty + h11 * tx * ty;
}
