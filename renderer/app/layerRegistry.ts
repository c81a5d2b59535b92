import { basemapAreasLayer } from '../layers/basemapAreas';
import { basemapLinesLayer } from '../layers/basemapLines';
import { basemapPlacesLayer } from '../layers/basemapPlaces';
import { boundaryLayer } from '../layers/boundary';
import { camerasLayer } from '../layers/cameras';
import { drainageNodesLayer } from '../layers/drainageNodes';
import { drainagePipesLayer } from '../layers/drainagePipes';
import { facilitiesLayer } from '../layers/facilities';
import { floodStationsLayer } from '../layers/floodStations';
import { genericLayer } from '../layers/generic';
import { incidentsLayer } from '../layers/incidents';
import { drainageDefectsLayer } from '../layers/drainageDefects';
import type { LayerModule } from '../map/mapLayer';

/** Layer kind → module. The composition root: the only place that knows every layer. */
export const layerModules: Record<string, LayerModule> = Object.fromEntries(
  [boundaryLayer, basemapAreasLayer, basemapLinesLayer, basemapPlacesLayer, drainagePipesLayer, drainageNodesLayer, camerasLayer, floodStationsLayer, facilitiesLayer, genericLayer, incidentsLayer, drainageDefectsLayer].map((m) => [m.kind, m]),
);
