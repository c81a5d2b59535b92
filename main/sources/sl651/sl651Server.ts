import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { buildSl651Ack, type Sl651AckEnd } from './buildSl651Ack';
import type { Sl651IngestItem, Sl651IngestOutcome, Sl651IngestResult } from './sl651Ingest';
import { SL651_MAX_FRAME_BYTES, Sl651StreamFramer } from './sl651StreamFramer';
import type { Sl651Frame } from './sl651Types';

export type Sl651LinkMode = 'M1' | 'M2' | 'M3' | 'M4';

export type Sl651ServerEvent =
  | { type: 'connected'; connectionId: number; remote: string }
  | { type: 'disconnected'; connectionId: number; remote: string; pendingBytes: number }
  | {
    type: 'frame';
    connectionId: number;
    remote: string;
    frame: Sl651Frame;
    /** The frame bytes as uppercase hex. */
    hex: string;
    /** The reply sent (uppercase hex), null for M1 or ASCII frames. */
    ack: string | null;
    result: Sl651IngestResult | null;
  }
  | { type: 'rejected'; connectionId: number; remote: string; code: string; reason: string }
  | { type: 'unregistered'; connectionId: number; remote: string; stationAddr: string };

export interface Sl651ServerOptions {
  /** 0 = a free port (read it from start()'s result). Default 0. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Bytes a connection may hold while waiting for the rest of a frame (default: the largest possible frame). */
  maxBufferBytes?: number;
  /** Disconnect a connection silent for this long (ms); 0 = never (default 0). */
  idleTimeoutMs?: number;
  /** Stores a frame (e.g. Sl651Ingest.ingest); a throw becomes a 'rejected' event and the frame gets no ACK. */
  ingest?: (frame: Sl651Frame, bytes: Uint8Array) => Sl651IngestResult | null;
  /**
   * Stores a burst of frames with one commit (Sl651Ingest.ingestMany); preferred over `ingest`. The frames read from
   * all connections in one event-loop turn form a burst; each is acknowledged only after the burst has committed,
   * and a refused frame gets a 'rejected' event and no ACK (the RTU sends it again).
   */
  ingestMany?: (items: Sl651IngestItem[]) => Sl651IngestOutcome[];
  /** Most frames stored in one commit (default 500). */
  maxBatch?: number;
  /** Which link mode a frame belongs to (default: sl651DefaultLinkMode). */
  linkMode?: (frame: Sl651Frame) => Sl651LinkMode;
  /** End M2/M4 exchanges with ESC (station stays online 10 min) instead of EOT. Default false. */
  keepOnline?: boolean;
  /** Center send time for replies (ms); injectable for tests. */
  now?: () => number;
  onEvent?: (event: Sl651ServerEvent) => void;
}

/**
 * The default link mode of an uplink frame (表15): 2FH link keep-alive → M1 (no reply); SYN-started packets → M3;
 * reports 30H–36H (test, uniform-period, scheduled, added, hourly, manual, picture) → M2 (send/confirm);
 * answers to center queries/commands 37H–51H → M4; user codes E0H–FFH → M1.
 */
export function sl651DefaultLinkMode(frame: Sl651Frame): Sl651LinkMode {
  const f = parseInt(frame.funcCode, 16);
  if (frame.startChar === 'SYN') return 'M3';
  if (f === 0x2f) return 'M1';
  if (f >= 0x30 && f <= 0x36) return 'M2';
  if (f >= 0x37 && f <= 0x51) return 'M4';
  return 'M1';
}

/** The reply end char for a frame in a link mode; null = no reply. */
export function sl651ReplyEnd(frame: Sl651Frame, mode: Sl651LinkMode, keepOnline = false): Sl651AckEnd | null {
  if (frame.direction !== 'up' || frame.format !== 'hex' || mode === 'M1') return null;
  if (mode === 'M3' && frame.endCharName === 'ETB') return 'ACK';
  return keepOnline ? 'ESC' : 'EOT';
}

/**
 * SL651 TCP center: many RTUs at once, each connection with its own framer (length-field framing, resync after
 * garbage, partial reads, buffer cap). Each frame is stored through `ingest` and then confirmed as its link mode asks.
 */
export class Sl651Server {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private nextId = 1;
  private queue: QueuedFrame[] = [];
  private flushScheduled = false;

  constructor(private readonly options: Sl651ServerOptions = {}) {}

  get port(): number {
    const a = this.server?.address();
    return a && typeof a === 'object' ? (a as AddressInfo).port : 0;
  }

