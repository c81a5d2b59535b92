import { gunzipSync } from 'node:zlib';

/** quantized-mesh-1.0 extension ids (https://github.com/CesiumGS/quantized-mesh). */
export const QM_EXTENSION = { octVertexNormals: 1, waterMask: 2, metadata: 4 } as const;
/** u, v and height are quantized to 0..QM_MAX. */
export const QM_MAX = 32767;
export const QM_HEADER_BYTES = 88;

export interface QuantizedMeshHeader {
  /** Tile centre, Earth-centred fixed (ECEF) metres. */
  center: [number, number, number];
  minimumHeight: number;
  maximumHeight: number;
  boundingSphere: { center: [number, number, number]; radius: number };
  /** In the ellipsoid-scaled ECEF frame. */
  horizonOcclusionPoint: [number, number, number];
}

export interface QuantizedMeshExtension {
  id: number;
  /** Byte offset of the extension's data (after its 5-byte id + length) in the (inflated) tile. */
  offset: number;
  length: number;
  data: Uint8Array;
}

export interface DecodedQuantizedMesh {
  ok: true;
  gzip: boolean;
  header: QuantizedMeshHeader;
  vertexCount: number;
  /** 0..32767 west→east, south→north, minimumHeight→maximumHeight. */
  u: Uint16Array;
  v: Uint16Array;
  height: Uint16Array;
  triangleCount: number;
  /** Three per triangle, decoded from the high-water mark encoding. */
  indices: Uint16Array | Uint32Array;
  westIndices: Uint16Array | Uint32Array;
  southIndices: Uint16Array | Uint32Array;
  eastIndices: Uint16Array | Uint32Array;
  northIndices: Uint16Array | Uint32Array;
  extensions: QuantizedMeshExtension[];
  /** Extension 1: two oct-encoded bytes per vertex. */
  normals?: Uint8Array;
  /** Extension 2: 1 byte (all land 0 / all water 255) or 256×256. */
  waterMask?: Uint8Array;
  /** Extension 4: the parsed JSON. */
  metadata?: unknown;
  /** Bytes in the (inflated) tile. */
  byteLength: number;
}

export interface QuantizedMeshFailure {
  ok: false;
  reason: string;
  /** Byte offset in the (inflated) tile where decoding stopped. */
  offset: number;
}

export type QuantizedMeshTile = DecodedQuantizedMesh | QuantizedMeshFailure;

/** Metres in the tile from a quantized height. */
export const qmHeight = (tile: DecodedQuantizedMesh, i: number): number =>
  tile.header.minimumHeight + ((tile.header.maximumHeight - tile.header.minimumHeight) * tile.height[i]!) / QM_MAX;

class Stop extends Error {
  constructor(
    readonly reason: string,
    readonly offset: number,
  ) {
    super(reason);
  }
}

const isGzip = (b: Uint8Array) => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;
const zigzag = (n: number) => (n >> 1) ^ -(n & 1);

/**
 * Decodes a quantized-mesh-1.0 tile (gzip-wrapped tiles are inflated first). Never throws: bad input gives
 * `{ ok: false, reason, offset }`. Unknown extensions are kept as raw bytes.
 */
export function decodeQuantizedMesh(bytes: Uint8Array, opts: { gzip?: 'auto' } = {}): QuantizedMeshTile {
  void opts;
  let data = bytes;
  let gzip = false;
  if (isGzip(bytes)) {
    try {
      data = new Uint8Array(gunzipSync(bytes));
      gzip = true;
    } catch (e) {
      return { ok: false, reason: `gzip: ${(e as Error).message}`, offset: 0 };
    }
  }
  try {
    return decode(data, gzip);
  } catch (e) {
    if (e instanceof Stop) return { ok: false, reason: e.reason, offset: e.offset };
    return { ok: false, reason: e instanceof Error ? e.message : String(e), offset: 0 };
  }
}

