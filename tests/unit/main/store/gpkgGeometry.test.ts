import { describe, expect, it } from 'vitest';
import type { Geometry } from '../../../../preload/contract';
import { decodeGpkgGeometry, encodeGpkgGeometry, envelopeOf, GeometryError, gpkgEnvelope, readGpkgHeader } from '../../../../main/store/gpkgGeometry';

const samples: Geometry[] = [
  { type: 'Point', coordinates: [110.8, 32.6] },
  { type: 'LineString', coordinates: [[1, 2], [3, 4]] },
  { type: 'Polygon', coordinates: [[[0, 0], [4, 0], [4, 3], [0, 3], [0, 0]], [[1, 1], [2, 1], [2, 2], [1, 1]]] },
  { type: 'MultiPoint', coordinates: [[1, 1], [-2, 5]] },
  { type: 'MultiLineString', coordinates: [[[0, 0], [1, 1]], [[5, 5], [6, 7]]] },
  { type: 'MultiPolygon', coordinates: [[[[110.6, 32.4], [110.9, 32.4], [110.9, 32.7], [110.6, 32.4]]]] },
  { type: 'Point', coordinates: [110.8, 32.6, 250.5] },
  { type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [1, 2, 3] }, { type: 'LineString', coordinates: [[1, 2, 3], [4, 5, 6]] }] },
];

describe('GeoPackage geometry codec', () => {
  it.each(samples.map((g, i) => [`${i} ${g.type}`, g] as const))('round-trips %s', (_name, g) => {
    const blob = encodeGpkgGeometry(g);
    expect(decodeGpkgGeometry(blob)).toEqual(g);
  });

  it('writes the standard header: GP, version 0, little-endian flag, envelope [minx,maxx,miny,maxy], srs id', () => {
    const blob = encodeGpkgGeometry({ type: 'LineString', coordinates: [[1, 2], [3, 4]] }, 4326);
    expect(blob.subarray(0, 2).toString('ascii')).toBe('GP');
    expect(blob[2]).toBe(0);
    expect(blob[3]).toBe(0b0000_0011);
    expect(blob.readInt32LE(4)).toBe(4326);
    expect([0, 1, 2, 3].map((i) => blob.readDoubleLE(8 + i * 8))).toEqual([1, 3, 2, 4]);
    // WKB: little-endian LineString with 2 points.
    expect(blob.subarray(40, 49).toString('hex')).toBe('010200000002000000');
  });

  it('reads the GDAL sample blob from the research notes (big envelope, srs 4326)', () => {
    const hex = '4750000' + '3' + 'E6100000' + [1, 3, 2, 4].map((v) => { const b = Buffer.alloc(8); b.writeDoubleLE(v); return b.toString('hex'); }).join('') + '0102000000020000000000000000' + '00f03f' + '0000000000000040' + '0000000000000840' + '0000000000001040';
    const blob = Buffer.from(hex, 'hex');
    expect(readGpkgHeader(blob).srsId).toBe(4326);
    expect(gpkgEnvelope(blob)).toEqual([1, 3, 2, 4]);
    expect(decodeGpkgGeometry(blob)).toEqual({ type: 'LineString', coordinates: [[1, 2], [3, 4]] });
  });

  it('writes ISO WKB type codes (Z = 1000 + type), also for a 3D GeometryCollection', () => {
    const blob = encodeGpkgGeometry(samples[samples.length - 1]!);
    expect(blob.readUInt32LE(41)).toBe(1007);
    expect(blob.readUInt32LE(50)).toBe(1001);
  });

  it('marks an empty geometry empty', () => {
    const blob = encodeGpkgGeometry({ type: 'Point', coordinates: [] });
    expect(readGpkgHeader(blob).empty).toBe(true);
  });

  it('computes envelopes and rejects non-numeric positions with the type named', () => {
    expect(envelopeOf(samples[2]!)).toEqual([0, 4, 0, 3]);
    expect(() => envelopeOf({ type: 'LineString', coordinates: [[1, 'a'], [2, 3]] } as unknown as Geometry)).toThrow(/LineString: position/);
  });

  it('rejects blobs without the GP magic or truncated headers', () => {
    expect(() => readGpkgHeader(Buffer.from('XX000000', 'hex'))).toThrow(GeometryError);
    expect(() => readGpkgHeader(Buffer.from('47500003E6100000', 'hex'))).toThrow(/truncated/);
  });
});
