import type Database from 'better-sqlite3';
import { responseLevels, type ActivationInfo, type EmergencyPlan, type ResponseLevel } from '../../../preload/contract/commandMethods';

export interface ActivationRow {
  id: number;
  incident_id: number;
  plan_id: string;
  body: string;
  level: ResponseLevel;
  state: 'active' | 'ended';
  activated_by: string;
  activated_at: number;
  updated_at: number;
}

interface ChecklistRow {
  item_id: string;
  done: number;
  done_by: string | null;
  done_at: number | null;
}

/** IV is the mildest: rank 0; I the most severe: rank 3. */
export const levelRank = (level: ResponseLevel): number => responseLevels.indexOf(level);

/** The checklist of a plan at a level: the actions of that level and of every milder one. */
export function checklistItems(plan: EmergencyPlan, level: ResponseLevel) {
  return plan.levels.filter((l) => levelRank(l.level) <= levelRank(level)).flatMap((l) => l.actions.map((a) => ({ ...a, level: l.level })));
}

/** One activation as the contract shows it. */
export function activationView(db: Database.Database, row: ActivationRow): ActivationInfo {
  const plan = JSON.parse(row.body) as EmergencyPlan;
  const marks = new Map(
    (db.prepare(`SELECT item_id, done, done_by, done_at FROM plan_checklist WHERE activation_id = ?`).all(row.id) as ChecklistRow[]).map((c) => [c.item_id, c]),
  );
  return {
    id: row.id,
    incidentId: row.incident_id,
    planId: row.plan_id,
    planTitle: plan.title,
    demo: plan.demo,
    level: row.level,
    state: row.state,
    activatedBy: row.activated_by,
    activatedAt: row.activated_at,
    updatedAt: row.updated_at,
    checklist: checklistItems(plan, row.level).map((a) => {
      const m = marks.get(a.id);
      return { id: a.id, level: a.level, text: a.text, units: a.units, done: m?.done === 1, doneBy: m?.done === 1 ? m.done_by : null, doneAt: m?.done === 1 ? m.done_at : null };
    }),
  };
}

export function activationsOfIncident(db: Database.Database, incidentId: number): ActivationInfo[] {
  const rows = db.prepare(`SELECT * FROM plan_activations WHERE incident_id = ? ORDER BY id`).all(incidentId) as ActivationRow[];
  return rows.map((r) => activationView(db, r));
}
