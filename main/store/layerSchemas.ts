import type { FeatureTableSpec } from './featureTables';

/** A typed attribute column of a CityOps layer, with labels for the attribute panel. */
export interface ColumnSpec {
  name: string;
  sql: 'TEXT' | 'REAL' | 'INTEGER';
  zh: string;
  en: string;
  unit?: string;
  /** Allowed values (for enums); labels per value in zh/en. */
  values?: Record<string, { zh: string; en: string }>;
}

export interface LayerSchema {
  /** Table name and layer id. */
  id: string;
  /** Drawn by the renderer module of this kind. */
  kind: string;
  geometryType: FeatureTableSpec['geometryType'];
  title: { zh: string; en: string };
  description: string;
  columns: ColumnSpec[];
  sortOrder: number;
}

const network = {
  rain: { zh: '雨水', en: 'Storm' },
  sewage: { zh: '污水', en: 'Sewage' },
  combined: { zh: '合流', en: 'Combined' },
};

/**
 * Every layer has these columns besides fid/geom: a stable id from the source (re-imports update by it),
 * a display name, the demo flag (演示数据) and the remaining source attributes as JSON.
 */
export const commonColumns: ColumnSpec[] = [
  { name: 'external_id', sql: 'TEXT', zh: '编号', en: 'ID' },
  { name: 'name', sql: 'TEXT', zh: '名称', en: 'Name' },
  { name: 'demo', sql: 'INTEGER', zh: '演示数据', en: 'Demo data' },
  { name: 'props', sql: 'TEXT', zh: '其他属性', en: 'Other attributes' },
];

