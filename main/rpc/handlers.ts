import type { AppContext } from '../services/appContext';
import { exportLayer } from '../services/interchange/exportLayer';
import { previewOf, readForImport } from '../services/interchange/importService';
import { mapConfig } from '../services/mapConfigService';
import type { StoredDem } from '../sources/terrain/demRepository';
import { terrainHeightAt } from '../sources/terrain/demGrid';
import type { QuantizedMeshPack } from '../sources/terrain/quantizedMeshPack';
import type { TileService } from '../sources/tiles/tileService';
import type { MonitoringRuntime } from '../services/monitoring/monitoringRuntime';
import type { Handlers } from './dispatch';
import type { drillMethods } from '../../preload/contract/drillMethods';

/** Every method but drill.*, which the drill host answers (main/drillHost.ts). */
export type HostHandlers = Omit<Handlers, keyof typeof drillMethods>;
import { createMonitoringHandlers } from './monitoringHandlers';
import { createCommandHandlers, type CommandServices } from './commandHandlers';
import { currentCaller } from './callerContext';
import { createDrainageHandlers } from './drainageHandlers';
import { createCameraHandlers } from './cameraHandlers';
import { createCameraAdminHandlers } from './cameraAdminHandlers';
import { CameraAdmin } from '../services/cameras/cameraAdmin';
import { CameraCoverage } from '../services/analysis/cameraCoverage';
import { CameraHealth } from '../services/analysis/cameraHealth';
import { LinkageService } from '../services/analysis/linkageService';
import { DashboardService } from '../services/dashboard/dashboardService';

/** Contract method → service call. Thin by design: logic lives in services/. */
export function createHandlers(ctx: AppContext, tiles: TileService, dem: StoredDem | null = null, terrainPack: QuantizedMeshPack | null, monitoring: MonitoringRuntime, command: CommandServices): HostHandlers {
  const cameras = new CameraCoverage(ctx.store.db, dem);
  const health = new CameraHealth(ctx.store.db);
  const cameraAdmin = new CameraAdmin(ctx.store.db, command.audit, { bus: ctx.bus });
  const dashboard = new DashboardService(ctx.store.db, { monitoring: monitoring.monitoring, cameras: health, drainage: ctx.drainage });
  const linkage = new LinkageService(ctx.store.db, { cameras, drainage: ctx.drainage, monitoring: monitoring.monitoring });
  return {
    'app.info': () => ({
      name: 'CityOps',
      version: ctx.paths.version,
      mode: ctx.mode,
      storePath: ctx.store.path,
      schemaVersion: ctx.store.schemaVersion,
      supportedSchemaVersion: ctx.supportedSchemaVersion,
    }),
    'map.config': () => mapConfig(tiles.listPacks(), dem, terrainPack),
    'layers.list': () => ({ layers: ctx.features.listLayers() }),
    'features.query': ({ layerId, bbox, limit }) => {
      const page = ctx.features.query(layerId, bbox, limit);
      return { type: 'FeatureCollection', layerId, features: page.features, total: page.total, truncated: page.features.length < page.total };
    },
    'import.preview': async ({ path, ...opts }) => previewOf(await readForImport(path, opts)),
    'import.start': ({ path, plan, ...opts }) => ({ jobId: ctx.imports.start(path, plan, opts) }),
    'import.cancel': ({ jobId }) => ({ cancelled: ctx.imports.cancel(jobId) }),
    'layers.export': ({ layerId, path, overwrite }) => exportLayer(ctx.features, layerId, path, { overwrite }),
    // Operator actions are recorded with the signed-in user (dispatch has already checked the role).
    // The situation picture is at the host's time: wall time, or a drill's exercise time.
    ...createMonitoringHandlers(monitoring, ctx.store.db, () => currentCaller()?.actor?.username ?? 'local-operator', dem ? (lon, lat) => terrainHeightAt(dem, lon, lat) : null, monitoring.now),
    ...createDrainageHandlers(ctx.drainage),
    ...createCommandHandlers(command, () => currentCaller()?.session ?? null),
    ...createCameraHandlers(cameras, health),
    ...createCameraAdminHandlers(cameraAdmin, () => currentCaller()?.actor ?? null),
    'linkage.analyze': ({ lon, lat, radiusM }) => linkage.analyze(lon, lat, radiusM, monitoring.now()),
    'dashboard.summary': () => dashboard.summary(monitoring.now()),
  };
}
