import type { Locale } from '../../ui/locale';

const zh = {
  'tool.title': '视频监控',
  'tool.titleEn': 'Cameras & video',
  'tool.open': '视频监控 Cameras',
  'tool.collapse': '收起',
  'tool.loading': '正在读取摄像机…',
  'tool.noLayer': '没有摄像机图层',
  'wall.open': '视频墙',
  'wall.close': '关闭视频墙',
  'filter.title': '筛选',
  'filter.status': '状态',
  'filter.type': '类型',
  'filter.department': '权属单位',
  'filter.all': '全部',
  'filter.none': '未填写',
  'filter.shown': '显示',
  'list.title': '摄像机',
  'list.search': '名称或编号',
  'list.more': '仅显示前 {n} 个，请筛选或搜索',
  'list.noStream': '无视频流',
  'seeing.arm': '视域查询',
  'seeing.armed': '请在地图上点击要查看的位置',
  'seeing.cancel': '取消',
  'seeing.title': '可看到该点的摄像机',
  'seeing.none': '没有摄像机能看到该点',
  'seeing.point': '位置',
  'seeing.distance': '距离',
  'seeing.bearing': '方位',
  'seeing.terrainOff': '未使用地形遮挡分析',
  'seeing.clear': '清除',
  'coverage.show': '覆盖范围',
  'coverage.clear': '清除覆盖范围',
  'coverage.area': '覆盖面积',
  'coverage.occluded': '被地形遮挡射线',
  'locate': '定位',
  'health.title': '在线率',
  'health.department': '权属单位',
  'health.total': '总数',
  'health.online': '在线',
  'health.offline': '离线',
  'health.fault': '故障',
  'health.pct': '在线率',
  'health.all': '合计',
  'health.refresh': '刷新',
  'error': '出错',
} as const;

export type CameraTextKey = keyof typeof zh;

const en: Record<CameraTextKey, string> = {
  'tool.title': 'Cameras & video',
  'tool.titleEn': '视频监控',
  'tool.open': 'Cameras 视频监控',
  'tool.collapse': 'Collapse',
  'tool.loading': 'Loading cameras…',
  'tool.noLayer': 'No cameras layer',
  'wall.open': 'Video wall',
  'wall.close': 'Close the wall',
  'filter.title': 'Filters',
  'filter.status': 'Status',
  'filter.type': 'Type',
  'filter.department': 'Department',
  'filter.all': 'All',
  'filter.none': 'Not given',
  'filter.shown': 'shown',
  'list.title': 'Cameras',
  'list.search': 'Name or ID',
  'list.more': 'First {n} shown; filter or search',
  'list.noStream': 'no stream',
  'seeing.arm': 'Who sees here',
  'seeing.armed': 'Click the place on the map',
  'seeing.cancel': 'Cancel',
  'seeing.title': 'Cameras that see the point',
  'seeing.none': 'No camera sees this point',
  'seeing.point': 'Point',
  'seeing.distance': 'Distance',
  'seeing.bearing': 'Bearing',
  'seeing.terrainOff': 'terrain occlusion not checked',
  'seeing.clear': 'Clear',
  'coverage.show': 'Coverage',
  'coverage.clear': 'Clear coverage',
  'coverage.area': 'Area',
  'coverage.occluded': 'Rays blocked by terrain',
  'locate': 'Locate',
  'health.title': 'Online rate',
  'health.department': 'Department',
  'health.total': 'Total',
  'health.online': 'Online',
  'health.offline': 'Offline',
  'health.fault': 'Fault',
  'health.pct': 'Online %',
  'health.all': 'All',
  'health.refresh': 'Refresh',
  'error': 'Error',
};

/** Camera tool text: zh-CN first, English beside it where the locale is English (the app's i18n table stays untouched). */
export function cameraText(locale: Locale): (key: CameraTextKey, vars?: Record<string, string | number>) => string {
  return (key, vars) => {
    let s: string = locale === 'zh-CN' ? zh[key] : en[key];
    for (const [k, v] of Object.entries(vars ?? {})) s = s.replace(`{${k}}`, String(v));
    return s;
  };
}

const compass = [
  ['北', 'N'],
  ['东北', 'NE'],
  ['东', 'E'],
  ['东南', 'SE'],
  ['南', 'S'],
  ['西南', 'SW'],
  ['西', 'W'],
  ['西北', 'NW'],
] as const;

/** Pure: a bearing (degrees clockwise from north) as a compass point and degrees, e.g. "东北 NE 45°". */
export function bearingLabel(deg: number): string {
  const d = ((deg % 360) + 360) % 360;
  const [zhName, enName] = compass[Math.round(d / 45) % 8]!;
  return `${zhName} ${enName} ${Math.round(d) % 360}°`;
}

/** Pure: metres as "85 m" / "1.24 km". */
export function distanceLabel(m: number): string {
  return m < 1000 ? `${Math.round(m)} m` : `${(m / 1000).toFixed(2)} km`;
}
