import { connect } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TopicName } from '../../../../../preload/contract';
import { createHostRuntime, type HostRuntime } from '../../../../../main/hostRuntime';
import { encodeSl651Report } from '../../../../../main/sources/sl651/encodeSl651Report';
import { signIn } from '../../../../helpers/signIn';
import { paths, tempDir } from '../../../../helpers/tempStore';

let t: ReturnType<typeof tempDir>;
let rt: HostRuntime;
let events: { topic: TopicName; payload: unknown }[];
let session: string;

beforeEach(() => {
  // Seeding the embedded pack takes a second or more on a busy machine.
  t = tempDir('cityops-monrt-');
  rt = createHostRuntime(join(t.dir, 'store.gpkg'), 'browser', paths);
  events = [];
  rt.bus.listen((topic, payload) => events.push({ topic, payload }));
  session = signIn(rt, 'duty1', 'commander');
}, 30_000);

afterEach(async () => {
  await rt.close();
  t.cleanup();
}, 30_000);

async function until(cond: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

function send(port: number, bytes: Uint8Array): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => s.write(bytes));
    s.once('data', (d) => {
      s.destroy();
      resolve(d);
    });
    s.once('error', reject);
  });
}

const call = async <T>(method: string, input: unknown): Promise<T> => {
  const r = await rt.dispatch(method, input, { session });
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
};

interface Station {
  stationId: string;
  type: string;
  value: number | null;
  lines: { warning: number | null; guarantee: number | null };
  demo: boolean;
  level: string | null;
}

