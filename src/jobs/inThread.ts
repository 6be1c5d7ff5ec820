// Run one job's computation in a worker thread, so the main thread keeps polling, renewing job
// expiries and serving requests. The thread module receives `workerData.input` and posts one
// {type:'result', result} or {type:'error', message}.
import { Worker } from 'node:worker_threads';

const BOOT = new URL('./thread.boot.mjs', import.meta.url);

export function runInThread<T>(module: URL, input: unknown): Promise<T> {
  const worker = new Worker(BOOT, { workerData: { module: module.href, input } });
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const settle = (f: () => void): void => {
      if (settled) return;
      settled = true;
      f();
      void worker.terminate();
    };
    worker.on('message', (m: { type: 'result'; result: T } | { type: 'error'; message: string }) => {
      if (m.type === 'result') settle(() => resolve(m.result));
      else settle(() => reject(new Error(m.message)));
    });
    worker.on('error', (e) => settle(() => reject(e)));
    worker.on('exit', (code) => settle(() => reject(new Error(`job thread exited with code ${code}`))));
  });
}
