import { randomBytes } from 'node:crypto';
import type { DrillEvent, DrillScenario, IncidentType, RpcResult } from '../../../preload/contract';
import { systemActor } from '../auth/actor';
import type { AuthService } from '../auth/authService';
import type { DrillSession } from './drillSession';

type Call = (method: string, input: unknown, context: { session: string | null }) => Promise<RpcResult<unknown>>;

/** Exercise-time delays of the automatic player (演示/测试用自动参演). */
export const autoplayDelays = {
  acknowledgeMs: 2 * 60_000,
  incidentMs: 6 * 60_000,
  activateMs: 5 * 60_000,
  checklistMs: 8 * 60_000,
  checklistStepMs: 2 * 60_000,
  reportMs: 12 * 60_000,
};

const incidentTypeOf: Record<DrillScenario['exercise']['hazard'], IncidentType> = {
  rainstorm: 'waterlogging',
  flood: 'flood',
  waterlogging: 'waterlogging',
  'pipe-burst': 'pipe_burst',
  hazmat: 'hazmat',
  other: 'other',
};

/**
 * An automatic player for tests and demos (`cityops drill run --autoplay`): it does what the scenario expects, a
 * fixed exercise time after the event that calls for it — acknowledges each alarm, opens one incident from the first
 * alarm (unless a field report already opened one), activates the exercise's plans at their expected level, ticks the
 * checklist items the scenario expects, and logs 首报. It acts as two users of the drill store only (autoplay
 * operator and commander), through the same dispatch, role checks and recorder as people do. Its actions are put on
 * the drill's own schedule, so with a lockstep clock a run is deterministic.
 */
export class Autoplayer {
  private incidentId: number | null = null;
  private incidentPlanned = false;
  private readonly acked = new Set<number>();
  private readonly activations: number[] = [];

  private constructor(
    private readonly scenario: DrillScenario,
    private readonly session: DrillSession,
    private readonly call: Call,
    private readonly operator: string,
    private readonly commander: string,
  ) {}

  static async create(o: { scenario: DrillScenario; runtime: { command: { auth: AuthService } }; session: DrillSession; dispatch: Call }): Promise<Autoplayer> {
    const auth = o.runtime.command.auth;
    const login = (username: string, role: 'operator' | 'commander') => {
      const password = `${randomBytes(18).toString('base64url')}Aa1!`;
      auth.createUser(systemActor, { username, displayName: `自动参演 autoplay ${role}`, role, password });
      return auth.login(username, password).token;
    };
    return new Autoplayer(o.scenario, o.session, o.dispatch, login('autoplay-operator', 'operator'), login('autoplay-commander', 'commander'));
  }

  /** Reacts to a recorded event by scheduling the player's next action. */
  onEvent(e: DrillEvent): void {
    const p = e.payload;
    if (e.kind === 'alarm' && p.action === 'raise') {
      const alarm = p.alarm as { id: number };
      if (!this.acked.has(alarm.id)) {
        this.acked.add(alarm.id);
        this.later(e.at + autoplayDelays.acknowledgeMs, () => this.as(this.operator, 'alarms.acknowledge', { id: alarm.id }));
      }
      if (!this.incidentPlanned) {
        this.incidentPlanned = true;
        this.later(e.at + autoplayDelays.incidentMs, async () => {
          if (this.incidentId !== null) return;
          const x = this.scenario.exercise;
          await this.as(this.operator, 'incidents.create', { origin: 'alarm', alarmId: alarm.id, type: incidentTypeOf[x.hazard], title: `${x.name}：告警处置`, department: '区应急管理局' });
        });
      }
    } else if (e.kind === 'incident' && p.action === 'created' && this.incidentId === null) {
      this.incidentPlanned = true;
      const id = (p.incident as { id: number }).id;
      this.incidentId = id;
      this.scenario.exercise.plans.forEach((plan, i) => {
        this.later(e.at + autoplayDelays.activateMs + i * 60_000, () => this.as(this.commander, 'plans.activate', { incidentId: id, planId: plan.plan, level: plan.expectedLevel }));
      });
      if (this.expects('report.sent')) this.later(e.at + autoplayDelays.reportMs, () => this.as(this.operator, 'drill.logAction', { kind: 'report.sent', text: '自动参演：已向区防指首报 / autoplay: first report sent' }));
    } else if (e.kind === 'plan' && p.action === 'activated') {
      const activationId = p.activationId as number;
      this.activations.push(activationId);
      const items = this.expectedItems();
      items.forEach((itemId, i) => {
        this.later(e.at + autoplayDelays.checklistMs + i * autoplayDelays.checklistStepMs, () => this.as(this.operator, 'plans.setChecklistItem', { activationId, itemId, done: true }, true));
      });
    }
  }

  private expects(action: string): boolean {
    return this.scenario.injects.some((i) => i.expected.some((x) => x.action === action));
  }

  private expectedItems(): string[] {
    const items: string[] = [];
    for (const i of this.scenario.injects) for (const x of i.expected) if (x.action === 'checklist.done' && !items.includes(x.item)) items.push(x.item);
    return items;
  }

  private later(at: number, fn: () => Promise<unknown>): void {
    this.session.schedule(at, async () => {
      await fn();
    });
  }

  /** Calls as one of the autoplay users; `quiet`: a refusal is expected (an item of another plan's checklist). */
  private async as(session: string, method: string, input: unknown, quiet = false): Promise<void> {
    const r = await this.call(method, input, { session });
    if (!r.ok && !quiet) console.warn(`[drill autoplay] ${method}: ${r.error.message}`);
  }
}