export const layerSchemas: LayerSchema[] = [
  {
    id: 'drainage_nodes',
    kind: 'drainageNodes',
    geometryType: 'POINT',
    title: { zh: '排水节点', en: 'Drainage nodes' },
    description: '检查井、排放口、泵站、污水厂 Manholes, outfalls, pump stations, treatment plant',
    sortOrder: 40,
    columns: [
      {
        name: 'node_type',
        sql: 'TEXT',
        zh: '节点类型',
        en: 'Node type',
        values: {
          manhole: { zh: '检查井', en: 'Manhole' },
          outfall: { zh: '排放口', en: 'Outfall' },
          pump: { zh: '泵站', en: 'Pump station' },
          plant: { zh: '污水处理厂', en: 'Treatment plant' },
          inlet: { zh: '雨水口', en: 'Inlet' },
          junction: { zh: '连接点', en: 'Junction' },
          storage: { zh: '调蓄池', en: 'Storage' },
        },
      },
      { name: 'network', sql: 'TEXT', zh: '管网类型', en: 'Network', values: network },
      { name: 'ground_elev', sql: 'REAL', zh: '地面高程', en: 'Ground elevation', unit: 'm' },
      { name: 'invert_elev', sql: 'REAL', zh: '井底高程', en: 'Invert elevation', unit: 'm' },
      { name: 'depth', sql: 'REAL', zh: '井深', en: 'Depth', unit: 'm' },
    ],
  },
  {
    id: 'drainage_pipes',
    kind: 'drainagePipes',
    geometryType: 'LINESTRING',
    title: { zh: '排水管线', en: 'Drainage pipes' },
    description: '雨水、污水、合流管线 Storm, sewage and combined pipes',
    sortOrder: 41,
    columns: [
      { name: 'network', sql: 'TEXT', zh: '管线类型', en: 'Network', values: network },
      { name: 'up_node', sql: 'TEXT', zh: '起点点号', en: 'Upstream node' },
      { name: 'down_node', sql: 'TEXT', zh: '终点点号', en: 'Downstream node' },
      { name: 'diameter_mm', sql: 'REAL', zh: '管径', en: 'Diameter', unit: 'mm' },
      { name: 'material', sql: 'TEXT', zh: '材质', en: 'Material' },
      { name: 'up_invert', sql: 'REAL', zh: '起点管底高程', en: 'Upstream invert', unit: 'm' },
      { name: 'down_invert', sql: 'REAL', zh: '终点管底高程', en: 'Downstream invert', unit: 'm' },
      { name: 'up_depth', sql: 'REAL', zh: '起点埋深', en: 'Upstream depth', unit: 'm' },
      { name: 'down_depth', sql: 'REAL', zh: '终点埋深', en: 'Downstream depth', unit: 'm' },
      { name: 'length_m', sql: 'REAL', zh: '管长', en: 'Length', unit: 'm' },
      { name: 'install_year', sql: 'INTEGER', zh: '建设年代', en: 'Installed' },
    ],
  },
  {
    id: 'cameras',
    kind: 'cameras',
    geometryType: 'POINT',
    title: { zh: '视频监控', en: 'Cameras' },
    description: '视频监控点位 Video cameras',
    sortOrder: 30,
    columns: [
      { name: 'cam_type', sql: 'TEXT', zh: '类型', en: 'Type', values: { bullet: { zh: '枪机', en: 'Bullet' }, dome: { zh: '球机', en: 'Dome' }, ptz: { zh: '云台', en: 'PTZ' } } },
      { name: 'heading', sql: 'REAL', zh: '朝向', en: 'Heading', unit: '°' },
      { name: 'tilt', sql: 'REAL', zh: '俯仰', en: 'Tilt', unit: '°' },
      { name: 'hfov', sql: 'REAL', zh: '水平视场角', en: 'Horizontal FOV', unit: '°' },
      { name: 'range_m', sql: 'REAL', zh: '可视距离', en: 'Range', unit: 'm' },
      { name: 'height_m', sql: 'REAL', zh: '安装高度', en: 'Mount height', unit: 'm' },
      { name: 'department', sql: 'TEXT', zh: '权属单位', en: 'Department' },
      { name: 'status', sql: 'TEXT', zh: '状态', en: 'Status', values: { online: { zh: '在线', en: 'Online' }, offline: { zh: '离线', en: 'Offline' }, fault: { zh: '故障', en: 'Fault' } } },
      { name: 'stream_url', sql: 'TEXT', zh: '视频流地址', en: 'Stream URL' },
      { name: 'last_seen', sql: 'TEXT', zh: '最后在线', en: 'Last seen' },
    ],
  },
  {
    id: 'flood_stations',
    kind: 'floodStations',
    geometryType: 'POINT',
    title: { zh: '水雨情站点', en: 'Flood stations' },
    description: '水库、河道水位站与雨量站 Reservoir, river and rain-gauge stations',
    sortOrder: 20,
    columns: [
      { name: 'station_type', sql: 'TEXT', zh: '站类', en: 'Station type', values: { reservoir: { zh: '水库', en: 'Reservoir' }, river: { zh: '河道', en: 'River' }, rain: { zh: '雨量', en: 'Rain gauge' } } },
      { name: 'station_code', sql: 'TEXT', zh: '测站编码', en: 'Station code' },
      { name: 'flood_limit', sql: 'REAL', zh: '汛限水位', en: 'Flood-limit level', unit: 'm' },
      { name: 'warning_level', sql: 'REAL', zh: '警戒水位', en: 'Warning level', unit: 'm' },
      { name: 'guarantee_level', sql: 'REAL', zh: '保证水位', en: 'Guaranteed level', unit: 'm' },
    ],
  },
  {
    id: 'facilities',
    kind: 'facilities',
    geometryType: 'POINT',
    title: { zh: '重点设施', en: 'Facilities' },
    description: '学校、医院、避难场所、危化品场所、加油站 Schools, hospitals, shelters, hazardous sites, gas stations',
    sortOrder: 50,
    columns: [
      {
        name: 'category',
        sql: 'TEXT',
        zh: '类别',
        en: 'Category',
        values: {
          school: { zh: '学校', en: 'School' },
          hospital: { zh: '医院', en: 'Hospital' },
          shelter: { zh: '避难场所', en: 'Shelter' },
          hazmat: { zh: '危化品场所', en: 'Hazardous site' },
          gas_station: { zh: '加油站', en: 'Gas station' },
        },
      },
      { name: 'capacity', sql: 'INTEGER', zh: '容量', en: 'Capacity' },
      { name: 'address', sql: 'TEXT', zh: '地址', en: 'Address' },
    ],
  },
  { id: 'subdistricts', kind: 'basemapAreas', geometryType: 'MULTIPOLYGON', title: { zh: '街道乡镇', en: 'Sub-districts' }, description: '街道、乡镇 Sub-districts', sortOrder: 11, columns: [] },
  { id: 'places', kind: 'basemapPlaces', geometryType: 'POINT', title: { zh: '地名', en: 'Place names' }, description: '地名注记 Place names', sortOrder: 12, columns: [{ name: 'rank', sql: 'INTEGER', zh: '等级', en: 'Rank' }] },
  { id: 'rivers', kind: 'basemapLines', geometryType: 'MULTILINESTRING', title: { zh: '河流', en: 'Rivers' }, description: '河流 Rivers', sortOrder: 13, columns: [] },
  { id: 'water_areas', kind: 'basemapAreas', geometryType: 'MULTIPOLYGON', title: { zh: '水库水面', en: 'Reservoirs' }, description: '水库、水面 Reservoirs and water', sortOrder: 14, columns: [] },
  {
    id: 'roads',
    kind: 'basemapLines',
    geometryType: 'MULTILINESTRING',
    title: { zh: '道路', en: 'Roads' },
    description: '道路 Roads',
    sortOrder: 15,
    columns: [{ name: 'road_class', sql: 'TEXT', zh: '道路等级', en: 'Road class', values: { trunk: { zh: '主干路', en: 'Trunk' }, primary: { zh: '次干路', en: 'Primary' }, local: { zh: '支路', en: 'Local' } } }],
  },
];

export function layerSchema(id: string): LayerSchema | undefined {
  return layerSchemas.find((s) => s.id === id);
}
