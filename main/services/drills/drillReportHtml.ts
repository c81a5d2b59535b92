import type { EmergencyPlan } from '../../../preload/contract/commandMethods';
import type { DrillEvaluation, DrillEvent, DrillStatus } from '../../../preload/contract/drillMethods';
import type { DrillScenario } from '../../../preload/contract/drillScenario';
import { beijingDateTime, escapeHtml as e, formatDurationZh } from './drillFormat';
import { improvementPlan } from './drillImprovementPlan';
import {
  bi,
  controlSection,
  HAZARD_ZH,
  improvementTable,
  injectTable,
  issueLines,
  objectivesTable,
  observationsTable,
  overviewSection,
  participantsSection,
  STATUS_ZH,
  strengthsSection,
  timingsTable,
  type ReportCtx,
} from './drillReportSections';
import { drillTimelineSvg, timelineLegendHtml } from './drillTimelineSvg';
import { drillInjects, injectStarts } from './evaluateDrill';

/**
 * The drill report (演练报告): one self-contained HTML document (inline CSS for A4 print, no external resource, no
 * script) that holds both Chinese structures — 演练评估报告 after AQ/T 9009-2015 (演练组织和实施, 演练目标实现, 参演人员表现,
 * 暴露的问题) and 总结报告 (演练基本概要, 发现的问题, 取得的经验和教训, 应急管理工作建议) — aligned with the HSEEP AAR/IP
 * (Exercise Overview, objectives × capability × P/S/M/U, strengths and areas for improvement, Appendix A Improvement
 * Plan). Every finding links to its replay moment (cityops://replay/<runId>?at=&seq=) and shows 北京时间 plus T+.
 * Durations print as formatDurationZh (4分30秒). Opens in WPS/Word for editing; printPdf.ts makes the PDF.
 */
export interface DrillReportInput {
  evaluation: DrillEvaluation;
  scenario: DrillScenario;
  run: { runId: string; startedAt: number; endedAt: number | null; status: DrillStatus; storePath: string };
  events: DrillEvent[];
  /** Wall time the report is written (epoch ms), printed on it. */
  generatedAt: number;
  /** The plans (预案) of the drill store: titles, checklist item texts, and the owners (责任单位) of corrective actions. */
  plans?: readonly EmergencyPlan[];
}

const CSS = `
@page { size: A4; margin: 16mm 14mm 16mm 14mm;
  @top-left { content: "演练 EXERCISE · __RUN__"; font: 8pt "Noto Sans CJK SC", sans-serif; color: #b00000; }
  __DEMO_BOX__
  @bottom-center { content: "第 " counter(page) " 页 / 共 " counter(pages) " 页"; font: 8pt "Noto Sans CJK SC", sans-serif; color: #555; } }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "SimSun", sans-serif; font-size: 10pt; line-height: 1.45; color: #111; margin: 0 auto; max-width: 182mm; }
h1 { font-size: 18pt; text-align: center; margin: 4mm 0 1mm; }
h2 { font-size: 14pt; border-bottom: 2px solid #1f4e8c; padding-bottom: 1mm; margin: 7mm 0 3mm; break-after: avoid; }
h2.part { break-before: page; text-align: center; border: none; font-size: 16pt; }
h3 { font-size: 12pt; margin: 5mm 0 2mm; break-after: avoid; }
h4 { font-size: 10.5pt; margin: 3mm 0 1mm; break-after: avoid; }
.subtitle { text-align: center; color: #333; margin: 0 0 4mm; }
.en { color: #666; font-size: 0.82em; font-weight: normal; }
.demo { border: 2px solid #c00000; color: #c00000; font-weight: bold; text-align: center; padding: 1.5mm; margin: 2mm 0; }
.exercise { color: #b00000; text-align: center; font-weight: bold; letter-spacing: 0.1em; }
table { width: 100%; border-collapse: collapse; margin: 2mm 0 3mm; font-size: 8.6pt; }
th, td { border: 1px solid #999; padding: 1mm 1.4mm; vertical-align: top; text-align: left; }
thead th { background: #e7edf5; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
table.kv th { width: 34%; background: #f4f6f9; font-weight: normal; }
td.num { white-space: nowrap; text-align: right; }
td.detail { font-size: 7.8pt; color: #333; }
td.edit { background: #fffbe6; }
table.ip { table-layout: fixed; word-wrap: break-word; }
table.ip a.moment { white-space: normal; }
.tbd { color: #a06000; }
.none { color: #777; }
.ok { color: #1b7a1b; white-space: nowrap; }
.bad { color: #b00000; white-space: nowrap; }
a.moment { color: #1f4e8c; text-decoration: none; white-space: nowrap; }
.r-P { color: #1b7a1b; } .r-S { color: #5a7a00; } .r-M { color: #b36b00; } .r-U { color: #b00000; }
p.sub { margin: 1mm 0 0; font-weight: bold; }
ul, ol { margin: 1mm 0 2mm; padding-left: 6mm; }
figure { margin: 2mm 0 4mm; break-inside: avoid; }
figcaption { text-align: center; font-size: 9pt; margin-top: 1mm; }
svg.timeline { font-family: "Noto Sans CJK SC", sans-serif; }
.legend { font-size: 7.8pt; line-height: 1.8; }
.lg { white-space: nowrap; margin-right: 2.5mm; }
.lg i { display: inline-block; width: 3mm; height: 3mm; vertical-align: middle; margin-right: 0.8mm; }
.note { font-size: 8pt; color: #555; }
@media screen { body { padding: 8mm; background: #fff; } }
`;

