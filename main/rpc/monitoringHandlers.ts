import type Database from 'better-sqlite3';
import type { MethodOutput, MethodParsedInput } from '../../preload/contract';
import type { MonitoringRuntime } from '../services/monitoring/monitoringRuntime';
import { MonitoringError } from '../services/monitoring/monitoringService';
import { stationsLive } from '../services/monitoring/stationsLive';
import { RpcError } from './rpcError';

type MonitoringMethod =
  | 'stations.live'
  | 'series.query'
  | 'alarms.list'
  | 'alarms.acknowledge'
  | 'alarms.snooze'
  | 'alarms.log'
  | 'rules.list'
  | 'rules.upsert'
  | 'monitoring.status';
type H = { [M in MonitoringMethod]: (input: MethodParsedInput<M>) => MethodOutput<M> };

/** Contract methods of monitoring. `actor` names who acts (the signed-in user once roles exist). */
export function createMonitoringHandlers(
  rt: MonitoringRuntime,
  db: Database.Database,
  actor: () => string,
  heightAt: ((lon: number, lat: number) => number) | null = null,
  now: () => number = Date.now,
): H {
  const m = rt.monitoring;
  const guard = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (err) {
      if (err instanceof MonitoringError) throw new RpcError(/not found|no alarm/i.test(err.message) ? 'NOT_FOUND' : 'BAD_INPUT', err.message);
      throw err;
    }
  };
  return {
    'stations.live': () => {
      const at = now();
      return { at, stations: stationsLive(db, m, at, heightAt) };
    },
    'series.query': ({ streamId, from, to, maxPoints }) => {
      const stream = m.series.stream(streamId);
      if (!stream) throw new RpcError('NOT_FOUND', `series.query: no stream '${streamId}'`);
      return { streamId, unit: stream.unit, source: stream.source, points: m.series.downsample(streamId, from, to, maxPoints) };
    },
    'alarms.list': ({ open, limit }) => {
      const alarms = m.alarms({ open }).sort((a, b) => b.severity - a.severity || b.updatedAt - a.updatedAt).slice(0, limit);
      const counts: Record<string, number> = {};
      for (const a of m.alarms({ open: true })) counts[String(a.severity)] = (counts[String(a.severity)] ?? 0) + 1;
      return { alarms: alarms.map((a) => rt.views.view(a)), counts, areas: m.rollup().areas };
    },
    'alarms.acknowledge': ({ id }) => guard(() => rt.views.view(m.acknowledge(id, actor()))),
    'alarms.snooze': ({ id, minutes, reason }) => guard(() => rt.views.view(m.snooze(id, actor(), minutes, reason))),
    'alarms.log': ({ alarmId, limit }) => ({ entries: m.alarmLog(alarmId !== undefined ? { alarmId } : {}).slice(-limit).reverse() }),
    'rules.list': ({ stationId }) => ({ rules: m.rules().filter((r) => stationId === undefined || r.stationId === stationId) }),
    'rules.upsert': (input) => guard(() => m.upsertRule({ ...input, origin: `user:${actor()}` })),
    'monitoring.status': () => ({
      feeds: rt.feeds(),
      unregistered: rt.sl651.unregistered(),
      rejections: m
        .alarmLog()
        .filter((e) => e.action === 'reject')
        .slice(-50)
        .reverse(),
    }),
  };
}
