export interface Tile {
  data: Buffer;
  contentType: string;
  /** The bytes are gzip-encoded as stored (quantized-mesh packs): sent with Content-Encoding: gzip. */
  encoding?: 'gzip' | null;
}

/** An imagery pack the host serves as XYZ tiles (Web Mercator, row 0 at the top). */
export interface TileSource {
  id: string;
  title: string;
  format: 'mbtiles' | 'gpkg';
  minZoom: number;
  maxZoom: number;
  /** [west, south, east, north] in degrees, or null when the pack does not say. */
  bounds: [number, number, number, number] | null;
  getTile(z: number, x: number, y: number): Tile | null;
  close(): void;
}

export class PackError extends Error {
  readonly code = 'BAD_INPUT';
  constructor(message: string) {
    super(message);
    this.name = 'PackError';
  }
}

/** The content type from the tile's own bytes (packs do not always say, and sometimes say wrong). */
export function sniffImageType(data: Uint8Array): string | null {
  if (data.length >= 8 && data[0] === 0x89 && data[1] === 0x50 && data[2] === 0x4e && data[3] === 0x47) return 'image/png';
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.length >= 12 && Buffer.from(data.subarray(0, 4)).toString('latin1') === 'RIFF' && Buffer.from(data.subarray(8, 12)).toString('latin1') === 'WEBP') return 'image/webp';
  return null;
}
