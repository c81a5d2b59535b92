import type { AppPaths } from './appPaths';
import { createDispatch, type Dispatch } from './rpc/dispatch';
import { EventBus } from './rpc/eventBus';
import { createHandlers } from './rpc/handlers';
import { createCommandServices, type CommandServices } from './rpc/commandHandlers';
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
import { cliActor } from './services/auth/actor';

/**
 * State-changing methods whose services do not write the audit log themselves (the command center's do): dispatch
 * records them after success, with the target they changed.
 */
const auditedByDispatch: Partial<Record<string, (input: Record<string, unknown>) => string>> = {
  'alarms.acknowledge': (i) => `alarm:${String(i.id)}`,
  'alarms.snooze': (i) => `alarm:${String(i.id)}`,
  'rules.upsert': (i) => `rule:${String(i.id ?? `${String(i.kind)}:${String(i.streamId)}`)}`,
  'import.start': (i) => `file:${String(i.path)}`,
  'import.cancel': (i) => `import:${String(i.jobId)}`,
  'layers.export': (i) => `layer:${String(i.layerId)}`,
  'drainage.importDefects': (i) => `file:${String(i.path)}`,
};

export interface HostRuntime {
  ctx: AppContext;
  bus: EventBus;
  dispatch: Dispatch;
  /** Tile sources for the tile routes of both hosts. */
  tiles: TileService;
  /** Users and roles, audit log, incidents, emergency plans. */
  command: CommandServices;
  /** The first admin's one-time password when this start created it (print it on the host console only). */
  bootstrap: { username: string; password: string } | null;
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
  const { bootstrap, ...command } = createCommandServices(store.db, { bootstrapAdmin: true, ...(options.now ? { now: options.now } : {}) });
  const dispatch = createDispatch(createHandlers(ctx, tiles, dem, terrainPack, monitoring, command), console.error, {
    actorOf: (session) => command.auth.session(session)?.actor ?? null,
    refused: (actor, method, reason) => command.audit.append(actor, 'denied', null, { method, reason }),
    succeeded: (actor, method, input) => {
      const target = auditedByDispatch[method];
      if (target) command.audit.append(actor ?? cliActor(), method, target(input as Record<string, unknown>), input as Record<string, unknown>);
    },
  });
  return {
    ctx,
    bus,
    dispatch,
    tiles,
    command,
    bootstrap,
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