function decode(data: Uint8Array, gzip: boolean): DecodedQuantizedMesh {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const n = data.byteLength;
  let pos = 0;
  const need = (bytes: number, what: string) => {
    if (pos + bytes > n) throw new Stop(`truncated: ${what} needs ${bytes} bytes at offset ${pos}, the tile has ${n}`, pos);
  };
  const f64 = () => {
    const v = view.getFloat64(pos, true);
    pos += 8;
    return v;
  };
  const u32 = () => {
    const v = view.getUint32(pos, true);
    pos += 4;
    return v;
  };
  if (n === 0) throw new Stop('empty tile', 0);
  need(QM_HEADER_BYTES, 'the header');
  const center: [number, number, number] = [f64(), f64(), f64()];
  const minimumHeight = view.getFloat32(pos, true);
  const maximumHeight = view.getFloat32(pos + 4, true);
  pos += 8;
  const sphereCenter: [number, number, number] = [f64(), f64(), f64()];
  const radius = f64();
  const horizonOcclusionPoint: [number, number, number] = [f64(), f64(), f64()];
  if (![...center, minimumHeight, maximumHeight, ...sphereCenter, radius, ...horizonOcclusionPoint].every(Number.isFinite)) {
    throw new Stop('the header holds a non-finite number', 0);
  }
  if (minimumHeight > maximumHeight) throw new Stop(`minimum height ${minimumHeight} is above maximum height ${maximumHeight}`, 24);

  need(4, 'the vertex count');
  const vertexCount = u32();
  need(vertexCount * 6, `${vertexCount} vertices`);
  const decodeDeltas = (name: string): Uint16Array => {
    const out = new Uint16Array(vertexCount);
    let value = 0;
    for (let i = 0; i < vertexCount; i++) {
      value += zigzag(view.getUint16(pos, true));
      if (value < 0 || value > QM_MAX) throw new Stop(`${name}[${i}] decodes to ${value}, outside 0..${QM_MAX}`, pos);
      out[i] = value;
      pos += 2;
    }
    return out;
  };
  const u = decodeDeltas('u'), v = decodeDeltas('v'), height = decodeDeltas('height');

  const wide = vertexCount > 65536;
  const size = wide ? 4 : 2;
  if (wide && pos % 4) {
    const pad = 4 - (pos % 4);
    need(pad, 'alignment padding');
    pos += pad;
  }
  const readIndex = wide ? (p: number) => view.getUint32(p, true) : (p: number) => view.getUint16(p, true);
  need(4, 'the triangle count');
  const triangleCount = u32();
  need(triangleCount * 3 * size, `${triangleCount} triangles`);
  const indices = wide ? new Uint32Array(triangleCount * 3) : new Uint16Array(triangleCount * 3);
  let highest = 0;
  for (let i = 0; i < indices.length; i++) {
    const code = readIndex(pos);
    const index = highest - code;
    if (index < 0 || index >= vertexCount) {
      throw new Stop(`triangle index ${i} decodes to ${index}, not a vertex (0..${vertexCount - 1})`, pos);
    }
    indices[i] = index;
    if (code === 0) highest++;
    pos += size;
  }

  const edge = (name: string): Uint16Array | Uint32Array => {
    need(4, `the ${name} edge count`);
    const count = u32();
    need(count * size, `${count} ${name} edge indices`);
    const out = wide ? new Uint32Array(count) : new Uint16Array(count);
    for (let i = 0; i < count; i++) {
      const index = readIndex(pos);
      if (index >= vertexCount) throw new Stop(`${name} edge index ${i} is ${index}, not a vertex (0..${vertexCount - 1})`, pos);
      out[i] = index;
      pos += size;
    }
    return out;
  };
  const westIndices = edge('west'), southIndices = edge('south'), eastIndices = edge('east'), northIndices = edge('north');

  const tile: DecodedQuantizedMesh = {
    ok: true,
    gzip,
    header: { center, minimumHeight, maximumHeight, boundingSphere: { center: sphereCenter, radius }, horizonOcclusionPoint },
    vertexCount,
    u,
    v,
    height,
    triangleCount,
    indices,
    westIndices,
    southIndices,
    eastIndices,
    northIndices,
    extensions: [],
    byteLength: n,
  };
  while (pos < n) {
    const start = pos;
    need(5, 'an extension header');
    const id = view.getUint8(pos);
    pos += 1;
    const length = u32();
    need(length, `extension ${id} (${length} bytes)`);
    const body = data.subarray(pos, pos + length);
    tile.extensions.push({ id, offset: pos, length, data: body });
    if (id === QM_EXTENSION.octVertexNormals) {
      if (length !== vertexCount * 2) throw new Stop(`extension 1 (oct normals) has ${length} bytes for ${vertexCount} vertices`, start);
      tile.normals = body;
    } else if (id === QM_EXTENSION.waterMask) {
      if (length !== 1 && length !== 256 * 256) throw new Stop(`extension 2 (water mask) has ${length} bytes, expected 1 or 65536`, start);
      tile.waterMask = body;
    } else if (id === QM_EXTENSION.metadata) {
      if (length < 4) throw new Stop('extension 4 (metadata) is shorter than its length field', start);
      const jsonLength = view.getUint32(pos, true);
      if (jsonLength > length - 4) throw new Stop(`extension 4 (metadata) says ${jsonLength} bytes of JSON in ${length - 4}`, pos);
      try {
        tile.metadata = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(data.subarray(pos + 4, pos + 4 + jsonLength)));
      } catch (e) {
        throw new Stop(`extension 4 (metadata) is not JSON: ${(e as Error).message}`, pos + 4);
      }
    }
    pos += length;
  }
  return tile;
}

