import mqtt, { type IClientOptions, type IPublishPacket, type MqttClient } from 'mqtt';
import { z } from 'zod';
import type { MonitoringService } from '../../services/monitoring/monitoringService';
import type { MonitoringIngestResult } from '../../services/monitoring/monitoringTypes';
import type { TsPoint } from '../../store/timeSeriesRepository';

export type MqttPayloadFormat = 'json' | 'sensorthings';

export interface MqttTopicMapping {
  /** MQTT topic filter to subscribe (wildcards + and #), e.g. 'cityops/rain/+' or 'v1.1/+/Observations'. */
  filter: string;
  /**
   * 'json': {"ts": ISO 8601 | epoch (s or ms), "value": n} or an array of them. 'sensorthings': SensorThings
   * `v1.1/Datastreams(ID)/Observations` messages {"phenomenonTime": ISO (or an interval, its end), "result": n}.
   */
  format: MqttPayloadFormat;
  /**
   * The stream of a topic: a function, or a template where {1}, {2}… are the topic levels matched by the filter's
   * wildcards and {id} the SensorThings Datastream id. Default for sensorthings: 'sta:{id}'.
   */
  stream?: string | ((topic: string) => string | null);
  /** Fixed, or a template like `stream` ({1}, {2}… topic levels, {id} the Datastream id). */
  stationId?: string | null;
  element?: string | null;
  unit?: string | null;
}

export interface MqttSubscriberOptions {
  /** e.g. 'mqtt://127.0.0.1:1883'. */
  url: string;
  /** Fixed client id: with clean:false the broker keeps the session, so a restart resumes where it stopped. */
  clientId: string;
  topics: MqttTopicMapping[];
  monitoring: MonitoringService;
  username?: string;
  password?: string;
  /** Reconnect backoff: starts at min, doubles per failed attempt up to max (ms). Defaults 500 / 30 000. */
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  onEvent?: (event: MqttSubscriberEvent) => void;
}

export type MqttSubscriberEvent =
  | { type: 'connected'; sessionPresent: boolean }
  | { type: 'offline'; nextRetryMs: number }
  | { type: 'stored'; topic: string; result: MonitoringIngestResult }
  | { type: 'rejected'; topic: string; reason: string };

export type MqttMessageResult = { ok: true; result: MonitoringIngestResult } | { ok: false; reason: string };

const epochOrIso = z.union([z.number(), z.string()]);
const jsonPoint = z.object({ ts: epochOrIso, value: z.number() });
const jsonPayload = z.union([jsonPoint, z.array(jsonPoint).min(1)]);
const staPayload = z.object({ phenomenonTime: z.string(), result: z.number() });

/** Epoch ms of an ISO 8601 string (with a zone) or an epoch number (below 1e11 read as seconds); null when invalid. */
export function parseMqttTime(t: number | string): number | null {
  if (typeof t === 'number') {
    if (!Number.isFinite(t)) return null;
    return Math.round(t < 1e11 ? t * 1000 : t);
  }
  if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(t.trim())) return null;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? null : ms;
}

/** The Datastream id in a SensorThings topic 'v1.1/Datastreams(ID)/Observations' (quotes removed); null otherwise. */
export function sensorThingsDatastreamId(topic: string): string | null {
  const m = /(?:^|\/)Datastreams\(('?)([^)']+)\1\)\/Observations$/.exec(topic);
  return m ? (m[2] ?? null) : null;
}

/** Topic levels matched by + and # in an MQTT filter; null when the topic does not match. */
export function matchMqttFilter(filter: string, topic: string): string[] | null {
  const f = filter.split('/');
  const t = topic.split('/');
  const out: string[] = [];
  for (let i = 0; i < f.length; i++) {
    const part = f[i];
    if (part === '#') {
      out.push(t.slice(i).join('/'));
      return out;
    }
    const level = t[i];
    if (level === undefined) return null;
    if (part === '+') out.push(level);
    else if (part !== level) return null;
  }
  return t.length === f.length ? out : null;
}

/** Decodes one payload into points (the mapping's format); an error message when it is not one. */
export function decodeMqttPayload(format: MqttPayloadFormat, payload: Buffer | string): { points: TsPoint[] } | { error: string } {
  let data: unknown;
  try {
    data = JSON.parse(typeof payload === 'string' ? payload : payload.toString('utf8'));
  } catch {
    return { error: 'payload is not JSON' };
  }
  if (format === 'sensorthings') {
    const r = staPayload.safeParse(data);
    if (!r.success) return { error: `not a SensorThings observation: ${r.error.issues[0]?.message ?? 'invalid'}` };
    const time = r.data.phenomenonTime.split('/').at(-1) ?? '';
    const ts = parseMqttTime(time);
    if (ts === null) return { error: `phenomenonTime '${r.data.phenomenonTime}' is not an ISO 8601 time with a zone` };
    return { points: [{ ts, value: r.data.result }] };
  }
  const r = jsonPayload.safeParse(data);
  if (!r.success) return { error: `not {"ts", "value"}: ${r.error.issues[0]?.message ?? 'invalid'}` };
  const points: TsPoint[] = [];
  for (const p of Array.isArray(r.data) ? r.data : [r.data]) {
    const ts = parseMqttTime(p.ts);
    if (ts === null) return { error: `ts '${String(p.ts)}' is neither epoch time nor ISO 8601 with a zone` };
    points.push({ ts, value: p.value });
  }
  return { points };
}

