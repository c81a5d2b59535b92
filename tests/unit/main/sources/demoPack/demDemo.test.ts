import { describe, expect, it } from 'vitest';
import { demHeightAt } from '../../../../../main/sources/demoPack/demDemo';
import { coords, defaultPack, layer, point } from './demoPackFixture';

const { dem } = defaultPack();

describe('demo DEM', () => {
  it('covers the district bbox with 250–400 columns of finite heights', () => {
    expect(dem.width).toBeGreaterThanOrEqual(250);
    expect(dem.width).toBeLessThanOrEqual(400);
    expect(dem.heights).toHaveLength(dem.width * dem.height);
    expect(dem.west).toBeLessThanOrEqual(110.588);
    expect(dem.east).toBeGreaterThanOrEqual(110.949);
    expect(dem.south).toBeLessThanOrEqual(32.394);
    expect(dem.north).toBeGreaterThanOrEqual(32.686);
    expect(dem.heights.every((h) => Number.isFinite(h))).toBe(true);
  });

  it('runs from ~187 m in the valleys to ~1730 m, higher in the south-west than the north-east', () => {
    let min = Infinity;
    let max = -Infinity;
    for (const h of dem.heights) {
      min = Math.min(min, h);
      max = Math.max(max, h);
    }
    expect(min).toBeGreaterThanOrEqual(150);
    expect(min).toBeLessThanOrEqual(260);
    expect(max).toBeGreaterThanOrEqual(1600);
    expect(max).toBeLessThanOrEqual(1800);
    const mean = (rows: [number, number], cols: [number, number]): number => {
      let s = 0;
      let n = 0;
      for (let r = rows[0]; r < rows[1]; r++) {
        for (let c = cols[0]; c < cols[1]; c++) {
          s += dem.heights[r * dem.width + c] ?? 0;
          n++;
        }
      }
      return s / n;
    };
    const hw = Math.floor(dem.width / 2);
    const hh = Math.floor(dem.height / 2);
    const sw = mean([hh, dem.height], [0, hw]);
    const ne = mean([0, hh], [hw, dem.width]);
    expect(sw).toBeGreaterThan(ne + 200);
  });

  it('puts 赛武当 high and the river valleys low', () => {
    const peak = layer(defaultPack(), 'places').find((p) => p.name === '赛武当');
    const [lon, lat] = point(coords(peak));
    expect(demHeightAt(dem, lon, lat)).toBeGreaterThan(1300);
    const sihe = layer(defaultPack(), 'rivers').find((r) => r.name === '泗河');
    const line = (coords(sihe) as number[][][])[0] ?? [];
    const last = line[line.length - 1] ?? [];
    expect(demHeightAt(dem, last[0] ?? 0, last[1] ?? 0)).toBeLessThan(200);
  });

  it('is smooth: neighbouring samples differ by less than 120 m (~100 m apart)', () => {
    let worst = 0;
    for (let r = 0; r < dem.height; r++) {
      for (let c = 1; c < dem.width; c++) {
        const i = r * dem.width + c;
        worst = Math.max(worst, Math.abs((dem.heights[i] ?? 0) - (dem.heights[i - 1] ?? 0)));
      }
    }
    expect(worst).toBeLessThan(120);
  });

  it('demHeightAt interpolates bilinearly between posts and clamps outside the grid', () => {
    const dx = (dem.east - dem.west) / (dem.width - 1);
    const dy = (dem.north - dem.south) / (dem.height - 1);
    const r = 100;
    const c = 150;
    const h = (rr: number, cc: number): number => dem.heights[rr * dem.width + cc] ?? NaN;
    expect(demHeightAt(dem, dem.west + c * dx, dem.north - r * dy)).toBeCloseTo(h(r, c), 3);
    const mid = demHeightAt(dem, dem.west + (c + 0.5) * dx, dem.north - (r + 0.5) * dy);
    expect(mid).toBeCloseTo((h(r, c) + h(r, c + 1) + h(r + 1, c) + h(r + 1, c + 1)) / 4, 3);
    expect(demHeightAt(dem, dem.west - 1, dem.north + 1)).toBeCloseTo(h(0, 0), 5);
    expect(demHeightAt(dem, dem.east + 1, dem.south - 1)).toBeCloseTo(h(dem.height - 1, dem.width - 1), 5);
  });
});
