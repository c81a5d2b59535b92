import type { DrillEvent } from '../../../preload/contract/drillMethods';
import { formatOffset } from '../../../preload/contract/drillScenario';
import { beijingTime, escapeHtml, formatDurationZh, replayLink } from './drillFormat';
import { num, str } from './drillPayload';

/**
 * The report's timeline figure (图1 演练时间线): an inline SVG over exercise time, one lane per kind (injects, alarms,
 * incidents, plans, checklist ticks, 首报, evaluator notes), each event a coloured tick linking to its replay
 * moment; pauses (the exercise clock stood still) and jumps shaded. Nothing external, no script.
 */

const LANES = [
  { zh: '注入', en: 'Injects' },
  { zh: '告警', en: 'Alarms' },
  { zh: '事件', en: 'Incidents' },
  { zh: '预案', en: 'Plans' },
  { zh: '任务', en: 'Tasks' },
  { zh: '首报', en: 'Report' },
  { zh: '评估', en: 'Notes' },
] as const;

export const TIMELINE_COLOURS = {
  inject: '#1f6fd1',
  raise: '#d62728',
  acknowledge: '#ff7f0e',
  alarmOther: '#9a6b6b',
  incident: '#8c4fd1',
  plan: '#2ca02c',
  checklist: '#138d90',
  report: '#b8860b',
  note: '#444444',
  pause: '#888888',
  jump: '#e0c341',
} as const;

interface Tick {
  lane: number;
  colour: string;
  e: DrillEvent;
  title: string;
}

function tickOf(e: DrillEvent): Tick | null {
  const p = e.payload;
  switch (e.kind) {
    case 'inject.delivered': {
      const point = num(p.point);
      if (point !== null && point !== 1) return null;
      return { lane: 0, colour: TIMELINE_COLOURS.inject, e, title: `注入 ${str(p.injectId) ?? ''} ${str(p.synopsis) ?? ''}` };
    }
    case 'alarm': {
      const action = str(p.action) ?? '';
      const colour = action === 'raise' ? TIMELINE_COLOURS.raise : action === 'acknowledge' ? TIMELINE_COLOURS.acknowledge : TIMELINE_COLOURS.alarmOther;
      return { lane: 1, colour, e, title: `告警 alarm ${action} ${e.entity ?? ''}` };
    }
    case 'incident':
      return { lane: 2, colour: TIMELINE_COLOURS.incident, e, title: `事件 incident ${str(p.action) ?? ''} ${e.entity ?? ''}` };
    case 'plan':
      return { lane: 3, colour: TIMELINE_COLOURS.plan, e, title: `预案 plan ${str(p.action) ?? ''} ${str(p.planId) ?? ''} ${str(p.level) ?? ''}` };
    case 'checklist':
      return p.done === true ? { lane: 4, colour: TIMELINE_COLOURS.checklist, e, title: `任务 ${str(p.itemId) ?? ''}` } : null;
    case 'report.sent':
      return { lane: 5, colour: TIMELINE_COLOURS.report, e, title: `首报 ${str(p.text) ?? ''}` };
    case 'note':
      return { lane: 6, colour: TIMELINE_COLOURS.note, e, title: `评估记录 ${str(p.rating) ?? ''} ${str(p.text) ?? ''}` };
    default:
      return null;
  }
}

const STEPS_MIN = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880];