/** Fills {1}, {2}… (topic levels matched by wildcards) and {id} (SensorThings Datastream id); null when one is missing. */
export function fillTemplate(template: string, topic: string, levels: readonly string[]): string | null {
  const id = sensorThingsDatastreamId(topic);
  let missing = false;
  const out = template.replace(/\{(id|\d+)\}/g, (_, k: string) => {
    const v = k === 'id' ? id : levels[Number(k) - 1];
    if (v === undefined || v === null || v === '') missing = true;
    return v ?? '';
  });
  return missing ? null : out;
}

/**
 * Subscribes to MQTT topics (QoS 1, clean:false, fixed clientId) and stores each message through the monitoring
 * service (screening + idempotent upsert + rules) before the broker gets its PUBACK, so a redelivered message is an
 * update of the same (stream, ts), never a duplicate, and an unacknowledged one comes back after a restart.
 */
export class MqttSubscriber {
  private client: MqttClient | null = null;
  private retryMs: number;
  private readonly minMs: number;
  private readonly maxMs: number;

  constructor(private readonly options: MqttSubscriberOptions) {
    this.minMs = options.reconnectMinMs ?? 500;
    this.maxMs = options.reconnectMaxMs ?? 30_000;
    this.retryMs = this.minMs;
  }

  get connected(): boolean {
    return this.client?.connected ?? false;
  }

  /** Connects (and keeps reconnecting with backoff). Resolves at the first connection, or rejects after timeoutMs. */
  start(timeoutMs = 10_000): Promise<void> {
    if (this.client) return Promise.reject(new Error('MQTT subscriber already started'));
    const o = this.options;
    const clientOptions: IClientOptions = {
      clientId: o.clientId,
      clean: false,
      protocolVersion: 4,
      reconnectPeriod: this.minMs,
      connectTimeout: 5_000,
      resubscribe: true,
      ...(o.username !== undefined ? { username: o.username } : {}),
      ...(o.password !== undefined ? { password: o.password } : {}),
    };
    const client = mqtt.connect(o.url, clientOptions);
    this.client = client;
    // Store before the PUBACK: mqtt.js acknowledges a QoS 1 message when handleMessage calls back.
    client.handleMessage = (packet: IPublishPacket, callback: (error?: Error) => void) => {
      this.onMessage(packet.topic, packet.payload);
      callback();
    };
    client.on('connect', (connack) => {
      this.retryMs = this.minMs;
      client.options.reconnectPeriod = this.minMs;
      if (!connack.sessionPresent) {
        client.subscribe(
          o.topics.map((t) => t.filter),
          { qos: 1 },
        );
      }
      this.emit({ type: 'connected', sessionPresent: connack.sessionPresent });
    });
    client.on('close', () => {
      if (!this.client) return;
      this.emit({ type: 'offline', nextRetryMs: this.retryMs });
      client.options.reconnectPeriod = this.retryMs;
      this.retryMs = Math.min(this.maxMs, this.retryMs * 2);
    });
    client.on('error', () => {
      // Connection errors are retried by the reconnect loop.
    });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`MQTT: no connection to ${o.url} within ${timeoutMs} ms`)), timeoutMs);
      client.once('connect', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Disconnects (the broker keeps the session: messages published meanwhile wait for the next start). */
  async stop(): Promise<void> {
    const client = this.client;
    this.client = null;
    if (!client) return;
    await client.endAsync();
  }

  /** Stores one message: maps the topic to its stream, decodes the payload, screens and upserts. Never throws. */
  handleMessage(topic: string, payload: Buffer | string): MqttMessageResult {
    for (const m of this.options.topics) {
      const levels = matchMqttFilter(m.filter, topic);
      if (!levels) continue;
      const streamId = this.streamOf(m, topic, levels);
      if (!streamId) return { ok: false, reason: `no stream for topic ${topic}` };
      const stationId = m.stationId ? fillTemplate(m.stationId, topic, levels) : null;
      const element = m.element ? fillTemplate(m.element, topic, levels) : null;
      const decoded = decodeMqttPayload(m.format, payload);
      if ('error' in decoded) return { ok: false, reason: decoded.error };
      try {
        this.options.monitoring.series.ensureStream({
          id: streamId,
          source: 'mqtt',
          stationId,
          element,
          unit: m.unit ?? null,
        });
        return { ok: true, result: this.options.monitoring.ingest(streamId, decoded.points) };
      } catch (err) {
        return { ok: false, reason: `store failed: ${err instanceof Error ? err.message : String(err)}` };
      }
    }
    return { ok: false, reason: `no mapping for topic ${topic}` };
  }

  private onMessage(topic: string, payload: Buffer | string): void {
    const r = this.handleMessage(topic, payload);
    this.emit(r.ok ? { type: 'stored', topic, result: r.result } : { type: 'rejected', topic, reason: r.reason });
  }

  private streamOf(m: MqttTopicMapping, topic: string, levels: string[]): string | null {
    if (typeof m.stream === 'function') return m.stream(topic);
    const template = m.stream ?? (m.format === 'sensorthings' ? 'sta:{id}' : null);
    return template === null ? null : fillTemplate(template, topic, levels);
  }

  private emit(e: MqttSubscriberEvent): void {
    try {
      this.options.onEvent?.(e);
    } catch (err) {
      console.error('[mqtt] event listener failed:', err);
    }
  }
}
