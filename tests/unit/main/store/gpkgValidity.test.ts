import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventBus } from '../../../../main/rpc/eventBus';
import { createAppContext } from '../../../../main/services/appContext';
import { seedStore } from '../../../../main/services/seedService';
import { openStore } from '../../../../main/store/openStore';
import { paths, tempDir } from '../../../helpers/tempStore';

const hasOgr = spawnSync('ogrinfo', ['--version']).status === 0;
const t = tempDir();
const storePath = join(t.dir, 'store.gpkg');

beforeAll(() => {
  const store = openStore(storePath);
  seedStore(createAppContext(store, new EventBus(), 'browser', paths));
  store.close();
});
afterAll(() => t.cleanup());

describe('the store is a GeoPackage GDAL reads', () => {
  it('ogrinfo lists the boundary layer with its feature count, geometry type and extent', (ctx) => {
    if (!hasOgr) {
      // CI installs gdal-bin (.ci/run), so there this never skips.
      if (process.env.CI) throw new Error('ogrinfo (Debian gdal-bin) is required in CI');
      ctx.skip('ogrinfo not installed (apt-get install gdal-bin)');
    }
    const list = execFileSync('ogrinfo', ['-ro', '-q', storePath], { encoding: 'utf8' });
    expect(list).toMatch(/1: boundary \(Multi Polygon\)/);
    const summary = execFileSync('ogrinfo', ['-ro', '-so', storePath, 'boundary'], { encoding: 'utf8' });
    expect(summary).toMatch(/Feature Count: 1/);
    const extent = /Extent: \(([\d.]+), ([\d.]+)\) - \(([\d.]+), ([\d.]+)\)/.exec(summary);
    expect(extent).not.toBeNull();
    const [w, s, e, n] = extent!.slice(1).map(Number);
    expect(w).toBeCloseTo(110.588, 2);
    expect(s).toBeCloseTo(32.394, 2);
    expect(e).toBeCloseTo(110.949, 2);
    expect(n).toBeCloseTo(32.686, 2);
    // GDAL uses the R-tree for a spatial filter: a window outside the district returns nothing.
    const outside = execFileSync('ogrinfo', ['-ro', '-q', '-spat', '100', '20', '101', '21', storePath, 'boundary'], { encoding: 'utf8' });
    expect(outside).not.toMatch(/OGRFeature/);
    const inside = execFileSync('ogrinfo', ['-ro', '-q', '-spat', '110.7', '32.5', '110.8', '32.6', storePath, 'boundary'], { encoding: 'utf8' });
    expect(inside).toMatch(/name \(String\) = 茅箭区/);
  });

  it('GDAL raises no GeoPackage warnings on the store', (ctx) => {
    if (!hasOgr) {
      if (process.env.CI) throw new Error('ogrinfo (Debian gdal-bin) is required in CI');
      ctx.skip('ogrinfo not installed (apt-get install gdal-bin)');
    }
    const r = spawnSync('ogrinfo', ['-ro', '-so', '-al', storePath], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr).not.toMatch(/Warning|ERROR/);
  });
});
