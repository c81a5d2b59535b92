import type { AppPaths } from './appPaths';
import { createDispatch, type Dispatch } from './rpc/dispatch';
import { EventBus } from './rpc/eventBus';
import { createHandlers } from './rpc/handlers';
import { MonitoringRuntime, type FeedConfig } from './services/monitoring/monitoringRuntime';
import { createAppContext, type AppContext, type HostMode } from './services/appContext';
import { openRegisteredPacks } from './services/packsService';
import { terrainPackHandler, terrainPackSetting } from './services/terrainService';
import { openQuantizedMeshPack, type QuantizedMeshPack } from './sources/terrain/quantizedMeshPack';
import { seedStore } from './services/seedService';
import { loadDem } from './sources/terrain/demRepository';
import { heightmapTileHandler } from './sources/terrain/terrainTiles';
import { TileService } from './sources/tiles/tileService';
import { openStore } from './store/openStore';

export interface HostRuntime {
  ctx: AppContext;
  bus: EventBus;
  dispatch: Dispatch;
  /** Tile sources for the tile routes of both hosts. */
  tiles: TileService;
  /** Live monitoring: rules and alarms, SL651 receiver, MQTT subscriber. */
  monitoring: MonitoringRuntime;
  /** Starts the feed receivers (SL651 TCP, MQTT) and the periodic checks. */
  startFeeds(config: FeedConfig): Promise<void>;
  close(): Promise<void>;
}

/** Opens the store, seeds the embedded pack into an empty store and wires dispatch: shared by both hosts. */
export function createHostRuntime(storePath: string, mode: HostMode, paths: AppPaths, options: { seed?: boolean; now?: () => number } = {}): HostRuntime {
  const store = openStore(storePath);
  const bus = new EventBus();
  const ctx = createAppContext(store, bus, mode, paths);
  try {
    if (options.seed !== false) seedStore(ctx);
  } catch (err) {
    store.close();
    throw err;
  }
  const tiles = new TileService({ naturalearth: paths.naturalEarthDir });
  for (const pack of openRegisteredPacks(store)) tiles.addPack(pack);
  const dem = loadDem(store.db, 'terrain');
  if (dem) tiles.addDynamic('dem', heightmapTileHandler(dem));
  let terrainPack: QuantizedMeshPack | null = null;
  const setting = terrainPackSetting(store);
  if (setting) {
    try {
      terrainPack = openQuantizedMeshPack(setting.path, setting.id);
      tiles.addDynamic('terrain', terrainPackHandler(terrainPack));
    } catch (err) {
      console.warn(`[terrain] ${setting.path}: ${(err as Error).message}; falling back to the DEM`);
    }
  }
  const monitoring = new MonitoringRuntime(store.db, bus, options.now);
  const dispatch = createDispatch(createHandlers(ctx, tiles, dem, terrainPack, monitoring));
  return {
    ctx,
    bus,
    dispatch,
    tiles,
    monitoring,
    startFeeds: (config) => monitoring.start(config),
    close: async () => {
      await monitoring.stop();
      void ctx.imports.close();
      terrainPack?.close();
      tiles.close();
      store.close();
    },
  };
}
