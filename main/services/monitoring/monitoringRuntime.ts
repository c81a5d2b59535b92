import type Database from 'better-sqlite3';
import type { FeedStatus, TopicPayload } from '../../../preload/contract';
import type { EventBus } from '../../rpc/eventBus';
import { MqttSubscriber, type MqttTopicMapping } from '../../sources/mqtt/mqttSubscriber';
import { Sl651Ingest } from '../../sources/sl651/sl651Ingest';
import { Sl651Server } from '../../sources/sl651/sl651Server';
import { CameraHealth, offlineTransitions, type CameraStatusEntry } from '../analysis/cameraHealth';
import { CameraStatusAlarms } from '../analysis/cameraStatusAlarms';
import { AlarmViews } from './alarmViews';
import { MonitoringService } from './monitoringService';
import type { MonitoringEvent, MonitoringIngestResult } from './monitoringTypes';

export interface FeedConfig {
  /** SL651 TCP receiver; null/undefined = off. host defaults to 127.0.0.1 (set 0.0.0.0 to accept RTUs from the network). */
  sl651?: { port: number; host?: string } | null;
  /** MQTT subscriber; null/undefined = off. topics default to defaultMqttTopics. */
  mqtt?: { url: string; clientId?: string; topics?: MqttTopicMapping[]; username?: string; password?: string } | null;
  /** Silence and rain-window re-evaluation period (default 30 s; 0 = off). */
  tickMs?: number;
}

/**
 * Default MQTT mappings: `cityops/stations/<station code>/<element>` JSON {"ts","value"} → the same stream an SL651
 * frame of that station and element writes (so one rule covers both feeds), and SensorThings
 * `v1.1/Datastreams(ID)/Observations` → `sta:ID`.
 */
export const defaultMqttTopics: MqttTopicMapping[] = [
  { filter: 'cityops/stations/+/+', format: 'json', stream: 'sl651:{1}:{2}', stationId: '{1}', element: '{2}' },
  { filter: 'v1.1/+/Observations', format: 'sensorthings' },
];

type Added = TopicPayload<'observations.added'>['streams'];

/**
 * The live side of monitoring inside a host: the MonitoringService, the SL651 receiver and the MQTT subscriber feeding
 * it, the periodic silence / rain-window check, and the contract topics they push (observations.added,
 * observations.rejected, alarms.changed, feeds.changed). Receivers that cannot start (port in use, broker down) are
 * reported in the feed status, never fatal: the MQTT subscriber keeps retrying with backoff.
 */
export class MonitoringRuntime {
  readonly monitoring: MonitoringService;
  readonly sl651: Sl651Ingest;
  readonly views: AlarmViews;
  private server: Sl651Server | null = null;
  private mqtt: MqttSubscriber | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly cameraHealth: CameraHealth;
  private readonly cameraAlarms: CameraStatusAlarms;
  private cameraBaseline: CameraStatusEntry[] | null = null;
  private readonly status: FeedStatus = {
    sl651: { enabled: false, listening: false, host: null, port: null, connections: 0, frames: 0, rejected: 0, lastFrameAt: null, error: null },
    mqtt: { enabled: false, url: null, connected: false, messages: 0, rejected: 0, lastMessageAt: null, error: null },
  };

  constructor(
    db: Database.Database,
    private readonly bus: EventBus,
    /** The host's clock: wall time, or a drill's exercise clock (the whole situation picture follows it). */
    readonly now: () => number = Date.now,
  ) {
    this.views = new AlarmViews(db);
    this.monitoring = new MonitoringService(db, { now, onEvent: (e) => this.onMonitoringEvent(e) });
    this.sl651 = new Sl651Ingest(db, this.monitoring, { now });
    this.cameraHealth = new CameraHealth(db);
    this.cameraAlarms = new CameraStatusAlarms(db, this.monitoring);
  }

  feeds(): FeedStatus {
    return structuredClone(this.status);
  }

  async start(config: FeedConfig): Promise<void> {
    const tick = config.tickMs ?? 30_000;
    this.checkCameras();
    if (tick > 0) {
      this.timer = setInterval(() => this.tick(), tick);
      this.timer.unref();
    }
    if (config.sl651) await this.startSl651(config.sl651);
    if (config.mqtt) await this.startMqtt(config.mqtt);
  }

  /** Silence rules, expired snoozes, sliding rain windows and camera status changes at `now`. */
  tick(at: number = this.now()): void {
    try {
      this.monitoring.checkSilence(at);
      this.monitoring.refreshRainWindows(at);
      this.checkCameras(at);
    } catch (err) {
      console.error('[monitoring] periodic check failed:', err);
    }
  }

