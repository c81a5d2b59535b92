import { commonColumns, layerSchemas, type ColumnSpec, type LayerSchema } from '../../store/layerSchemas';

/** Normalised for matching: lower case, no spaces/underscores/brackets/units. */
export function normaliseFieldName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/[\s_\-.:/]/g, '');
}

/**
 * Aliases per target column (normalised): English names, Chinese survey names (CJJ 61 / 管线探测 tables),
 * their pinyin abbreviations, and SWMM attribute names. Earlier entries win.
 */
const aliases: Record<string, Record<string, string[]>> = {
  '*': {
    external_id: ['externalid', '编号', '物探点号', '管线编号', '管段编号', '设备编号', '设施编号', '点号', '井号', 'bh', 'wtdh', 'gxbh', 'id', 'fid', 'code', 'objectid'],
    name: ['name', '名称', '名字', 'mc', 'title', '点位名称', '设备名称', '站名', 'stnm', '测站名称', '设施名称'],
  },
  drainage_nodes: {
    node_type: ['nodetype', '节点类型', '附属物', '附属物名称', '特征', '特征点', '井类型', 'fsw', 'tz', 'type', '类型'],
    network: ['network', '管网类型', '管线类型', '管类', '管线类别', 'gxlx', 'gl', 'system'],
    ground_elev: ['groundelev', '地面高程', '井面高程', '井盖高程', 'dmgc', 'jmgc', 'ground', 'rimelevation'],
    invert_elev: ['invertelev', '井底高程', '井底标高', 'jdgc', 'invert', 'elevation'],
    depth: ['depth', '井深', 'js', 'maxdepth', '井底埋深'],
  },
  drainage_pipes: {
    network: ['network', '管线类型', '管网类型', '管类', '管线类别', 'gxlx', 'gl', 'system'],
    up_node: ['upnode', '起点点号', '起始点号', '起点编号', '上游点号', '起点', 'qddh', 'qsdh', 'fromnode', 'from', 'inlet', 'startnode'],
    down_node: ['downnode', '终点点号', '终止点号', '终点编号', '下游点号', '终点', 'zddh', 'zzdh', 'tonode', 'to', 'outlet', 'endnode'],
    diameter_mm: ['diametermm', 'diameter', '管径', '管径mm', '断面尺寸', '规格', 'gj', 'dn', 'dm', 'size', 'geom1'],
    material: ['material', '材质', '管材', '材料', 'cz'],
    up_invert: ['upinvert', '起点管底高程', '起点管内底高程', '起点管底标高', '起点高程', 'qdgd', 'qdgc', 'ingc'],
    down_invert: ['downinvert', '终点管底高程', '终点管内底高程', '终点管底标高', '终点高程', 'zdgd', 'zdgc', 'outgc'],
    up_depth: ['updepth', '起点埋深', 'qdms', 'inoffset'],
    down_depth: ['downdepth', '终点埋深', 'zdms', 'outoffset'],
    length_m: ['lengthm', 'length', '管长', '长度', '管线长度', 'cd', 'gxcd'],
    install_year: ['installyear', '建设年代', '埋设年代', '建设年份', '埋设日期', '建设日期', 'msny', 'jsnd', 'year'],
  },
  cameras: {
    cam_type: ['camtype', '类型', '摄像机类型', '设备类型', '相机类型', 'lx', 'type'],
    heading: ['heading', '朝向', '方位角', '方向', 'azimuth', 'cx'],
    tilt: ['tilt', '俯仰', '俯仰角', 'pitch'],
    hfov: ['hfov', '视场角', '水平视场角', 'fov', 'scj'],
    range_m: ['rangem', 'range', '可视距离', '监控距离'],
    height_m: ['heightm', 'height', '安装高度', '杆高'],
    department: ['department', '权属单位', '所属单位', '管理单位', '权属', 'qsdw', 'owner'],
    status: ['status', '状态', '在线状态', '设备状态', 'zt'],
    stream_url: ['streamurl', 'url', '视频流地址', '视频地址', 'rtsp', '取流地址'],
    last_seen: ['lastseen', '最后在线', '最后在线时间'],
  },
  flood_stations: {
    station_type: ['stationtype', '站类', '站点类型', '测站类型', 'sttp', 'type', '类型'],
    station_code: ['stationcode', '测站编码', '站码', '站号', 'stcd', 'code'],
    flood_limit: ['floodlimit', '汛限水位', 'fsltdz'],
    warning_level: ['warninglevel', '警戒水位', 'wrz'],
    guarantee_level: ['guaranteelevel', '保证水位', 'grz'],
  },
  facilities: {
    category: ['category', '类别', '类型', '设施类型', 'type'],
    capacity: ['capacity', '容量', '可容纳人数', '容纳人数'],
    address: ['address', '地址', '详细地址', 'dz'],
  },
};

