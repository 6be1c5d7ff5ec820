// `opflow simulate … --on-queue`: the run's replications go to the job queue at DATABASE_URL and
// are computed by whichever workers are running (`opflow worker`); this process waits, then builds
// the same report as a local run from the stored replications. The snapshot the CLI chose
// (--seed/--scale or --snapshot) is pinned in the run, so workers need no access to it.
import { buildReport, type SimulationReport } from '../simulation/run.ts';
import type { SimulationInput, ReplicationResult } from '../simulation/types.ts';
import type { PolicyOptions } from '../simulation/policies.ts';
import type { PolicyName, Scenario } from '../scenarios/model.ts';
import { openDb } from '../db/index.ts';
import { createJobHost } from '../jobs/host.ts';
import { createQueueRunExecutor } from '../scenarios/runs/queueExecutor.ts';
import { getRunStatus, runReplications } from '../scenarios/runs/repo.ts';
import { AppError } from '../errors.ts';
import { REPLICATION_THREAD } from './worker.ts';

export async function simulateOnQueue(
  databaseUrl: string,
  input: SimulationInput,
  run: { scenario: Scenario; policies: PolicyName[]; replications: number; policyOptions: PolicyOptions },
  onProgress?: (done: number, total: number) => void,
): Promise<{ report: SimulationReport; runId: string }> {
  const schema = process.env.DATABASE_SCHEMA;
  const db = await openDb({ databaseUrl, ...(schema ? { schema } : {}) });
  const host = createJobHost({ db, schema: process.env.PGBOSS_SCHEMA || undefined, workers: false });
  try {
    await host.start();
    const executor = createQueueRunExecutor({
      host,
      sources: { loadSnapshot: async () => input.base },
      threadModule: REPLICATION_THREAD,
    });
    const started = await executor.startWith({
      spec: {
        scenarios: [{ id: run.scenario.id, version: run.scenario.version }],
        policies: run.policies,
        replications: run.replications,
        weeks: input.weeks,
        seed: input.seed,
      },
      scenarios: [run.scenario],
      base: input.base,
      policyOptions: run.policyOptions,
      createdBy: 'cli',
    });
    for (;;) {
      const s = await getRunStatus(db, started.runId);
      if (s === null) throw new AppError('run_lost', 1, `run ${started.runId} disappeared`);
      onProgress?.(s.done, s.total);
      if (s.state === 'done') break;
      if (s.state === 'failed' || s.state === 'cancelled')
        throw new AppError(
          'run_failed',
          1,
          `run ${started.runId} ${s.state}: ${s.error ?? 'no reason given'}`,
        );
      await new Promise((r) => setTimeout(r, 500));
    }
    const stored = await runReplications(db, started.runId);
    const results: Record<string, ReplicationResult[]> = {};
    const elapsed: Record<string, number> = {};
    for (const p of run.policies) {
      const mine = stored.filter((r) => r.policy === p).sort((a, b) => a.replication - b.replication);
      results[p] = mine.map((r) => r.result);
      // Compute time summed over the workers (wall-clock differs with the number of workers).
      elapsed[p] = mine.reduce((t, r) => t + r.elapsedMs, 0);
    }
    return { report: buildReport(input, results, elapsed), runId: started.runId };
  } finally {
    await host.stop(0);
    await db.close();
  }
}
