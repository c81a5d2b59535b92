import { z } from 'zod';

const lon = z.number().min(-180).max(180);
const lat = z.number().min(-90).max(90);

/** [west, south, east, north] in degrees (EPSG:4326). */
export const bboxSchema = z
  .tuple([lon, lat, lon, lat])
  .refine(([w, s, e, n]) => w <= e && s <= n, { message: 'bbox must be [west, south, east, north] with west<=east and south<=north' });
export type BBox = z.infer<typeof bboxSchema>;

const position = z.array(z.number()).min(2).max(4);
const geometryTypes = ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon'] as const;

export const simpleGeometrySchema = z.object({
  type: z.enum(geometryTypes),
  // Nesting depth depends on the type; depth is checked by the store's codec, not repeated here.
  coordinates: z.union([position, z.array(z.unknown())]),
});

export const geometrySchema = z.union([
  simpleGeometrySchema,
  z.object({ type: z.literal('GeometryCollection'), geometries: z.array(simpleGeometrySchema) }),
]);
export type Geometry = z.infer<typeof geometrySchema>;

export const featureSchema = z.object({
  type: z.literal('Feature'),
  id: z.union([z.string(), z.number()]),
  geometry: geometrySchema.nullable(),
  properties: z.record(z.string(), z.unknown()),
});
export type Feature = z.infer<typeof featureSchema>;

export const geometryTypeNames = [
  'GEOMETRY',
  'POINT',
  'LINESTRING',
  'POLYGON',
  'MULTIPOINT',
  'MULTILINESTRING',
  'MULTIPOLYGON',
  'GEOMETRYCOLLECTION',
] as const;
