// Runs one solve in a worker thread, so the HTTP server and socket.io stay responsive while HiGHS
// (synchronous WASM) works. Protocol: receive {problem, options}; post {type:'progress'}…, then
// {type:'result'} or {type:'error'}.
import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { solve } from '../../solver/index.ts';
import type { PlanningProblem } from '../../solver/model/problem.ts';

interface Job {
  problem: PlanningProblem;
  timeLimitS: number;
  mipRelGap: number;
}

const port = parentPort;
if (port === null) throw new Error('solveWorker must run in a worker thread');
const job = (workerData as { job: Job }).job;
try {
  const result = await solve(job.problem, {
    backend: 'highs',
    timeLimitS: job.timeLimitS,
    mipRelGap: job.mipRelGap,
    clock: () => performance.now(),
    onProgress: (p) => port.postMessage({ type: 'progress', progress: p }),
  });
  port.postMessage({ type: 'result', result });
} catch (e) {
  port.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e) });
}
