import type { Locale } from '../../ui/locale';

/** Texts of the camera edit form: zh-CN first with the English beside it (the other way round in English). */
const pairs = {
  'edit.add': ['新增', 'Add'],
  'edit.edit': ['编辑', 'Edit'],
  'edit.titleNew': ['新增摄像机', 'New camera'],
  'edit.titleEdit': ['编辑摄像机', 'Edit camera'],
  'edit.save': ['保存', 'Save'],
  'edit.cancel': ['取消', 'Cancel'],
  'edit.delete': ['删除', 'Delete'],
  'edit.confirmDelete': ['确认删除', 'Delete now'],
  'edit.confirmQuestion': ['确定删除摄像机 {name}？删除记入审计日志。', 'Delete camera {name}? The deletion is written to the audit log.'],
  'edit.reason': ['删除原因（可选）', 'Reason (optional)'],
  'edit.pick': ['地图选点', 'Pick on map'],
  'edit.picking': ['请在地图上点击摄像机位置…', 'Click the camera position on the map…'],
  'edit.pickCancel': ['取消选点', 'Stop picking'],
  'edit.now': ['现在', 'Now'],
  'edit.saving': ['正在保存…', 'Saving…'],
  'edit.saved': ['已保存', 'Saved'],
  'edit.position': ['位置', 'Position'],
  'edit.optics': ['朝向与视场', 'Direction and view'],
  'edit.streams': ['视频流与状态', 'Streams and status'],
  'edit.demo': ['演示数据', 'Demo data'],
  'edit.lastSeenHint': ['ISO 8601，如 2026-07-20T09:30:00+08:00', 'ISO 8601, e.g. 2026-07-20T09:30:00+08:00'],
  'edit.streamHint': ['http(s)://、rtsp://、ws(s):// 或文件名', 'http(s)://, rtsp://, ws(s):// or a file name'],
  'edit.adminOnly': ['仅系统管理员可编辑', 'Administrators only'],
} as const satisfies Record<string, readonly [string, string]>;

export type CameraEditTextKey = keyof typeof pairs;

/** The text for a key as [the locale's language, the other]; `{name}` placeholders are filled from vars. */
export function cameraEditText(locale: Locale) {
  return (key: CameraEditTextKey, vars: Record<string, string> = {}): [string, string] => {
    const fill = (s: string) => s.replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m);
    const [zh, en] = pairs[key];
    return locale === 'zh-CN' ? [fill(zh), fill(en)] : [fill(en), fill(zh)];
  };
}

/** A {zh, en} pair as the label: the locale's language first, the other beside it. */
export function bilingual(label: { zh: string; en: string }, locale: Locale): [string, string] {
  return locale === 'zh-CN' ? [label.zh, label.en] : [label.en, label.zh];
}