// ---- encoding ----

export interface QuantizedMeshInput {
  header: QuantizedMeshHeader;
  /** Quantized 0..32767. */
  u: ArrayLike<number>;
  v: ArrayLike<number>;
  height: ArrayLike<number>;
  /** Three per triangle, counter-clockwise seen from above. */
  indices: ArrayLike<number>;
}

/**
 * Minimal quantized-mesh-1.0 encoder (no extensions). Vertices are renumbered in order of first use (the
 * high-water mark encoding needs it; unused vertices are dropped); edge lists come from u/v = 0 or 32767.
 */
export function encodeQuantizedMesh(mesh: QuantizedMeshInput): Uint8Array {
  const count = mesh.u.length;
  if (mesh.v.length !== count || mesh.height.length !== count) throw new Error('u, v and height must have one value per vertex');
  if (mesh.indices.length % 3) throw new Error('indices must hold three per triangle');
  const remap = new Int32Array(count).fill(-1);
  const order: number[] = [];
  const indices: number[] = new Array<number>(mesh.indices.length);
  for (let i = 0; i < mesh.indices.length; i++) {
    const old = mesh.indices[i]!;
    if (!Number.isInteger(old) || old < 0 || old >= count) throw new Error(`index ${i} (${old}) is not a vertex`);
    if (remap[old] === -1) {
      remap[old] = order.length;
      order.push(old);
    }
    indices[i] = remap[old]!;
  }
  const vertexCount = order.length;
  const q = (a: ArrayLike<number>, name: string) =>
    order.map((o) => {
      const x = a[o]!;
      if (!Number.isInteger(x) || x < 0 || x > QM_MAX) throw new Error(`${name} ${x} is outside 0..${QM_MAX}`);
      return x;
    });
  const u = q(mesh.u, 'u'), v = q(mesh.v, 'v'), h = q(mesh.height, 'height');
  const wide = vertexCount > 65536;
  const size = wide ? 4 : 2;
  const edges = [
    u.flatMap((x, i) => (x === 0 ? [i] : [])).sort((a, b) => v[a]! - v[b]!),
    v.flatMap((y, i) => (y === 0 ? [i] : [])).sort((a, b) => u[a]! - u[b]!),
    u.flatMap((x, i) => (x === QM_MAX ? [i] : [])).sort((a, b) => v[a]! - v[b]!),
    v.flatMap((y, i) => (y === QM_MAX ? [i] : [])).sort((a, b) => u[a]! - u[b]!),
  ];
  let bytes = QM_HEADER_BYTES + 4 + vertexCount * 6;
  const pad = wide && bytes % 4 ? 4 - (bytes % 4) : 0;
  bytes += pad + 4 + indices.length * size;
  for (const e of edges) bytes += 4 + e.length * size;
  const out = new Uint8Array(bytes);
  const view = new DataView(out.buffer);
  let pos = 0;
  const f64 = (x: number) => {
    view.setFloat64(pos, x, true);
    pos += 8;
  };
  const u32 = (x: number) => {
    view.setUint32(pos, x, true);
    pos += 4;
  };
  const idx = (x: number) => {
    if (wide) view.setUint32(pos, x, true);
    else view.setUint16(pos, x, true);
    pos += size;
  };
  const { header } = mesh;
  header.center.forEach(f64);
  view.setFloat32(pos, header.minimumHeight, true);
  view.setFloat32(pos + 4, header.maximumHeight, true);
  pos += 8;
  header.boundingSphere.center.forEach(f64);
  f64(header.boundingSphere.radius);
  header.horizonOcclusionPoint.forEach(f64);
  u32(vertexCount);
  for (const values of [u, v, h]) {
    let prev = 0;
    for (const x of values) {
      const d = x - prev;
      view.setUint16(pos, ((d << 1) ^ (d >> 31)) & 0xffff, true);
      pos += 2;
      prev = x;
    }
  }
  pos += pad;
  u32(indices.length / 3);
  let highest = 0;
  for (const i of indices) {
    idx(highest - i);
    if (i === highest) highest++;
  }
  for (const e of edges) {
    u32(e.length);
    for (const i of e) idx(i);
  }
  return out;
}

