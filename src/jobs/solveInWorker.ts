// Solve in a worker thread (see solveWorker.ts). Cancellable: `abort()` terminates the worker.
import { Worker } from 'node:worker_threads';
import type { PlanningProblem } from '../../solver/model/problem.ts';
import type { PlanningResult } from '../../solver/model/result.ts';

export interface SolveProgress {
  phase: string;
  bound?: number;
  objective?: number;
  gap?: number;
}

export interface RunningSolve {
  result: Promise<PlanningResult>;
  abort(reason: string): Promise<void>;
}

const BOOT = new URL('./solveWorker.boot.mjs', import.meta.url);

export function solveInWorker(
  problem: PlanningProblem,
  opts: { timeLimitS: number; mipRelGap: number; onProgress: (p: SolveProgress) => void },
): RunningSolve {
  const worker = new Worker(BOOT, {
    workerData: { job: { problem, timeLimitS: opts.timeLimitS, mipRelGap: opts.mipRelGap } },
  });
  let abortReason: string | undefined;
  const result = new Promise<PlanningResult>((resolve, reject) => {
    let settled = false;
    const settle = (f: () => void): void => {
      if (settled) return;
      settled = true;
      f();
      void worker.terminate();
    };
    worker.on(
      'message',
      (
        m:
          | { type: 'progress'; progress: SolveProgress }
          | { type: 'result'; result: PlanningResult }
          | { type: 'error'; message: string },
      ) => {
        if (m.type === 'progress') opts.onProgress(m.progress);
        else if (m.type === 'result') settle(() => resolve(m.result));
        else settle(() => reject(new Error(m.message)));
      },
    );
    worker.on('error', (e) => settle(() => reject(e)));
    worker.on('exit', (code) =>
      settle(() => reject(new Error(abortReason ?? `solver worker exited with code ${code}`))),
    );
  });
  return {
    result,
    abort: async (reason) => {
      abortReason = reason;
      await worker.terminate();
    },
  };
}
