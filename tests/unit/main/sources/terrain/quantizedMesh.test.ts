import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  decodeQuantizedMesh,
  encodeQuantizedMesh,
  geodeticToEcef,
  qmHeight,
  quantizedMeshHeader,
  type DecodedQuantizedMesh,
  type QuantizedMeshTile,
} from '../../../../../main/sources/terrain/quantizedMesh';

const fixtureDir = join(import.meta.dirname, '..', '..', '..', '..', 'fixtures', 'terrain');
const fixture = (name: string) => new Uint8Array(readFileSync(join(fixtureDir, `${name}.terrain`)));

// Expected values from tests/fixtures/terrain/README.md (copied from research-data; MIT, HERE Europe B.V.).
const expected = [
  { name: 'tile-with-extensions', vertices: 627, triangles: 1175, minH: 4588.7, maxH: 6162.87, ext: [1, 2] },
  { name: 'tile-with-metadata-extension', vertices: 488, triangles: 912, minH: 458.23, maxH: 8019.76, ext: [1, 2, 4] },
  { name: 'tile-opentin', vertices: 4, triangles: 2, minH: 0, maxH: 7, ext: [] as number[] },
];

function ok(t: QuantizedMeshTile): DecodedQuantizedMesh {
  if (!t.ok) throw new Error(`decode failed at ${t.offset}: ${t.reason}`);
  return t;
}