// ---- header geometry (WGS 84 ellipsoid) ----

const A = 6378137, B = 6356752.314245179;
const E2 = 1 - (B * B) / (A * A);
type Vec3 = [number, number, number];

export function geodeticToEcef(lon: number, lat: number, h: number): Vec3 {
  const l = (lon * Math.PI) / 180, p = (lat * Math.PI) / 180;
  const sp = Math.sin(p), cp = Math.cos(p);
  const nn = A / Math.sqrt(1 - E2 * sp * sp);
  return [(nn + h) * cp * Math.cos(l), (nn + h) * cp * Math.sin(l), (nn * (1 - E2) + h) * sp];
}

/**
 * Header for a tile whose vertices are `positions` (ECEF): the centre, a bounding sphere around the points'
 * box, and the horizon occlusion point computed as Cesium's EllipsoidalOccluder does (in scaled space).
 */
export function quantizedMeshHeader(center: Vec3, minimumHeight: number, maximumHeight: number, positions: Vec3[]): QuantizedMeshHeader {
  const lo: Vec3 = [Infinity, Infinity, Infinity], hi: Vec3 = [-Infinity, -Infinity, -Infinity];
  for (const p of positions) for (let k = 0; k < 3; k++) {
    lo[k] = Math.min(lo[k]!, p[k]!);
    hi[k] = Math.max(hi[k]!, p[k]!);
  }
  const sc: Vec3 = [(lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2, (lo[2] + hi[2]) / 2];
  let radius = 0;
  for (const p of positions) radius = Math.max(radius, Math.hypot(p[0] - sc[0], p[1] - sc[1], p[2] - sc[2]));
  const scale = (p: Vec3): Vec3 => [p[0] / A, p[1] / A, p[2] / B];
  const dir = scale(center);
  const dl = Math.hypot(...dir);
  const d: Vec3 = [dir[0] / dl, dir[1] / dl, dir[2] / dl];
  let maxMagnitude = 0;
  for (const p of positions) {
    const s = scale(p);
    let mag2 = s[0] * s[0] + s[1] * s[1] + s[2] * s[2];
    let mag = Math.sqrt(mag2);
    const pd: Vec3 = [s[0] / mag, s[1] / mag, s[2] / mag];
    mag2 = Math.max(1, mag2);
    mag = Math.max(1, mag);
    const cosAlpha = pd[0] * d[0] + pd[1] * d[1] + pd[2] * d[2];
    const cx = pd[1] * d[2] - pd[2] * d[1], cy = pd[2] * d[0] - pd[0] * d[2], cz = pd[0] * d[1] - pd[1] * d[0];
    const sinAlpha = Math.hypot(cx, cy, cz);
    const cosBeta = 1 / mag, sinBeta = Math.sqrt(mag2 - 1) * cosBeta;
    const denom = cosAlpha * cosBeta - sinAlpha * sinBeta;
    maxMagnitude = Math.max(maxMagnitude, denom > 0 ? 1 / denom : Infinity);
  }
  // A hemisphere tile (level 0) has no finite point: the limit, far out along the direction, culls it exactly when
  // the camera cannot see past the great circle that bounds it.
  const m = Number.isFinite(maxMagnitude) ? maxMagnitude : 1e6;
  const hop: Vec3 = [d[0] * m, d[1] * m, d[2] * m];
  return { center, minimumHeight, maximumHeight, boundingSphere: { center: sc, radius }, horizonOcclusionPoint: hop };
}
