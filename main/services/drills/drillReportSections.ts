import type { EmergencyPlan } from '../../../preload/contract/commandMethods';
import type { DrillEvaluation, DrillEvent, DrillMetric, DrillStatus } from '../../../preload/contract/drillMethods';
import { formatOffset, type DrillInject, type DrillScenario } from '../../../preload/contract/drillScenario';
import { beijingDateTime, escapeHtml as e, formatDurationZh, levelZh, momentText, replayLink } from './drillFormat';
import type { CorrectiveAction } from './drillImprovementPlan';
import { objectiveList } from './drillObjectives';
import { num, str } from './drillPayload';

/** What every section of the drill report reads. */
export interface ReportCtx {
  evaluation: DrillEvaluation;
  scenario: DrillScenario;
  run: { runId: string; startedAt: number; endedAt: number | null; status: DrillStatus; storePath: string };
  events: DrillEvent[];
  generatedAt: number;
  plans: readonly EmergencyPlan[];
  t0: number;
  injects: { inject: DrillInject; adHoc: boolean }[];
  starts: Map<string, DrillEvent>;
  actions: CorrectiveAction[];
}

/** zh first, English after it in grey. Both parts are escaped. */
export const bi = (zh: string, en: string) => `${e(zh)} <span class="en">${e(en)}</span>`;

/** A replay moment: 北京时间 HH:mm:ss · T+hh:mm, linking to cityops://replay/<runId>?at=&seq=. */
export function moment(c: ReportCtx, at: number | null, seq: number | null): string {
  if (at === null) return '—';
  const text = momentText(at, c.t0);
  return seq === null ? `<span class="moment">${e(text)}</span>` : `<a class="moment" href="${e(replayLink(c.run.runId, at, seq))}">${e(text)}</a>`;
}

const table = (head: string[], rows: string[][], cls = '') =>
  `<table${cls ? ` class="${cls}"` : ''}><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${
    rows.length ? rows.map((r) => `<tr>${r.map((x) => `<td>${x}</td>`).join('')}</tr>`).join('') : `<tr><td colspan="${head.length}" class="none">无 none</td></tr>`
  }</tbody></table>`;

export const STATUS_ZH: Record<DrillStatus, [string, string]> = {
  running: ['进行中', 'running'],
  paused: ['已暂停', 'paused'],
  ended: ['已结束', 'ended'],
  terminated: ['意外终止（真实突发事件）', 'terminated (real-world emergency)'],
  interrupted: ['中断（主机停止）', 'interrupted (host stopped)'],
};
const FORM_EN: Record<string, string> = { 实战: 'field', 桌面: 'tabletop', 单项: 'single-function', 综合: 'full-scale', 检验: 'test', 示范: 'demonstration', 研究: 'research' };
export const HAZARD_ZH: Record<string, [string, string]> = {
  rainstorm: ['暴雨', 'rainstorm'],
  flood: ['洪水', 'flood'],
  waterlogging: ['城市内涝', 'urban waterlogging'],
  'pipe-burst': ['管道爆裂', 'pipe burst'],
  hazmat: ['危化品泄漏', 'hazardous materials'],
  other: ['其他', 'other'],
};
const KIND_ZH: Record<string, [string, string]> = {
  telemetry: ['遥测', 'telemetry'],
  'camera-status': ['视频状态', 'camera status'],
  'field-report': ['现场报告', 'field report'],
  phone: ['电话', 'phone'],
  'manual-reminder': ['人工提示', 'manual reminder'],
};
export const RATING_ZH: Record<string, [string, string]> = {
  P: ['完成良好', 'performed without challenges'],
  S: ['基本完成', 'performed with some challenges'],
  M: ['勉强完成', 'performed with major challenges'],
  U: ['未能完成', 'unable to be performed'],
};
const rating = (r: string | null) => (r === null ? '—' : `<b class="r-${e(r)}">${e(r)}</b> ${bi(RATING_ZH[r]![0], RATING_ZH[r]![1])}`);
const metText = (m: boolean | null) => (m === null ? '—' : m ? '<span class="ok">达标 met</span>' : '<span class="bad">未达标 not met</span>');

