import type { Migration } from './migrations';

/** Migration 7: drainage analysis tables (CCTV inspection defects, CJJ 181-2012). Filled in by the drainage work. */
export const drainageMigration: Migration = {
  version: 7,
  name: 'drainage: CCTV inspection defects (CJJ 181-2012)',
  up() {},
};