function summaryParagraph(c: ReportCtx): string {
  const x = c.scenario.exercise;
  const k = c.evaluation.control;
  const inj = c.evaluation.metrics.filter((m) => m.injectId !== null && m.met !== null);
  const met = inj.filter((m) => m.met).length;
  const late = inj.filter((m) => m.met === false && m.valueMs !== null).length;
  const notDone = inj.filter((m) => m.met === false && m.valueMs === null).length;
  const [hz] = HAZARD_ZH[x.hazard] ?? [x.hazard];
  const [sz] = STATUS_ZH[c.run.status];
  return (
    `<p>${e(x.organizer ?? '')}${x.organizer ? '组织的' : ''}「${e(x.name)}」为${e(x.form)}${e(x.scope)}演练（${e(x.purpose)}性，灾种：${e(hz)}），于北京时间 ${e(beijingDateTime(c.run.startedAt))} 开始，` +
    `${c.run.endedAt === null ? '尚未结束' : `${e(beijingDateTime(c.run.endedAt))} ${e(sz)}`}，演练时长 ${e(formatDurationZh(k.exerciseDurationMs))}（累计暂停 ${e(formatDurationZh(k.totalPauseMs))}）。` +
    `共下达注入 ${k.injectsDelivered} 条（跳过 ${k.injectsSkipped} 条，临时注入 ${k.adHocInjects} 条）；可评估的期望动作 ${inj.length} 项，按时完成 ${met} 项，超时或级别不符 ${late} 项，未完成 ${notDone} 项。</p>` +
    `<p class="en">${e(x.name)}: ${k.injectsDelivered} injects delivered (${k.injectsSkipped} skipped, ${k.adHocInjects} ad hoc); ${inj.length} expected actions evaluated, ${met} met, ${late} late or wrong level, ${notDone} not done.</p>`
  );
}

function lessons(c: ReportCtx): string {
  const good = c.evaluation.metrics.filter((m) => m.injectId !== null && m.met === true).map((m) => `${e(m.label.zh)}：${e(formatDurationZh(m.valueMs))}（时限 ${e(formatDurationZh(m.limitMs))}）`);
  for (const o of c.evaluation.observations) if (o.rating === 'P' || o.rating === 'S') good.push(`评估记录（${e(o.rating)}）${e(o.text)}`);
  const bad = issueLines(c);
  const list = (xs: string[]) => (xs.length ? `<ul>${xs.map((x) => `<li>${x}</li>`).join('')}</ul>` : '<p class="none">无 none</p>');
  return `<h4>${bi('经验', 'What went well')}</h4>${list(good)}<h4>${bi('教训', 'Lessons')}</h4>${list(bad)}`;
}

