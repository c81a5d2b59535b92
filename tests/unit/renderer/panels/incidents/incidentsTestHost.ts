// A real command-center host for renderer tests: the services over a temporary store, wrapped by the real command
// handlers and the contract client (inputs and outputs validated both ways). Only alarms.list is answered here, from
// the mon_alarms rows, since the monitoring service is not part of this host.
import { vi } from 'vitest';
import { createClient, isMethodName, type AlarmInfo, type Client, type Role, type UserInfo } from '../../../../../preload/contract';
import { commandMethods } from '../../../../../preload/contract/commandMethods';
import { createCommandHandlers } from '../../../../../main/rpc/commandHandlers';
import { encodeGpkgGeometry } from '../../../../../main/store/gpkgGeometry';
import type { ToolContext } from '../../../../../renderer/app/toolContext';
import { commandTestStore, PASSWORD, T0, type CommandTestStore } from '../../../main/services/auth/commandTestStore';

export interface IncidentsTestHost {
  t: CommandTestStore;
  client: Client;
  /** Signs in as `${role}1` for the following calls; returns that user. */
  signIn(role: Role): UserInfo;
  /** Every method the client called, in order. */
  calls: string[];
  /** A river-stage alarm (severity 4) at station 百二河站, 61801234. */
  insertAlarm(): number;
  ctx(user: UserInfo | null, extra?: Partial<ToolContext>): ToolContext;
  cleanup(): void;
}

export function incidentsTestHost(): IncidentsTestHost {
  const t = commandTestStore();
  let token: string | null = null;
  const handlers = createCommandHandlers({ db: t.store.db, audit: t.audit, auth: t.auth, incidents: t.incidents, plans: t.plans }, () => token);
  const calls: string[] = [];

  const alarms = (): AlarmInfo[] =>
    (
      t.store.db
        .prepare(
          `SELECT a.id, a.rule_id, a.stream_id, a.station_id, a.level, a.severity, a.state, a.raised_at, a.updated_at, a.value, s.name FROM mon_alarms a
           LEFT JOIN flood_stations s ON s.station_code = a.station_id WHERE a.state <> 'cleared' ORDER BY a.id`,
        )
        .all() as { id: number; rule_id: string; stream_id: string; station_id: string | null; level: string; severity: number; state: AlarmInfo['state']; raised_at: number; updated_at: number; value: number | null; name: string | null }[]
    ).map((r) => ({
      id: r.id,
      ruleId: r.rule_id,
      ruleKind: 'level',
      streamId: r.stream_id,
      stationId: r.station_id,
      stationName: r.name,
      lon: 110.791,
      lat: 32.618,
      unit: 'm',
      level: r.level,
      severity: r.severity,
      state: r.state,
      raisedAt: r.raised_at,
      updatedAt: r.updated_at,
      value: r.value,
      ackBy: null,
      ackAt: null,
      snoozeUntil: null,
      snoozeReason: null,
      clearedAt: null,
    }));

  const client = createClient({
    async call(method, input) {
      calls.push(method);
      try {
        if (method === 'alarms.list') return { ok: true, value: { alarms: alarms(), counts: {}, areas: [] } };
        if (!isMethodName(method) || !(method in commandMethods)) return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `${method}: not served by this test host` } };
        const value = await (handlers as Record<string, (i: unknown) => unknown>)[method]!(input);
        return { ok: true, value };
      } catch (err) {
        const code = (err as { code?: string }).code;
        return { ok: false, error: { code: code === 'BAD_INPUT' || code === 'NOT_FOUND' || code === 'UNAUTHORIZED' ? code : 'INTERNAL', message: err instanceof Error ? err.message : String(err) } };
      }
    },
    subscribe: () => () => undefined,
    setSession: (s) => {
      token = s;
    },
  });

  return {
    t,
    client,
    calls,
    signIn(role) {
      const r = t.auth.login(`${role}1`, PASSWORD);
      client.setSession(r.token);
      return r.user;
    },
    insertAlarm() {
      const db = t.store.db;
      db.prepare(`INSERT INTO flood_stations (external_id, name, station_type, station_code, geom) VALUES ('fs1', '百二河站', 'river', '61801234', ?)`).run(
        encodeGpkgGeometry({ type: 'Point', coordinates: [110.791, 32.618] }),
      );
      db.prepare(`INSERT INTO mon_rules (id, stream_id, station_id, kind, levels) VALUES ('r1', 'sl651:61801234:Z', '61801234', 'level', '[]')`).run();
      return Number(
        db
          .prepare(`INSERT INTO mon_alarms (rule_id, stream_id, station_id, level, severity, state, raised_at, updated_at, value) VALUES ('r1', 'sl651:61801234:Z', '61801234', '保证', 4, 'active', ?, ?, 251.3)`)
          .run(T0, T0).lastInsertRowid,
      );
    },
    ctx(user, extra = {}) {
      return {
        client,
        locale: 'zh-CN',
        user,
        layers: [],
        pick: null,
        setLayerLive: vi.fn(),
        focus: vi.fn(),
        underground: { enabled: false, alpha: 0.35 },
        setUnderground: vi.fn(),
        ...extra,
      };
    },
    cleanup: () => t.cleanup(),
  };
}
