import { describe, expect, it } from 'vitest';
import { renderDrillReportHtml } from '../../../../../main/services/drills/drillReportHtml';
import { beijingDateTime, beijingTime, formatDurationZh, replayLink } from '../../../../../main/services/drills/drillFormat';
import { RUN_ID, T0, WALL0, referenceLog, reportInput, scenario, troubledLog } from './evaluationFixture';

const rowOf = (html: string, metricId: string) => {
  const start = html.indexOf(`<tr data-metric="${metricId}"`);
  expect(start, `row of ${metricId}`).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</tr>', start));
};
const cells = (row: string) => [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, '').trim());

describe('formatDurationZh and times', () => {
  it('prints durations as X小时Y分Z秒 without leading zero units', () => {
    expect([0, 400, 45_000, 270_000, 240_000, 3_725_000, 3_600_000, -90_000, null].map(formatDurationZh)).toEqual(['0秒', '0秒', '45秒', '4分30秒', '4分0秒', '1小时2分5秒', '1小时0分0秒', '-1分30秒', '—']);
  });

  it('prints 北京时间 whatever the machine time zone', () => {
    const old = process.env.TZ;
    try {
      process.env.TZ = 'America/New_York';
      const ny = [beijingTime(T0), beijingDateTime(WALL0)];
      process.env.TZ = 'UTC';
      expect([beijingTime(T0), beijingDateTime(WALL0)]).toEqual(ny);
      expect(ny).toEqual(['08:00:00', '2026-12-08 09:30:00']);
    } finally {
      if (old === undefined) delete process.env.TZ;
      else process.env.TZ = old;
    }
  });
});

