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
