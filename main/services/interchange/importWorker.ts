// Runs one import in its own thread and connection, so the host stays responsive, readers keep seeing the
// last committed state (WAL), and a cancel rolls the whole transaction back.
import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from '../../store/openStore';
import type { ImportPlan } from './applyImport';
import { importFile } from './importService';

interface Job {
  storePath: string;
  file: string;
  plan: ImportPlan | null;
  opts: { crs?: string; table?: string; encoding?: string };
  cancel: SharedArrayBuffer;
}

const job = workerData as Job;
const cancelFlag = new Int32Array(job.cancel);
const store = openStore(job.storePath);
importFile(store.db, job.file, job.plan, job.opts, {
  onProgress: (done, total) => parentPort!.postMessage({ type: 'progress', done, total }),
  isCancelled: () => Atomics.load(cancelFlag, 0) === 1,
})
  .then((result) => parentPort!.postMessage({ type: 'done', result }))
  .catch((err: unknown) => {
    const e = err as { code?: string; message?: string };
    parentPort!.postMessage({ type: 'failed', code: e.code ?? 'INTERNAL', message: e.message ?? String(err) });
  })
  .finally(() => store.close());
