import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DrillScenario, DrillScenarioInput } from '../../../../../preload/contract/drillScenario';
import { createCommandServices } from '../../../../../main/rpc/commandHandlers';
import {
  checkScenarioStructure,
  loadScenario,
  resolveInjectTimes,
  scenarioSummary,
  scheduledPoints,
  validateScenarioAgainstStore,
} from '../../../../../main/services/drills/loadScenario';
import { writeScenarioCsv } from '../../../../../main/sources/drills/writeScenarioCsv';
import { layerSchema } from '../../../../../main/store/layerSchemas';
import { LayerWriter } from '../../../../../main/store/layerWriter';
import { openStore, type Store } from '../../../../../main/store/openStore';
import { tempDir } from '../../../../helpers/tempStore';

/** A small scenario on the stations, camera and demo plans of the fixture store (YAML). */
const yaml = `exercise:
  id: small-drill
  name: 小型演练（测试）
  form: 桌面
  scope: 单项
  hazard: rainstorm
  t0: "2026-07-15T08:00:00+08:00"
  objectives:
    - 检验告警确认
    - { id: O2, text: 启动预案, capability: 指挥和协调 }
  plans:
    - { plan: urban-waterlogging, expectedLevel: IV }
injects:
  - id: INJ-001
    at: PT0M
    kind: telemetry
    channel: sl651
    station: "0061300019"
    element: PJ
    synopsis: 雨量上涨
    objectives: [O1]
    expected:
      - { action: alarm.acknowledged, within: PT5M }
      - { action: plan.activated, within: PT20M, plan: urban-waterlogging, level: IV }
      - { action: checklist.done, within: PT40M, item: uw-iv-patrol }
    series:
      - { t: PT0M, value: 10.5 }
      - { t: PT5M, value: 12 }
      - { t: PT10M, value: 9.5 }
  - id: INJ-002
    at: { after: INJ-001, delay: PT15M }
    kind: camera-status
    camera: CAM00001
    status: offline
    synopsis: 摄像机离线
  - id: INJ-003
    at: { after: INJ-002, delay: PT5M }
    kind: field-report
    synopsis: 积水报告
    objectives: [O2]
    report:
      type: waterlogging
      title: 路口积水
      location: [110.8675, 32.586]
      address: 经34路与纬1路交叉口（演示道路）
      severity: 2
  - id: INJ-004
    at: PT1H
    kind: phone
    contingency: true
    from: 指挥长（模拟）
    synopsis: 催促启动响应
    message: 请立即启动Ⅳ级响应
`;

function loaded(text = yaml): DrillScenario {
  const r = loadScenario(text, 'yaml', 'small.yaml');
  expect(r.errors).toEqual([]);
  return r.scenario!;
}

/** A deep copy of the parsed scenario, changed by `edit` (store checks take a parsed scenario). */
function variant(edit: (s: DrillScenario) => void): DrillScenario {
  const s = structuredClone(loaded());
  edit(s);
  return s;
}

let t: ReturnType<typeof tempDir>;
let store: Store;
beforeAll(() => {
  t = tempDir('cityops-scenario-');
  store = openStore(join(t.dir, 'store.gpkg'));
  store.db.transaction(() => {
    const stations = new LayerWriter(store.db, layerSchema('flood_stations')!);
    const result = { inserted: 0, updated: 0 };
    for (const [code, type] of [['0061300019', 'rain'], ['0061200001', 'reservoir']] as const) {
      stations.write({ external_id: code, name: `${code}（测试）`, geometry: { type: 'Point', coordinates: [110.88, 32.54] }, columns: { station_type: type, station_code: code }, demo: true }, result);
    }
    stations.finish('test', true);
    const cameras = new LayerWriter(store.db, layerSchema('cameras')!);
    cameras.write({ external_id: 'CAM00001', name: '测试球机', geometry: { type: 'Point', coordinates: [110.87, 32.58] }, columns: { status: 'online' }, demo: true }, result);
    cameras.finish('test', true);
  })();
  createCommandServices(store.db); // installs the demo plans (flood-control, urban-waterlogging, pipe-burst, hazmat-leak)
});
afterAll(() => {
  store.close();
  t.cleanup();
});

