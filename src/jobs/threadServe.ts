// The thread side of the persistent job threads (threadPool.ts): serve jobs one after another,
// keeping each key's pinned inputs (prepared once) for the jobs that follow. A thread module calls
// `serveJobs` once with how to prepare pinned inputs and how to run one job.
import { parentPort } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { THREAD_CACHE_KEYS } from './threadPool.ts';

export interface JobServer<C> {
  /** Turn the pinned inputs a key names into what jobs use (runs once per key per thread). */
  prepare(pinned: unknown): C | Promise<C>;
  /** Compute one job; `progress` posts intermediate data to the main thread. */
  run(context: C, job: unknown, progress: (data: unknown) => void): Promise<unknown>;
}

type ToThread = { type: 'job'; id: number; key: string; pinned?: unknown; job: unknown };

export function serveJobs<C>(server: JobServer<C>): void {
  const port = parentPort;
  if (port === null) throw new Error('serveJobs must run in a worker thread');
  // Insertion order is recency: a key used again moves to the end; the oldest is dropped first.
  const contexts = new Map<string, C>();
  port.on('message', (m: ToThread) => {
    void (async () => {
      try {
        let context = contexts.get(m.key);
        let prepareMs = 0;
        if (context === undefined) {
          if (m.pinned === undefined) {
            port.postMessage({ type: 'need', id: m.id });
            return;
          }
          const t0 = performance.now();
          context = await server.prepare(m.pinned);
          prepareMs = performance.now() - t0;
        }
        contexts.delete(m.key);
        contexts.set(m.key, context);
        while (contexts.size > THREAD_CACHE_KEYS) {
          const oldest = contexts.keys().next().value;
          if (oldest === undefined) break;
          contexts.delete(oldest);
        }
        const t1 = performance.now();
        const result = await server.run(context, m.job, (data) =>
          port.postMessage({ type: 'progress', id: m.id, data }),
        );
        port.postMessage({ type: 'result', id: m.id, result, prepareMs, computeMs: performance.now() - t1 });
      } catch (e) {
        port.postMessage({ type: 'error', id: m.id, message: e instanceof Error ? e.message : String(e) });
      }
    })();
  });
  port.postMessage({ type: 'ready' });
}
