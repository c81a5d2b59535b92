import type { DemoFeature } from './demoPackTypes';
import { roundLonLat, toLonLat, toXY, type XY } from './geoMath';
import { insideMaojianWithBuffer } from './maojianBoundary';
import { subdistrictSites } from './maojianGeography';
import type { Prng } from './prng';
import type { RoadSegment } from './roadsDemo';
import { subdistrictAt } from './subdistrictsDemo';

type Category = 'school' | 'hospital' | 'shelter' | 'hazmat' | 'gas_station';

interface Plan {
  category: Category;
  town: number;
  rural: number;
  names: string[];
  capacity: [number, number] | null;
}

const PLANS: Plan[] = [
  {
    category: 'school',
    town: 9,
    rural: 4,
    names: ['第一中学', '第二中学', '实验小学', '东风小学', '朝阳小学', '五堰小学', '武当路小学', '白浪中学', '职业学校', '中心学校'],
    capacity: [600, 3200],
  },
  { category: 'hospital', town: 5, rural: 2, names: ['区人民医院', '中医医院', '妇幼保健院', '社区卫生服务中心', '卫生院'], capacity: [60, 1200] },
  { category: 'shelter', town: 6, rural: 3, names: ['广场应急避难场所', '公园应急避难场所', '体育场应急避难场所', '学校操场避难点'], capacity: [800, 12000] },
  { category: 'hazmat', town: 3, rural: 1, names: ['液化气储配站', '化工仓储点', '加气站储罐区'], capacity: [20, 400] },
  { category: 'gas_station', town: 5, rural: 4, names: ['加油站'], capacity: null },
];

const RURAL_NAME: Record<Category, string> = { school: '中心学校', hospital: '卫生院', shelter: '应急避难场所', hazmat: '危化品仓库', gas_station: '加油站' };

/** Synthetic key facilities: mostly beside town streets, some in the townships. */
export function buildFacilities(segments: RoadSegment[], prng: Prng): DemoFeature[] {
  const urban = segments.filter((s) => s.urban);
  const rural = segments.filter((s) => !s.urban);
  const towns = subdistrictSites.filter((s) => s.kind !== 'street');
  const out: DemoFeature[] = [];
  for (const plan of PLANS) {
    for (let k = 0; k < plan.town + plan.rural; k++) {
      const inTown = k < plan.town;
      let xy: XY | null = null;
      let road = '';
      for (let tries = 0; tries < 50 && !xy; tries++) {
        let cand: XY;
        if (inTown || plan.category === 'gas_station') {
          const seg = prng.pick(inTown ? urban : rural);
          const t = prng.range(0.2, 0.8);
          const dx = seg.b[0] - seg.a[0];
          const dy = seg.b[1] - seg.a[1];
          const len = Math.sqrt(dx * dx + dy * dy) || 1;
          const off = (prng.chance(0.5) ? 1 : -1) * prng.range(30, 70);
          cand = [seg.a[0] + t * dx - (dy / len) * off, seg.a[1] + t * dy + (dx / len) * off];
          road = seg.roadName;
        } else {
          const site = towns[k % towns.length] ?? towns[0];
          if (!site) break;
          const c = toXY(site.at[0], site.at[1]);
          cand = [c[0] + prng.range(-700, 700), c[1] + prng.range(-700, 700)];
          road = '集镇';
        }
        const ll = toLonLat(cand[0], cand[1]);
        if (insideMaojianWithBuffer(ll[0], ll[1], 20)) xy = cand;
      }
      if (!xy) continue;
      const lonLat = roundLonLat(toLonLat(xy[0], xy[1]));
      const local = toXY(lonLat[0], lonLat[1]);
      const sub = subdistrictAt(local[0], local[1]);
      const base = inTown ? (plan.names[k % plan.names.length] ?? plan.category) : RURAL_NAME[plan.category];
      const n = out.length + 1;
      const generic = !inTown || plan.category === 'gas_station' || k >= plan.names.length;
      const name = generic ? `演示${sub.name.slice(0, 2)}${base}${k + 1}` : `演示${base}`;
      out.push({
        external_id: `FAC${String(n).padStart(3, '0')}`,
        name,
        geometry: { type: 'Point', coordinates: [lonLat[0], lonLat[1]] },
        columns: {
          category: plan.category,
          capacity: plan.capacity ? Math.round(prng.range(plan.capacity[0], plan.capacity[1]) / 10) * 10 : null,
          address: `十堰市茅箭区${sub.name}${road.replace('（演示）', '')}${prng.int(1, 199)}号（演示）`,
          demo: 1,
        },
        props: { synthetic: true, capacity_unit: capacityUnit(plan.category) },
      });
    }
  }
  return out;
}

function capacityUnit(c: Category): string | null {
  switch (c) {
    case 'school':
      return '学生 students';
    case 'hospital':
      return '床位 beds';
    case 'shelter':
      return '人 persons';
    case 'hazmat':
      return '吨 tonnes stored';
    default:
      return null;
  }
}
