import type { DrillScenarioInput, ExpectedAction } from '../../../preload/contract/drillScenario';
import { mselColumns, type MselColumn } from './readScenarioCsv';

const quote = (v: string): string => (/[",\r\n]|^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const line = (cells: string[]): string => cells.map(quote).join(',');

function expectedText(e: ExpectedAction): string {
  switch (e.action) {
    case 'alarm.raised':
      return `${e.action}${e.station ? `:${e.station}` : ''}@${e.within}`;
    case 'plan.activated':
      return `${e.action}:${e.plan}:${e.level}@${e.within}`;
    case 'checklist.done':
      return `${e.action}:${e.item}@${e.within}`;
    default:
      return `${e.action}@${e.within}`;
  }
}

/**
 * A scenario as a CSV MSEL (the format readScenarioCsv documents): the # exercise rows, the header with every
 * column, one row per inject. With a UTF-8 BOM by default, so spreadsheet programs read the Chinese text right.
 */
export function writeScenarioCsv(scenario: DrillScenarioInput, options: { bom?: boolean } = {}): string {
  const x = scenario.exercise;
  const rows: string[] = [];
  const meta = (key: string, ...values: (string | undefined)[]) => rows.push(line([`#${key}`, ...values.map((v) => v ?? '')]));
  meta('id', x.id);
  meta('name', x.name);
  meta('form', x.form);
  meta('scope', x.scope);
  if (x.purpose) meta('purpose', x.purpose);
  meta('hazard', x.hazard);
  meta('t0', x.t0);
  if (x.duration) meta('duration', x.duration);
  if (x.description !== undefined) meta('description', x.description);
  if (x.organizer !== undefined) meta('organizer', x.organizer);
  if (x.demo !== undefined) meta('demo', String(x.demo));
  for (const o of x.objectives) {
    if (typeof o === 'string') meta('objective', o);
    else meta('objective', o.id, o.text, ...(o.capability ? [o.capability] : []));
  }
  for (const p of x.plans ?? []) meta('plan', `${p.plan}:${p.expectedLevel}`);
  rows.push(line([...mselColumns]));
  for (const inj of scenario.injects) {
    const c: Partial<Record<MselColumn, string>> = { id: inj.id, kind: inj.kind, synopsis: inj.synopsis };
    if (typeof inj.at === 'string') c.at = inj.at;
    else {
      c.after = inj.at.after;
      c.delay = inj.at.delay;
    }
    if (inj.channel !== undefined) c.channel = inj.channel;
    if (inj.controllerNotes !== undefined) c.controllerNotes = inj.controllerNotes;
    if (inj.from !== undefined) c.from = inj.from;
    if (inj.to !== undefined) c.to = inj.to;
    if (inj.objectives?.length) c.objectives = inj.objectives.join(';');
    if (inj.expected?.length) c.expected = inj.expected.map(expectedText).join(';');
    if (inj.contingency !== undefined) c.contingency = String(inj.contingency);
    switch (inj.kind) {
      case 'telemetry':
        c.station = inj.station;
        c.element = inj.element;
        c.series = inj.series.map((p) => `${p.t}=${p.value}`).join(';');
        break;
      case 'camera-status':
        c.camera = inj.camera;
        c.status = inj.status;
        break;
      case 'field-report': {
        const r = inj.report;
        c.reportType = r.type;
        c.reportTitle = r.title;
        c.lon = String(r.location[0]);
        c.lat = String(r.location[1]);
        if (r.description !== undefined) c.description = r.description;
        if (r.address !== undefined) c.address = r.address;
        if (r.severity !== undefined) c.severity = String(r.severity);
        if (r.department !== undefined) c.department = r.department;
        if (r.callerName !== undefined) c.callerName = r.callerName;
        if (r.callerPhone !== undefined) c.callerPhone = r.callerPhone;
        break;
      }
      default:
        if (inj.message !== undefined) c.message = inj.message;
    }
    rows.push(line(mselColumns.map((k) => c[k] ?? '')));
  }
  return `${options.bom === false ? '' : '\uFEFF'}${rows.join('\r\n')}\r\n`;
}
