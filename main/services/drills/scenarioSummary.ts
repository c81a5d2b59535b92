import { parseIsoDuration, type DrillScenario } from '../../../preload/contract/drillScenario';
import { injectStartTimes, lastPointOffset } from './resolveInjectTimes';

const HOUR = 3_600_000;

export interface ScenarioSummary {
  exerciseId: string;
  name: string;
  /** Number of injects. */
  injects: number;
  /** Delivery points: every telemetry series point, plus one per other inject. */
  points: number;
  /** exercise.duration, else one hour after the last point (EndEx), exercise ms. */
  durationMs: number;
  /** Distinct telemetry stations. */
  stations: number;
}

/** When the exercise ends (EndEx), ms after t0: its duration, else one hour after the last point. */
export function scenarioDurationMs(scenario: DrillScenario): number {
  const d = scenario.exercise.duration ? parseIsoDuration(scenario.exercise.duration) : null;
  return d ?? lastPointOffset(scenario, injectStartTimes(scenario).times) + HOUR;
}

export function scenarioSummary(scenario: DrillScenario): ScenarioSummary {
  const stations = new Set<string>();
  let points = 0;
  for (const inj of scenario.injects) {
    if (inj.kind === 'telemetry') {
      stations.add(inj.station.toUpperCase());
      points += inj.series.length;
    } else points += 1;
  }
  return { exerciseId: scenario.exercise.id, name: scenario.exercise.name, injects: scenario.injects.length, points, durationMs: scenarioDurationMs(scenario), stations: stations.size };
}
