import { z } from 'zod';
import { bboxSchema, featureSchema, geometryTypeNames } from './geo';
import { cameraAdminMethods } from './cameraAdminMethods';
import { cameraMethods } from './cameraMethods';
import { commandMethods } from './commandMethods';
import { linkageMethods } from './linkageMethods';
import { dashboardMethods } from './dashboardMethods';
import { drainageMethods } from './drainageMethods';
import { drillMethods } from './drillMethods';
import { monitoringMethods } from './monitoringMethods';

const noInput = z.object({}).strict();
const localized = z.object({ zh: z.string(), en: z.string() });
/** Layer ids are also table names in the store: keep them to safe identifiers. */
export const layerIdSchema = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'layer id: lowercase letters, digits and _ (max 63)');

export const appInfoOutput = z.object({
  name: z.string(),
  version: z.string(),
  mode: z.enum(['electron', 'browser']),
  storePath: z.string(),
  /** The store's schema version (numbered migrations). */
  schemaVersion: z.number().int().nonnegative(),
  /** The newest schema this build knows. */
  supportedSchemaVersion: z.number().int().nonnegative(),
});

export const imagerySourceSchema = z.object({
  id: z.string(),
  title: localized,
  /** tms: TileMapService layout (tilemapresource.xml); xyz: {z}/{x}/{y} template. */
  kind: z.enum(['tms', 'xyz']),
  /** Relative to the host (the renderer's host/ resolves it) or absolute for online sources. */
  url: z.string(),
  minimumLevel: z.number().int().min(0).max(24),
  maximumLevel: z.number().int().min(0).max(24),
  /** Where the source has tiles, [west, south, east, north]; null for global sources. */
  extent: bboxSchema.nullable(),
  credit: z.string(),
  online: z.boolean(),
});

export const mapConfigOutput = z.object({
  imagery: z.array(imagerySourceSchema),
  terrain: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('ellipsoid') }),
    z.object({ kind: z.literal('quantized-mesh'), url: z.string(), title: z.string(), coversDistrict: z.boolean() }),
    /** Float32 heightmaps of Cesium's geographic tiling scheme from the store's DEM: {url}{level}/{x}/{y}. */
    z.object({
      kind: z.literal('heightmap'),
      url: z.string(),
      tileSize: z.number().int().min(2).max(257),
      extent: bboxSchema,
      minHeight: z.number(),
      maxHeight: z.number(),
      demo: z.boolean(),
      source: z.string(),
    }),
  ]),
  homeView: z.object({
    /** The district's extent, [west, south, east, north]. */
    extent: bboxSchema,
    /** Camera position and orientation for the home view. */
    longitude: z.number(),
    latitude: z.number(),
    height: z.number(),
    heading: z.number(),
    pitch: z.number(),
  }),
  credit: z.string(),
});

export const layerInfoSchema = z.object({
  id: layerIdSchema,
  title: localized,
  kind: z.string(),
  geometryType: z.enum(geometryTypeNames),
  featureCount: z.number().int().nonnegative(),
  bbox: bboxSchema.nullable(),
  /** Where the data came from, shown in the catalog: e.g. 'resources/demo/…', 'import:file.shp'. */
  source: z.string(),
  demo: z.boolean(),
  /** A caption the map must show next to the layer (e.g. 示意边界), if any. */
  caption: localized.nullable(),
  /** When the layer's data last changed (ISO 8601, from gpkg_contents.last_change). */
  lastChange: z.string(),
});
export type LayerInfo = z.infer<typeof layerInfoSchema>;

export const featuresQueryInput = z
  .object({
    layerId: layerIdSchema,
    bbox: bboxSchema.optional(),
    limit: z.number().int().min(1).max(50_000).default(5_000),
  })
  .strict();

export const featuresQueryOutput = z.object({
  type: z.literal('FeatureCollection'),
  layerId: layerIdSchema,
  features: z.array(featureSchema),
  /** How many features match the bbox in total; features.length < total means truncated by limit. */
  total: z.number().int().nonnegative(),
  truncated: z.boolean(),
});

/** A path on the host machine (the file the analyst picked). */
const hostPath = z.string().min(1).max(4096).refine((p) => !p.includes('\0') && (p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p)), 'an absolute path on the host');
const readOptions = {
  /** The CRS when the file does not say, e.g. 'EPSG:4545'. */
  crs: z.string().regex(/^EPSG:\d{4,5}$/, 'EPSG:<code>').optional(),
  /** GeoPackage table or the shapefile inside a zip. */
  table: z.string().max(200).optional(),
  encoding: z.enum(['utf-8', 'gbk']).optional(),
};
export const importPlanSchema = z.object({
  layerId: z.string().min(1).max(80),
  mapping: z.record(z.string(), z.string().nullable()),
  idField: z.string().nullable(),
  nameField: z.string().nullable(),
});

export const importPreviewOutput = z.object({
  file: z.string(),
  kind: z.enum(['features', 'timeseries']),
  format: z.string(),
  layerName: z.string(),
  crs: z.object({ code: z.string(), label: z.string() }).nullable(),
  encoding: z.string().nullable(),
  geometryType: z.string().nullable(),
  count: z.number().int().nonnegative(),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable(),
  fields: z.array(z.object({ name: z.string(), type: z.string() })),
  rows: z.array(z.record(z.string(), z.unknown())),
  suggested: importPlanSchema.extend({ score: z.number() }),
  targets: z.array(
    z.object({
      id: z.string(),
      title: localized,
      geometryType: z.string(),
      columns: z.array(z.object({ name: z.string(), zh: z.string(), en: z.string(), unit: z.string().nullable() })),
    }),
  ),
  rule: localized,
  warnings: z.array(z.string()),
});

/** Every method that may cross the border: 'domain.verb' → input and output schemas. */
export const methods = {
  'app.info': { input: noInput, output: appInfoOutput },
  'map.config': { input: noInput, output: mapConfigOutput },
  'layers.list': { input: noInput, output: z.object({ layers: z.array(layerInfoSchema) }) },
  'features.query': { input: featuresQueryInput, output: featuresQueryOutput },
  'import.preview': { input: z.object({ path: hostPath, ...readOptions }).strict(), output: importPreviewOutput },
  'import.start': {
    input: z.object({ path: hostPath, plan: importPlanSchema, ...readOptions }).strict(),
    output: z.object({ jobId: z.string() }),
  },
  'import.cancel': { input: z.object({ jobId: z.string().uuid() }).strict(), output: z.object({ cancelled: z.boolean() }) },
  'layers.export': {
    input: z.object({ layerId: layerIdSchema, path: hostPath, overwrite: z.boolean().default(false) }).strict(),
    output: z.object({ path: z.string(), count: z.number().int().nonnegative(), format: z.enum(['gpkg', 'geojson', 'csv']) }),
  },
  ...monitoringMethods,
  ...drainageMethods,
  ...cameraMethods,
  ...cameraAdminMethods,
  ...commandMethods,
  ...linkageMethods,
  ...dashboardMethods,
  ...drillMethods,
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(methods, name);
}
