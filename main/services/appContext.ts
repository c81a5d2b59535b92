import type { AppPaths } from '../appPaths';
import type { EventBus } from '../rpc/eventBus';
import { DrainageService } from './drainage/drainageService';
import { ImportJobs } from './interchange/importJobs';
import { FeaturesRepository } from '../store/featuresRepository';
import { latestSchemaVersion } from '../store/migrations';
import type { Store } from '../store/openStore';

export type HostMode = 'electron' | 'browser';

/** Everything a service may use. Built once per host process. */
export interface AppContext {
  store: Store;
  features: FeaturesRepository;
  bus: EventBus;
  mode: HostMode;
  paths: AppPaths;
  supportedSchemaVersion: number;
  imports: ImportJobs;
  /** Drainage analysis (the loaded network is cached and shared). */
  drainage: DrainageService;
}

export function createAppContext(store: Store, bus: EventBus, mode: HostMode, paths: AppPaths): AppContext {
  const imports = new ImportJobs(store.path, (e) => {
    const result =
      e.phase === 'done'
        ? { kind: e.result.kind, layerId: e.result.kind === 'features' ? e.result.layerId : undefined, count: e.result.count, inserted: e.result.inserted, updated: e.result.updated, warnings: e.result.warnings }
        : undefined;
    bus.emit('import.progressed', { jobId: e.jobId, phase: e.phase, done: e.done, total: e.total, message: 'message' in e ? e.message : undefined, result });
    if (e.phase === 'done') bus.emit('store.changed', { layerIds: result?.layerId ? [result.layerId] : [], reason: 'import', at: new Date().toISOString() });
  });
  return { store, features: new FeaturesRepository(store.db), bus, mode, paths, supportedSchemaVersion: latestSchemaVersion, imports, drainage: new DrainageService(store.db) };
}
