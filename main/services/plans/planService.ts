import type Database from 'better-sqlite3';
import {
  planSchema,
  responseLevelLabels,
  responseLevels,
  type ActivationInfo,
  type EmergencyPlan,
  type ResponseLevel,
} from '../../../preload/contract/commandMethods';
import type { AuditLog } from '../audit/auditLog';
import { canonicalJson } from '../audit/canonicalJson';
import { systemActor, type Actor } from '../auth/actor';
import { CommandError } from '../auth/commandError';
import { requirePermission } from '../auth/requirePermission';
import type { IncidentService } from '../incidents/incidentService';
import { activationView, checklistItems, levelRank, type ActivationRow } from './activationView';
import { demoPlans } from './demoPlans';

export interface PlanOptions {
  now?: () => number;
}

export interface PlanMatch {
  planId: string;
  title: { zh: string; en: string };
  demo: boolean;
  suggestedLevel: ResponseLevel;
  triggers: { zh: string; en: string }[];
  /** The incident's type is the plan's first (main) type. */
  primary: boolean;
}

const levelText = (l: ResponseLevel) => responseLevelLabels[l].zh;

/** Checks a plan beyond its schema: four levels IV→I once each, action ids unique. Throws naming the plan and field. */
export function validatePlan(raw: unknown): EmergencyPlan {
  const r = planSchema.safeParse(raw);
  const id = (raw as { id?: unknown } | null)?.id;
  if (!r.success) throw new CommandError('BAD_INPUT', `plan ${String(id)}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const plan = r.data;
  plan.levels.forEach((l, i) => {
    if (l.level !== responseLevels[i]) throw new CommandError('BAD_INPUT', `plan ${plan.id}: levels.${i}.level is ${l.level}, expected ${responseLevels[i]} (order IV, III, II, I)`);
  });
  const seen = new Set<string>();
  for (const l of plan.levels) {
    for (const a of l.actions) {
      if (seen.has(a.id)) throw new CommandError('BAD_INPUT', `plan ${plan.id}: action id '${a.id}' appears twice`);
      seen.add(a.id);
    }
  }
  return plan;
}

/**
 * Emergency plans (应急预案): the library, matching to an incident, activation at a response level, level changes and
 * the checklist of actions. Every change lands in the incident timeline and the audit log in one transaction.
 */
export class PlanService {
  private readonly now: () => number;

  constructor(
    private readonly db: Database.Database,
    private readonly audit: AuditLog,
    private readonly incidents: IncidentService,
    options: PlanOptions = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Puts the demo plans in the library (new or changed ones only; audited). Returns how many were written. */
  installDemoPlans(plans: readonly unknown[] = demoPlans): number {
    const valid = plans.map(validatePlan);
    return this.db.transaction(() => {
      let written = 0;
      for (const p of valid) {
        const body = canonicalJson(p);
        const old = this.db.prepare(`SELECT body FROM plan_library WHERE id = ?`).get(p.id) as { body: string } | undefined;
        if (old?.body === body) continue;
        this.db
          .prepare(`INSERT INTO plan_library (id, body, demo, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET body = excluded.body, demo = excluded.demo, updated_at = excluded.updated_at`)
          .run(p.id, body, p.demo ? 1 : 0, this.now());
        this.audit.append(systemActor, old ? 'plans.update' : 'plans.install', `plan:${p.id}`, { demo: p.demo, title: p.title.zh });
        written++;
      }
      return written;
    })();
  }

  list(actor: Actor): EmergencyPlan[] {
    requirePermission(this.audit, actor, 'plans.list');
    return this.plans();
  }

  /** Plans whose types include the incident's, the main-type ones first, each with the level its severity calls for. */
  match(actor: Actor, incidentId: number): PlanMatch[] {
    requirePermission(this.audit, actor, 'plans.match', `incident:${incidentId}`);
    const inc = this.incidents.mustRow(incidentId);
    return this.plans()
      .filter((p) => p.incidentTypes.includes(inc.type))
      .map((p) => {
        const reached = p.levels.filter((l) => l.minSeverity <= inc.severity);
        const level = reached.at(-1) ?? p.levels[0]!;
        return { planId: p.id, title: p.title, demo: p.demo, suggestedLevel: level.level, triggers: level.triggers, primary: p.incidentTypes[0] === inc.type };
      })
      .sort((a, b) => Number(b.primary) - Number(a.primary) || a.planId.localeCompare(b.planId));
  }

  activate(actor: Actor, incidentId: number, planId: string, level: ResponseLevel): ActivationInfo {
    requirePermission(this.audit, actor, 'plans.activate', `incident:${incidentId}`);
    const inc = this.incidents.mustOpenRow(incidentId);
    if (!responseLevels.includes(level)) throw new CommandError('BAD_INPUT', `level: '${String(level)}' is not IV, III, II or I`);
    const plan = this.plans().find((p) => p.id === planId);
    if (!plan) throw new CommandError('NOT_FOUND', `planId: no plan '${planId}' in the library`);
    if (!plan.incidentTypes.includes(inc.type)) throw new CommandError('BAD_INPUT', `planId: plan '${planId}' is for ${plan.incidentTypes.join(', ')}, not for a ${inc.type} incident`);
    const running = this.db.prepare(`SELECT id FROM plan_activations WHERE incident_id = ? AND plan_id = ? AND state = 'active'`).get(incidentId, planId) as { id: number } | undefined;
    if (running) throw new CommandError('BAD_INPUT', `planId: plan '${planId}' is already active on incident ${inc.code} (activation ${running.id}); change its level instead`);
    const at = this.now();
    return this.db.transaction(() => {
      const id = Number(
        this.db
          .prepare(`INSERT INTO plan_activations (incident_id, plan_id, body, level, state, activated_by, activated_at, updated_at) VALUES (?, ?, ?, ?, 'active', ?, ?, ?)`)
          .run(incidentId, planId, canonicalJson(plan), level, actor.username, at, at).lastInsertRowid,
      );
      const details = { activationId: id, planId, level, demo: plan.demo };
      this.incidents.recordTimeline(incidentId, actor, 'plan.activated', { zh: `${actor.username} 启动${plan.title.zh}，${levelText(level)}`, en: `${actor.username} activated ${plan.title.en} at level ${level}` }, details);
      this.audit.append(actor, 'plans.activate', `incident:${incidentId}`, details);
      this.incidents.touch(incidentId, at);
      return this.view(id);
    })();
  }

  setLevel(actor: Actor, activationId: number, level: ResponseLevel, reason?: string): ActivationInfo {
    const a = this.mustActive(activationId);
    requirePermission(this.audit, actor, 'plans.setLevel', `incident:${a.incident_id}`);
    this.incidents.mustOpenRow(a.incident_id);
    if (!responseLevels.includes(level)) throw new CommandError('BAD_INPUT', `level: '${String(level)}' is not IV, III, II or I`);
    if (a.level === level) throw new CommandError('BAD_INPUT', `level: activation ${activationId} is already at level ${level}`);
    const direction = levelRank(level) > levelRank(a.level) ? 'raise' : 'lower';
    const why = reason?.trim() || null;
    const at = this.now();
    return this.db.transaction(() => {
      this.db.prepare(`UPDATE plan_activations SET level = ?, updated_at = ? WHERE id = ?`).run(level, at, activationId);
      const details = { activationId, planId: a.plan_id, from: a.level, to: level, reason: why };
      this.incidents.recordTimeline(
        a.incident_id,
        actor,
        'plan.level',
        { zh: `${actor.username} 将响应由${a.level}级${direction === 'raise' ? '提升' : '降低'}为${level}级${why ? `（${why}）` : ''}`, en: `${actor.username} ${direction === 'raise' ? 'raised' : 'lowered'} the response from ${a.level} to ${level}${why ? ` (${why})` : ''}` },
        details,
      );
      this.audit.append(actor, 'plans.setLevel', `incident:${a.incident_id}`, details);
      this.incidents.touch(a.incident_id, at);
      return this.view(activationId);
    })();
  }

  setChecklistItem(actor: Actor, activationId: number, itemId: string, done: boolean): ActivationInfo {
    const a = this.mustActive(activationId);
    requirePermission(this.audit, actor, 'plans.setChecklistItem', `incident:${a.incident_id}`);
    this.incidents.mustOpenRow(a.incident_id);
    const plan = JSON.parse(a.body) as EmergencyPlan;
    const item = checklistItems(plan, a.level).find((i) => i.id === itemId);
    if (!item) {
      const later = plan.levels.find((l) => l.actions.some((x) => x.id === itemId));
      throw new CommandError(
        'BAD_INPUT',
        later ? `itemId: '${itemId}' belongs to level ${later.level}, the response is at ${a.level}` : `itemId: plan '${a.plan_id}' has no checklist item '${itemId}'`,
      );
    }
    const current = this.db.prepare(`SELECT done FROM plan_checklist WHERE activation_id = ? AND item_id = ?`).get(activationId, itemId) as { done: number } | undefined;
    if ((current?.done === 1) === done) throw new CommandError('BAD_INPUT', `done: item '${itemId}' is already ${done ? 'done' : 'not done'}`);
    const at = this.now();
    return this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO plan_checklist (activation_id, item_id, done, done_by, done_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT(activation_id, item_id) DO UPDATE SET done = excluded.done, done_by = excluded.done_by, done_at = excluded.done_at`,
        )
        .run(activationId, itemId, done ? 1 : 0, done ? actor.username : null, done ? at : null);
      const details = { activationId, planId: a.plan_id, itemId, level: item.level, done };
      this.incidents.recordTimeline(a.incident_id, actor, done ? 'plan.item.done' : 'plan.item.undone', { zh: `${actor.username} ${done ? '完成' : '撤销'}措施：${item.text.zh}`, en: `${actor.username} ${done ? 'completed' : 'unchecked'}: ${item.text.en}` }, details);
      this.audit.append(actor, 'plans.setChecklistItem', `incident:${a.incident_id}`, details);
      this.incidents.touch(a.incident_id, at);
      return this.view(activationId);
    })();
  }

  activation(activationId: number): ActivationInfo {
    return this.view(activationId);
  }

  private plans(): EmergencyPlan[] {
    return (this.db.prepare(`SELECT body FROM plan_library ORDER BY id`).all() as { body: string }[]).map((r) => JSON.parse(r.body) as EmergencyPlan);
  }

  private row(activationId: number): ActivationRow {
    const r = this.db.prepare(`SELECT * FROM plan_activations WHERE id = ?`).get(activationId) as ActivationRow | undefined;
    if (!r) throw new CommandError('NOT_FOUND', `activationId: no plan activation ${activationId}`);
    return r;
  }

  private mustActive(activationId: number): ActivationRow {
    const r = this.row(activationId);
    if (r.state !== 'active') throw new CommandError('BAD_INPUT', `activationId: activation ${activationId} has ended`);
    return r;
  }

  private view(activationId: number): ActivationInfo {
    return activationView(this.db, this.row(activationId));
  }
}