describe('loadScenario: shape', () => {
  it('loads a valid YAML scenario with the defaults applied; the store checks find nothing', () => {
    const s = loaded();
    expect(s.exercise.purpose).toBe('检验');
    expect(s.exercise.demo).toBe(false);
    expect(s.injects[1]!.objectives).toEqual([]);
    expect(s.injects[1]!.channel).toBe('in-app');
    expect(s.injects[3]!.contingency).toBe(true);
    expect(validateScenarioAgainstStore(store.db, s)).toEqual([]);
  });

  it('schema errors name the inject id, the field path and the YAML line', () => {
    const bad = yaml.replace('value: 12 }', 'value: "12" }').replace('kind: camera-status', 'kind: camera-status\n    colour: red').replace('at: PT1H', 'at: 1 hour');
    const r = loadScenario(bad, 'yaml');
    expect(r.scenario).toBeNull();
    const byField = Object.fromEntries(r.errors.map((e) => [e.field, e]));
    expect(byField['injects[0].series[1].value']).toMatchObject({ injectId: 'INJ-001', line: 28 });
    expect(byField['injects[0].series[1].value']!.message).toMatch(/^类型错误 \/ .*expected number/);
    expect(byField['injects[1].colour']).toMatchObject({ injectId: 'INJ-002', line: 33, message: "未知字段 / unknown field 'colour'" });
    expect(byField['injects[3].at']).toMatchObject({ injectId: 'INJ-004' });
    expect(r.errors).toHaveLength(3);
  });

  it('a missing field and an unknown inject kind', () => {
    const bad = yaml.replace('  name: 小型演练（测试）\n', '').replace('kind: phone', 'kind: fax');
    const r = loadScenario(bad, 'yaml');
    const brief = r.errors.map((e) => `${e.injectId} ${e.field} ${e.message.split(' / ')[0]}`);
    expect(brief).toEqual(['null exercise.name 缺少必填项', 'INJ-004 injects[3].kind 类型不符']);
    expect(r.errors[0]!.message).toMatch(/name is required/);
  });

  it('a YAML syntax error comes back with its line, and no scenario', () => {
    const r = loadScenario(yaml.replace('    synopsis: 摄像机离线\n', '    synopsis: [摄像机离线\n'), 'yaml', 'small.yaml');
    expect(r.scenario).toBeNull();
    expect(r.errors[0]!.message).toMatch(/^YAML 语法错误 \/ YAML syntax error in small\.yaml at line \d+/);
    expect(r.errors[0]!.line).toBeGreaterThanOrEqual(33);
  });

  it('JSON: the same scenario loads the same', () => {
    const s = loaded();
    const r = loadScenario(JSON.stringify(s, null, 2), 'json');
    expect(r.errors).toEqual([]);
    expect(r.scenario).toEqual(s);
  });
});

describe('CSV MSEL', () => {
  it('round trip: YAML → writeScenarioCsv → loadScenario(csv) is the same scenario', () => {
    const s = loaded();
    const csv = writeScenarioCsv(s);
    expect(csv.startsWith('\uFEFF#id,small-drill\r\n')).toBe(true);
    expect(csv).toContain('INJ-001,PT0M,,,telemetry,sl651,0061300019,PJ,PT0M=10.5;PT5M=12;PT10M=9.5,雨量上涨,');
    expect(csv).toContain('alarm.acknowledged@PT5M;plan.activated:urban-waterlogging:IV@PT20M;checklist.done:uw-iv-patrol@PT40M');
    const back = loadScenario(csv, 'csv', 'small.csv');
    expect(back.errors).toEqual([]);
    expect(back.scenario).toEqual(s);
    // and once more, byte for byte
    expect(writeScenarioCsv(back.scenario!)).toBe(csv);
  });

  it('schema errors of a CSV name the row and the column', () => {
    const csv = writeScenarioCsv(loaded())
      .replace('PT5M=12;', 'PT5M=-1;')
      .replace(',camera-status,in-app,,', ',camera-status,in-app,0061300019,')
      .replace('#form,桌面', '#form,沙盘');
    const r = loadScenario(csv, 'csv');
    expect(r.scenario).toBeNull();
    const brief = r.errors.map((e) => `${e.injectId} | ${e.field} | ${e.line}`);
    expect(brief).toEqual(['null | row 3, column #form | 3', 'INJ-002 | row 14, column station | 14']);
    expect(r.errors[1]!.message).toBe("未知字段 / unknown field 'station' (injects[1].station)");
    // a negative rain value fits the schema; the store check refuses it (SL651 cannot carry it)
    const ok = loadScenario(writeScenarioCsv(loaded()).replace('PT5M=12;', 'PT5M=-1;'), 'csv');
    const store = validateScenarioAgainstStore(storeDb(), ok.scenario!, ok.locate);
    expect(store.map((e) => `${e.injectId} | ${e.field} | ${e.line}`)).toEqual(['INJ-001 | row 13, column series | 13']);
  });

  it('a cell the reader refused is reported once (not again by the schema)', () => {
    const csv = writeScenarioCsv(loaded()).replace('PT5M=12;', 'PT5M=twelve;');
    const r = loadScenario(csv, 'csv');
    expect(r.errors.map((e) => e.field)).toEqual(['row 13, column series']);
    expect(r.errors[0]!.message).toMatch(/第2项不是数字 \/ series item 2 'PT5M=twelve'/);
  });
});