export function overviewSection(c: ReportCtx): string {
  const x = c.scenario.exercise;
  const [hz, hen] = HAZARD_ZH[x.hazard] ?? [x.hazard, x.hazard];
  const planRows = x.plans.map((p) => {
    const plan = c.plans.find((q) => q.id === p.plan);
    return `${e(plan ? plan.title.zh : p.plan)}（${e(levelZh(p.expectedLevel))} expected level ${e(p.expectedLevel)}）`;
  });
  const [sz, sen] = STATUS_ZH[c.run.status];
  const rows: [string, string][] = [
    [bi('演练名称', 'Exercise name'), e(x.name)],
    [bi('演练编号 / 运行编号', 'Exercise id / run id'), `${e(x.id)} / ${e(c.run.runId)}`],
    [bi('演练类型', 'Type'), `${e(x.form)}·${e(x.scope)}·${e(x.purpose)} <span class="en">${e(`${FORM_EN[x.form] ?? x.form}, ${FORM_EN[x.scope] ?? x.scope}, ${FORM_EN[x.purpose] ?? x.purpose}`)}</span>`],
    [bi('灾种', 'Hazard'), bi(hz, hen)],
    [bi('情景时间零点', 'Scenario time zero'), `${e(beijingDateTime(c.t0))}（北京时间）<span class="en">${e(x.t0)}</span>`],
    [bi('实际开始 / 结束', 'Started / ended (wall)'), `${e(beijingDateTime(c.run.startedAt))} / ${c.run.endedAt === null ? '未结束 not ended' : e(beijingDateTime(c.run.endedAt))}（北京时间）`],
    [bi('状态', 'Status'), bi(sz, sen)],
    [bi('组织单位', 'Organiser'), e(x.organizer ?? '—')],
    [bi('涉及预案', 'Plans'), planRows.length ? planRows.join('<br>') : '—'],
    [bi('演练说明', 'Description'), e(x.description ?? '—')],
    [bi('演练记录', 'Record'), `${e(c.run.storePath)}（${c.events.length} 条记录 events）`],
    [bi('报告生成时间', 'Generated'), `${e(beijingDateTime(c.generatedAt))}（北京时间）`],
  ];
  return `<table class="kv"><tbody>${rows.map(([k, v]) => `<tr><th>${k}</th><td>${v}</td></tr>`).join('')}</tbody></table>`;
}

export function controlSection(c: ReportCtx): string {
  const k = c.evaluation.control;
  const scripted = c.scenario.injects.length;
  const rows: [string, string][] = [
    [bi('下达注入', 'Injects delivered'), `${k.injectsDelivered}（脚本 ${scripted} 条 scripted）`],
    [bi('跳过注入', 'Injects skipped'), String(k.injectsSkipped)],
    [bi('临时注入', 'Ad-hoc injects'), String(k.adHocInjects)],
    [bi('注入偏差（最大 / 平均）', 'Delivery drift (max / mean)'), `${e(formatDurationZh(k.maxDriftMs))} / ${e(formatDurationZh(k.meanDriftMs))}`],
    [bi('累计暂停', 'Total pause'), e(formatDurationZh(k.totalPauseMs))],
    [bi('演练时长（演练时间）', 'Exercise duration'), e(formatDurationZh(k.exerciseDurationMs))],
    [bi('实际用时（墙钟）', 'Wall duration'), e(formatDurationZh(k.wallDurationMs))],
  ];
  return `<table class="kv"><tbody>${rows.map(([a, b]) => `<tr><th>${a}</th><td>${b}</td></tr>`).join('')}</tbody></table>`;
}

export function injectTable(c: ReportCtx): string {
  const skipped = new Set(c.events.filter((x) => x.kind === 'inject.skipped').map((x) => str(x.payload.injectId)));
  const rows = c.injects.map(({ inject, adHoc }) => {
    const start = c.starts.get(inject.id);
    const planned = start && num(start.payload.plannedAt) !== null ? formatOffset(num(start.payload.plannedAt)! - c.t0) : typeof inject.at === 'string' ? inject.at : `${inject.at.after} + ${inject.at.delay}`;
    const drift = start ? num(start.payload.driftMs) : null;
    const [kz, ken] = KIND_ZH[inject.kind] ?? [inject.kind, inject.kind];
    const state = start ? moment(c, start.at, start.seq) : skipped.has(inject.id) ? bi('跳过', 'skipped') : bi('未下达', 'not delivered');
    return [e(inject.id) + (adHoc ? ` ${bi('临时', 'ad hoc')}` : ''), bi(kz, ken), e(planned), state, drift === null ? '—' : e(formatDurationZh(drift)), e(inject.synopsis)];
  });
  return table([bi('编号', 'ID'), bi('类型', 'Kind'), bi('计划', 'Planned'), bi('实际下达', 'Delivered'), bi('偏差', 'Drift'), bi('摘要', 'Synopsis')], rows, 'injects');
}

