import type { Locale } from '../../ui/locale';

const zh = {
  'kpi.alarms': '监测预警',
  'kpi.unacked': '未确认',
  'kpi.incidents': '事件管理',
  'kpi.open': '处置中',
  'kpi.stations': '水雨情站点',
  'kpi.reporting': '在报',
  'kpi.nearest': '距警戒最近',
  'kpi.aboveWarning': '超警戒',
  'kpi.belowWarning': '距警戒',
  'kpi.rain': '降雨',
  'kpi.max1h': '最大1小时',
  'kpi.max24h': '最大24小时',
  'kpi.mean24h': '面雨量24小时',
  'kpi.cameras': '视频在线率',
  'kpi.drainage': '管网拓扑',
  'kpi.errors': '错误',
  'kpi.warnings': '提示',
  'kpi.dataAt': '数据时间',
  'kpi.stale': '数据过期',
  'kpi.none': '无数据',
  'status.reported': '已上报',
  'status.verified': '已核实',
  'status.dispatched': '已派遣',
  'status.in_progress': '处置中',
  'status.resolved': '已解决',
  'status.closed': '已关闭',
  'layout.wall': '全景',
  'layout.operator': '值班',
  'layout.analyst': '分析',
  'chart.mean': '面平均',
  'chart.max': '最大站',
} as const;
export type DashboardTextKey = keyof typeof zh;
const en: Record<DashboardTextKey, string> = {
  'kpi.alarms': 'Alarms',
  'kpi.unacked': 'unacknowledged',
  'kpi.incidents': 'Incidents',
  'kpi.open': 'open',
  'kpi.stations': 'Stations',
  'kpi.reporting': 'reporting',
  'kpi.nearest': 'Nearest the warning line',
  'kpi.aboveWarning': 'above warning by',
  'kpi.belowWarning': 'below warning by',
  'kpi.rain': 'Rainfall',
  'kpi.max1h': 'max 1 h',
  'kpi.max24h': 'max 24 h',
  'kpi.mean24h': 'areal 24 h',
  'kpi.cameras': 'Cameras online',
  'kpi.drainage': 'Pipe network',
  'kpi.errors': 'errors',
  'kpi.warnings': 'warnings',
  'kpi.dataAt': 'Data at',
  'kpi.stale': 'stale',
  'kpi.none': 'no data',
  'status.reported': 'Reported',
  'status.verified': 'Verified',
  'status.dispatched': 'Dispatched',
  'status.in_progress': 'In progress',
  'status.resolved': 'Resolved',
  'status.closed': 'Closed',
  'layout.wall': 'Wall',
  'layout.operator': 'Duty',
  'layout.analyst': 'Analyst',
  'chart.mean': 'areal mean',
  'chart.max': 'wettest gauge',
};

export function dashboardText(locale: Locale): (key: DashboardTextKey) => string {
  return (key) => (locale === 'zh-CN' ? zh[key] : en[key]);
}

/** A tile's data is stale when its newest data is older than `maxAgeMs` (null time: no data yet, not stale). */
export function isStale(at: number | null, now: number, maxAgeMs: number): boolean {
  return at !== null && now - at > maxAgeMs;
}
