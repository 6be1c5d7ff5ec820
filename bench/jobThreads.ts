// Persistent job threads against a thread per job (ADR 0026), paired and interleaved so that a
// busy machine's drift hits both alike: for each replication, first a fresh thread (start, load the
// modules, take in the run's inputs, simulate, stop — what every job paid before), then the same
// replication on one persistent thread that already holds the inputs. No database: only the thread
// side of a job. Both must give the same bytes.
// Usage: npx tsx bench/jobThreads.ts [--replications 8 --weeks 4 --scale 0.05]
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { generateRegion } from '../seed/generate.ts';
import { baseScenario } from '../src/scenarios/model.ts';
import { DEFAULT_POLICY_OPTIONS } from '../src/simulation/policies.ts';
import { createThreadPool } from '../src/jobs/threadPool.ts';
import { REPLICATION_THREAD } from '../src/cli/worker.ts';
import type { PinnedInputs, ScenarioThreadJob } from '../src/scenarios/runs/threadJobs.ts';

const { values } = parseArgs({
  options: {
    replications: { type: 'string', default: '8' },
    weeks: { type: 'string', default: '4' },
    scale: { type: 'string', default: '0.05' },
  },
  strict: true,
});
const scale = Number(values.scale);
const weeks = Number(values.weeks);
const base = generateRegion({ seed: 7, scale });
const scenario = baseScenario();
const pinned: PinnedInputs = { base, policyOptions: DEFAULT_POLICY_OPTIONS, scenarios: [scenario] };
const job = (replication: number): ScenarioThreadJob => ({
  kind: 'replication',
  scenarioId: scenario.id,
  scenarioVersion: scenario.version,
  seed: 11,
  weeks,
  policy: 'optimised',
  replication,
});

const persistent = createThreadPool({ module: REPLICATION_THREAD });
await persistent.warm(1);
const rows: { replication: number; freshMs: number; persistentMs: number; computeMs: number }[] = [];
let sameBytes = true;
for (let r = 0; r < Number(values.replications); r++) {
  const fresh = createThreadPool({ module: REPLICATION_THREAD });
  let t0 = performance.now();
  const a = await fresh.run<unknown>('run', async () => pinned, job(r)).result;
  const freshMs = performance.now() - t0;
  await fresh.close();
  t0 = performance.now();
  const b = await persistent.run<unknown>('run', async () => pinned, job(r)).result;
  const persistentMs = performance.now() - t0;
  sameBytes &&= JSON.stringify(a.result) === JSON.stringify(b.result);
  rows.push({
    replication: r,
    freshMs: Math.round(freshMs),
    persistentMs: Math.round(persistentMs),
    computeMs: Math.round(b.computeMs),
  });
}
await persistent.close();
const mean = (xs: number[]) => Math.round(xs.reduce((s, x) => s + x, 0) / xs.length);
process.stdout.write(
  `${JSON.stringify({
    bench: 'queue.jobThreads',
    scale,
    weeks,
    freshMeanMs: mean(rows.map((x) => x.freshMs)),
    persistentMeanMs: mean(rows.map((x) => x.persistentMs)),
    persistentLaterMeanMs: mean(rows.slice(1).map((x) => x.persistentMs)),
    sameBytes,
    rows,
  })}\n`,
);
