import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  decodeMqttPayload,
  matchMqttFilter,
  MqttSubscriber,
  sensorThingsDatastreamId,
} from '../../../../../main/sources/mqtt/mqttSubscriber';
import { MonitoringService } from '../../../../../main/services/monitoring/monitoringService';
import { openStore, type Store } from '../../../../../main/store/openStore';
import { tempDir } from '../../../../helpers/tempStore';
import { Broker, freePort, hasMosquitto, MOSQUITTO, publish, until } from '../../../../helpers/mosquitto';

let store: Store;
let cleanup: () => void;
let dir: string;
beforeEach(() => {
  const t = tempDir();
  dir = t.dir;
  cleanup = t.cleanup;
  store = openStore(join(t.dir, 's.gpkg'));
});
afterEach(() => {
  store.close();
  cleanup();
});

type Row = { stream_id: string; ts: number; value: number };
const rows = () => store.db.prepare(`SELECT stream_id, ts, value FROM ts_observations ORDER BY stream_id, ts`).all() as Row[];

describe('MQTT payload helpers', () => {
  it('decodes JSON {ts, value} (ISO or epoch) and SensorThings observations', () => {
    expect(decodeMqttPayload('json', '{"ts":"2026-07-01T00:00:00Z","value":1.5}')).toEqual({
      points: [{ ts: Date.UTC(2026, 6, 1), value: 1.5 }],
    });
    expect(decodeMqttPayload('json', '[{"ts":1782864000,"value":2},{"ts":1782864300000,"value":3}]')).toEqual({
      points: [
        { ts: 1782864000000, value: 2 },
        { ts: 1782864300000, value: 3 },
      ],
    });
    expect(decodeMqttPayload('sensorthings', '{"phenomenonTime":"2026-07-01T08:00:00+08:00","result":4}')).toEqual({
      points: [{ ts: Date.UTC(2026, 6, 1), value: 4 }],
    });
    expect(decodeMqttPayload('json', '{"ts":"2026-07-01 00:00","value":1}')).toHaveProperty('error');
    expect(decodeMqttPayload('json', 'nope')).toEqual({ error: 'payload is not JSON' });
    expect(sensorThingsDatastreamId('v1.1/Datastreams(42)/Observations')).toBe('42');
    expect(sensorThingsDatastreamId("v1.1/Datastreams('ab')/Observations")).toBe('ab');
    expect(matchMqttFilter('cityops/+/level', 'cityops/st1/level')).toEqual(['st1']);
    expect(matchMqttFilter('cityops/#', 'cityops/a/b')).toEqual(['a/b']);
    expect(matchMqttFilter('cityops/+', 'cityops/a/b')).toBeNull();
  });
});

describe('MqttSubscriber against a real mosquitto', () => {
  it('stores JSON and SensorThings payloads; survives broker and subscriber restarts without loss or duplicates', async (ctx) => {
    if (!hasMosquitto()) {
      if (process.env.CI) throw new Error(`${MOSQUITTO} is missing`);
      ctx.skip('mosquitto is not installed');
      return;
    }
    const broker = new Broker(await freePort(), dir);
    await broker.start();
    const monitoring = new MonitoringService(store.db, { now: () => Date.UTC(2026, 6, 2) });
    const make = () =>
      new MqttSubscriber({
        url: `mqtt://127.0.0.1:${broker.port}`,
        clientId: 'cityops-test-subscriber',
        monitoring,
        reconnectMinMs: 100,
        reconnectMaxMs: 400,
        topics: [
          { filter: 'cityops/+/level', format: 'json', stream: 'mqtt:{1}:Z', stationId: null, element: 'Z', unit: 'm' },
          { filter: 'v1.1/+/Observations', format: 'sensorthings' },
        ],
      });
    let sub = make();
    try {
      await sub.start();
      const t = (m: number) => new Date(Date.UTC(2026, 6, 1, 0, m)).toISOString();
      await publish(broker.port, [
        ['cityops/st1/level', JSON.stringify({ ts: t(0), value: 1.1 })],
        ['cityops/st1/level', JSON.stringify({ ts: Date.UTC(2026, 6, 1, 0, 5), value: 1.2 })],
        ['v1.1/Datastreams(7)/Observations', JSON.stringify({ phenomenonTime: t(0), result: 3.5 })],
        // Re-sent: same (stream, ts) → an update, not a duplicate.
        ['cityops/st1/level', JSON.stringify({ ts: t(0), value: 1.1 })],
      ]);
      await until(() => rows().length === 3);
      await new Promise((r) => setTimeout(r, 200));
      expect(rows()).toEqual([
        { stream_id: 'mqtt:st1:Z', ts: Date.UTC(2026, 6, 1, 0, 0), value: 1.1 },
        { stream_id: 'mqtt:st1:Z', ts: Date.UTC(2026, 6, 1, 0, 5), value: 1.2 },
        { stream_id: 'sta:7', ts: Date.UTC(2026, 6, 1, 0, 0), value: 3.5 },
      ]);

      // Broker restart (no persistence): the subscriber reconnects with backoff and resubscribes.
      await broker.stop();
      await until(() => !sub.connected);
      await broker.start();
      await until(() => sub.connected, 10_000);
      await new Promise((r) => setTimeout(r, 200));
      await publish(broker.port, [['cityops/st1/level', JSON.stringify({ ts: t(10), value: 1.3 })]]);
      await until(() => rows().length === 4);

      // Subscriber offline: QoS 1 messages wait in its persistent session (clean:false, same clientId).
      await sub.stop();
      await publish(broker.port, [
        ['cityops/st1/level', JSON.stringify({ ts: t(15), value: 1.4 })],
        ['v1.1/Datastreams(7)/Observations', JSON.stringify({ phenomenonTime: t(5), result: 3.6 })],
      ]);
      sub = make();
      await sub.start();
      await until(() => rows().length === 6);
      await new Promise((r) => setTimeout(r, 300));
      expect(rows().map((r) => `${r.stream_id}@${new Date(r.ts).toISOString().slice(11, 16)}=${r.value}`)).toEqual([
        'mqtt:st1:Z@00:00=1.1',
        'mqtt:st1:Z@00:05=1.2',
        'mqtt:st1:Z@00:10=1.3',
        'mqtt:st1:Z@00:15=1.4',
        'sta:7@00:00=3.5',
        'sta:7@00:05=3.6',
      ]);
    } finally {
      await sub.stop();
      await broker.stop();
    }
  }, 20_000);
});
