import type { DemoFeature } from './demoPackTypes';
import { round, toLonLat } from './geoMath';
import { saiwudangPeak, SOURCE_DIVISIONS, SOURCE_RELIEF, SOURCE_RIVERS, subdistrictSites } from './maojianGeography';
import type { RiverSystem } from './riversDemo';

/** Place names: the seven sub-district seats (rank 1), 赛武当 (rank 2) and the two reservoirs (rank 3). */
export function buildPlaces(rivers: RiverSystem): DemoFeature[] {
  const out: DemoFeature[] = subdistrictSites.map((s) => ({
    external_id: `place-${s.code}`,
    name: s.name,
    geometry: { type: 'Point', coordinates: [s.at[0], s.at[1]] },
    columns: { rank: 1, demo: 0 },
    props: { approximate: true, source: SOURCE_DIVISIONS, division_code: s.code, kind: s.kind },
  }));
  out.push({
    external_id: 'place-saiwudang',
    name: saiwudangPeak.name,
    geometry: { type: 'Point', coordinates: [saiwudangPeak.at[0], saiwudangPeak.at[1]] },
    columns: { rank: 2, demo: 0 },
    props: { approximate: true, source: SOURCE_RELIEF, elevation_m: saiwudangPeak.elevation, note: '主峰菩陀峰, 省级自然保护区' },
  });
  for (const r of rivers.reservoirs) {
    const [lon, lat] = toLonLat(r.centre[0], r.centre[1]);
    out.push({
      external_id: `place-${r.site.id}`,
      name: r.site.name,
      geometry: { type: 'Point', coordinates: [round(lon, 6), round(lat, 6)] },
      columns: { rank: 3, demo: 0 },
      props: { approximate: true, source: SOURCE_RIVERS, normal_pool_m_demo: r.pool },
    });
  }
  return out;
}
