/** Pure: pipe colours. Network (雨水 blue, 污水 orange, 合流 violet) by default, or a ramp over one attribute. */

export type PipeColourMode = 'network' | 'diameter' | 'material' | 'age' | 'ri' | 'mi';
export const pipeColourModes: readonly PipeColourMode[] = ['network', 'diameter', 'material', 'age', 'ri', 'mi'];

export type ConditionGrade = 'I' | 'II' | 'III' | 'IV';

/** CJJ 181 grades per pipe (from drainage.worstPipes); pipes not inspected have none. */
export interface PipeGrades {
  ri?: ConditionGrade;
  mi?: ConditionGrade;
}

export interface LegendEntry {
  colour: string;
  zh: string;
  en: string;
}

export const networkColour: Readonly<Record<string, string>> = { rain: '#4dabff', sewage: '#ff8c42', combined: '#c77dff' };
const unknownColour = '#8a9bb0';

/** Pipe colour by network (雨水 blue, 污水 orange, 合流 violet) and plan-view line width by diameter. */
export function pipeStyle(network: unknown, diameterMm: unknown): { color: string; width: number } {
  const color = network === 'sewage' ? networkColour.sewage! : network === 'combined' ? networkColour.combined! : networkColour.rain!;
  const d = typeof diameterMm === 'number' ? diameterMm : 300;
  return { color, width: d >= 1000 ? 4 : d >= 600 ? 3 : 2 };
}

const diameterSteps: { max: number; colour: string; zh: string; en: string }[] = [
  { max: 399, colour: '#5c7cfa', zh: '< DN400', en: '< DN400' },
  { max: 599, colour: '#22b8cf', zh: 'DN400–DN500', en: 'DN400–DN500' },
  { max: 999, colour: '#51cf66', zh: 'DN600–DN900', en: 'DN600–DN900' },
  { max: 1499, colour: '#fcc419', zh: 'DN1000–DN1400', en: 'DN1000–DN1400' },
  { max: Infinity, colour: '#ff6b6b', zh: '≥ DN1500', en: '≥ DN1500' },
];

const materialColours: { match: RegExp; colour: string; zh: string; en: string }[] = [
  { match: /钢筋混凝土|reinforced/i, colour: '#adb5bd', zh: '钢筋混凝土', en: 'Reinforced concrete' },
  { match: /混凝土|concrete/i, colour: '#e9c46a', zh: '混凝土', en: 'Concrete' },
  { match: /HDPE|PE/i, colour: '#2ec4b6', zh: 'HDPE', en: 'HDPE' },
  { match: /PVC/i, colour: '#90e0ef', zh: 'PVC-U', en: 'PVC-U' },
  { match: /铸铁|iron/i, colour: '#f4845f', zh: '球墨铸铁', en: 'Ductile iron' },
  { match: /砖|brick/i, colour: '#c9184a', zh: '砖砌', en: 'Brick' },
];

const ageSteps: { max: number; colour: string; zh: string; en: string }[] = [
  { max: 9, colour: '#40c057', zh: '< 10 年', en: '< 10 years' },
  { max: 19, colour: '#a9e34b', zh: '10–19 年', en: '10–19 years' },
  { max: 29, colour: '#fcc419', zh: '20–29 年', en: '20–29 years' },
  { max: Infinity, colour: '#fa5252', zh: '≥ 30 年', en: '≥ 30 years' },
];

/** Condition grades I–IV as in CJJ 181 practice: green, yellow, orange, red. */
export const gradeColour: Readonly<Record<ConditionGrade, string>> = { I: '#40c057', II: '#ffd43b', III: '#ff922b', IV: '#ff2d2d' };
const gradeNames: Record<ConditionGrade, { zh: string; en: string }> = {
  I: { zh: 'Ⅰ级', en: 'Grade I' },
  II: { zh: 'Ⅱ级', en: 'Grade II' },
  III: { zh: 'Ⅲ级', en: 'Grade III' },
  IV: { zh: 'Ⅳ级', en: 'Grade IV' },
};

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * The colour of one pipe for a colour mode. `props` are the feature's properties; `grades` its CJJ 181 grades;
 * `year` the current year (ages). Unknown values are grey, never a guess.
 */
export function pipeColour(mode: PipeColourMode, props: Record<string, unknown>, grades: PipeGrades | undefined, year: number): string {
  switch (mode) {
    case 'network':
      return networkColour[String(props.network)] ?? unknownColour;
    case 'diameter': {
      const d = num(props.diameter_mm);
      return d === null ? unknownColour : diameterSteps.find((s) => d <= s.max)!.colour;
    }
    case 'material': {
      const m = typeof props.material === 'string' ? props.material : '';
      return (m && materialColours.find((c) => c.match.test(m))?.colour) || unknownColour;
    }
    case 'age': {
      const y = num(props.install_year);
      return y === null ? unknownColour : ageSteps.find((s) => year - y <= s.max)!.colour;
    }
    case 'ri':
    case 'mi': {
      const g = grades?.[mode];
      return g ? gradeColour[g] : '#3a4a5c';
    }
  }
}

/** The legend of a colour mode, in the order it should be read. */
export function pipeLegend(mode: PipeColourMode): LegendEntry[] {
  const unknown = { colour: unknownColour, zh: '未知', en: 'Unknown' };
  switch (mode) {
    case 'network':
      return [
        { colour: networkColour.rain!, zh: '雨水', en: 'Storm' },
        { colour: networkColour.sewage!, zh: '污水', en: 'Sewage' },
        { colour: networkColour.combined!, zh: '合流', en: 'Combined' },
      ];
    case 'diameter':
      return [...diameterSteps.map(({ colour, zh, en }) => ({ colour, zh, en })), unknown];
    case 'material':
      return [...materialColours.map(({ colour, zh, en }) => ({ colour, zh, en })), unknown];
    case 'age':
      return [...ageSteps.map(({ colour, zh, en }) => ({ colour, zh, en })), unknown];
    case 'ri':
    case 'mi':
      return [...(['I', 'II', 'III', 'IV'] as const).map((g) => ({ colour: gradeColour[g], ...gradeNames[g] })), { colour: '#3a4a5c', zh: '未检测', en: 'Not inspected' }];
  }
}

/** A colour darkened towards the dark map base (pipes outside a highlight). */
export function dimColour(hex: string, factor = 0.35): string {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) return hex;
  const v = parseInt(m[1]!, 16);
  const ch = (shift: number) => Math.round(((v >> shift) & 255) * factor);
  return `#${[16, 8, 0].map((s) => ch(s).toString(16).padStart(2, '0')).join('')}`;
}