/** Extra spellings of enum values (normalised) beyond each column's key and zh/en labels. */
const valueAliases: Record<string, Record<string, string[]>> = {
  network: { rain: ['ys', 'y', '雨', '雨水管', '雨水管线', 'storm', 'stormwater'], sewage: ['ws', 'w', '污', '污水管', '污水管线', 'sanitary', 'foul'], combined: ['hs', 'hl', 'h', '合', '合流管', '雨污合流', '合流管线'] },
  node_type: {
    manhole: ['检查井', '窨井', '雨水井', '污水井', '雨水检查井', '污水检查井', '井', 'jcj'],
    outfall: ['排放口', '出水口', '排水口', '出口', 'outfalls', 'pfk'],
    pump: ['泵站', '提升泵站', 'pumpstation', 'bz'],
    plant: ['污水处理厂', '污水厂', 'treatmentplant', 'wwtp'],
    inlet: ['雨水口', '雨篦子', '雨水篦', 'ysk'],
    junction: ['连接点', '变径点', '三通', '四通', '拐点', 'divider', 'junctions', '直线点'],
    storage: ['调蓄池', '蓄水池', 'storages', 'tank'],
  },
  cam_type: { bullet: ['枪机', '枪式', 'gun', 'box'], dome: ['球机', '半球', '球形'], ptz: ['云台', '云台摄像机'] },
  status: { online: ['在线', '正常', 'on', '1', 'up'], offline: ['离线', 'off', '0', 'down'], fault: ['故障', '异常', 'error'] },
  station_type: { reservoir: ['水库', 'rr', '水库站'], river: ['河道', 'zz', 'zq', '河道站', '水位站'], rain: ['雨量', 'pp', '雨量站'] },
};

const mappedColumns = (schema: LayerSchema): ColumnSpec[] => [...commonColumns.filter((c) => c.name === 'external_id' || c.name === 'name'), ...schema.columns];

function aliasesFor(schema: LayerSchema, column: ColumnSpec): string[] {
  const own = aliases[schema.id]?.[column.name] ?? aliases['*']?.[column.name] ?? [column.name];
  return [...own, normaliseFieldName(column.zh)];
}

/**
 * Which source field fills each target column (external_id, name and the layer's own columns); null when
 * none matches. A source field is used for one column only.
 */
export function detectMapping(sourceFields: string[], schema: LayerSchema): Record<string, string | null> {
  const normalised = sourceFields.map((f) => ({ f, n: normaliseFieldName(f) }));
  const used = new Set<string>();
  const out: Record<string, string | null> = {};
  // Layer columns first (more specific), then external_id/name.
  const columns = [...schema.columns, ...mappedColumns(schema).filter((c) => c.name === 'external_id' || c.name === 'name')];
  for (const column of columns) {
    let hit: string | null = null;
    for (const alias of aliasesFor(schema, column)) {
      const m = normalised.find(({ f, n }) => !used.has(f) && n === alias);
      if (m) {
        hit = m.f;
        break;
      }
    }
    if (hit) used.add(hit);
    out[column.name] = hit;
  }
  if (out.external_id === null && out.name) out.external_id = out.name;
  return out;
}

/** The source field carrying a stable external id (编号/物探点号/ID/FID/code …), else null. */
export function detectExternalIdField(sourceFields: string[]): string | null {
  for (const alias of aliases['*']!.external_id!) {
    const m = sourceFields.find((f) => normaliseFieldName(f) === alias);
    if (m) return m;
  }
  return null;
}