const storeDb = () => store.db;

describe('validateScenarioAgainstStore: every error names the inject and the field', () => {
  const check = (s: DrillScenario) => validateScenarioAgainstStore(store.db, s).map((e) => `${e.injectId} | ${e.field} | ${e.message.split(' / ')[0]}`);

  it('duplicate inject ids', () => {
    expect(check(variant((s) => (s.injects[2]!.id = 'INJ-001')))).toContain('INJ-001 | injects[2].id | 重复的注入编号');
  });

  it('at.after: unknown, later, itself, cycle', () => {
    expect(check(variant((s) => (s.injects[1]!.at = { after: 'INJ-099', delay: 'PT1M' })))).toEqual(['INJ-002 | injects[1].at.after | 未知的前序注入']);
    expect(check(variant((s) => (s.injects[1]!.at = { after: 'INJ-004', delay: 'PT1M' })))).toEqual(['INJ-002 | injects[1].at.after | 前序注入在后']);
    expect(check(variant((s) => (s.injects[1]!.at = { after: 'INJ-002', delay: 'PT1M' })))).toEqual(['INJ-002 | injects[1].at.after | 注入时间循环']);
    const cycle = validateScenarioAgainstStore(store.db, variant((s) => (s.injects[1]!.at = { after: 'INJ-003', delay: 'PT1M' })));
    expect(cycle.map((e) => `${e.injectId} | ${e.field}`)).toEqual(['INJ-002 | injects[1].at.after']);
    expect(cycle[0]!.message).toMatch(/cycle: .*INJ-002.*INJ-003.*INJ-002|cycle: .*INJ-003.*INJ-002.*INJ-003/);
  });

  it('series offsets out of order', () => {
    const e = validateScenarioAgainstStore(store.db, variant((s) => ((s.injects[0] as { series: { t: string }[] }).series[2]!.t = 'PT5M')));
    expect(e).toHaveLength(1);
    expect(e[0]).toMatchObject({ injectId: 'INJ-001', field: 'injects[0].series[2].t' });
    expect(e[0]!.message).toMatch(/^时间偏移顺序错误 \/ offset out of order: PT5M is not after PT5M/);
  });

  it('unknown station, element, value the element cannot hold', () => {
    const e = validateScenarioAgainstStore(store.db, variant((s) => ((s.injects[0] as { station: string }).station = '0061399999')));
    expect(e).toEqual([{ injectId: 'INJ-001', field: 'injects[0].station', message: '未知站点 / unknown station 0061399999 (not in flood_stations)' }]);
    expect(check(variant((s) => ((s.injects[0] as { element: string }).element = 'XYZ')))).toEqual(['INJ-001 | injects[0].element | 未知要素']);
    expect(check(variant((s) => ((s.injects[0] as { element: string }).element = 'TT')))).toEqual(['INJ-001 | injects[0].element | 要素不可遥测']);
    const values = variant((s) => {
      const series = (s.injects[0] as { series: { value: number }[] }).series;
      series[0]!.value = -1; // negative
      series[1]!.value = 123456.7; // PJ is N(5,1): at most 9999.9
      series[2]!.value = 9.55; // PJ carries one decimal
    });
    expect(check(values)).toEqual([
      'INJ-001 | injects[0].series[0].value | 数值超出要素范围',
      'INJ-001 | injects[0].series[1].value | 数值超出要素范围',
      'INJ-001 | injects[0].series[2].value | 精度超出要素',
    ]);
    // mqtt points are not SL651 frames: only the element id is checked
    expect(check(variant((s) => {
      const inj = s.injects[0] as { channel: string; series: { value: number }[] };
      inj.channel = 'mqtt';
      inj.series[0]!.value = -1;
    }))).toEqual([]);
  });

  it('unknown plan (exercise.plans and plan.activated), checklist item, camera, alarm.raised station', () => {
    // (uw-iv-patrol stays known: urban-waterlogging is still expected to be activated)
    expect(check(variant((s) => (s.exercise.plans[0]!.plan = 'no-such-plan')))).toEqual(['null | exercise.plans[0].plan | 未知预案']);
    expect(check(variant((s) => ((s.injects[0]!.expected[1] as { plan: string }).plan = 'no-such-plan')))).toEqual(['INJ-001 | injects[0].expected[1].plan | 未知预案']);
    expect(check(variant((s) => ((s.injects[0]!.expected[2] as { item: string }).item = 'fc-iv-duty')))).toEqual(['INJ-001 | injects[0].expected[2].item | 未知的检查项']);
    // an item of a plan the scenario expects to be activated counts
    expect(check(variant((s) => {
      s.injects[0]!.expected.push({ action: 'plan.activated', within: 'PT30M', plan: 'flood-control', level: 'IV' }, { action: 'checklist.done', within: 'PT40M', item: 'fc-iv-duty' });
    }))).toEqual([]);
    expect(check(variant((s) => ((s.injects[1] as { camera: string }).camera = 'CAM99999')))).toEqual(['INJ-002 | injects[1].camera | 未知摄像机']);
    expect(check(variant((s) => s.injects[0]!.expected.push({ action: 'alarm.raised', within: 'PT1M', station: '0061399999' })))).toEqual(['INJ-001 | injects[0].expected[3].station | 未知站点']);
  });

  it('exercise.duration shorter than the last point; undefined objective; duplicate objective id', () => {
    const short = validateScenarioAgainstStore(store.db, variant((s) => (s.exercise.duration = 'PT50M')));
    expect(short).toHaveLength(1);
    expect(short[0]).toMatchObject({ injectId: null, field: 'exercise.duration' });
    expect(short[0]!.message).toBe('演练时长过短 / exercise.duration PT50M (T+00:50) ends before the last point at T+01:00');
    expect(check(variant((s) => (s.exercise.duration = 'PT1H')))).toEqual([]);
    expect(check(variant((s) => s.injects[2]!.objectives.push('O7')))).toEqual(['INJ-003 | injects[2].objectives[1] | 未定义的目标']);
    expect(check(variant((s) => s.exercise.objectives.push({ id: 'O1', text: '重复' })))).toEqual(['null | exercise.objectives[2].id | 重复的目标编号']);
  });

  it('checkScenarioStructure needs no store', () => {
    expect(checkScenarioStructure(variant((s) => (s.injects[3]!.id = 'INJ-002'))).map((e) => e.field)).toEqual(['injects[3].id']);
  });

  it('with a YAML locator, store errors carry their line', () => {
    const text = yaml.replace('camera: CAM00001', 'camera: CAM09999');
    const r = loadScenario(text, 'yaml');
    const e = validateScenarioAgainstStore(store.db, r.scenario!, r.locate);
    expect(e).toEqual([{ injectId: 'INJ-002', field: 'injects[1].camera', line: 33, message: '未知摄像机 / unknown camera CAM09999 (not in cameras)' }]);
  });
});