/** 表 计时 Timings: one row per metric, the values exactly as evaluated. */
export function timingsTable(c: ReportCtx): string {
  const rows = c.evaluation.metrics.map(
    (m) =>
      `<tr data-metric="${e(m.id)}" data-value-ms="${m.valueMs ?? ''}" data-limit-ms="${m.limitMs ?? ''}"><td>${bi(m.label.zh, m.label.en)}</td><td class="num">${e(formatDurationZh(m.limitMs))}</td><td class="num">${e(
        formatDurationZh(m.valueMs),
      )}</td><td>${metText(m.met)}</td><td>${moment(c, m.endAt, m.seq)}</td><td class="detail">${e(m.detail ?? '')}</td></tr>`,
  );
  const head = [bi('指标', 'Metric'), bi('时限', 'Limit'), bi('用时', 'Time taken'), bi('达标', 'Met'), bi('回放时刻', 'Replay moment'), bi('说明', 'Detail')];
  return `<table class="timings"><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows.length ? rows.join('') : `<tr><td colspan="6" class="none">无 none</td></tr>`}</tbody></table>`;
}

function ratedByEvaluator(c: ReportCtx, objectiveId: string): boolean {
  return c.evaluation.observations.some((o) => o.objectiveId === objectiveId && o.rating !== null);
}

/** Analysis of core capabilities: objective × capability × rating (P/S/M/U). */
export function objectivesTable(c: ReportCtx): string {
  const caps = new Map(objectiveList(c.scenario).map((o) => [o.id, o.capability]));
  const rows = c.evaluation.objectives.map((o) => [
    e(o.id),
    e(o.text),
    e(caps.get(o.id) ?? '—'),
    `${o.metricsMet} / ${o.metricsTotal}`,
    rating(o.rating),
    o.rating === null ? '—' : ratedByEvaluator(c, o.id) ? bi('评估员', 'evaluator') : bi('自动', 'derived'),
  ]);
  return table([bi('编号', 'ID'), bi('演练目标', 'Objective'), bi('核心能力', 'Core capability'), bi('达标指标', 'Metrics met'), bi('评定', 'Rating'), bi('来源', 'Source')], rows, 'objectives');
}

/** A metric's replay moment: its end event, or (not done) the event it counts from. */
export function metricMoment(c: ReportCtx, m: { injectId: string | null; endAt: number | null; startAt: number | null; seq: number | null }): string {
  if (m.endAt !== null) return moment(c, m.endAt, m.seq);
  if (m.startAt === null) return '—';
  const start = (m.injectId !== null ? c.starts.get(m.injectId) : undefined) ?? c.events.find((x) => x.at === m.startAt);
  return moment(c, m.startAt, start?.seq ?? null);
}

const metricLine = (c: ReportCtx, m: DrillMetric) =>
  `${e(m.label.zh)}：${e(formatDurationZh(m.valueMs))}${m.limitMs !== null ? `（时限 ${e(formatDurationZh(m.limitMs))}）` : ''}${m.detail ? ` — ${e(m.detail)}` : ''} ${metricMoment(c, m)}`;

/** Per objective: strengths (met expectations, P/S notes) and areas for improvement (not met, M/U notes). */
export function strengthsSection(c: ReportCtx): string {
  const groups = objectiveList(c.scenario).map((o) => ({ id: o.id, title: `${o.id} ${o.text}` }));
  groups.push({ id: '', title: '其他（未关联目标） Other' });
  const objectivesOf = (injectId: string | null) => c.injects.find((i) => i.inject.id === injectId)?.inject.objectives ?? [];
  const belongs = (id: string, objectiveIds: string[]) => (id === '' ? objectiveIds.length === 0 : objectiveIds.includes(id));
  return groups
    .map((g) => {
      const strengths: string[] = [];
      const areas: string[] = [];
      for (const m of c.evaluation.metrics) {
        if (m.injectId === null || m.met === null || !belongs(g.id, objectivesOf(m.injectId))) continue;
        (m.met ? strengths : areas).push(metricLine(c, m));
      }
      for (const o of c.evaluation.observations) {
        const ids = o.objectiveId !== null ? [o.objectiveId] : objectivesOf(o.injectId);
        if (!belongs(g.id, ids)) continue;
        const line = `评估记录 ${o.rating ? `（${e(o.rating)}）` : ''}${e(o.text)} — ${e(o.evaluator)} ${moment(c, o.at, o.seq)}`;
        if (o.rating === 'M' || o.rating === 'U') areas.push(line);
        else strengths.push(line);
      }
      if (g.id === '' && !strengths.length && !areas.length) return '';
      const list = (xs: string[]) => (xs.length ? `<ul>${xs.map((x) => `<li>${x}</li>`).join('')}</ul>` : '<p class="none">无 none</p>');
      return `<h4>${e(g.title)}</h4><p class="sub">${bi('优势', 'Strengths')}</p>${list(strengths)}<p class="sub">${bi('待改进', 'Areas for improvement')}</p>${list(areas)}`;
    })
    .join('');
}

