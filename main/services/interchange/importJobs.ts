import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { findAppRoot } from '../../appPaths';
import type { ImportPlan } from './applyImport';
import type { ImportOutcome } from './importService';

export type JobEvent =
  | { jobId: string; phase: 'reading' | 'writing'; done: number; total: number }
  | { jobId: string; phase: 'done'; done: number; total: number; result: ImportOutcome }
  | { jobId: string; phase: 'failed' | 'cancelled'; done: number; total: number; message: string };

/**
 * The worker is always the bundled dist/main/importWorker.cjs (a worker thread cannot load TypeScript):
 * next to the running bundle, or in the checkout's dist/ (npm start and npm test build it first).
 */
function workerEntry(): URL {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [join(here, 'importWorker.cjs'), join(findAppRoot(), 'dist', 'main', 'importWorker.cjs')]) {
    // Packaged: a worker cannot start from inside app.asar; electron-builder unpacks it next to it.
    const unpacked = candidate.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
    if (existsSync(unpacked)) return pathToFileURL(unpacked);
    if (existsSync(candidate)) return pathToFileURL(candidate);
  }
  throw new Error("the import worker is not built (dist/main/importWorker.cjs): run 'npm run build'");
}

/** Imports started from the UI: one worker per job, progress and the outcome as events, cancel by id. */
export class ImportJobs {
  private readonly jobs = new Map<string, { cancel: Int32Array; worker: Worker }>();

  constructor(private readonly storePath: string, private readonly emit: (e: JobEvent) => void) {}

  start(file: string, plan: ImportPlan | null, opts: { crs?: string; table?: string; encoding?: string }): string {
    const jobId = randomUUID();
    const cancel = new SharedArrayBuffer(4);
    const worker = new Worker(workerEntry(), { workerData: { storePath: this.storePath, file, plan, opts, cancel } });
    this.jobs.set(jobId, { cancel: new Int32Array(cancel), worker });
    let last = { done: 0, total: 0 };
    this.emit({ jobId, phase: 'reading', done: 0, total: 0 });
    worker.on('message', (m: { type: string; done?: number; total?: number; result?: ImportOutcome; code?: string; message?: string }) => {
      if (m.type === 'progress') {
        last = { done: m.done!, total: m.total! };
        this.emit({ jobId, phase: 'writing', ...last });
      } else if (m.type === 'done') {
        this.emit({ jobId, phase: 'done', done: last.total, total: last.total, result: m.result! });
      } else if (m.type === 'failed') {
        this.emit({ jobId, phase: m.code === 'CANCELLED' ? 'cancelled' : 'failed', ...last, message: m.message! });
      }
    });
    worker.on('error', (err) => this.emit({ jobId, phase: 'failed', ...last, message: `import worker failed: ${err.message}` }));
    worker.on('exit', () => this.jobs.delete(jobId));
    return jobId;
  }

  cancel(jobId: string): boolean {
    const job = this.jobs.get(jobId);
    if (!job) return false;
    Atomics.store(job.cancel, 0, 1);
    return true;
  }

  async close(): Promise<void> {
    await Promise.all([...this.jobs.values()].map((j) => j.worker.terminate()));
  }
}
