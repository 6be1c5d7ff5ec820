// Persistent worker threads for job computations (ADR 0026). A thread is started once and serves
// job after job, so a job pays neither a thread start (loader, module graph, a cold JIT) nor a copy
// of its run's inputs each time: the inputs a run pins (snapshot, policy options, …) are sent to a
// thread once under a key (the run's id) and kept there while that thread serves the run's jobs.
// The main thread only posts messages, so it stays free to poll, renew job expiries and serve HTTP.
// A thread that crashes or exits fails the job it was running (the queue retries it) and is
// replaced by a new thread on the next job; the process lives on.
//
// Protocol (see threadServe.ts for the thread side):
//   main → thread  {type:'job', id, key, pinned?, job}
//   thread → main  {type:'need', id}              the thread lacks `key`: send again with `pinned`
//                  {type:'progress', id, data}
//                  {type:'result', id, result, prepareMs, computeMs}
//                  {type:'error', id, message}
import { Worker } from 'node:worker_threads';

const BOOT = new URL('./thread.boot.mjs', import.meta.url);

export interface ThreadJobResult<R> {
  result: R;
  /** Inside the thread: taking in the pinned inputs (0 when the thread already had them). */
  prepareMs: number;
  /** Inside the thread: the computation itself. */
  computeMs: number;
}

export interface ThreadJob<R> {
  result: Promise<ThreadJobResult<R>>;
  /** Stop the computation now: the thread is terminated and `result` rejects with `reason`. */
  abort(reason: string): Promise<void>;
}

export interface ThreadPool {
  /**
   * Run `job` in a free thread (a new one when none is free). `key` names the pinned inputs the
   * job needs; `loadPinned` is called only when the chosen thread does not hold them yet.
   */
  run<R>(
    key: string,
    loadPinned: () => Promise<unknown>,
    job: unknown,
    onProgress?: (data: unknown) => void,
  ): ThreadJob<R>;
  /** Start `n` threads now (so the first jobs do not wait for a thread to boot). */
  warm(n: number): Promise<void>;
  /** Threads alive (for tests and logs). */
  readonly size: number;
  /** Terminate every thread; running jobs reject. */
  close(): Promise<void>;
}

type FromThread =
  | { type: 'ready' }
  | { type: 'need'; id: number }
  | { type: 'progress'; id: number; data: unknown }
  | { type: 'result'; id: number; result: unknown; prepareMs: number; computeMs: number }
  | { type: 'error'; id: number; message: string };

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  busy: boolean;
  /** Keys this thread was last sent (a hint for choosing a thread; the thread decides). */
  keys: string[];
  gone?: (reason: string) => void;
  current?: {
    id: number;
    onMessage: (m: FromThread) => void;
    onExit: (reason: string) => void;
  };
}

/** Pinned inputs a thread keeps (least recently used dropped first); the same bound as the thread. */
export const THREAD_CACHE_KEYS = 4;

export function createThreadPool(opts: { module: URL; log?: (line: string) => void }): ThreadPool {
  const slots = new Set<Slot>();
  let nextId = 1;
  let closed = false;

  const spawn = (): Slot => {
    const worker = new Worker(BOOT, { workerData: { module: opts.module.href } });
    let markReady: () => void = () => undefined;
    const slot: Slot = {
      worker,
      ready: new Promise<void>((resolve) => (markReady = resolve)),
      busy: false,
      keys: [],
    };
    worker.on('message', (m: FromThread) => {
      if (m.type === 'ready') {
        markReady();
        if (!slot.busy) worker.unref();
      } else slot.current?.onMessage(m);
    });
    const gone = (reason: string): void => {
      if (!slots.delete(slot)) return;
      markReady();
      slot.current?.onExit(reason);
    };
    slot.gone = gone;
    // A booting or busy thread keeps the process alive; an idle one does not.
    worker.on('error', (e) => {
      opts.log?.(`job thread failed: ${e.message}`);
      gone(`job thread failed: ${e.message}`);
    });
    worker.on('exit', (code) => gone(`job thread exited with code ${code}`));
    slots.add(slot);
    return slot;
  };

  const choose = (key: string): Slot => {
    let free: Slot | undefined;
    for (const s of slots) {
      if (s.busy) continue;
      if (s.keys.includes(key)) return s;
      free ??= s;
    }
    return free ?? spawn();
  };

  return {
    run<R>(
      key: string,
      loadPinned: () => Promise<unknown>,
      job: unknown,
      onProgress?: (data: unknown) => void,
    ): ThreadJob<R> {
      if (closed) throw new Error('the thread pool is closed');
      const slot = choose(key);
      slot.busy = true;
      slot.worker.ref();
      const id = nextId++;
      let abortReason: string | undefined;
      const result = new Promise<ThreadJobResult<R>>((resolve, reject) => {
        let settled = false;
        const settle = (f: () => void): void => {
          if (settled) return;
          settled = true;
          slot.current = undefined;
          slot.busy = false;
          slot.worker.unref();
          f();
        };
        slot.current = {
          id,
          onMessage: (m) => {
            if (!('id' in m) || m.id !== id) return;
            if (m.type === 'progress') onProgress?.(m.data);
            else if (m.type === 'need')
              loadPinned().then(
                (pinned) => slot.worker.postMessage({ type: 'job', id, key, pinned, job }),
                (e: unknown) => {
                  settle(() => reject(e instanceof Error ? e : new Error(String(e))));
                },
              );
            else if (m.type === 'result') {
              slot.keys = [key, ...slot.keys.filter((k) => k !== key)].slice(0, THREAD_CACHE_KEYS);
              settle(() =>
                resolve({ result: m.result as R, prepareMs: m.prepareMs, computeMs: m.computeMs }),
              );
            } else if (m.type === 'error') settle(() => reject(new Error(m.message)));
          },
          onExit: (reason) => settle(() => reject(new Error(abortReason ?? reason))),
        };
        slot.ready.then(
          () => {
            if (slot.current?.id === id) slot.worker.postMessage({ type: 'job', id, key, job });
          },
          () => undefined,
        );
      });
      return {
        result,
        abort: async (reason) => {
          abortReason = reason;
          await slot.worker.terminate();
        },
      };
    },
    async warm(n) {
      while (slots.size < n) spawn();
      await Promise.all([...slots].map((s) => s.ready));
    },
    get size() {
      return slots.size;
    },
    async close() {
      closed = true;
      const all = [...slots];
      await Promise.all(all.map((s) => s.worker.terminate()));
      for (const s of all) s.gone?.('the thread pool was closed');
    },
  };
}
