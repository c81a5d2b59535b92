// A real Debian mosquitto broker for tests (.ci/run installs it): start, stop (graceful or SIGKILL), restart.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';

export const MOSQUITTO = '/usr/sbin/mosquitto';
export const hasMosquitto = () => existsSync(MOSQUITTO);

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = a && typeof a === 'object' ? a.port : 0;
      s.close(() => resolve(port));
    });
    s.once('error', reject);
  });
}

export async function until(cond: () => boolean | Promise<boolean>, ms = 8000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export class Broker {
  private proc: ChildProcess | null = null;
  readonly conf: string;

  /** persistence: keep sessions and queued QoS 1 messages on disk (saved every second) across restarts. */
  constructor(
    readonly port: number,
    dir: string,
    persistence = false,
  ) {
    this.conf = join(dir, 'mosquitto.conf');
    const lines = [`listener ${port} 127.0.0.1`, 'allow_anonymous true'];
    if (persistence) {
      const data = join(dir, 'mosquitto-data');
      mkdirSync(data, { recursive: true });
      // Run as the current user: as root mosquitto would drop to user 'mosquitto', which cannot write in our temp dir.
      lines.push('persistence true', `persistence_location ${data}/`, 'autosave_interval 1', `user ${userInfo().username}`);
    } else lines.push('persistence false');
    writeFileSync(this.conf, lines.join('\n') + '\n');
  }

  get url(): string {
    return `mqtt://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.proc = spawn(MOSQUITTO, ['-c', this.conf], { stdio: 'ignore' });
    const end = Date.now() + 5000;
    for (;;) {
      const ok = await new Promise<boolean>((r) => {
        const s = connect(this.port, '127.0.0.1', () => {
          s.destroy();
          r(true);
        });
        s.once('error', () => r(false));
      });
      if (ok) return;
      if (Date.now() > end) throw new Error('mosquitto did not start');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** SIGTERM (graceful) or SIGKILL (the broker dies as in a crash). */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const p = this.proc;
    this.proc = null;
    if (!p || p.exitCode !== null) return;
    await new Promise<void>((r) => {
      p.once('exit', () => r());
      p.kill(signal);
    });
  }
}

export async function publish(port: number, msgs: [string, string][]): Promise<void> {
  const c = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { clientId: `pub-${Math.random().toString(16).slice(2)}` });
  for (const [t, p] of msgs) await c.publishAsync(t, p, { qos: 1 });
  await c.endAsync();
}
