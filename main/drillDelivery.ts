import mqtt from 'mqtt';
import { incidentSummarySchema, type DrillInject, type TopicName, type TopicPayload } from '../preload/contract';
import type { HostRuntime } from './hostRuntime';
import type { InjectDelivery, RecordFn } from './services/drills/drillSession';
import { encodeSl651Report } from './sources/sl651/encodeSl651Report';
import { Sl651Client } from './sources/sl651/sl651Client';
import { sl651StreamId } from './services/monitoring/defaultFloodRules';

type Telemetry = Extract<DrillInject, { kind: 'telemetry' }>;

const stationTypeChar: Record<string, 'P' | 'H' | 'K'> = { rain: 'P', river: 'H', reservoir: 'K' };

/** The MQTT topic prefix of a drill: the live subscriber (cityops/stations/…) never matches it. */
export const drillMqttPrefix = (runId: string) => `cityops-drill/${runId}/stations`;

export interface DrillDeliveryOptions {
  runId: string;
  runtime: HostRuntime;
  /** The drill runtime's own SL651 receiver. */
  sl651Port: number | null;
  mqttUrl: string | null;
  record: RecordFn;
  /** Pushes a topic to every window. */
  emit<T extends TopicName>(topic: T, payload: TopicPayload<T>): void;
}

/**
 * Injects through the real paths of the drill's own host: telemetry as SL651 frames over TCP to its receiver (one
 * connection per station, like RTUs; each frame waits for its confirmation, which the receiver sends after storing)
 * or as MQTT messages on the drill's topic prefix; camera status into the camera table and then through the same
 * status check the periodic tick runs; field reports as incidents reported by a simulated caller (模拟人员).
 */
export class DrillDelivery implements InjectDelivery {
  private readonly clients = new Map<string, Sl651Client>();
  private readonly serials = new Map<string, number>();
  private mqttClient: mqtt.MqttClient | null = null;
  private readonly stationType: (code: string) => string | null;

  constructor(private readonly o: DrillDeliveryOptions) {
    const q = o.runtime.ctx.store.db.prepare(`SELECT station_type FROM flood_stations WHERE station_code = ? LIMIT 1`);
    this.stationType = (code) => (q.get(code) as { station_type: string | null } | undefined)?.station_type ?? null;
  }

  async telemetry(inject: Telemetry, value: number, observedAt: number): Promise<void> {
    if (inject.channel === 'mqtt') return this.viaMqtt(inject, value, observedAt);
    if (this.o.sl651Port === null) throw new Error('演练遥测接收未启动 / the drill SL651 receiver is not listening');
    let client = this.clients.get(inject.station);
    if (!client) {
      client = new Sl651Client(this.o.sl651Port);
      this.clients.set(inject.station, client);
    }
    const serial = ((this.serials.get(inject.station) ?? 0) % 65535) + 1;
    this.serials.set(inject.station, serial);
    const frame = encodeSl651Report({
      station: inject.station,
      stationType: stationTypeChar[this.stationType(inject.station) ?? ''] ?? 'H',
      func: 0x32,
      serial,
      observedAt,
      elements: [{ id: inject.element, value }],
    });
    await client.send(frame);
  }

  private async viaMqtt(inject: Telemetry, value: number, observedAt: number): Promise<void> {
    if (!this.o.mqttUrl) throw new Error('演练未配置MQTT / MQTT inject but no broker configured (--mqtt URL)');
    if (!this.mqttClient) this.mqttClient = await mqtt.connectAsync(this.o.mqttUrl, { clientId: `cityops-drill-inject-${this.o.runId}`.slice(0, 64), reconnectPeriod: 1000 });
    const streamId = sl651StreamId(inject.station, inject.element);
    const stored = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        stop();
        reject(new Error(`MQTT inject ${inject.id}: not stored by the drill host within 10 s`));
      }, 10_000);
      const stop = this.o.runtime.bus.listen((topic, payload) => {
        if (topic !== 'observations.added') return;
        const p = payload as TopicPayload<'observations.added'>;
        if (p.streams.some((s) => s.streamId === streamId && s.ts >= observedAt)) {
          clearTimeout(timer);
          stop();
          resolve();
        }
      });
    });
    await this.mqttClient.publishAsync(`${drillMqttPrefix(this.o.runId)}/${inject.station}/${inject.element}`, JSON.stringify({ ts: new Date(observedAt).toISOString(), value }), { qos: 1 });
    await stored;
  }

  cameraStatus(inject: Extract<DrillInject, { kind: 'camera-status' }>, at: number): void {
    const db = this.o.runtime.ctx.store.db;
    const r = db.prepare(`UPDATE cameras SET status = ? WHERE external_id = ?`).run(inject.status, inject.camera);
    if (r.changes === 0) throw new Error(`${inject.id}: 未知摄像机 / unknown camera ${inject.camera}`);
    this.o.record('camera.status', 'sim:device', `camera:${inject.camera}`, { cameraId: inject.camera, status: inject.status });
    this.o.runtime.monitoring.checkCameras(at);
    this.o.runtime.bus.emit('store.changed', { layerIds: ['cameras'], reason: 'drill camera status', at: new Date(at).toISOString() });
    this.o.emit('drill.injected', { runId: this.o.runId, injectId: inject.id, kind: inject.kind, synopsis: inject.synopsis, message: null, at });
  }

  fieldReport(inject: Extract<DrillInject, { kind: 'field-report' }>, at: number): void {
    const r = inject.report;
    const who = `sim:${inject.from ?? '现场人员'}`;
    const detail = this.o.runtime.command.incidents.create(
      { userId: null, username: who.slice(0, 64), role: 'operator' },
      {
        origin: 'manual',
        type: r.type,
        title: r.title,
        ...(r.description ? { description: r.description } : {}),
        location: r.location,
        ...(r.address ? { address: r.address } : {}),
        ...(r.severity ? { severity: r.severity } : {}),
        department: r.department,
        ...(r.callerName || r.callerPhone ? { reporter: { ...(r.callerName ? { name: r.callerName } : {}), ...(r.callerPhone ? { phone: r.callerPhone } : {}) } } : {}),
      },
    );
    this.o.record('incident', who, `incident:${detail.id}`, { action: 'created', incident: incidentSummarySchema.parse(detail), injectId: inject.id });
    this.o.emit('drill.injected', { runId: this.o.runId, injectId: inject.id, kind: inject.kind, synopsis: inject.synopsis, message: r.description ?? null, at });
  }

  message(inject: Extract<DrillInject, { kind: 'phone' | 'manual-reminder' }>, at: number): void {
    this.o.record('message', inject.kind === 'phone' ? `sim:${inject.from ?? '来电'}` : 'controller:scenario', `inject:${inject.id}`, { injectId: inject.id, text: inject.message ?? inject.synopsis, kind: inject.kind });
    // A reminder is for the controller's console only; a phone call reaches the players.
    if (inject.kind === 'phone') this.o.emit('drill.injected', { runId: this.o.runId, injectId: inject.id, kind: inject.kind, synopsis: inject.synopsis, message: inject.message ?? null, at });
  }

  async close(): Promise<void> {
    for (const c of this.clients.values()) c.close();
    this.clients.clear();
    const m = this.mqttClient;
    this.mqttClient = null;
    if (m) await m.endAsync(true).catch(() => undefined);
  }
}