  get connections(): number {
    return this.sockets.size;
  }

  start(): Promise<{ port: number; host: string }> {
    if (this.server) return Promise.reject(new Error('SL651 server already started'));
    const host = this.options.host ?? '127.0.0.1';
    const server = createServer((socket) => this.accept(socket));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve({ port: this.port, host });
      });
    });
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    // Frames already read are stored (their ACKs can no longer be sent: the RTU re-sends, which is not a duplicate).
    this.flush();
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    this.server = null;
  }

  private emit(e: Sl651ServerEvent): void {
    try {
      this.options.onEvent?.(e);
    } catch (err) {
      console.error('[sl651] event listener failed:', err);
    }
  }

  private accept(socket: Socket): void {
    const connectionId = this.nextId++;
    const remote = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`;
    const framer = new Sl651StreamFramer(this.options.maxBufferBytes ?? SL651_MAX_FRAME_BYTES);
    this.sockets.add(socket);
    if (this.options.idleTimeoutMs) socket.setTimeout(this.options.idleTimeoutMs, () => socket.destroy());
    this.emit({ type: 'connected', connectionId, remote });
    socket.on('data', (chunk: Buffer) => {
      for (const o of framer.push(chunk)) {
        if (o.kind === 'rejected') {
          this.emit({ type: 'rejected', connectionId, remote, code: o.code, reason: o.reason });
          continue;
        }
        this.handleFrame(socket, connectionId, remote, o.frame, o.bytes);
      }
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      this.sockets.delete(socket);
      // A frame cut by the disconnect was never complete: nothing of it was stored.
      this.emit({ type: 'disconnected', connectionId, remote, pendingBytes: framer.pending });
      framer.reset();
    });
  }

  private handleFrame(socket: Socket, connectionId: number, remote: string, frame: Sl651Frame, bytes: Uint8Array): void {
    this.queue.push({ socket, connectionId, remote, frame, bytes });
    if (this.queue.length >= (this.options.maxBatch ?? 500)) this.flush();
    else if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** Stores the queued frames as one burst, then acknowledges and reports each in arrival order. */
  private flush(): void {
    this.flushScheduled = false;
    const items = this.queue;
    this.queue = [];
    if (items.length === 0) return;
    const outcomes = this.store(items);
    items.forEach((item, i) => this.finish(item, outcomes[i]!));
  }

  private store(items: QueuedFrame[]): StoreOutcome[] {
    const { ingest, ingestMany } = this.options;
    const asError = (err: unknown) => (err instanceof Error ? err : new Error(String(err)));
    if (ingestMany) {
      try {
        return ingestMany(items.map(({ frame, bytes }) => ({ frame, bytes })));
      } catch (err) {
        return items.map(() => ({ ok: false, error: asError(err) }));
      }
    }
    return items.map(({ frame, bytes }): StoreOutcome => {
      try {
        return { ok: true, result: ingest ? ingest(frame, bytes) : null };
      } catch (err) {
        return { ok: false, error: asError(err) };
      }
    });
  }

  private finish({ socket, connectionId, remote, frame, bytes }: QueuedFrame, outcome: StoreOutcome): void {
    const hex = Buffer.from(bytes).toString('hex').toUpperCase();
    if (!outcome.ok) {
      const reason = `store failed for station ${frame.stationAddr}: ${outcome.error.message}`;
      this.emit({ type: 'rejected', connectionId, remote, code: 'store-failed', reason });
      return;
    }
    const result = outcome.result;
    const mode = (this.options.linkMode ?? sl651DefaultLinkMode)(frame);
    const end = sl651ReplyEnd(frame, mode, this.options.keepOnline ?? false);
    let ack: string | null = null;
    if (end) {
      const reply = buildSl651Ack(frame, end, (this.options.now ?? Date.now)());
      ack = Buffer.from(reply).toString('hex').toUpperCase();
      if (!socket.destroyed) socket.write(reply);
    }
    this.emit({ type: 'frame', connectionId, remote, frame, hex, ack, result });
    if (result && !result.station) this.emit({ type: 'unregistered', connectionId, remote, stationAddr: frame.stationAddr });
  }
}

type StoreOutcome = Sl651IngestOutcome | { ok: true; result: null };

interface QueuedFrame {
  socket: Socket;
  connectionId: number;
  remote: string;
  frame: Sl651Frame;
  bytes: Uint8Array;
}
