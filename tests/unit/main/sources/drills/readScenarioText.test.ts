import { describe, expect, it } from 'vitest';
import { jsonErrorLine, jsonErrorOffset, readScenarioText } from '../../../../../main/sources/drills/readScenarioText';

const yaml = `exercise:
  id: small-drill
  name: 小型演练
  objectives: [检验告警]
injects:
  - id: INJ-001
    at: PT0M
    kind: telemetry
    station: 0061300019
    element: PJ
    series:
      - { t: PT0M, value: 1.5 }
      - { t: PT5M, value: 2 }
    objectives: [001]
`;

describe('readScenarioText: YAML', () => {
  it('reads a document into plain data; unquoted codes keep their leading zeros', () => {
    const r = readScenarioText(yaml, 'yaml', 'small.yaml');
    expect(r.errors).toEqual([]);
    const raw = r.raw as { injects: Record<string, unknown>[] };
    expect(raw.injects[0]!.station).toBe('0061300019');
    expect(raw.injects[0]!.objectives).toEqual(['001']);
    // numbers that are values stay numbers
    expect((raw.injects[0]!.series as { value: unknown }[])[1]!.value).toBe(2);
  });

  it('locates a path on its line (for schema and store errors)', () => {
    const r = readScenarioText(yaml, 'yaml');
    expect(r.locate!(['injects', 0, 'series', 1, 'value'])).toEqual({ line: 13 });
    expect(r.locate!(['injects', 0, 'station'])).toEqual({ line: 9 });
    expect(r.locate!(['exercise', 'name'])).toEqual({ line: 3 });
    // a missing key: the nearest node above it
    expect(r.locate!(['injects', 0, 'synopsis'])?.line).toBe(6);
  });

  it('reports a syntax error with its line and nothing parsed', () => {
    const bad = 'exercise:\n  id: x\n  name: [unclosed\ninjects: []\n';
    const r = readScenarioText(bad, 'yaml', 'bad.yaml');
    expect(r.raw).toBeNull();
    expect(r.errors.length).toBeGreaterThan(0);
    const e = r.errors[0]!;
    expect(e.line).toBe(4);
    expect(e.field).toBe('line 4');
    expect(e.message).toMatch(/^YAML 语法错误 \/ YAML syntax error in bad\.yaml at line 4/);
  });

  it('refuses duplicate keys and several documents', () => {
    const dup = readScenarioText('exercise:\n  id: a\n  id: b\n', 'yaml');
    expect(dup.raw).toBeNull();
    expect(dup.errors[0]!.line).toBe(3);
    const multi = readScenarioText('a: 1\n---\nb: 2\n', 'yaml');
    expect(multi.raw).toBeNull();
    expect(multi.errors[0]!.message).toMatch(/more than one document/);
  });

  it('an empty file (or only a BOM) is an error', () => {
    for (const text of ['', '\uFEFF', '  \n']) {
      const r = readScenarioText(text, 'yaml', 'e.yaml');
      expect(r.raw).toBeNull();
      expect(r.errors[0]!.message).toMatch(/文件为空 \/ the scenario file is empty in e\.yaml/);
    }
  });
});