export function renderDrillReportHtml(input: DrillReportInput): string {
  const plans = input.plans ?? [];
  const injects = drillInjects(input.scenario, input.events);
  const events = [...input.events].sort((a, b) => a.seq - b.seq);
  const c: ReportCtx = {
    ...input,
    events,
    plans,
    t0: Date.parse(input.scenario.exercise.t0),
    injects,
    starts: injectStarts(events),
    actions: improvementPlan({ evaluation: input.evaluation, scenario: input.scenario, injects: injects.map((i) => i.inject), plans }),
  };
  const x = input.scenario.exercise;
  const demo = x.demo;
  const runCss = input.run.runId.replace(/[^a-z0-9-]/g, '');
  const css = CSS.replace('__RUN__', runCss).replace(
    '__DEMO_BOX__',
    demo ? '@top-right { content: "演示数据 DEMO"; font: bold 9pt "Noto Sans CJK SC", sans-serif; color: #c00000; }' : '',
  );
  const demoBanner = demo ? `<div class="demo">演示数据 DEMO — 本演练使用演示情景与演示数据，不代表真实情况 <span class="en">demo scenario and demo data, not real</span></div>` : '';
  const issues = issueLines(c);
  const ol = (xs: string[]) => (xs.length ? `<ol>${xs.map((v) => `<li>${v}</li>`).join('')}</ol>` : '<p class="none">无 none</p>');
  const recommendations = c.actions.map((a) => `${bi(a.action.zh, a.action.en)}（责任单位：${a.owner === null ? '待定' : e(a.owner)}；见附录A 第${a.no}项）`);

  const body = [
    `<p class="exercise">演练 EXERCISE</p>`,
    demoBanner,
    `<h1>${e(x.name)}</h1>`,
    `<p class="subtitle">演练评估报告 · 演练总结报告<br><span class="en">Exercise Evaluation Report · Summary Report — After-Action Report / Improvement Plan (AAR/IP)</span></p>`,
    `<h2>${bi('演练概况', 'Exercise Overview')}</h2>`,
    overviewSection(c),
    `<h3>${bi('演练目标', 'Objectives')}</h3>`,
    `<ol>${c.evaluation.objectives.map((o) => `<li>${e(o.id)} ${e(o.text)}</li>`).join('')}</ol>`,

    `<h2 class="part">第一部分 演练评估报告<br><span class="en">Part 1 — Evaluation Report (AQ/T 9009-2015)</span></h2>`,
    `<h2>${bi('一、演练组织和实施', '1. Exercise organisation and conduct')}</h2>`,
    `<h3>${bi('导调控制', 'Exercise control')}</h3>`,
    controlSection(c),
    `<h3>${bi('注入下达', 'Injects')}</h3>`,
    injectTable(c),
    `<figure>${drillTimelineSvg({ runId: input.run.runId, t0: c.t0, events })}<div class="legend">${timelineLegendHtml()}</div><figcaption>${bi('图1 演练时间线（演练时间，不含暂停）', 'Figure 1 — Drill timeline (exercise time, pauses excluded)')}</figcaption></figure>`,
    `<h2>${bi('二、演练目标实现', '2. Achievement of objectives — analysis of core capabilities')}</h2>`,
    objectivesTable(c),
    `<p class="note">评定：P 完成良好（无挑战）；S 基本完成（有一定挑战）；M 勉强完成（重大挑战）；U 未能完成。评估员评定优先，否则按达标比例自动评定（全部达标 P，≥2/3 S，≥1/3 M，其余 U）。<span class="en">P/S/M/U; an evaluator's rating wins, else derived from the share of metrics met.</span></p>`,
    `<h3>${bi('表1 响应计时', 'Table 1 — Response timings')}</h3>`,
    timingsTable(c),
    `<p class="note">用时为演练时间（不含暂停），自注入下达（首个数据点）起算；时刻为北京时间（UTC+8）与演练时间 T+。<span class="en">Times are exercise time (pauses excluded) from the inject's start; moments in Beijing time (UTC+8) and T+.</span></p>`,
    `<h3>${bi('优势与待改进', 'Strengths and areas for improvement')}</h3>`,
    strengthsSection(c),
    `<h2>${bi('三、参演人员表现', '3. Performance of participants')}</h2>`,
    participantsSection(c),
    `<h3>${bi('评估记录', 'Evaluator observations')}</h3>`,
    observationsTable(c),
    `<h2>${bi('四、暴露的问题', '4. Issues found')}</h2>`,
    ol(issues),

    `<h2 class="part">第二部分 演练总结报告<br><span class="en">Part 2 — Summary Report</span></h2>`,
    `<h2>${bi('一、演练基本概要', '1. Overview')}</h2>`,
    summaryParagraph(c),
    `<h2>${bi('二、发现的问题', '2. Problems found')}</h2>`,
    ol(issues),
    `<h2>${bi('三、取得的经验和教训', '3. Experience and lessons')}</h2>`,
    lessons(c),
    `<h2>${bi('四、应急管理工作建议', '4. Recommendations for emergency management')}</h2>`,
    ol(recommendations),

    `<h2 class="part">附录A 改进计划<br><span class="en">Appendix A — Improvement Plan</span></h2>`,
    `<p class="note">纠正措施由系统根据未达标指标与评估记录生成，为建议稿；责任单位默认取自预案，联系人、开始日期和完成期限待定，请编辑后定稿。<span class="en">Proposed by the system from the metrics not met and M/U observations; owners default to the plan's units; edit the cells marked 待定.</span></p>`,
    improvementTable(c),
    `<p class="note">本报告由 CityOps 根据演练记录（${e(input.run.storePath)}）自动生成于北京时间 ${e(beijingDateTime(input.generatedAt))}。<span class="en">Generated by CityOps from the drill record.</span></p>`,
  ].join('\n');

  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="generator" content="CityOps">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${e(`${x.name} — 演练评估报告与总结报告 ${input.run.runId}`)}</title>
<style>${css}</style>
</head>
<body>
${body}
</body>
</html>
`;
}
