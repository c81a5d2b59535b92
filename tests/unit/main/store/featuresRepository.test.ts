import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FeaturesRepository, NotFoundError } from '../../../../main/store/featuresRepository';
import { encodeGpkgGeometry } from '../../../../main/store/gpkgGeometry';
import { openStore, type Store } from '../../../../main/store/openStore';
import { tempDir } from '../../../helpers/tempStore';

let store: Store;
let cleanup: () => void;
beforeEach(() => {
  const t = tempDir();
  cleanup = t.cleanup;
  store = openStore(join(t.dir, 's.gpkg'));
  const ins = store.db.prepare(`INSERT INTO boundary (geom, name, source, external_id) VALUES (?, ?, 'test', ?)`);
  // A 10×10 grid of small squares, 0.1° apart.
  for (let i = 0; i < 10; i++)
    for (let j = 0; j < 10; j++) {
      const x = 110 + i * 0.1, y = 32 + j * 0.1;
      ins.run(encodeGpkgGeometry({ type: 'MultiPolygon', coordinates: [[[[x, y], [x + 0.05, y], [x + 0.05, y + 0.05], [x, y]]]] }), `sq${i}-${j}`, `sq${i}-${j}`);
    }
});
afterEach(() => {
  store.close();
  cleanup();
});

describe('FeaturesRepository', () => {
  it('lists the boundary layer with its count, geometry type and caption', () => {
    const [layer] = new FeaturesRepository(store.db).listLayers();
    expect(layer).toMatchObject({ id: 'boundary', featureCount: 100, geometryType: 'MULTIPOLYGON', caption: { zh: '示意边界', en: 'Indicative boundary' } });
  });

  it('answers a bbox through the R-tree, with total and limit', () => {
    const repo = new FeaturesRepository(store.db);
    const page = repo.query('boundary', [110.12, 32.12, 110.33, 32.33], 1000);
    // Squares starting at 110.1..110.3 overlap (x from 0.1 to 0.3 → i = 1,2,3; same for j).
    expect(page.total).toBe(9);
    expect(page.features.map((f) => f.id).sort()).toEqual(['sq1-1', 'sq1-2', 'sq1-3', 'sq2-1', 'sq2-2', 'sq2-3', 'sq3-1', 'sq3-2', 'sq3-3']);
    const limited = repo.query('boundary', [110.12, 32.12, 110.33, 32.33], 4);
    expect(limited.features).toHaveLength(4);
    expect(limited.total).toBe(9);
    expect(repo.query('boundary', [0, 0, 1, 1], 10).total).toBe(0);
  });

  it('keeps the R-tree in step with updates and deletes (triggers)', () => {
    const repo = new FeaturesRepository(store.db);
    store.db.prepare(`UPDATE boundary SET geom = ? WHERE external_id = 'sq0-0'`).run(encodeGpkgGeometry({ type: 'MultiPolygon', coordinates: [[[[0, 0], [0.5, 0], [0.5, 0.5], [0, 0]]]] }));
    expect(repo.query('boundary', [0, 0, 1, 1], 10).features.map((f) => f.id)).toEqual(['sq0-0']);
    store.db.prepare(`DELETE FROM boundary WHERE external_id = 'sq0-0'`).run();
    expect(repo.query('boundary', [0, 0, 1, 1], 10).total).toBe(0);
    expect((store.db.prepare('SELECT count(*) AS n FROM rtree_boundary_geom').get() as { n: number }).n).toBe(99);
  });

  it('returns properties without the geometry blob and ids from external_id', () => {
    const f = new FeaturesRepository(store.db).query('boundary', undefined, 1).features[0]!;
    expect(f.id).toBe('sq0-0');
    expect(f.properties).toMatchObject({ name: 'sq0-0', source: 'test', demo: false });
    expect(f.properties).not.toHaveProperty('geom');
    expect(f.geometry?.type).toBe('MultiPolygon');
  });

  it('names an unknown layer', () => {
    expect(() => new FeaturesRepository(store.db).query('nope', undefined, 1)).toThrow(NotFoundError);
    expect(() => new FeaturesRepository(store.db).query('nope', undefined, 1)).toThrow(/no layer 'nope'/);
  });
});