describe('readScenarioText: JSON', () => {
  it('reads JSON (with a BOM) and locates paths on their lines', () => {
    const text = '\uFEFF{\n  "exercise": { "id": "x" },\n  "injects": [\n    { "id": "A" },\n    { "id": "B", "at": "PT5M" }\n  ]\n}\n';
    const r = readScenarioText(text, 'json');
    expect(r.errors).toEqual([]);
    expect((r.raw as { injects: { id: string }[] }).injects[1]!.id).toBe('B');
    expect(r.locate!(['injects', 1, 'at'])).toEqual({ line: 5 });
  });

  it('turns the parser position into a line', () => {
    const text = '{\n  "exercise": {},\n  "injects": [,]\n}\n';
    const r = readScenarioText(text, 'json', 's.json');
    expect(r.raw).toBeNull();
    expect(r.errors[0]!.line).toBe(3);
    expect(r.errors[0]!.message).toMatch(/^JSON 语法错误 \/ JSON syntax error in s\.json at line 3/);
  });

  it('finds the first bad character by a strict scan (V8 messages do not always carry a position)', () => {
    expect(jsonErrorOffset('{"a": [1, 2]}')).toBeNull();
    expect(jsonErrorOffset('{"a": "x\\u00e9", "b": -1.5e3, "c": [true, false, null]}')).toBeNull();
    expect(jsonErrorOffset('{"a": [1,, 2]}')).toBe(9);
    expect(jsonErrorOffset('{"a": 1,}')).toBe(8);
    expect(jsonErrorOffset("{'a': 1}")).toBe(1);
    expect(jsonErrorOffset('{"a": 01}')).toBe(7);
    expect(jsonErrorOffset('{"a": tru}')).toBe(9);
    expect(jsonErrorOffset('{"a": 1} x')).toBe(9);
    expect(jsonErrorOffset('{"a": [1, 2')).toBe(11);
    expect(jsonErrorLine('{\n"a": 1\n', 'Unexpected end of JSON input')).toBe(3);
    // a valid text (the parser failed for another reason): the message's own position
    expect(jsonErrorLine('{}\n', "Expected ',' in JSON at position 3 (line 2 column 2)")).toBe(2);
    expect(jsonErrorLine('{}\n{}', 'at position 4')).toBe(2);
  });
});

const HEADER = 'id,at,after,delay,kind,channel,station,element,series,synopsis,expected,contingency,objectives';

