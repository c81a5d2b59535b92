import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ScenarioFormat } from '../../../preload/contract/drillScenario';
import { loadScenario } from './loadScenario';

/** The demo scenarios (演示演练脚本) shipped in resources/drills, one file per exercise, named after its exercise id. */
export const demoScenarioFolder = 'drills';

const formats: [string, ScenarioFormat][] = [
  ['.yaml', 'yaml'],
  ['.yml', 'yaml'],
  ['.json', 'json'],
  ['.csv', 'csv'],
];

export interface DemoScenarioInfo {
  id: string;
  name: string;
  hazard: string;
  injects: number;
  demo: boolean;
}

function files(resourcesDir: string): { id: string; file: string; name: string; format: ScenarioFormat }[] {
  const dir = join(resourcesDir, demoScenarioFolder);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const f = formats.find(([ext]) => name.endsWith(ext));
      return f ? [{ id: name.slice(0, -f[0].length), file: join(dir, name), name: `resources/${demoScenarioFolder}/${name}`, format: f[1] }] : [];
    });
}

/** The shipped demo scenarios that read and pass the schema (a broken file is left out, not thrown). */
export function listDemoScenarios(resourcesDir: string): DemoScenarioInfo[] {
  const out: DemoScenarioInfo[] = [];
  for (const f of files(resourcesDir)) {
    const { scenario } = loadScenario(readFileSync(f.file, 'utf8'), f.format, f.name);
    if (!scenario || scenario.exercise.id !== f.id) continue;
    out.push({ id: f.id, name: scenario.exercise.name, hazard: scenario.exercise.hazard, injects: scenario.injects.length, demo: scenario.exercise.demo });
  }
  return out;
}

/** The text of one demo scenario by its exercise id (fileName: resources/drills/<file>); throws NOT_FOUND for an unknown id. */
export function readDemoScenario(resourcesDir: string, id: string): { text: string; format: ScenarioFormat; fileName: string } {
  const f = /^[a-z0-9][a-z0-9-]{1,63}$/.test(id) ? files(resourcesDir).find((x) => x.id === id) : undefined;
  if (!f) {
    const known = files(resourcesDir).map((x) => x.id);
    throw Object.assign(new Error(`未知的演示脚本 / no demo scenario '${id}' (known: ${known.join(', ') || 'none'})`), { code: 'NOT_FOUND' as const });
  }
  return { text: readFileSync(f.file, 'utf8'), format: f.format, fileName: f.name };
}