describe('times and summary', () => {
  it('resolveInjectTimes follows after/delay chains', () => {
    const times = resolveInjectTimes(loaded());
    expect([...times]).toEqual([
      ['INJ-001', 0],
      ['INJ-002', 15 * 60_000],
      ['INJ-003', 20 * 60_000],
      ['INJ-004', 60 * 60_000],
    ]);
  });

  it('resolveInjectTimes throws on a cycle or an unknown inject', () => {
    expect(() => resolveInjectTimes(variant((s) => (s.injects[1]!.at = { after: 'INJ-003', delay: 'PT1M' })))).toThrow(/注入时间循环 \/ .*cycle/);
    expect(() => resolveInjectTimes(variant((s) => (s.injects[1]!.at = { after: 'NOPE', delay: 'PT1M' })))).toThrow(/unknown inject NOPE/);
  });

  it('scheduledPoints: one per telemetry point, in time order', () => {
    const pts = scheduledPoints(loaded());
    expect(pts.map((p) => `${p.injectId}#${p.point}/${p.of}@${p.offsetMs / 60_000}`)).toEqual(['INJ-001#1/3@0', 'INJ-001#2/3@5', 'INJ-001#3/3@10', 'INJ-002#1/1@15', 'INJ-003#1/1@20', 'INJ-004#1/1@60']);
    expect(pts[1]).toMatchObject({ station: '0061300019', element: 'PJ', value: 12 });
  });

  it('scenarioSummary: duration = exercise.duration, else last point + 1 h', () => {
    expect(scenarioSummary(loaded())).toEqual({ exerciseId: 'small-drill', name: '小型演练（测试）', injects: 4, points: 6, durationMs: 2 * 3_600_000, stations: 1 });
    expect(scenarioSummary(variant((s) => (s.exercise.duration = 'PT1H30M'))).durationMs).toBe(90 * 60_000);
  });
});

// Keeps the input type honest: a hand-written scenario object type-checks against the schema's input.
const _typed: DrillScenarioInput = { exercise: { id: 'x1', name: 'x', form: '桌面', scope: '单项', hazard: 'other', t0: '2026-01-01T00:00:00+08:00', objectives: ['a'] }, injects: [{ id: 'A', at: 'PT0M', kind: 'phone', synopsis: 's' }] };
void _typed;
