import { connect, type Socket } from 'node:net';
import { Sl651StreamFramer } from './sl651StreamFramer';

/**
 * The RTU side of an SL651 TCP link (遥测站模拟): one connection, frames sent one at a time, each waiting for the
 * center's confirmation (M2 send/confirm). The center acknowledges after it has stored the frame, so a resolved send
 * means stored. Used by drills to inject telemetry through the real receiver, and by tests.
 */
export class Sl651ClientError extends Error {
  override name = 'Sl651ClientError';
}

export class Sl651Client {
  private socket: Socket | null = null;
  private connecting: Promise<Socket> | null = null;
  private readonly framer = new Sl651StreamFramer();
  private waiting: { resolve: (hex: string) => void; reject: (e: Error) => void; timer: NodeJS.Timeout } | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly port: number,
    private readonly host = '127.0.0.1',
    private readonly timeoutMs = 10_000,
  ) {}

  /** Sends one frame and resolves with the center's reply (uppercase hex) once it arrives. Sends are queued. */
  send(frame: Uint8Array): Promise<string> {
    const next = this.chain.then(() => this.sendNow(frame));
    this.chain = next.catch(() => undefined);
    return next;
  }

  close(): void {
    this.closed = true;
    this.fail(new Sl651ClientError('SL651 client closed'));
    this.socket?.destroy();
    this.socket = null;
  }

  private async sendNow(frame: Uint8Array): Promise<string> {
    if (this.closed) throw new Sl651ClientError('SL651 client closed');
    const socket = await this.open();
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting = null;
        reject(new Sl651ClientError(`no confirmation from the SL651 center at ${this.host}:${this.port} within ${this.timeoutMs} ms`));
        socket.destroy();
      }, this.timeoutMs);
      this.waiting = { resolve, reject, timer };
      socket.write(frame);
    });
  }

  private open(): Promise<Socket> {
    if (this.socket && !this.socket.destroyed) return Promise.resolve(this.socket);
    if (this.connecting) return this.connecting;
    this.connecting = new Promise<Socket>((resolve, reject) => {
      const s = connect({ port: this.port, host: this.host });
      s.setNoDelay(true);
      s.once('connect', () => {
        this.socket = s;
        this.connecting = null;
        resolve(s);
      });
      s.on('data', (chunk: Buffer) => {
        for (const out of this.framer.push(chunk)) {
          if (out.kind !== 'frame' || !this.waiting) continue;
          const w = this.waiting;
          this.waiting = null;
          clearTimeout(w.timer);
          w.resolve(Buffer.from(out.bytes).toString('hex').toUpperCase());
        }
      });
      s.once('error', (err) => {
        this.connecting = null;
        reject(new Sl651ClientError(`SL651 center ${this.host}:${this.port}: ${err.message}`));
        this.fail(new Sl651ClientError(`SL651 center ${this.host}:${this.port}: ${err.message}`));
      });
      s.once('close', () => {
        if (this.socket === s) this.socket = null;
        this.framer.reset();
        this.fail(new Sl651ClientError(`SL651 center ${this.host}:${this.port} closed the connection`));
      });
    });
    return this.connecting;
  }

  private fail(err: Error): void {
    const w = this.waiting;
    if (!w) return;
    this.waiting = null;
    clearTimeout(w.timer);
    w.reject(err);
  }
}
