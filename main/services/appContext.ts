import type { AppPaths } from '../appPaths';
import type { EventBus } from '../rpc/eventBus';
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
}

export function createAppContext(store: Store, bus: EventBus, mode: HostMode, paths: AppPaths): AppContext {
  return { store, features: new FeaturesRepository(store.db), bus, mode, paths, supportedSchemaVersion: latestSchemaVersion };
}