const geometryFamily = (t: string | null): 'point' | 'line' | 'polygon' | null => {
  if (!t) return null;
  const u = t.toUpperCase();
  if (u.includes('POINT')) return 'point';
  if (u.includes('LINE')) return 'line';
  if (u.includes('POLYGON')) return 'polygon';
  return null;
};

/** The layer the fields fit best: the share of its columns found, zero when the geometry type does not fit. */
export function guessLayer(sourceFields: string[], geometryType: string | null): { layerId: string; score: number } {
  let best = { layerId: '', score: 0 };
  const family = geometryFamily(geometryType);
  for (const schema of layerSchemas) {
    if (family && geometryFamily(schema.geometryType) !== family) continue;
    if (schema.columns.length === 0) continue;
    const mapping = detectMapping(sourceFields, schema);
    const found = schema.columns.filter((c) => mapping[c.name]).length;
    const score = found / schema.columns.length;
    if (score > best.score) best = { layerId: schema.id, score };
  }
  return best;
}

export interface MappingResult {
  columns: Record<string, unknown>;
  rest: Record<string, unknown>;
  errors: { field: string; message: string }[];
}

function toNumber(v: unknown): number | null | 'bad' {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : 'bad';
  if (typeof v === 'string') {
    const s = v.trim().replace(/^(DN|D|Φ|φ|Ø|ø)\s*/i, '').replace(/\s*(mm|m|米|毫米|°|度)$/i, '');
    if (s === '') return null;
    const n = Number(s);
    return Number.isFinite(n) ? n : 'bad';
  }
  return 'bad';
}

function enumValue(column: ColumnSpec, raw: unknown): string | null | 'bad' {
  if (raw === null || raw === undefined || raw === '') return null;
  const n = normaliseFieldName(String(raw));
  for (const [key, label] of Object.entries(column.values ?? {})) {
    const spellings = [key, label.zh, label.en, ...(valueAliases[column.name]?.[key] ?? [])].map(normaliseFieldName);
    if (spellings.includes(n)) return key;
  }
  return 'bad';
}

/**
 * Convert one feature's properties to the layer's columns: numbers parsed (units stripped), 管径 below 10
 * taken as metres and converted to mm, enum values (雨水 → rain, 枪机 → bullet …) mapped; unmapped source
 * attributes are returned in `rest` (they go to the props JSON). Bad values are reported per field.
 */
export function applyMapping(properties: Record<string, unknown>, mapping: Record<string, string | null>, schema: LayerSchema): MappingResult {
  const columns: Record<string, unknown> = {};
  const errors: MappingResult['errors'] = [];
  const used = new Set<string>();
  const specs = new Map(mappedColumns(schema).map((c) => [c.name, c]));
  for (const [column, source] of Object.entries(mapping)) {
    if (!source) continue;
    used.add(source);
    const spec = specs.get(column);
    const raw = properties[source];
    if (!spec) continue;
    if (spec.values) {
      const v = enumValue(spec, raw);
      if (v === 'bad') {
        errors.push({ field: source, message: `'${String(raw)}' is not one of ${Object.entries(spec.values).map(([k, l]) => `${l.zh}/${k}`).join(', ')}` });
      } else columns[column] = v;
      continue;
    }
    if (spec.sql === 'TEXT') {
      columns[column] = raw === null || raw === undefined || raw === '' ? null : typeof raw === 'object' ? JSON.stringify(raw) : String(raw).trim();
      continue;
    }
    if (column === 'install_year' && typeof raw === 'string') {
      const m = /^(\d{4})/.exec(raw.trim());
      if (m) {
        columns[column] = Number(m[1]);
        continue;
      }
    }
    const n = toNumber(raw);
    if (n === 'bad') {
      errors.push({ field: source, message: `'${String(raw)}' is not a number` });
      continue;
    }
    if (n === null) {
      columns[column] = null;
      continue;
    }
    if (spec.sql === 'INTEGER' && !Number.isInteger(n)) {
      errors.push({ field: source, message: `'${String(raw)}' is not a whole number` });
      continue;
    }
    columns[column] = column === 'diameter_mm' && n > 0 && n < 10 ? Math.round(n * 1000 * 1000) / 1000 : n;
  }
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(properties)) if (!used.has(k)) rest[k] = v;
  return { columns, rest, errors };
}
