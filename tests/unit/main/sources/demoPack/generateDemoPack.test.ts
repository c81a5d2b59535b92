import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateDemoPack, type DemoPack } from '../../../../../main/sources/demoPack/generateDemoPack';
import { layerSchemas } from '../../../../../main/store/layerSchemas';
import { bbox, boundaryParts, coords, defaultPack, inRing, insideBoundary, layer, point } from './demoPackFixture';

function digest(pack: DemoPack): string {
  const h = createHash('sha256');
  h.update(JSON.stringify({ version: pack.version, layers: pack.layers }));
  const { heights, ...meta } = pack.dem;
  h.update(JSON.stringify(meta));
  h.update(Buffer.from(heights.buffer, heights.byteOffset, heights.byteLength));
  return h.digest('hex');
}

const geometryTypeOf: Record<string, string> = {
  POINT: 'Point',
  LINESTRING: 'LineString',
  MULTILINESTRING: 'MultiLineString',
  MULTIPOLYGON: 'MultiPolygon',
};

function* positions(coords: unknown): Generator<[number, number]> {
  if (Array.isArray(coords) && typeof coords[0] === 'number') yield point(coords);
  else if (Array.isArray(coords)) for (const c of coords) yield* positions(c);
}

describe('generateDemoPack', () => {
  it('is deterministic: same seed gives byte-identical output, another seed differs', () => {
    const a = digest(generateDemoPack());
    const b = digest(generateDemoPack('maojian-demo-v1'));
    const c = digest(generateDemoPack('another-seed'));
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('generates the whole pack well within 3 s', () => {
    const t0 = performance.now();
    generateDemoPack('timing');
    expect(performance.now() - t0).toBeLessThan(3000);
  });

  it('uses exactly the schema layer ids, geometry types and columns (+ demo)', () => {
    const pack = defaultPack();
    const ids = layerSchemas.filter((s) => s.id in pack.layers).map((s) => s.id);
    expect(Object.keys(pack.layers).sort()).toEqual(ids.sort());
    expect(ids).toEqual(
      expect.arrayContaining([
        'drainage_nodes',
        'drainage_pipes',
        'cameras',
        'flood_stations',
        'facilities',
        'subdistricts',
        'places',
        'rivers',
        'water_areas',
        'roads',
      ]),
    );
    const problems: string[] = [];
    for (const schema of layerSchemas) {
      const features = pack.layers[schema.id];
      if (!features) continue;
      const expected = [...schema.columns.map((c) => c.name), 'demo'].sort().join();
      const seen = new Set<string>();
      for (const f of features) {
        const where = `${schema.id} ${f.external_id}`;
        if (Object.keys(f.columns).sort().join() !== expected) problems.push(`${where}: columns ${Object.keys(f.columns).join()}`);
        if (f.geometry.type !== geometryTypeOf[schema.geometryType]) problems.push(`${where}: geometry ${f.geometry.type}`);
        if (!f.name) problems.push(`${where}: no name`);
        if (seen.has(f.external_id)) problems.push(`${where}: duplicate id`);
        seen.add(f.external_id);
        for (const c of schema.columns) {
          const v = f.columns[c.name];
          if (v === null || v === undefined) continue;
          const numberOk = typeof v === 'number' && Number.isFinite(v) && (c.sql === 'REAL' || Number.isInteger(v));
          const typeOk = c.sql === 'TEXT' ? typeof v === 'string' : numberOk;
          if (!typeOk) problems.push(`${where}: ${c.name}=${String(v)} is not ${c.sql}`);
          if (c.values && !(String(v) in c.values)) problems.push(`${where}: ${c.name}=${String(v)} not an allowed value`);
        }
      }
    }
    expect(problems.slice(0, 20)).toEqual([]);
  });

  it('has counts in range', () => {
    const pack = defaultPack();
    expect(layer(pack, 'subdistricts')).toHaveLength(7);
    expect(layer(pack, 'places').length).toBe(10);
    expect(layer(pack, 'rivers').map((f) => f.name).sort()).toEqual(['泗河', '百二河', '神定河', '茅塔河', '马家河'].sort());
    expect(layer(pack, 'water_areas').map((f) => f.name).sort()).toEqual(['茅塔河水库', '马家河水库'].sort());
    expect(layer(pack, 'drainage_pipes').length).toBeGreaterThanOrEqual(5000);
    expect(layer(pack, 'drainage_pipes').length).toBeLessThanOrEqual(20000);
    expect(layer(pack, 'cameras').length).toBeGreaterThanOrEqual(1800);
    expect(layer(pack, 'cameras').length).toBeLessThanOrEqual(2200);
    expect(layer(pack, 'flood_stations').length).toBeGreaterThanOrEqual(15);
    expect(layer(pack, 'facilities').length).toBeGreaterThanOrEqual(24);
    expect(layer(pack, 'facilities').length).toBeLessThanOrEqual(80);
    expect(layer(pack, 'roads').length).toBeGreaterThan(20);
  });

  it('marks real-but-approximate layers demo = 0 with a source, synthetic ones demo = 1', () => {
    const pack = defaultPack();
    for (const id of ['subdistricts', 'places', 'rivers', 'water_areas']) {
      for (const f of layer(pack, id)) {
        expect(f.columns.demo).toBe(0);
        expect(f.props?.approximate).toBe(true);
        expect(typeof f.props?.source).toBe('string');
      }
    }
    for (const id of ['roads', 'drainage_nodes', 'drainage_pipes', 'cameras', 'flood_stations', 'facilities']) {
      for (const f of layer(pack, id)) expect(f.columns.demo).toBe(1);
    }
    const ranks = layer(pack, 'places').map((f) => f.columns.rank);
    expect(new Set(ranks)).toEqual(new Set([1, 2, 3]));
  });

  it('keeps every feature inside the district bbox and every point inside the boundary', () => {
    const pack = defaultPack();
    const problems: string[] = [];
    for (const [id, features] of Object.entries(pack.layers)) {
      for (const f of features) {
        for (const [lon, lat] of positions(coords(f))) {
          const inBox = lon >= bbox.w && lon <= bbox.e && lat >= bbox.s && lat <= bbox.n;
          if (!inBox) problems.push(`${id} ${f.external_id} ${lon},${lat} outside bbox`);
        }
        if (f.geometry.type === 'Point') {
          const [lon, lat] = point(coords(f));
          if (!insideBoundary(lon, lat)) problems.push(`${id} ${f.external_id} ${lon},${lat} outside boundary`);
        }
      }
    }
    expect(problems.slice(0, 20)).toEqual([]);
  });

  it('tiles the district with the seven approximate sub-districts', () => {
    const pack = defaultPack();
    const ringArea = (ring: number[][]): number => {
      let a = 0;
      for (let i = 1; i < ring.length; i++) {
        const [x0 = 0, y0 = 0] = ring[i - 1] ?? [];
        const [x1 = 0, y1 = 0] = ring[i] ?? [];
        a += x0 * y1 - x1 * y0;
      }
      return Math.abs(a) / 2;
    };
    let sum = 0;
    for (const f of layer(pack, 'subdistricts')) {
      const polys = coords(f) as number[][][][];
      expect(polys.length).toBeGreaterThan(0);
      for (const poly of polys) sum += ringArea(poly[0] ?? []);
    }
    // Each sub-district seat lies in its own polygon.
    const seats = new Map(layer(pack, 'places').map((p) => [p.name, point(coords(p))]));
    for (const f of layer(pack, 'subdistricts')) {
      const seat = seats.get(f.name);
      if (!seat) throw new Error(`no place for ${f.name}`);
      const polys = coords(f) as number[][][][];
      expect(polys.some((poly) => inRing(poly[0] ?? [], seat[0], seat[1])), f.name).toBe(true);
    }
    const total = boundaryParts.reduce((s, part) => s + ringArea(part[0] ?? []), 0);
    expect(Math.abs(sum - total) / total).toBeLessThan(0.002);
  });
});

