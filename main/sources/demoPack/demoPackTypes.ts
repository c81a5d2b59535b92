import type { Geometry } from '../../../preload/contract/geo';
import type { DemGrid } from '../terrain/demGrid';

/** One feature of a demo layer. `columns` holds the layer's typed columns plus `demo` (1 synthetic, 0 real). */
export interface DemoFeature {
  external_id: string;
  name: string;
  geometry: Geometry;
  columns: Record<string, string | number | null>;
  props?: Record<string, unknown>;
}

/**
 * A grid-registered height field: sample (row r, column c) lies at lon = west + c·(east−west)/(width−1),
 * lat = north − r·(north−south)/(height−1); row 0 is the north edge. Heights in metres above sea level.
 */
export type DemoDem = DemGrid;

export interface DemoPack {
  version: string;
  layers: Record<string, DemoFeature[]>;
  dem: DemoDem;
}