describe('readScenarioText: CSV MSEL', () => {
  it('reads # exercise rows, the header and inject rows (BOM, comments, padded rows, quoted cells)', () => {
    const csv = [
      '\uFEFF#id,small-drill,,',
      '#name,"小型演练, CSV"',
      '## a comment row',
      '#objective,检验告警',
      '#objective,O2,20分钟内启动预案,指挥和协调',
      '#plan,urban-waterlogging:IV',
      '#plan,flood-control,IV',
      '#demo,是',
      '',
      HEADER,
      'INJ-001,PT0M,,,telemetry,sl651,0061300019,PJ,PT0M=0;PT5M=8.5,"雨强加大,注意",alarm.raised:0061300019@PT1M;alarm.acknowledged@PT5M;plan.activated:urban-waterlogging:IV@PT20M;checklist.done:uw-iv-patrol@PT40M,,O1;O2',
      'INJ-002,,INJ-001,PT10M,phone,,,,,"电话\n两行",,yes,',
      'INJ-003,,INJ-001,,manual-reminder,,,,,提示,,0,',
    ].join('\r\n');
    const r = readScenarioText(csv, 'csv', 'msel.csv');
    expect(r.errors).toEqual([]);
    const raw = r.raw as { exercise: Record<string, unknown>; injects: Record<string, unknown>[] };
    expect(raw.exercise).toEqual({
      id: 'small-drill',
      name: '小型演练, CSV',
      objectives: ['检验告警', { id: 'O2', text: '20分钟内启动预案', capability: '指挥和协调' }],
      plans: [
        { plan: 'urban-waterlogging', expectedLevel: 'IV' },
        { plan: 'flood-control', expectedLevel: 'IV' },
      ],
      demo: true,
    });
    expect(raw.injects[0]).toEqual({
      id: 'INJ-001',
      at: 'PT0M',
      kind: 'telemetry',
      channel: 'sl651',
      station: '0061300019',
      element: 'PJ',
      series: [
        { t: 'PT0M', value: 0 },
        { t: 'PT5M', value: 8.5 },
      ],
      synopsis: '雨强加大,注意',
      expected: [
        { action: 'alarm.raised', within: 'PT1M', station: '0061300019' },
        { action: 'alarm.acknowledged', within: 'PT5M' },
        { action: 'plan.activated', within: 'PT20M', plan: 'urban-waterlogging', level: 'IV' },
        { action: 'checklist.done', within: 'PT40M', item: 'uw-iv-patrol' },
      ],
      objectives: ['O1', 'O2'],
    });
    expect(raw.injects[1]).toEqual({ id: 'INJ-002', at: { after: 'INJ-001', delay: 'PT10M' }, kind: 'phone', synopsis: '电话\n两行', contingency: true });
    expect(raw.injects[2]!.at).toEqual({ after: 'INJ-001', delay: 'PT0M' });
    expect(raw.injects[2]!.contingency).toBe(false);
    // rows as a spreadsheet numbers them (a quoted cell with a line break stays one row)
    expect(r.locate!(['injects', 0, 'series', 1, 'value'])).toEqual({ line: 11, column: 'series' });
    expect(r.locate!(['injects', 1, 'at', 'delay'])).toEqual({ line: 12, column: 'delay' });
    expect(r.locate!(['injects', 2, 'at'])).toEqual({ line: 13, column: 'after' });
    expect(r.locate!(['exercise', 'objectives', 1, 'text'])).toEqual({ line: 5, column: '#objective' });
    expect(r.locate!(['exercise', 'plans', 1, 'expectedLevel'])).toEqual({ line: 7, column: '#plan' });
    expect(r.locate!(['exercise', 'name'])).toEqual({ line: 2, column: '#name' });
  });

  it('an unknown column is an error naming the column and the header row', () => {
    const csv = ['#id,x', 'id,at,kind,synopsis,station_code', 'INJ-001,PT0M,phone,hi,0061300019'].join('\n');
    const r = readScenarioText(csv, 'csv');
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ injectId: null, field: 'row 2, column station_code', line: 2 });
    expect(r.errors[0]!.message).toMatch(/^未知列 \/ unknown column 'station_code'/);
  });

  it('every bad cell is an error with its inject id, row and column', () => {
    const csv = [
      '#id,x',
      '#colour,red',
      'id,at,after,delay,kind,series,expected,contingency,lon,lat,severity,synopsis',
      'INJ-001,PT0M,,,telemetry,PT0M=1;PT5M=abc;PT10M,,,,,',
      'INJ-002,PT0M,INJ-001,,phone,,plan.activated:urban-waterlogging@PT20M;alarm.exploded@PT1M,perhaps,,,',
      'INJ-003,,,PT5M,field-report,,,,110.8,,high',
      'INJ-004,,,,phone,,,,,,,,surplus',
    ].join('\n');
    const r = readScenarioText(csv, 'csv');
    const brief = r.errors.map((e) => `${e.injectId} | ${e.field} | ${e.message.split(' / ')[0]}`);
    expect(brief).toEqual([
      'null | row 2, column #colour | 未知的演练字段',
      'INJ-001 | row 4, column series | 第2项不是数字',
      'INJ-001 | row 4, column series | 第3项缺少“=”',
      'INJ-002 | row 5, column after | at 与 after 只能填一个',
      'INJ-002 | row 5, column expected | 预期动作格式错误',
      'INJ-002 | row 5, column expected | 未知的预期动作',
      'INJ-002 | row 5, column contingency | 不是布尔值',
      'INJ-003 | row 6, column at | 缺少时间',
      'INJ-003 | row 6, column delay | delay 需与 after 同用',
      'INJ-003 | row 6, column lat | 缺少坐标',
      'INJ-003 | row 6, column severity | 不是数字',
      'INJ-004 | row 7, column 13 | 单元格没有列名',
      'INJ-004 | row 7, column at | 缺少时间',
    ]);
    expect(r.errors.every((e) => typeof e.line === 'number')).toBe(true);
    expect(r.errors[4]!.message).toMatch(/plan\.activated:<plan>:<level>@<within>/);
  });

  it('a header without id, kind or synopsis, no header at all, or no inject rows', () => {
    expect(readScenarioText('#id,x\nat,kind\n', 'csv').errors.map((e) => e.field)).toEqual(['row 2, column id', 'row 2, column synopsis', 'row 2']);
    expect(readScenarioText('#id,x\n#name,y\n', 'csv').errors[0]!.message).toMatch(/缺少表头行/);
  });

  it('a CSV syntax error names its row', () => {
    const r = readScenarioText('#id,x\nid,at,kind,synopsis\nINJ-1,PT0M,phone,"unclosed\n', 'csv');
    expect(r.raw).toBeNull();
    expect(r.errors[0]!.message).toMatch(/^CSV 格式错误 \/ CSV syntax error/);
    expect(r.errors[0]!.line).toBeGreaterThanOrEqual(3);
  });
});
