// A fake host for the drill panels: the real contract client (inputs and outputs validated both ways) over a
// transport answering from handlers, with pushed topics. Fixtures are shaped by the contract.
import { vi } from 'vitest';
import { createClient, type AlarmInfo, type ConsoleInject, type DrillEvent, type DrillRunState, type DrillState, type Role, type StationLiveInfo, type UserInfo } from '../../../../../preload/contract';
import type { ToolContext } from '../../../../../renderer/app/toolContext';

export type Handler = (input: Record<string, unknown>) => unknown;

export function drillTestHost(handlers: Record<string, Handler>) {
  const calls: { method: string; input: Record<string, unknown> }[] = [];
  const topics = new Map<string, Set<(p: unknown) => void>>();
  const client = createClient({
    call: async (method, input) => {
      calls.push({ method, input: input as Record<string, unknown> });
      const h = handlers[method];
      if (!h) return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `${method}: not served by this test host` } };
      try {
        return { ok: true, value: await h(input as Record<string, unknown>) };
      } catch (err) {
        return { ok: false, error: { code: 'BAD_INPUT', message: (err as Error).message } };
      }
    },
    subscribe: (topic, handler) => {
      let set = topics.get(topic);
      if (!set) topics.set(topic, (set = new Set()));
      set.add(handler);
      return () => set.delete(handler);
    },
  });
  return {
    client,
    calls,
    called: (method: string) => calls.filter((c) => c.method === method),
    emit(topic: string, payload: unknown) {
      topics.get(topic)?.forEach((h) => h(payload));
    },
  };
}

export const user = (role: Role): UserInfo => ({ username: `${role}1`, displayName: null, role, disabled: false, mustChangePassword: false, createdAt: T0 });

export function toolCtx(client: ToolContext['client'], u: UserInfo | null, patch: Partial<ToolContext> = {}): ToolContext {
  return {
    client,
    locale: 'zh-CN',
    user: u,
    layers: [],
    pick: null,
    mapClick: null,
    setLayerLive: vi.fn(),
    focus: vi.fn(),
    underground: { enabled: false, alpha: 0.35 },
    setUnderground: vi.fn(),
    ...patch,
  };
}

/** 2026-07-15T08:00:00+08:00 */
export const T0 = Date.UTC(2026, 6, 15, 0, 0, 0);
export const RUN_ID = 'rainstorm-2026-20261208t013000z';
const MIN = 60_000;

export function runState(over: Partial<DrillRunState> = {}): DrillRunState {
  return {
    runId: RUN_ID,
    exerciseId: 'rainstorm-2026',
    name: '马家河流域50年一遇暴雨演练（演示）',
    demo: true,
    form: '实战',
    scope: '综合',
    hazard: 'rainstorm',
    status: 'running',
    t0: T0,
    speed: 60,
    exerciseNow: T0 + 10 * MIN,
    wallAt: Date.now(),
    startedAt: Date.now() - 10_000,
    endedAt: null,
    pausedMs: 0,
    endAt: T0 + 6 * 60 * MIN,
    nextInjectAt: T0 + 15 * MIN,
    delivered: 3,
    total: 12,
    sl651Port: 57001,
    ...over,
  };
}

export function drillState(over: Partial<DrillState> = {}, run: Partial<DrillRunState> = {}): DrillState {
  return { mode: 'drill', run: runState(run), live: { openAlarms: 0, worstSeverity: 0, lastRaisedAt: null }, lastEnded: null, ...over };
}

export const liveState = (over: Partial<DrillState> = {}): DrillState => ({ mode: 'live', run: null, live: { openAlarms: 0, worstSeverity: 0, lastRaisedAt: null }, lastEnded: null, ...over });

export function consoleInject(over: Partial<ConsoleInject>): ConsoleInject {
  return {
    id: 'INJ-001',
    kind: 'telemetry',
    channel: 'sl651',
    synopsis: '大川雨量站5分钟降雨8.5mm',
    controllerNotes: null,
    dueAt: T0,
    offsetMs: 0,
    status: 'pending',
    contingency: false,
    adHoc: false,
    points: 12,
    pointsSent: 0,
    deliveredAt: null,
    driftMs: null,
    station: '0061300004',
    element: 'PJ',
    ...over,
  };
}

export function alarm(over: Partial<AlarmInfo>): AlarmInfo {
  return {
    id: 1,
    ruleId: 'default:0061100001:level',
    ruleKind: 'level',
    streamId: 'sl651:0061100001:Z',
    stationId: '0061100001',
    stationName: '百二河站',
    lon: 110.79,
    lat: 32.62,
    unit: 'm',
    level: '警戒',
    severity: 3,
    state: 'active',
    raisedAt: T0 + 20 * MIN,
    updatedAt: T0 + 20 * MIN,
    value: 231.42,
    ackBy: null,
    ackAt: null,
    snoozeUntil: null,
    snoozeReason: null,
    clearedAt: null,
    ...over,
  };
}

export function event(seq: number, atMin: number, kind: DrillEvent['kind'], payload: Record<string, unknown> = {}, actor = 'system'): DrillEvent {
  return { seq, at: T0 + atMin * MIN, wallAt: T0 + seq * 1000, kind, actor, entity: null, payload, hash: `h${seq}` };
}

export function station(over: Partial<StationLiveInfo>): StationLiveInfo {
  return {
    stationId: '0061100001',
    fid: 1,
    name: '百二河站',
    type: 'river',
    lon: 110.79,
    lat: 32.62,
    groundElev: 230,
    area: '武当路街道',
    element: 'Z',
    streamId: 'sl651:0061100001:Z',
    unit: 'm',
    value: 229.1,
    ts: Date.now(),
    ratePerHour: 0.1,
    trend: 'steady',
    lines: { floodLimit: null, warning: 231, guarantee: 232 },
    rain: null,
    level: null,
    severity: 0,
    openAlarms: 0,
    lastReport: Date.now(),
    demo: true,
    ...over,
  };
}

/** Lets pending promises (the fake host's answers) settle inside act. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}
