import { createContext, useContext } from 'react';
import type { Locale } from '../ui/locale';

const zh = {
  'app.title': '茅箭区城市运行指挥中心',
  'app.subtitle': 'CityOps · 一屏观全区',
  'mode.electron': '桌面模式',
  'mode.browser': '浏览器模式',
  'lang.switch': 'English',
  'lang.switchTitle': 'Switch to English',
  'layers.title': '图层',
  'layers.features': '要素',
  'layers.drawn': '已绘制',
  'layers.source': '来源',
  'layers.empty': '无数据',
  'layers.demo': '演示数据',
  'layers.updated': '更新',
  'layers.basemap': '底图与地形',
  'layers.terrain': '地形',
  'layers.noTerrain': '无（椭球面）',
  'layers.onlineOnly': '仅在线',
  'layers.outsideDistrict': '不覆盖本区',
  'map.demoNotice': '演示数据：管网、视频、站点、设施与地形为合成数据，仅供演示',
  'status.store': '数据库',
  'status.schema': '结构版本',
  'status.offline': '离线运行',
  'status.connected': '已连接',
  'status.disconnected': '连接中断',
  'map.loading': '地图加载中…',
  'map.ready': '地图就绪',
  'error.token': '缺少访问令牌：请打开 cityops serve 打印的完整地址。',
  'error.host': '无法连接主机',
  'view.home': '全区视图',
  'view.tilt': '三维倾斜',
  'import.open': '导入数据',
  'import.title': '导入地理数据',
  'import.path': '文件路径（本机）',
  'import.crs': '坐标系（文件未注明时）',
  'import.table': '表/图层（GeoPackage、压缩包）',
  'import.preview': '预览',
  'import.run': '导入',
  'import.cancel': '取消导入',
  'import.close': '关闭',
  'import.detected': '识别结果',
  'import.format': '格式',
  'import.count': '要素数',
  'import.geometry': '几何类型',
  'import.encoding': '编码',
  'import.target': '目标图层',
  'import.newLayer': '新建图层',
  'import.mapping': '字段对应',
  'import.column': 'CityOps 字段',
  'import.sourceField': '源字段',
  'import.none': '（不导入）',
  'import.idField': '编号字段',
  'import.nameField': '名称字段',
  'import.rows': '前几行预览',
  'import.warnings': '提示',
  'import.progress': '导入进度',
  'import.done': '导入完成',
  'import.failed': '导入失败，数据库未作任何修改',
  'import.cancelled': '已取消，数据库未作任何修改',
  'import.result': '新增 {inserted}，按编号更新 {updated}',
} as const;

export type MessageKey = keyof typeof zh;

const en: Record<MessageKey, string> = {
  'app.title': 'Maojian District City Operations Center',
  'app.subtitle': 'CityOps · the whole district on one screen',
  'mode.electron': 'Desktop mode',
  'mode.browser': 'Browser mode',
  'lang.switch': '中文',
  'lang.switchTitle': '切换到中文',
  'layers.title': 'Layers',
  'layers.features': 'features',
  'layers.drawn': 'drawn',
  'layers.source': 'Source',
  'layers.empty': 'no data',
  'layers.demo': 'Demo data',
  'layers.updated': 'updated',
  'layers.basemap': 'Base map and terrain',
  'layers.terrain': 'Terrain',
  'layers.noTerrain': 'none (ellipsoid)',
  'layers.onlineOnly': 'online only',
  'layers.outsideDistrict': 'does not cover the district',
  'map.demoNotice': 'Demo data: the network, cameras, stations, facilities and terrain are synthetic, for demonstration only',
  'status.store': 'Store',
  'status.schema': 'schema',
  'status.offline': 'Offline',
  'status.connected': 'Connected',
  'status.disconnected': 'Disconnected',
  'map.loading': 'Loading map…',
  'map.ready': 'Map ready',
  'error.token': 'Access token missing: open the full URL printed by cityops serve.',
  'error.host': 'Cannot reach the host',
  'view.home': 'Whole district',
  'view.tilt': '3D oblique',
  'import.open': 'Import data',
  'import.title': 'Import GIS data',
  'import.path': 'File path (on this machine)',
  'import.crs': 'CRS (when the file does not say)',
  'import.table': 'Table / layer (GeoPackage, zip)',
  'import.preview': 'Preview',
  'import.run': 'Import',
  'import.cancel': 'Cancel import',
  'import.close': 'Close',
  'import.detected': 'Detected',
  'import.format': 'Format',
  'import.count': 'Features',
  'import.geometry': 'Geometry',
  'import.encoding': 'Encoding',
  'import.target': 'Target layer',
  'import.newLayer': 'New layer',
  'import.mapping': 'Field mapping',
  'import.column': 'CityOps field',
  'import.sourceField': 'Source field',
  'import.none': '(not imported)',
  'import.idField': 'ID field',
  'import.nameField': 'Name field',
  'import.rows': 'First rows',
  'import.warnings': 'Notes',
  'import.progress': 'Import progress',
  'import.done': 'Import finished',
  'import.failed': 'Import failed; the store was not changed',
  'import.cancelled': 'Cancelled; the store was not changed',
  'import.result': '{inserted} new, {updated} updated by id',
};

export const messages: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zh, en };

export function translate(locale: Locale, key: MessageKey): string {
  return messages[locale][key];
}

const storageKey = 'cityops.locale';

export function initialLocale(storage: Pick<Storage, 'getItem'> | undefined): Locale {
  const saved = storage?.getItem(storageKey);
  return saved === 'en' || saved === 'zh-CN' ? saved : 'zh-CN';
}

export function saveLocale(storage: Pick<Storage, 'setItem'> | undefined, locale: Locale): void {
  storage?.setItem(storageKey, locale);
}

export interface I18n {
  locale: Locale;
  t(key: MessageKey): string;
  setLocale(locale: Locale): void;
}

export const I18nContext = createContext<I18n>({ locale: 'zh-CN', t: (k) => translate('zh-CN', k), setLocale: () => {} });

export function useI18n(): I18n {
  return useContext(I18nContext);
}
