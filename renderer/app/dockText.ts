import type { Locale } from '../ui/locale';

const zh = {
  'tools.title': '工具',
  'tools.titleEn': 'Tools',
  'tabs.label': '工具面板',
  'dock.left': '左侧停靠栏',
  'dock.right': '右侧停靠栏',
  'dock.collapse': '收起',
  'dock.expand': '展开',
  'dock.collapseTitle': '收起工具面板，让出地图',
  'dock.expandTitle': '展开工具面板',
  'dock.resize': '拖动或用方向键调整工具面板宽度',
  'dock.empty': '从左侧“工具”列表打开一个工具',
  'layers.collapse': '收起图层列表',
  'layers.expand': '展开图层列表',
};

const en: Record<keyof typeof zh, string> = {
  'tools.title': 'Tools',
  'tools.titleEn': '',
  'tabs.label': 'Tool panels',
  'dock.left': 'Left dock',
  'dock.right': 'Right dock',
  'dock.collapse': 'Collapse',
  'dock.expand': 'Expand',
  'dock.collapseTitle': 'Collapse the tool panels to free the map',
  'dock.expandTitle': 'Expand the tool panels',
  'dock.resize': 'Drag or use the arrow keys to resize the tool panels',
  'dock.empty': 'Open a tool from the Tools list',
  'layers.collapse': 'Collapse the layer list',
  'layers.expand': 'Expand the layer list',
};

export type DockTextKey = keyof typeof zh;

/** The dock's own labels (tool names come from the tool registry). */
export function dockText(locale: Locale): (key: DockTextKey) => string {
  const table = locale === 'zh-CN' ? zh : en;
  return (key) => table[key];
}