describe('monitoring in the host runtime', { timeout: 30_000 }, () => {
  it('seeds demo rules and 72 h of demo history, labelled demo', async () => {
    const { stations } = await call<{ stations: Station[] }>('stations.live', {});
    expect(stations.length).toBeGreaterThan(10);
    for (const s of stations) {
      expect(s.value, s.stationId).not.toBeNull();
      expect(s.demo).toBe(true);
      expect(s.level).toBeNull();
    }
    const { rules } = await call<{ rules: unknown[] }>('rules.list', {});
    expect(rules.length).toBe(stations.length);
  });

  it('an SL651 frame over TCP is acknowledged, stored, pushed, and raises an alarm above the warning line', async () => {
    await rt.startFeeds({ sl651: { port: 0 }, tickMs: 0 });
    const feeds = rt.monitoring.feeds();
    expect(feeds.sl651.listening).toBe(true);
    const { stations } = await call<{ stations: Station[] }>('stations.live', {});
    const river = stations.find((s) => s.type === 'river' && s.lines.warning !== null)!;
    const value = river.lines.warning! + 0.3;
    const ack = await send(feeds.sl651.port!, encodeSl651Report({ station: river.stationId, stationType: 'H', observedAt: Date.now() - 60_000, elements: [{ id: 'Z', value }] }));
    expect(ack[0]).toBe(0x7e);
    await until(() => events.some((e) => e.topic === 'alarms.changed'));
    const added = events.find((e) => e.topic === 'observations.added')!.payload as { source: string; streams: { stationId: string; value: number }[] };
    expect(added.source).toBe('sl651');
    expect(added.streams[0]).toMatchObject({ stationId: river.stationId, value });
    const alarm = events.find((e) => e.topic === 'alarms.changed')!.payload as { action: string; alarm: { stationId: string; level: string; stationName: string | null } };
    expect(alarm).toMatchObject({ action: 'raise', alarm: { stationId: river.stationId, level: '警戒' } });
    expect(alarm.alarm.stationName).toBeTruthy();
    const after = (await call<{ stations: Station[] }>('stations.live', {})).stations.find((s) => s.stationId === river.stationId)!;
    expect(after.value).toBeCloseTo(value, 2);
    expect(after.level).toBe('警戒');

    const list = await call<{ alarms: { id: number; state: string }[]; counts: Record<string, number> }>('alarms.list', {});
    expect(list.counts['3']).toBe(1);
    const id = list.alarms[0]!.id;
    await expect(call('alarms.snooze', { id, minutes: 30, reason: '' })).rejects.toThrow(/BAD_INPUT.*reason/);
    const acked = await call<{ state: string; ackBy: string }>('alarms.acknowledge', { id });
    expect(acked).toMatchObject({ state: 'acknowledged', ackBy: 'duty1' });
    const snoozed = await call<{ state: string; snoozeReason: string }>('alarms.snooze', { id, minutes: 30, reason: '现场已核实' });
    expect(snoozed).toMatchObject({ state: 'snoozed', snoozeReason: '现场已核实' });
    const log = await call<{ entries: { action: string; actor: string }[] }>('alarms.log', { alarmId: id });
    expect(log.entries.map((e) => e.action)).toEqual(['snooze', 'acknowledge', 'raise']);
    expect(log.entries[0]!.actor).toBe('duty1');
    await expect(call('alarms.acknowledge', { id: 99999 })).rejects.toThrow(/NOT_FOUND/);
  });

  it('holds a frame from an unknown station in the unregistered list', async () => {
    await rt.startFeeds({ sl651: { port: 0 }, tickMs: 0 });
    await send(rt.monitoring.feeds().sl651.port!, encodeSl651Report({ station: '0099999999', observedAt: Date.now(), elements: [{ id: 'Z', value: 100 }] }));
    await until(() => rt.monitoring.feeds().sl651.frames === 1);
    const status = await call<{ unregistered: { stationAddr: string }[] }>('monitoring.status', {});
    expect(status.unregistered.map((u) => u.stationAddr)).toEqual(['0099999999']);
  });

  it('a port in use is reported in the feed status, not fatal', async () => {
    await rt.startFeeds({ sl651: { port: 0 }, tickMs: 0 });
    const port = rt.monitoring.feeds().sl651.port!;
    const t2 = tempDir('cityops-monrt2-');
    const other = createHostRuntime(join(t2.dir, 'store.gpkg'), 'browser', paths);
    try {
      await other.startFeeds({ sl651: { port }, tickMs: 0 });
      const f = other.monitoring.feeds().sl651;
      expect(f.listening).toBe(false);
      expect(f.error).toMatch(new RegExp(`${port}`));
    } finally {
      await other.close();
      t2.cleanup();
    }
  });

  it('edits a rule through the contract and refuses a bad one', async () => {
    const { rules } = await call<{ rules: { id: string; streamId: string; stationId: string; kind: string; levels: { name: string; severity: number; threshold: number }[] }[] }>('rules.list', {});
    const r = rules.find((x) => x.kind === 'level')!;
    const levels = r.levels.map((l) => ({ ...l, threshold: l.threshold + 1 }));
    const saved = await call<{ levels: { threshold: number }[]; origin: string }>('rules.upsert', { id: r.id, streamId: r.streamId, stationId: r.stationId, kind: 'level', levels });
    expect(saved.levels[0]!.threshold).toBe(levels[0]!.threshold);
    expect(saved.origin).toBe('user:duty1');
    await expect(call('rules.upsert', { streamId: r.streamId, kind: 'level', levels: [] })).rejects.toThrow(/BAD_INPUT.*levels/);
  });

  it('a camera that goes offline raises a low-severity alarm named after the camera, and clears when it is back', async () => {
    await rt.startFeeds({ tickMs: 0 });
    const db = rt.ctx.store.db;
    const cam = db.prepare(`SELECT external_id, name FROM cameras WHERE status = 'online' LIMIT 1`).get() as { external_id: string; name: string };
    db.prepare(`UPDATE cameras SET status = 'offline' WHERE external_id = ?`).run(cam.external_id);
    rt.monitoring.checkCameras(Date.now());
    const raised = events.find((e) => e.topic === 'alarms.changed')?.payload as { action: string; alarm: { severity: number; stationName: string | null; lon: number | null } };
    expect(raised).toMatchObject({ action: 'raise', alarm: { severity: 1, stationName: cam.name } });
    expect(raised.alarm.lon).not.toBeNull();
    db.prepare(`UPDATE cameras SET status = 'online' WHERE external_id = ?`).run(cam.external_id);
    rt.monitoring.checkCameras(Date.now() + 1000);
    expect(events.filter((e) => e.topic === 'alarms.changed').map((e) => (e.payload as { action: string }).action)).toContain('clear');
  });
});