export function drillTimelineSvg(input: { runId: string; t0: number; events: DrillEvent[] }): string {
  const { runId, t0, events } = input;
  const W = 680;
  const left = 92;
  const right = 24;
  const top = 8;
  const laneH = 22;
  const plotH = LANES.length * laneH;
  const H = top + plotH + 40;
  let from = t0;
  let last = t0;
  for (const e of events) {
    if (e.at < from) from = e.at;
    if (e.at > last) last = e.at;
  }
  const to = Math.max(from + 60_000, last);
  const x = (at: number) => left + ((at - from) / (to - from)) * (W - left - right);
  const f = (v: number) => v.toFixed(1);
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" class="timeline" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="演练时间线 Drill timeline">`);
  LANES.forEach((l, i) => {
    const y = top + i * laneH;
    parts.push(`<rect x="${left}" y="${y}" width="${W - left - right}" height="${laneH}" fill="${i % 2 ? '#ffffff' : '#f3f5f8'}"/>`);
    parts.push(`<text x="4" y="${y + 15}" font-size="10">${l.zh} <tspan fill="#666" font-size="8">${l.en}</tspan></text>`);
  });
  // Pauses: the exercise clock stood still at one moment (drawn at least 3 px wide); jumps: exercise time skipped.
  let pausedAt: DrillEvent | null = null;
  for (const e of events) {
    if (e.kind === 'drill.paused') pausedAt ??= e;
    else if (e.kind === 'drill.resumed' && pausedAt) {
      const ms = num(e.payload.pausedMs) ?? Math.max(0, e.wallAt - pausedAt.wallAt);
      const x0 = x(pausedAt.at);
      const w = Math.max(3, x(e.at) - x0);
      parts.push(
        `<a href="${escapeHtml(replayLink(runId, pausedAt.at, pausedAt.seq))}"><rect class="pause" x="${f(x0 - 1.5)}" y="${top}" width="${f(w)}" height="${plotH}" fill="${TIMELINE_COLOURS.pause}" fill-opacity="0.35"><title>暂停 paused ${formatDurationZh(ms)} · ${formatOffset(pausedAt.at - t0)}</title></rect></a>`,
      );
      pausedAt = null;
    } else if (e.kind === 'drill.jumped') {
      const a = num(e.payload.fromAt);
      const b = num(e.payload.toAt);
      if (a !== null && b !== null && b > a) {
        parts.push(
          `<rect class="jump" x="${f(x(a))}" y="${top}" width="${f(Math.max(1, x(b) - x(a)))}" height="${plotH}" fill="${TIMELINE_COLOURS.jump}" fill-opacity="0.3"><title>跳转 jumped ${formatOffset(a - t0)} → ${formatOffset(b - t0)}</title></rect>`,
        );
      }
    }
  }
  if (pausedAt) {
    parts.push(`<rect class="pause" x="${f(x(pausedAt.at) - 1.5)}" y="${top}" width="3" height="${plotH}" fill="${TIMELINE_COLOURS.pause}" fill-opacity="0.35"><title>暂停（未恢复） paused, not resumed</title></rect>`);
  }
  for (const e of events) {
    const t = tickOf(e);
    if (!t) continue;
    const y = top + t.lane * laneH;
    const xx = f(x(e.at));
    parts.push(
      `<a href="${escapeHtml(replayLink(runId, e.at, e.seq))}"><line class="tick" x1="${xx}" x2="${xx}" y1="${y + 3}" y2="${y + laneH - 3}" stroke="${t.colour}" stroke-width="2"><title>${escapeHtml(`${beijingTime(e.at)} ${formatOffset(e.at - t0)} ${t.title}`)}</title></line></a>`,
    );
  }
  // Axis: T+ offsets from t0 at a round step, 北京时间 under each.
  const spanMin = (to - from) / 60_000;
  const step = (STEPS_MIN.find((s) => spanMin / s <= 8) ?? 2880) * 60_000;
  const axisY = top + plotH;
  parts.push(`<line x1="${left}" x2="${W - right}" y1="${axisY}" y2="${axisY}" stroke="#333"/>`);
  for (let at = t0 + Math.ceil((from - t0) / step) * step; at <= to; at += step) {
    const xx = f(x(at));
    parts.push(`<line x1="${xx}" x2="${xx}" y1="${axisY}" y2="${axisY + 4}" stroke="#333"/>`);
    parts.push(`<text x="${xx}" y="${axisY + 15}" font-size="9" text-anchor="middle">${formatOffset(at - t0)}</text>`);
    parts.push(`<text x="${xx}" y="${axisY + 26}" font-size="8" fill="#666" text-anchor="middle">${beijingTime(at).slice(0, 5)}</text>`);
  }
  parts.push(`<text x="4" y="${axisY + 15}" font-size="8" fill="#666">演练时间 T+</text><text x="4" y="${axisY + 26}" font-size="8" fill="#666">北京时间</text>`);
  parts.push('</svg>');
  return parts.join('');
}

/** The legend under the figure (HTML, so it prints as text). */
export function timelineLegendHtml(): string {
  const item = (colour: string, zh: string, en: string) => `<span class="lg"><i style="background:${colour}"></i>${zh} <span class="en">${en}</span></span>`;
  return [
    item(TIMELINE_COLOURS.inject, '注入下达', 'inject delivered'),
    item(TIMELINE_COLOURS.raise, '告警产生', 'alarm raised'),
    item(TIMELINE_COLOURS.acknowledge, '告警确认', 'acknowledged'),
    item(TIMELINE_COLOURS.incident, '事件', 'incident'),
    item(TIMELINE_COLOURS.plan, '预案启动/调级', 'plan activated / level'),
    item(TIMELINE_COLOURS.checklist, '任务勾选', 'checklist ticked'),
    item(TIMELINE_COLOURS.report, '首报', 'first report'),
    item(TIMELINE_COLOURS.note, '评估记录', 'evaluator note'),
    item(TIMELINE_COLOURS.pause, '暂停', 'paused'),
    item(TIMELINE_COLOURS.jump, '跳转', 'jumped'),
  ].join(' ');
}
