import { contentTypeOf, resolveStaticFile } from '../../staticFiles';
import type { Tile, TileSource } from './tileSource';

export type TileAnswer = { file: string; contentType: string } | Tile | null;

/**
 * What both hosts serve below /tiles/<id>/…: static tile folders (Cesium's bundled Natural Earth II, TMS
 * layout) and imagery packs (MBTiles, GeoPackage) as /tiles/<id>/{z}/{x}/{y}.
 */
export class TileService {
  private readonly packs = new Map<string, TileSource>();
  private readonly dynamic = new Map<string, (rest: string) => Tile | null>();

  constructor(private readonly staticDirs: Record<string, string>) {}

  addPack(source: TileSource): void {
    this.packs.get(source.id)?.close();
    this.packs.set(source.id, source);
  }

  /** A computed source, e.g. terrain heightmaps sampled from the store's DEM. */
  addDynamic(id: string, handler: (rest: string) => Tile | null): void {
    this.dynamic.set(id, handler);
  }

  listPacks(): TileSource[] {
    return [...this.packs.values()];
  }

  resolve(id: string, rest: string): TileAnswer {
    const dir = this.staticDirs[id];
    if (dir) {
      const file = resolveStaticFile(dir, rest);
      return file ? { file, contentType: contentTypeOf(file) } : null;
    }
    const computed = this.dynamic.get(id);
    if (computed) return computed(rest);
    const pack = this.packs.get(id);
    const m = /^(\d{1,2})\/(\d{1,8})\/(\d{1,8})(\.(png|jpg|jpeg|webp))?$/.exec(rest);
    if (!pack || !m) return null;
    const z = Number(m[1]), x = Number(m[2]), y = Number(m[3]);
    if (z > 24 || x >= 2 ** z || y >= 2 ** z) return null;
    return pack.getTile(z, x, y);
  }

  close(): void {
    for (const p of this.packs.values()) p.close();
    this.packs.clear();
  }
}
