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
import { dirname, join } from 'node:path';
import { DrillHost } from './drillHost';
import { EventRecorder } from './services/drills/eventRecorder';

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
  /** Drills over copies of this store (null inside a drill's own host). While one runs, dispatch and bus are the drill's. */
  drills: DrillHost | null;
  /** The live host's own bus (bus is what windows see: the live one, or the running drill's). */
  liveBus: EventBus;
  close(): Promise<void>;
}

/** Opens the store, seeds the embedded pack into an empty store and wires dispatch: shared by both hosts. */
export interface HostRuntimeOptions {
  seed?: boolean;
  /** The clock of monitoring, incidents, plans and the audit log (a drill's host runs on the exercise clock). */
  now?: () => number;
  /** false: no drills (a drill's own host); else where drill stores go (default: drills/ beside the store). */
  drills?: false | { dir?: string };
  log?: (msg: string) => void;
}

export function createHostRuntime(storePath: string, mode: HostMode, paths: AppPaths, options: HostRuntimeOptions = {}): HostRuntime {
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
  const { bootstrap, ...command } = createCommandServices(store.db, { bootstrapAdmin: true, authNow: Date.now, ...(options.now ? { now: options.now } : {}) });
  const dispatch = createDispatch(createHandlers(ctx, tiles, dem, terrainPack, monitoring, command), console.error, {
    actorOf: (session) => command.auth.session(session)?.actor ?? null,
    refused: (actor, method, reason) => command.audit.append(actor, 'denied', null, { method, reason }),
    succeeded: (actor, method, input) => {
      const target = auditedByDispatch[method];
      if (target) command.audit.append(actor ?? cliActor(), method, target(input as Record<string, unknown>), input as Record<string, unknown>);
    },
  });
  const runtime: HostRuntime = {
    ctx,
    bus,
    liveBus: bus,
    dispatch,
    tiles,
    command,
    bootstrap,
    monitoring,
    drills: null,
    startFeeds: async (config) => {
      if (runtime.drills) runtime.drills.o.mqttUrl = config.mqtt?.url ?? null;
      await monitoring.start(config);
    },
    close: async () => {
      await runtime.drills?.close();
      await monitoring.stop();
      void ctx.imports.close();
      terrainPack?.close();
      tiles.close();
      store.close();
    },
  };
  if (options.drills !== false) {
    const live = {
      storePath: store.path,
      db: store.db,
      bus,
      dispatch,
      auth: command.auth,
      audit: command.audit,
      openAlarms: () => monitoring.monitoring.alarms({ open: true }),
    };
    const drills = new DrillHost(live, {
      liveRecorder: new EventRecorder(store.db, { now: options.now ?? Date.now, runId: 'live' }),
      drillsDir: options.drills?.dir ?? join(dirname(store.path), 'drills'),
      resourcesDir: paths.resourcesDir,
      createRuntime: (path, now) => createHostRuntime(path, mode, paths, { seed: false, now, drills: false, ...(options.log ? { log: options.log } : {}) }),
      ...(options.log ? { log: options.log } : {}),
    });
    runtime.drills = drills;
    runtime.dispatch = drills.dispatch;
    runtime.bus = drills.bus;
  }
  return runtime;
}