  /**
   * A camera that went offline or faulty since the last look raises a low-severity alarm (and clears it when it is back).
   * The first look is the baseline: cameras already offline at start raise nothing.
   */
  checkCameras(at: number = this.now()): void {
    const current = this.cameraHealth.snapshot();
    if (this.cameraBaseline) this.cameraAlarms.apply(offlineTransitions(this.cameraBaseline, current), at);
    this.cameraBaseline = current;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const server = this.server;
    const mqtt = this.mqtt;
    this.server = null;
    this.mqtt = null;
    await Promise.all([server?.stop(), mqtt?.stop()]);
  }

  private async startSl651(cfg: { port: number; host?: string }): Promise<void> {
    const s = this.status.sl651;
    s.enabled = true;
    const server = new Sl651Server({
      port: cfg.port,
      host: cfg.host ?? '127.0.0.1',
      ingestMany: (items) => this.sl651.ingestMany(items),
      idleTimeoutMs: 15 * 60_000,
      onEvent: (e) => {
        if (e.type === 'frame') {
          s.frames++;
          s.lastFrameAt = this.now();
          if (e.result) this.announce('sl651', e.result.streams.map((st) => st.streamId));
        } else if (e.type === 'rejected') {
          s.rejected++;
          console.warn(`[sl651] ${e.remote}: ${e.code}: ${e.reason}`);
        }
        s.connections = server.connections;
        this.pushStatus();
      },
    });
    try {
      const addr = await server.start();
      this.server = server;
      Object.assign(s, { listening: true, host: addr.host, port: addr.port, error: null });
    } catch (err) {
      s.error = `SL651 receiver could not listen on ${cfg.host ?? '127.0.0.1'}:${cfg.port}: ${(err as Error).message}`;
      console.warn(`[sl651] ${s.error}`);
    }
    this.pushStatus();
  }

  private async startMqtt(cfg: NonNullable<FeedConfig['mqtt']>): Promise<void> {
    const s = this.status.mqtt;
    Object.assign(s, { enabled: true, url: cfg.url });
    const mqtt = new MqttSubscriber({
      url: cfg.url,
      clientId: cfg.clientId ?? 'cityops-host',
      topics: cfg.topics ?? defaultMqttTopics,
      monitoring: this.monitoring,
      ...(cfg.username !== undefined ? { username: cfg.username } : {}),
      ...(cfg.password !== undefined ? { password: cfg.password } : {}),
      onEvent: (e) => {
        if (e.type === 'connected') Object.assign(s, { connected: true, error: null });
        else if (e.type === 'offline') Object.assign(s, { connected: false, error: `broker unreachable, retry in ${Math.round(e.nextRetryMs / 1000)} s` });
        else if (e.type === 'stored') {
          s.messages++;
          s.lastMessageAt = this.now();
          this.announceResult('mqtt', e.result);
        } else {
          s.rejected++;
          console.warn(`[mqtt] ${e.topic}: ${e.reason}`);
        }
        this.pushStatus();
      },
    });
    this.mqtt = mqtt;
    // The first connection may take a while (broker not up yet): the subscriber keeps retrying in the background.
    mqtt.start(5_000).catch((err: unknown) => {
      s.error = (err as Error).message;
      this.pushStatus();
    });
    return Promise.resolve();
  }

  private announceResult(source: string, r: MonitoringIngestResult): void {
    if (r.accepted.length > 0) this.announce(source, [r.streamId]);
  }

  /** Pushes the newest stored point of each stream written. */
  private announce(source: string, streamIds: readonly string[]): void {
    const streams: Added = [];
    for (const id of new Set(streamIds)) {
      const latest = this.monitoring.series.latest(id);
      if (!latest) continue;
      streams.push({ streamId: id, stationId: this.monitoring.series.stream(id)?.stationId ?? null, ts: latest.ts, value: latest.value });
    }
    if (streams.length > 0) this.bus.emit('observations.added', { source, streams });
  }

  /** Announces points written outside the receivers (drill scripts, imports). */
  announceStreams(source: string, streamIds: readonly string[]): void {
    this.announce(source, streamIds);
  }

  private pushStatus(): void {
    this.bus.emit('feeds.changed', this.feeds());
  }

  private onMonitoringEvent(e: MonitoringEvent): void {
    if (e.type === 'alarm') {
      const t = e.transition;
      this.bus.emit('alarms.changed', { action: t.action, fromLevel: t.fromLevel, toLevel: t.toLevel, alarm: this.views.view(t.alarm) });
    } else {
      const p = e.point;
      this.bus.emit('observations.rejected', {
        streamId: e.streamId,
        stationId: e.stationId,
        ts: Number.isFinite(p.ts) ? p.ts : null,
        value: Number.isFinite(p.value) ? p.value : null,
        reason: p.reason,
      });
    }
  }
}