describe('renderDrillReportHtml', () => {
  it('holds both structures and the AAR/IP parts', () => {
    const html = renderDrillReportHtml(reportInput(referenceLog().events));
    for (const heading of ['演练评估报告', '演练组织和实施', '演练目标实现', '参演人员表现', '暴露的问题', '演练总结报告', '演练基本概要', '发现的问题', '取得的经验和教训', '应急管理工作建议', 'Exercise Overview', '附录A 改进计划', 'Improvement Plan', '优势', '待改进', '<svg']) {
      expect(html, heading).toContain(heading);
    }
  });

  it('its timings table shows every metric exactly as evaluated, with the replay moment', () => {
    const input = reportInput(troubledLog().events);
    const html = renderDrillReportHtml(input);
    expect(input.evaluation.metrics.length).toBeGreaterThan(8);
    for (const m of input.evaluation.metrics) {
      const c = cells(rowOf(html, m.id));
      expect(c[1], `${m.id} limit`).toBe(formatDurationZh(m.limitMs));
      expect(c[2], `${m.id} value`).toBe(formatDurationZh(m.valueMs));
      expect(c[3], `${m.id} met`).toBe(m.met === null ? '—' : m.met ? '达标 met' : '未达标 not met');
      if (m.endAt !== null && m.seq !== null) {
        expect(rowOf(html, m.id)).toContain(`href="${replayLink(RUN_ID, m.endAt, m.seq).replace(/&/g, '&amp;')}"`);
        expect(c[4]).toBe(`${beijingTime(m.endAt)} · T+${formatDurationHm(m.endAt - T0)}`);
      }
    }
    const ack = cells(rowOf(html, 'INJ-001:alarm.acknowledged'));
    expect(ack.slice(1, 5)).toEqual(['5分0秒', '7分15秒', '未达标 not met', '08:07:15 · T+00:07:15']);
  });

  it('escapes every string from the scenario and the log', () => {
    const sc = scenario((s) => {
      s.exercise.name = '演练 <script>alert(1)</script>（演示）';
      s.injects[1]!.synopsis = '来电 <script>alert("synopsis")</script> & <img src=x onerror=alert(2)>';
      s.exercise.description = '"quoted" \'single\'';
    });
    const html = renderDrillReportHtml(reportInput(troubledLog().events, sc));
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain('来电 &lt;script&gt;alert(&quot;synopsis&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(2)&gt;');
    expect(html).toContain('值班员未及时首报 &lt;script&gt;');
    expect(html).toContain('&quot;quoted&quot; &#39;single&#39;');
  });

  it('is self-contained: no script, no external resource', () => {
    const html = renderDrillReportHtml(reportInput(troubledLog().events));
    expect(html).not.toMatch(/<(script|link|img|iframe|object|embed)\b/i);
    expect(html).not.toMatch(/url\(|@import|src=/i);
    const external = [...html.matchAll(/https?:\/\/[^\s"'<]+/g)].map((m) => m[0]).filter((u) => u !== 'http://www.w3.org/2000/svg');
    expect(external).toEqual([]);
  });

  it('marks demo scenarios 演示数据 DEMO on every page, real ones not', () => {
    const demo = renderDrillReportHtml(reportInput(referenceLog().events));
    expect(demo).toMatch(/@top-right \{ content: "演示数据 DEMO"/);
    expect(demo).toContain('<div class="demo">演示数据 DEMO');
    const real = renderDrillReportHtml(reportInput(referenceLog().events, scenario((s) => void (s.exercise.demo = false))));
    expect(real).not.toContain('演示数据');
  });

  it('does not depend on the machine time zone', () => {
    const old = process.env.TZ;
    try {
      process.env.TZ = 'America/Los_Angeles';
      const a = renderDrillReportHtml(reportInput(troubledLog().events));
      process.env.TZ = 'Asia/Shanghai';
      expect(renderDrillReportHtml(reportInput(troubledLog().events))).toBe(a);
    } finally {
      if (old === undefined) delete process.env.TZ;
      else process.env.TZ = old;
    }
  });

  it('proposes corrective actions with owners from the plans, 待定 where unknown', () => {
    const html = renderDrillReportHtml(reportInput(troubledLog().events));
    const ip = html.slice(html.indexOf('<table class="ip">'), html.indexOf('</table>', html.indexOf('<table class="ip">')));
    const rows = [...ip.matchAll(/<tr><td>(\d+)<\/td>([\s\S]*?)<\/tr>/g)].map((m) => cells(`<td>${m[1]}</td>${m[2]}`));
    const issues = rows.map((r) => r[2]);
    expect(issues.some((i) => i!.startsWith('INJ-001 告警确认：超时'))).toBe(true);
    expect(issues.some((i) => i!.startsWith('INJ-002 启动预案 flood-control Ⅳ级：级别不符'))).toBe(true);
    expect(issues.some((i) => i!.startsWith('INJ-002 首报上级：未完成'))).toBe(true);
    const task = rows.find((r) => r[2]!.startsWith('INJ-002 完成任务 fc-iv-duty'))!;
    expect(task[3]).toContain('区防办实行24小时值班'); // the plan action's text
    expect(task[4]).toBe('区应急管理局'); // its unit in the flood-control plan
    expect(task.slice(5, 8)).toEqual(['待定', '待定', '待定']);
    const note = rows.find((r) => r[2]!.startsWith('评估记录（U）'))!;
    expect(note[4]).toBe('待定');
    expect(ip).toContain('contenteditable="true"');
  });

  it('draws the timeline figure with a linked tick per event and the pause shaded', () => {
    const l = troubledLog();
    const html = renderDrillReportHtml(reportInput(l.events));
    const svg = html.slice(html.indexOf('<svg'), html.indexOf('</svg>'));
    const ack = l.events.find((e) => e.kind === 'alarm' && e.payload.action === 'acknowledge')!;
    expect(svg).toContain(`href="${replayLink(RUN_ID, ack.at, ack.seq).replace(/&/g, '&amp;')}"`);
    expect(svg.match(/class="tick"/g)?.length).toBe(l.events.filter((e) => ['inject.delivered', 'alarm', 'incident', 'plan', 'checklist', 'report.sent', 'note'].includes(e.kind)).length);
    expect(svg).toContain('class="pause"');
    expect(svg).toContain('暂停 paused 1分30秒');
  });
});

/** hh:mm[:ss] of formatOffset without the T+. */
function formatDurationHm(ms: number): string {
  const a = Math.round(ms / 1000);
  const hh = String(Math.floor(a / 3600)).padStart(2, '0');
  const mm = String(Math.floor((a % 3600) / 60)).padStart(2, '0');
  return `${hh}:${mm}${a % 60 ? `:${String(a % 60).padStart(2, '0')}` : ''}`;
}