const PLAYER_KINDS = new Set(['alarm', 'incident', 'plan', 'checklist', 'report.sent', 'message']);

/** 参演人员表现: every player (not system, simulators, controllers) with what they did and their expectations met. */
export function participantsSection(c: ReportCtx): string {
  const bySeq = new Map(c.events.map((x) => [x.seq, x]));
  const players = new Map<string, { actions: number; first: DrillEvent; met: number; notMet: number }>();
  for (const x of c.events) {
    if (!PLAYER_KINDS.has(x.kind) || x.actor === 'system' || x.actor.startsWith('sim:') || x.actor.startsWith('controller:')) continue;
    const p = players.get(x.actor) ?? { actions: 0, first: x, met: 0, notMet: 0 };
    p.actions++;
    players.set(x.actor, p);
  }
  for (const m of c.evaluation.metrics) {
    if (m.injectId === null || m.seq === null || m.met === null) continue;
    const p = players.get(bySeq.get(m.seq)?.actor ?? '');
    if (p && m.met) p.met++;
    else if (p) p.notMet++;
  }
  const rows = [...players.entries()]
    .sort((a, b) => a[1].first.seq - b[1].first.seq)
    .map(([actor, p]) => [e(actor), String(p.actions), moment(c, p.first.at, p.first.seq), `${p.met} / ${p.notMet}`]);
  return table([bi('参演人员', 'Player'), bi('操作数', 'Actions'), bi('首次操作', 'First action'), bi('按时 / 未按时', 'Expectations met / not met')], rows, 'players');
}

export function observationsTable(c: ReportCtx): string {
  const rows = c.evaluation.observations.map((o) => [moment(c, o.at, o.seq), e(o.evaluator), o.rating ? `<b class="r-${e(o.rating)}">${e(o.rating)}</b>` : '—', e(o.injectId ?? '—'), e(o.objectiveId ?? '—'), e(o.text)]);
  return table([bi('时刻', 'Moment'), bi('评估人员', 'Evaluator'), bi('评定', 'Rating'), bi('注入', 'Inject'), bi('目标', 'Objective'), bi('记录', 'Observation')], rows, 'notes');
}

/** Every finding that needs action: expectations not met, whole-drill timings not met, M/U notes. */
export function issueLines(c: ReportCtx): string[] {
  const out = c.evaluation.metrics.filter((m) => m.met === false).map((m) => metricLine(c, m));
  for (const o of c.evaluation.observations) if (o.rating === 'M' || o.rating === 'U') out.push(`评估记录（${e(o.rating)}）${e(o.text)} — ${e(o.evaluator)} ${moment(c, o.at, o.seq)}`);
  return out;
}

/** Appendix A: the corrective actions, owner/POC/start/due editable (待定 when unknown). */
export function improvementTable(c: ReportCtx): string {
  const editable = (v: string | null) => `<td class="edit" contenteditable="true">${v === null || v === '' ? '<span class="tbd">待定</span>' : e(v)}</td>`;
  const rows = c.actions.map((a) => {
    const when = a.seq !== null ? moment(c, a.at, a.seq) : metricMoment(c, { injectId: a.injectId, endAt: null, startAt: a.at, seq: null });
    return `<tr><td>${a.no}</td><td>${e(a.capability)}</td><td>${e(a.issue)}</td><td>${bi(a.action.zh, a.action.en)}</td>${editable(a.owner)}${editable(null)}${editable(null)}${editable(null)}<td>${when}</td></tr>`;
  });
  const cols = [4, 11, 22, 25, 10, 6, 6, 6, 10].map((w) => `<col style="width:${w}%">`).join('');
  const head = [bi('序号', 'No.'), bi('目标 / 核心能力', 'Capability'), bi('问题', 'Issue'), bi('纠正措施（建议）', 'Corrective action (proposed)'), bi('责任单位', 'Responsible org.'), bi('联系人', 'POC'), bi('开始日期', 'Start'), bi('完成期限', 'Due'), bi('回放', 'Replay')];
  return `<table class="ip"><colgroup>${cols}</colgroup><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows.length ? rows.join('') : `<tr><td colspan="9" class="none">无需纠正行动 none</td></tr>`}</tbody></table>`;
}