describe('decodeQuantizedMesh', () => {
  it.each(expected)('decodes $name as the README says', ({ name, vertices, triangles, minH, maxH, ext }) => {
    const t = ok(decodeQuantizedMesh(fixture(name)));
    expect(t.vertexCount).toBe(vertices);
    expect(t.triangleCount).toBe(triangles);
    expect(t.header.minimumHeight).toBeCloseTo(minH, 2);
    expect(t.header.maximumHeight).toBeCloseTo(maxH, 2);
    expect(t.extensions.map((e) => e.id)).toEqual(ext);
    expect(t.gzip).toBe(false);
    // Every index is a vertex; quantized heights lie within the header's range.
    expect(Math.max(...t.indices)).toBe(vertices - 1);
    for (let i = 0; i < t.vertexCount; i++) {
      const h = qmHeight(t, i);
      expect(h).toBeGreaterThanOrEqual(minH - 0.01);
      expect(h).toBeLessThanOrEqual(maxH + 0.01);
    }
    // Edge vertices sit on their edges.
    for (const i of t.westIndices) expect(t.u[i]).toBe(0);
    for (const i of t.northIndices) expect(t.v[i]).toBe(32767);
  });

  it('reads the extensions: oct normals, water mask and metadata JSON', () => {
    const a = ok(decodeQuantizedMesh(fixture('tile-with-extensions')));
    expect(a.normals?.length).toBe(1254);
    expect(a.waterMask?.length).toBe(1);
    const b = ok(decodeQuantizedMesh(fixture('tile-with-metadata-extension')));
    expect(b.metadata).toMatchObject({ geometricerror: expect.any(Number) as number });
  });

  it('inflates gzip-wrapped tiles first and decodes them the same', () => {
    for (const { name } of expected) {
      const plain = ok(decodeQuantizedMesh(fixture(name)));
      const zipped = ok(decodeQuantizedMesh(gzipSync(fixture(name)), { gzip: 'auto' }));
      expect(zipped.gzip).toBe(true);
      expect(Array.from(zipped.indices)).toEqual(Array.from(plain.indices));
      expect(Array.from(zipped.height)).toEqual(Array.from(plain.height));
      expect(zipped.extensions.map((e) => e.id)).toEqual(plain.extensions.map((e) => e.id));
    }
    const bad = decodeQuantizedMesh(Uint8Array.from([0x1f, 0x8b, 8, 0, 1, 2, 3]));
    expect(bad).toMatchObject({ ok: false, reason: expect.stringMatching(/^gzip/) as string, offset: 0 });
  });

  it('fails (never throws) on a tile truncated at every length, except exactly between extensions', () => {
    for (const { name } of expected) {
      const bytes = fixture(name);
      const full = ok(decodeQuantizedMesh(bytes));
      // Cutting exactly before an extension leaves a valid tile with fewer extensions: the format cannot tell.
      const boundaries = new Map(full.extensions.map((e, i) => [e.offset - 5, i]));
      for (let len = 0; len < bytes.length; len++) {
        const t = decodeQuantizedMesh(bytes.subarray(0, len));
        const keep = boundaries.get(len);
        if (keep !== undefined) {
          expect(ok(t).extensions.length, `${name} cut at ${len}`).toBe(keep);
        } else {
          expect(t.ok, `${name} cut at ${len}`).toBe(false);
          if (!t.ok) expect(t.offset).toBeLessThanOrEqual(len);
        }
      }
    }
  });

  it('returns ok:false for random bytes and never throws on mutated tiles (fast-check)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), (bytes) => {
        const t = decodeQuantizedMesh(bytes);
        expect(t.ok).toBe(false);
      }),
      { numRuns: 3000 },
    );
    const base = fixture('tile-with-metadata-extension');
    const edit = fc.tuple(fc.nat(base.length - 1), fc.integer({ min: 0, max: 255 }));
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 8 }), (edits) => {
        const bytes = base.slice();
        for (const [at, value] of edits) bytes[at] = value;
        const t = decodeQuantizedMesh(bytes);
        expect(typeof t.ok).toBe('boolean');
        if (!t.ok) expect(t.offset).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('encodeQuantizedMesh', () => {
  it('round-trips a fixture (without its extensions)', () => {
    const src = ok(decodeQuantizedMesh(fixture('tile-with-extensions')));
    const bytes = encodeQuantizedMesh(src);
    expect(bytes.length).toBe(src.extensions[0]!.offset - 5);
    const back = ok(decodeQuantizedMesh(bytes));
    expect(back.header).toEqual(src.header);
    for (const k of ['u', 'v', 'height', 'indices'] as const) expect(Array.from(back[k]), k).toEqual(Array.from(src[k]));
    for (const k of ['westIndices', 'southIndices', 'eastIndices', 'northIndices'] as const) {
      expect(new Set(back[k]), k).toEqual(new Set(src[k]));
    }
    expect(back.extensions).toEqual([]);
  });

  it('renumbers vertices in order of first use for the high-water mark and keeps every triangle', () => {
    const u = [32767, 0, 0, 32767, 16000], v = [0, 0, 32767, 32767, 16000], height = [10, 0, 32767, 5, 100];
    const indices = [4, 0, 3, 4, 3, 2, 4, 2, 1, 4, 1, 0];
    const center = geodeticToEcef(110.8, 32.55, 500);
    const header = quantizedMeshHeader(center, 200, 1700, [geodeticToEcef(110.7, 32.5, 200), geodeticToEcef(110.9, 32.6, 1700)]);
    const t = ok(decodeQuantizedMesh(encodeQuantizedMesh({ header, u, v, height, indices })));
    expect(t.vertexCount).toBe(5);
    const tri = (uu: ArrayLike<number>, vv: ArrayLike<number>, hh: ArrayLike<number>, idx: ArrayLike<number>) =>
      Array.from({ length: idx.length / 3 }, (_, k) =>
        [0, 1, 2]
          .map((j) => idx[3 * k + j]!)
          .map((i) => `${uu[i]},${vv[i]},${hh[i]}`)
          .join(' '),
      );
    expect(tri(t.u, t.v, t.height, t.indices)).toEqual(tri(u, v, height, indices));
    expect(t.westIndices.length).toBe(2);
    expect(t.header.horizonOcclusionPoint.every(Number.isFinite)).toBe(true);
    expect(() => encodeQuantizedMesh({ header, u: [40000], v: [0], height: [0], indices: [0, 0, 0] })).toThrow(/outside 0..32767/);
  });

  it('uses 32-bit indices above 65536 vertices', () => {
    const side = 257; // 66049 vertices
    const u: number[] = [], v: number[] = [], h: number[] = [], indices: number[] = [];
    for (let r = 0; r < side; r++) for (let c = 0; c < side; c++) {
      u.push(Math.round((c / (side - 1)) * 32767));
      v.push(Math.round((r / (side - 1)) * 32767));
      h.push((r * 7 + c) % 32768);
    }
    for (let r = 0; r < side - 1; r++) for (let c = 0; c < side - 1; c++) {
      const a = r * side + c;
      indices.push(a, a + 1, a + side + 1, a, a + side + 1, a + side);
    }
    const header = quantizedMeshHeader(geodeticToEcef(0, 0, 0), 0, 1, [geodeticToEcef(0, 0, 0)]);
    const t = ok(decodeQuantizedMesh(encodeQuantizedMesh({ header, u, v, height: h, indices })));
    expect(t.indices).toBeInstanceOf(Uint32Array);
    expect(t.vertexCount).toBe(side * side);
    expect(t.triangleCount).toBe(2 * 256 * 256);
    expect(t.westIndices.length).toBe(side);
  });
});
