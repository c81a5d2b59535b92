import { z } from 'zod';
import { bboxSchema, featureSchema, geometryTypeNames } from './geo';

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
    z.object({ kind: z.literal('quantized-mesh'), url: z.string() }),
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

/** Every method that may cross the border: 'domain.verb' → input and output schemas. */
export const methods = {
  'app.info': { input: noInput, output: appInfoOutput },
  'map.config': { input: noInput, output: mapConfigOutput },
  'layers.list': { input: noInput, output: z.object({ layers: z.array(layerInfoSchema) }) },
  'features.query': { input: featuresQueryInput, output: featuresQueryOutput },
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(methods, name);
}
