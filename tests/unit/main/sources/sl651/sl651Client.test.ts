import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MonitoringService } from '../../../../../main/services/monitoring/monitoringService';
import { encodeSl651Report } from '../../../../../main/sources/sl651/encodeSl651Report';
import { Sl651Client } from '../../../../../main/sources/sl651/sl651Client';
import { Sl651Ingest } from '../../../../../main/sources/sl651/sl651Ingest';
import { Sl651Server } from '../../../../../main/sources/sl651/sl651Server';
import { openStore } from '../../../../../main/store/openStore';
import { tempDir } from '../../../../helpers/tempStore';

const NOW = Date.UTC(2026, 6, 15, 0, 0);

describe('Sl651Client', () => {
  it('a send resolves with the confirmation only after the center has stored the frame', async () => {
    const t = tempDir();
    const store = openStore(join(t.dir, 's.gpkg'));
    store.db.prepare(`INSERT INTO flood_stations (external_id, name, station_type, station_code, warning_level, guarantee_level, props) VALUES ('a', '测试站', 'river', '0061300001', 30, 40, '{"element":"Z"}')`).run();
    const monitoring = new MonitoringService(store.db, { now: () => NOW });
    const ingest = new Sl651Ingest(store.db, monitoring, { now: () => NOW });
    const server = new Sl651Server({ port: 0, ingestMany: (items) => ingest.ingestMany(items), now: () => NOW });
    const { port } = await server.start();
    const client = new Sl651Client(port);
    try {
      const count = () => (store.db.prepare(`SELECT count(*) AS n FROM ts_observations WHERE stream_id = 'sl651:0061300001:Z'`).get() as { n: number }).n;
      for (let i = 0; i < 3; i++) {
        const ack = await client.send(encodeSl651Report({ station: '0061300001', stationType: 'H', serial: i + 1, observedAt: NOW + i * 300_000, elements: [{ id: 'Z', value: 31.5 + i }] }));
        expect(ack).toMatch(/^7E7E/);
        expect(count()).toBe(i + 1);
      }
    } finally {
      client.close();
      await server.stop();
      store.close();
      t.cleanup();
    }
  });

  it('fails clearly when nobody confirms, and when the center is not there', async () => {
    const silent = createServer((s) => s.on('data', () => {}));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    const port = (silent.address() as { port: number }).port;
    const client = new Sl651Client(port, '127.0.0.1', 200);
    await expect(client.send(encodeSl651Report({ station: '0061300001', observedAt: NOW, elements: [{ id: 'Z', value: 1 }] }))).rejects.toThrow(/no confirmation .* within 200 ms/);
    client.close();
    await new Promise<void>((r) => silent.close(() => r()));
    const nobody = new Sl651Client(port, '127.0.0.1', 200);
    await expect(nobody.send(Uint8Array.from([0x7e, 0x7e]))).rejects.toThrow(/SL651 center 127\.0\.0\.1/);
    nobody.close();
  });
});
