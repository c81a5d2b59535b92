import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const hasGdal = spawnSync('ogr2ogr', ['--version']).status === 0;

/** A small Chinese pipe survey in Maojian (lon/lat), as a pipe-survey team would deliver it. */
export function pipeSurveyGeoJson(count = 6): object {
  const features = [];
  for (let i = 0; i < count; i++) {
    const x = 110.78 + i * 0.002;
    features.push({
      type: 'Feature',
      properties: {
        起点点号: `YS${100 + i}`,
        终点点号: `YS${101 + i}`,
        管径: 400 + 100 * Math.floor(i / 2),
        材质: i % 2 ? '钢筋混凝土' : 'HDPE',
        管线类型: i % 3 === 2 ? '污水' : '雨水',
        起点埋深: 2.1 + i * 0.1,
        终点埋深: 2.2 + i * 0.1,
      },
      geometry: { type: 'LineString', coordinates: [[x, 32.62], [x + 0.002, 32.6205]] },
    });
  }
  return { type: 'FeatureCollection', features };
}

/** Writes the survey as a GBK shapefile in CGCS2000 3° Gauss-Krüger CM 111°E (EPSG:4546) with GDAL. */
export function writeGbkShapefile(dir: string, count = 6): string {
  const src = join(dir, 'survey.geojson');
  writeFileSync(src, JSON.stringify(pipeSurveyGeoJson(count)));
  const out = join(dir, '雨水管线.shp');
  execFileSync('ogr2ogr', ['-f', 'ESRI Shapefile', '-lco', 'ENCODING=GBK', '-s_srs', 'EPSG:4326', '-t_srs', 'EPSG:4546', out, src]);
  return out;
}
