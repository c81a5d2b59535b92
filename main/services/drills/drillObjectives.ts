import type { DrillEvaluation, DrillEvent, DrillMetric } from '../../../preload/contract/drillMethods';
import type { DrillInject, DrillScenario } from '../../../preload/contract/drillScenario';
import { str } from './drillPayload';

type Rating = 'P' | 'S' | 'M' | 'U';
const RATINGS: readonly string[] = ['P', 'S', 'M', 'U'];
const ratingOf = (v: unknown): Rating | null => (typeof v === 'string' && RATINGS.includes(v) ? (v as Rating) : null);

/** The exercise objectives with their ids: string objectives are O1, O2… in order; object ones keep their id. */
export function objectiveList(scenario: DrillScenario): { id: string; text: string; capability: string | null }[] {
  return scenario.exercise.objectives.map((o, i) => (typeof o === 'string' ? { id: `O${i + 1}`, text: o, capability: null } : { id: o.id, text: o.text, capability: o.capability ?? null }));
}

/**
 * P/S/M/U from the share of metrics met (HSEEP scale: performed without challenges / with some / with major
 * challenges / unable to be performed): all → P, ≥ 2/3 → S, ≥ 1/3 → M, else U; none → null.
 */
export function derivedRating(met: number, total: number): Rating | null {
  if (total === 0) return null;
  if (met === total) return 'P';
  if (met * 3 >= total * 2) return 'S';
  if (met * 3 >= total) return 'M';
  return 'U';
}

/**
 * Each objective with the metrics of the injects that list it (only evaluated ones: met true or false) and its rating:
 * the latest evaluator note that rates this objective, else derived from the metrics.
 */
export function drillObjectives(
  scenario: DrillScenario,
  injects: { inject: DrillInject }[],
  metricsOfInject: Map<string, DrillMetric[]>,
  events: DrillEvent[],
): DrillEvaluation['objectives'] {
  const noteRating = new Map<string, Rating>();
  for (const e of events) {
    if (e.kind !== 'note') continue;
    const objectiveId = str(e.payload.objectiveId);
    const rating = ratingOf(e.payload.rating);
    if (objectiveId !== null && rating !== null) noteRating.set(objectiveId, rating);
  }
  return objectiveList(scenario).map((o) => {
    let met = 0;
    let total = 0;
    for (const { inject } of injects) {
      if (!inject.objectives.includes(o.id)) continue;
      for (const m of metricsOfInject.get(inject.id) ?? []) {
        if (m.met === null) continue;
        total++;
        if (m.met) met++;
      }
    }
    return { id: o.id, text: o.text, rating: noteRating.get(o.id) ?? derivedRating(met, total), metricsMet: met, metricsTotal: total };
  });
}

/** Evaluator observations (评估记录): every `note` event, in log order. */
export function drillObservations(events: DrillEvent[]): DrillEvaluation['observations'] {
  return events
    .filter((e) => e.kind === 'note')
    .map((e) => ({
      seq: e.seq,
      at: e.at,
      evaluator: e.actor,
      text: str(e.payload.text) ?? '',
      rating: ratingOf(e.payload.rating),
      injectId: str(e.payload.injectId),
      objectiveId: str(e.payload.objectiveId),
    }));
}
