import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where this build lives. Works from the sources (tsx) and from the bundle in dist/main. */
export function findAppRoot(start = dirname(fileURLToPath(import.meta.url))): string {
  let dir = start;
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'cityops') return dir;
      } catch {
        /* keep walking */
      }
    }
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find the CityOps package.json above ${start}`);
    dir = up;
  }
}

export interface AppPaths {
  root: string;
  version: string;
  /** The built renderer (index.html, assets, cesium/). */
  rendererDir: string;
  resourcesDir: string;
  /** Cesium's bundled NaturalEarthII TMS tiles: the imagery of last resort. */
  naturalEarthDir: string;
}

export function appPaths(root = findAppRoot()): AppPaths {
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const rendererDir = join(root, 'dist', 'renderer');
  const built = join(rendererDir, 'cesium', 'Assets', 'Textures', 'NaturalEarthII');
  const naturalEarthDir = existsSync(built) ? built : join(root, 'node_modules', 'cesium', 'Build', 'Cesium', 'Assets', 'Textures', 'NaturalEarthII');
  return { root, version, rendererDir, resourcesDir: join(root, 'resources'), naturalEarthDir };
}

/** The per-user data directory (Electron's userData uses the same place on Linux). */
export function defaultDataDir(): string {
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'CityOps');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'CityOps');
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'CityOps');
}

export function defaultStorePath(): string {
  return join(defaultDataDir(), 'cityops.gpkg');
}

export function resolveStorePath(arg: string | undefined): string {
  return arg ? resolve(arg) : defaultStorePath();
}
