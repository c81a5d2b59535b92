import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDrillCli } from '../../../main/cliDrill';
import { runCli } from '../../../main/cli';
import { fileFingerprint, tempDir } from '../../helpers/tempStore';

// A short scripted drill on the demo pack: the core rain gauge's first point is over the 1-hour rule (30 mm 黄).
const scenario = `
exercise:
  id: cli-drill
  name: 命令行演练（演示）
  form: 桌面
  scope: 单项
  hazard: rainstorm
  t0: "2026-07-15T08:00:00+08:00"
  duration: PT40M
  demo: true
  objectives: [告警确认与预案启动]
  plans: [{ plan: urban-waterlogging, expectedLevel: IV }]
injects:
  - id: INJ-001
    at: PT0M
    kind: telemetry
    channel: sl651
    station: "0061300019"
    element: PJ
    synopsis: 雨量站5分钟降雨31毫米
    series: [{ t: PT0M, value: 31 }, { t: PT5M, value: 9 }, { t: PT10M, value: 4 }]
    expected:
      - { action: alarm.acknowledged, within: PT5M }
      - { action: incident.created, within: PT15M }
      - { action: plan.activated, plan: urban-waterlogging, level: IV, within: PT20M }
      - { action: checklist.done, item: uw-iv-patrol, within: PT30M }
      - { action: report.sent, within: PT30M }
`;

let t: ReturnType<typeof tempDir>;
let store: string;
let file: string;
const run = async (args: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runDrillCli(args, (s) => out.push(s), (s) => err.push(s));
  return { code, out: out.join('\n'), err: err.join('\n') };
};

beforeAll(async () => {
  t = tempDir('cityops-cli-drill-');
  store = join(t.dir, 'live.gpkg');
  expect(await runCli(['seed', '--store', store], () => true, () => true)).toBe(0);
  file = join(t.dir, 'drill.yaml');
  writeFileSync(file, scenario);
}, 120_000);
afterAll(() => t.cleanup());

describe('cityops drill', () => {
  it('run --autoplay gives the same record and metrics twice, and never changes the live store', async () => {
    const before = fileFingerprint(store);
    const a = await run(['run', file, '--speed', '600', '--store', store, '--autoplay', '--json']);
    const b = await run(['run', file, '--speed', '600', '--store', store, '--autoplay', '--json']);
    expect(a.code, a.err).toBe(0);
    expect(b.code, b.err).toBe(0);
    const ra = JSON.parse(a.out) as { runId: string; metrics: { id: string; valueMs: number | null; met: boolean | null }[]; timeline: { offset: string; kind: string; actor: string; summary: string }[]; missed: unknown[] };
    const rb = JSON.parse(b.out) as typeof ra;
    expect(ra.runId).not.toBe(rb.runId);
    expect(rb.metrics).toEqual(ra.metrics);
    expect(rb.timeline.map((x) => [x.offset, x.kind, x.actor, x.summary])).toEqual(ra.timeline.map((x) => [x.offset, x.kind, x.actor, x.summary]));
    // The autoplayer did what the scenario expects, in time.
    for (const id of ['INJ-001:alarm.acknowledged', 'INJ-001:incident.created', 'INJ-001:plan.activated:urban-waterlogging', 'INJ-001:checklist.done:uw-iv-patrol', 'INJ-001:report.sent']) {
      expect(ra.metrics.find((m) => m.id === id), id).toMatchObject({ met: true });
    }
    expect(ra.missed).toEqual([]);
    expect(fileFingerprint(store)).toBe(before);

    const list = await run(['list', '--store', store, '--json']);
    expect((JSON.parse(list.out) as { runs: { runId: string; status: string }[] }).runs.map((r) => r.status)).toEqual(['ended', 'ended']);
    const html = join(t.dir, 'report.html');
    const rep = await run(['report', ra.runId, '--out', html, '--store', store]);
    expect(rep.code, rep.err).toBe(0);
    expect(await run(['report', ra.runId, '--out', html, '--store', store])).toMatchObject({ code: 1, err: expect.stringMatching(/exists/) });
  }, 120_000);

  it('validate names the inject and the field of every error, and run refuses the file without starting', async () => {
    const bad = join(t.dir, 'bad.yaml');
    writeFileSync(bad, scenario.replace('"0061300019"', '"0061399999"').replace('plan: urban-waterlogging, level', 'plan: no-such-plan, level'));
    const v = await run(['validate', bad, '--store', store, '--json']);
    expect(v.code).toBe(1);
    const errors = (JSON.parse(v.out) as { errors: { injectId: string | null; field: string; message: string }[] }).errors;
    expect(errors.some((e) => e.injectId === 'INJ-001' && /station/.test(e.field))).toBe(true);
    expect(errors.some((e) => e.injectId === 'INJ-001' && /no-such-plan/.test(e.message))).toBe(true);
    const r = await run(['run', bad, '--store', store]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/nothing started/);
    expect(await run(['report', 'nope-20260101t000000z', '--out', join(t.dir, 'x.pdf'), '--store', store])).toMatchObject({ code: 1, err: expect.stringMatching(/unknown drill/) });
    expect(await run(['run', bad, '--speed', '700', '--store', store])).toMatchObject({ code: 2 });
  }, 60_000);
});
