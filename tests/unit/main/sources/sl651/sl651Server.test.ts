import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MonitoringService } from '../../../../../main/services/monitoring/monitoringService';
import { Sl651Ingest } from '../../../../../main/sources/sl651/sl651Ingest';
import { Sl651Server, type Sl651ServerEvent } from '../../../../../main/sources/sl651/sl651Server';
import { Sl651StreamFramer } from '../../../../../main/sources/sl651/sl651StreamFramer';
import { openStore, type Store } from '../../../../../main/store/openStore';
import { tempDir } from '../../../../helpers/tempStore';
import { fromHex, vectors } from './sl651TestFrames';

const NOW = Date.UTC(2026, 6, 2);
const frames = vectors.map((v) => fromHex(v.hex));
const GARBAGE = Buffer.from('\x00\xffGARBAGE\x7e\x13\x37 noise 7E\x7e', 'latin1');

interface Rig {
  store: Store;
  server: Sl651Server;
  ingest: Sl651Ingest;
  events: Sl651ServerEvent[];
  port: number;
  cleanup(): Promise<void>;
}

async function rig(): Promise<Rig> {
  const t = tempDir();
  const store = openStore(join(t.dir, 's.gpkg'));
  // Two of the real stations are registered; the others must land in the unregistered list.
  const ins = store.db.prepare(
    `INSERT INTO flood_stations (external_id, name, station_type, station_code, warning_level, guarantee_level, props)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  ins.run('a', '北京站', 'river', '0030746200', 30, 40, '{"element":"Z"}');
  ins.run('b', '福建站', 'river', '1000000006', 28, 30, '{"element":"Z"}');
  const monitoring = new MonitoringService(store.db, { now: () => NOW });
  monitoring.installDefaultRules();
  const ingest = new Sl651Ingest(store.db, monitoring, { now: () => NOW });
  const events: Sl651ServerEvent[] = [];
  // The production path: a burst per event-loop turn, one commit, ACKs after it.
  const server = new Sl651Server({ port: 0, ingestMany: (items) => ingest.ingestMany(items), onEvent: (e) => events.push(e), now: () => NOW });
  const { port } = await server.start();
  return {
    store,
    server,
    ingest,
    events,
    port,
    cleanup: async () => {
      await server.stop();
      store.close();
      t.cleanup();
    },
  };
}

function client(port: number): Promise<{ socket: Socket; replies: Buffer[] }> {
  return new Promise((resolve, reject) => {
    const replies: Buffer[] = [];
    const socket = connect(port, '127.0.0.1', () => resolve({ socket, replies }));
    socket.on('data', (d: Buffer) => replies.push(d));
    socket.once('error', reject);
  });
}

async function until(cond: () => boolean, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const write = (s: Socket, b: Uint8Array) => new Promise<void>((r) => s.write(b, () => r()));
const snapshot = (store: Store) => store.db.prepare(`SELECT stream_id, ts, value FROM ts_observations ORDER BY stream_id, ts`).all();
const frameEvents = (r: Rig) => r.events.filter((e) => e.type === 'frame');

let rigs: Rig[] = [];
beforeEach(() => {
  rigs = [];
});
afterEach(async () => {
  for (const r of rigs) await r.cleanup();
});

async function reference(): Promise<unknown[]> {
  const r = await rig();
  rigs.push(r);
  const c = await client(r.port);
  for (const f of frames) await write(c.socket, f);
  await until(() => frameEvents(r).length === frames.length);
  c.socket.destroy();
  return snapshot(r.store);
}

describe('Sl651Server over real sockets', () => {
  it('takes the 14 real frames sent whole, stores them, confirms M2 reports and lists unregistered stations', async () => {
    const r = await rig();
    rigs.push(r);
    const c = await client(r.port);
    for (const f of frames) await write(c.socket, f);
    await until(() => frameEvents(r).length === frames.length);
    expect(r.events.filter((e) => e.type === 'rejected')).toEqual([]);
    // Every report is M2 (EOT reply); the 2FH keep-alive is M1 (no reply).
    const acked = frameEvents(r).filter((e) => e.type === 'frame' && e.ack !== null);
    expect(acked).toHaveLength(13);
    await until(() => Buffer.concat(c.replies).length > 0 && new Sl651StreamFramer().push(Buffer.concat(c.replies)).length === 13);
    const replies = new Sl651StreamFramer().push(Buffer.concat(c.replies));
    for (const [i, o] of replies.entries()) {
      expect(o.kind).toBe('frame');
      if (o.kind !== 'frame') continue;
      const up = frameEvents(r).filter((e) => e.type === 'frame' && e.ack !== null)[i];
      if (up?.type !== 'frame') throw new Error('no frame event');
      expect(o.frame).toMatchObject({ direction: 'down', endCharName: 'EOT', stationAddr: up.frame.stationAddr, serial: up.frame.serial });
      expect(o.frame.funcCode).toBe(up.frame.funcCode);
    }
    // Observations: the 34H frame's DRZ1 series expands to 12 points ending at TT (06:00 Beijing = 22:00Z the day before).
    const drz = r.store.db.prepare(`SELECT ts, value FROM ts_observations WHERE stream_id = 'sl651:0030700300:DRZ1' ORDER BY ts`).all() as {
      ts: number;
      value: number;
    }[];
    expect(drz).toHaveLength(12);
    expect(drz.at(-1)).toEqual({ ts: Date.UTC(2026, 5, 30, 22, 0), value: 4.28 });
    expect(drz[0]!.ts).toBe(Date.UTC(2026, 5, 30, 21, 5));
    // 31H uniform series: 12 × Z from TT 2022-12-05 10:05 at 5-min steps.
    const z = r.store.db.prepare(`SELECT count(*) AS n FROM ts_observations WHERE stream_id = 'sl651:1000000006:Z'`).get() as { n: number };
    expect(z.n).toBeGreaterThanOrEqual(12);
    // ZT and VT have their own streams.
    const valueOf = (stream: string) => r.store.db.prepare(`SELECT value FROM ts_observations WHERE stream_id = ?`).get(stream);
    expect(valueOf('sl651:0030746200:ZT')).toEqual({ value: 0x00600481 });
    expect(valueOf('sl651:0030746200:VT')).toEqual({ value: 12.87 });
    const unreg = r.ingest.unregistered().map((u) => u.stationAddr);
    expect(unreg).toContain('0030745815');
    expect(unreg).not.toContain('0030746200');
    expect(unreg).not.toContain('1000000006');
    expect(r.ingest.unregistered().find((u) => u.stationAddr === '0012345678')?.frames).toBe(2);
    expect(r.events.some((e) => e.type === 'unregistered' && e.stationAddr === '0030745815')).toBe(true);
    // Re-sending everything changes nothing (idempotent upsert).
    const before = snapshot(r.store);
    for (const f of frames) await write(c.socket, f);
    await until(() => frameEvents(r).length === 2 * frames.length);
    expect(snapshot(r.store)).toEqual(before);
    c.socket.destroy();
  }, 20_000);

  it('gives the same store byte by byte with garbage between, in two concurrent connections', async () => {
    const expected = await reference();
    const r = await rig();
    rigs.push(r);
    const [a, b] = await Promise.all([client(r.port), client(r.port)]);
    const half = Math.ceil(frames.length / 2);
    const slow = async () => {
      for (const f of frames.slice(0, half)) {
        for (const byte of Buffer.concat([GARBAGE, f])) await write(a.socket, Uint8Array.of(byte));
      }
    };
    const chunky = async () => {
      const all = Buffer.concat(frames.slice(half).flatMap((f) => [GARBAGE, Buffer.from(f)]));
      for (let i = 0; i < all.length; i += 7) await write(b.socket, all.subarray(i, i + 7));
    };
    await Promise.all([slow(), chunky()]);
    await until(() => frameEvents(r).length === frames.length);
    expect(snapshot(r.store)).toEqual(expected);
    const ids = new Set(frameEvents(r).map((e) => (e.type === 'frame' ? e.connectionId : 0)));
    expect(ids.size).toBe(2);
    expect(r.events.filter((e) => e.type === 'rejected').length).toBeGreaterThan(0);
    a.socket.destroy();
    b.socket.destroy();
  }, 20_000);

  it('frames from many connections in one burst: one refused by the store gets no ACK, the others are stored and confirmed', async () => {
    const r = await rig();
    rigs.push(r);
    // The 北京站 streams are refused by the store (as a full disk or a broken table would); 福建站 and the rest are not.
    r.store.db.exec(`CREATE TEMP TRIGGER refuse BEFORE INSERT ON ts_observations WHEN NEW.stream_id LIKE 'sl651:0030746200:%' BEGIN SELECT RAISE(ABORT, 'refused'); END`);
    const clients = await Promise.all(frames.map(() => client(r.port)));
    // Every connection sends its frame at once: they arrive in the same event-loop turns and share commits.
    await Promise.all(frames.map((f, i) => write(clients[i]!.socket, f)));
    await until(() => frameEvents(r).length + r.events.filter((e) => e.type === 'rejected').length === frames.length);
    const refused = frames.map((f, i) => i).filter((i) => Buffer.from(frames[i]!).toString('hex').toUpperCase().slice(6, 16) === '0030746200');
    expect(refused.length).toBeGreaterThan(0);
    const rejected = r.events.filter((e) => e.type === 'rejected');
    expect(rejected).toHaveLength(refused.length);
    expect(rejected.every((e) => e.type === 'rejected' && e.code === 'store-failed' && e.reason.includes('0030746200') && e.reason.includes('refused'))).toBe(true);
    const expectAcks = frameEvents(r).filter((e) => e.type === 'frame' && e.ack !== null).length;
    await until(() => clients.reduce((n, c) => n + new Sl651StreamFramer().push(Buffer.concat(c.replies)).length, 0) === expectAcks);
    for (const i of refused) expect(clients[i]!.replies).toEqual([]);
    const stored = r.store.db.prepare(`SELECT DISTINCT substr(stream_id, 7, 10) AS st FROM ts_observations`).all() as { st: string }[];
    expect(stored.map((x) => x.st)).not.toContain('0030746200');
    expect(stored.map((x) => x.st)).toContain('1000000006');
    for (const c of clients) c.socket.destroy();
  });

  it('a disconnect mid-frame leaves nothing half-stored', async () => {
    const r = await rig();
    rigs.push(r);
    const c = await client(r.port);
    const f = frames[3]!;
    await write(c.socket, f.subarray(0, Math.floor(f.length / 2)));
    c.socket.destroy();
    await until(() => r.events.some((e) => e.type === 'disconnected'));
    const d = r.events.find((e) => e.type === 'disconnected');
    expect(d?.type === 'disconnected' && d.pendingBytes).toBe(Math.floor(f.length / 2));
    expect(snapshot(r.store)).toEqual([]);
    expect(r.ingest.unregistered()).toEqual([]);
    // The server still serves the next RTU.
    const c2 = await client(r.port);
    await write(c2.socket, f);
    await until(() => frameEvents(r).length === 1);
    expect(snapshot(r.store).length).toBeGreaterThan(0);
    c2.socket.destroy();
  });

  it('resynchronises after a corrupted frame and caps the buffer', () => {
    const framer = new Sl651StreamFramer(256);
    const bad = Buffer.from(frames[0]!);
    bad[20] = (bad[20] ?? 0) ^ 0xff; // CRC mismatch
    const out = framer.push(Buffer.concat([bad, frames[1]!]));
    expect(out.filter((o) => o.kind === 'frame')).toHaveLength(1);
    expect(out.some((o) => o.kind === 'rejected' && o.code === 'bad-crc')).toBe(true);
    // A header claiming a long body: pending bytes never exceed the cap.
    const long = fromHex('7E7E010030746200001232 0FFF 02');
    const out2 = framer.push(Buffer.concat([long, Buffer.alloc(400, 0x55)]));
    expect(out2.some((o) => o.kind === 'rejected' && o.code === 'overflow')).toBe(true);
    expect(framer.pending).toBeLessThanOrEqual(256);
    expect(framer.push(frames[2]!).filter((o) => o.kind === 'frame')).toHaveLength(1);
  });
});
