import { incidentStatusLabels, type DrillEvent, type DrillEventKind, type IncidentStatus } from '../../../preload/contract';
import { pick, type Locale } from '../../ui/locale';
import { monitoringText, type MonitoringTextKey } from '../monitoring/monitoringText';
import { formatDuration } from './drillTime';

const kindLabels: Record<DrillEventKind, { zh: string; en: string }> = {
  'drill.started': { zh: '演练开始', en: 'Drill started' },
  'drill.paused': { zh: '暂停', en: 'Paused' },
  'drill.resumed': { zh: '继续', en: 'Resumed' },
  'drill.speed': { zh: '倍速', en: 'Speed' },
  'drill.jumped': { zh: '跳至下一注入', en: 'Jumped' },
  'drill.ended': { zh: '演练结束', en: 'Drill ended' },
  'drill.terminated': { zh: '意外终止', en: 'Emergency stop' },
  'inject.delivered': { zh: '注入', en: 'Inject' },
  'inject.skipped': { zh: '跳过注入', en: 'Inject skipped' },
  'inject.shifted': { zh: '顺延注入', en: 'Injects shifted' },
  'inject.added': { zh: '临时注入', en: 'Ad-hoc inject' },
  observation: { zh: '观测', en: 'Observation' },
  'observation.rejected': { zh: '数据拒收', en: 'Observation rejected' },
  alarm: { zh: '告警', en: 'Alarm' },
  incident: { zh: '事件', en: 'Incident' },
  plan: { zh: '预案', en: 'Plan' },
  checklist: { zh: '处置清单', en: 'Checklist' },
  'report.sent': { zh: '首报', en: 'First report' },
  message: { zh: '消息', en: 'Message' },
  view: { zh: '视角', en: 'View' },
  layer: { zh: '图层', en: 'Layer' },
  'camera.opened': { zh: '打开视频', en: 'Camera opened' },
  'camera.status': { zh: '视频状态', en: 'Camera status' },
  note: { zh: '评估记录', en: 'Evaluator note' },
  bookmark: { zh: '书签', en: 'Bookmark' },
  'action.refused': { zh: '操作被拒', en: 'Action refused' },
};

export const kindLabel = (kind: DrillEventKind, locale: Locale) => pick(kindLabels[kind], locale);

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});

const incidentActions: Record<string, { zh: string; en: string }> = {
  created: { zh: '创建', en: 'created' },
  transition: { zh: '状态', en: 'status' },
  note: { zh: '备注', en: 'note' },
  task: { zh: '任务', en: 'task' },
};

/** One line of the replay's event log: what happened, from the event's payload (zh-CN or English). */
export function eventSummary(e: DrillEvent, locale: Locale): string {
  const p = e.payload;
  const zh = locale === 'zh-CN';
  switch (e.kind) {
    case 'alarm': {
      const a = obj(p.alarm);
      const action = str(p.action);
      const m = monitoringText(locale);
      const verb = action ? m(`action.${action}` as MonitoringTextKey) ?? action : '';
      const [from, to] = [str(p.fromLevel), str(p.toLevel)];
      const levels = from && to && from !== to ? ` ${from} → ${to}` : to || from ? ` ${to || from}` : '';
      return `${verb} · ${str(a.stationName) || str(a.stationId) || str(a.streamId)}${levels}`;
    }
    case 'incident': {
      const i = obj(p.incident);
      const action = incidentActions[str(p.action)];
      const to = str(p.to);
      const status = to && to in incidentStatusLabels ? pick(incidentStatusLabels[to as IncidentStatus], locale) : to;
      return [action ? pick(action, locale) : str(p.action), str(i.code), str(i.title), status ? `→ ${status}` : '', str(p.text)].filter(Boolean).join(' · ');
    }
    case 'plan':
      return str(p.action) === 'level' ? `${str(p.planId)} ${str(p.fromLevel)} → ${str(p.level)}` : `${zh ? '启动' : 'activated'} ${str(p.planId)} · ${str(p.level)}`;
    case 'checklist':
      return `${str(p.planId)} · ${str(p.itemId)} ${p.done === true ? '✓' : '✗'}`;
    case 'inject.delivered': {
      const drift = typeof p.driftMs === 'number' ? ` (${formatDuration(p.driftMs, true)})` : '';
      const of = typeof p.of === 'number' && p.of > 1 ? ` · ${p.of} ${zh ? '点' : 'points'}` : '';
      return `${str(p.injectId)} · ${str(p.synopsis)}${of}${drift}`;
    }
    case 'inject.skipped':
      return str(p.injectId);
    case 'inject.shifted':
      return `${str(p.fromInjectId)} ${typeof p.byMs === 'number' ? formatDuration(p.byMs, true) : ''}`;
    case 'inject.added': {
      const i = obj(p.inject);
      return `${str(i.id)} · ${str(i.synopsis)}`;
    }
    case 'drill.started':
      return `×${str(p.speed)}`;
    case 'drill.speed':
      return `×${str(p.speed)}`;
    case 'drill.resumed':
      return typeof p.pausedMs === 'number' ? formatDuration(p.pausedMs) : '';
    case 'drill.ended':
    case 'drill.terminated':
      return str(p.reason);
    case 'report.sent':
    case 'message':
      return str(p.text);
    case 'note':
      return `${p.rating ? `[${str(p.rating)}] ` : ''}${str(p.text)}${p.injectId ? ` · ${str(p.injectId)}` : ''}`;
    case 'bookmark':
      return str(p.label);
    case 'camera.opened':
      return str(p.cameraId);
    case 'camera.status':
      return `${str(p.cameraId)} · ${str(p.status)}`;
    case 'layer':
      return `${str(p.layerId)} ${p.visible === true ? '✓' : '✗'}`;
    default:
      return e.entity ?? '';
  }
}
