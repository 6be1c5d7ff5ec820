// Cancelling a run on the queue: the run shows as cancelled and its waiting jobs are cancelled in
// pg-boss in the same transaction, so no worker computes them afterwards.
import { describe, expect, it } from 'vitest';
import { dbVariants, useDb } from '../helpers/db.ts';
import { generateRegion } from '../../seed/generate.ts';
import { quoteIdent } from '../../src/db/db.ts';
import { createJobHost } from '../../src/jobs/host.ts';
import { createQueueRunExecutor } from '../../src/scenarios/runs/queueExecutor.ts';
import { getRunStatus, runReplications } from '../../src/scenarios/runs/repo.ts';
import { baseScenario } from '../../src/scenarios/model.ts';
import { REPLICATION_THREAD } from '../../src/cli/worker.ts';

const BASE = generateRegion({ seed: 7, scale: 0.05 });

for (const variant of dbVariants()) {
  describe.skipIf(variant.skipReason !== undefined)(`cancelling a run on the queue [${variant.name}]`, () => {
    const db = useDb(variant);

    it('cancels its waiting jobs; workers started afterwards compute nothing of it', async () => {
      const host = createJobHost({ db: db(), workers: true, log: () => undefined });
      const executor = createQueueRunExecutor({
        host,
        sources: { loadSnapshot: async () => BASE },
        threadModule: REPLICATION_THREAD,
      });
      const jobStates = async (runId: string) => {
        const { rows } = await db().query<{ state: string }>(
          `SELECT state FROM ${quoteIdent(host.schema())}.job
           WHERE name = 'opflow-replication' AND data->>'runId' = $1 ORDER BY state`,
          [runId],
        );
        return rows.map((r) => r.state);
      };
      try {
        await host.start();
        const scenario = baseScenario();
        const spec = {
          scenarios: [{ id: scenario.id, version: scenario.version }],
          policies: ['baseline' as const],
          replications: 4,
          weeks: 1,
          seed: 11,
        };
        const cancelled = await executor.startWith({
          spec,
          scenarios: [scenario],
          base: BASE,
          createdBy: 'test',
        });
        const kept = await executor.startWith({ spec, scenarios: [scenario], base: BASE, createdBy: 'test' });
        expect(await jobStates(cancelled.runId)).toEqual(['created', 'created', 'created', 'created']);
        await executor.cancel(cancelled.runId);
        expect(await getRunStatus(db(), cancelled.runId)).toMatchObject({
          state: 'cancelled',
          done: 0,
          etaSeconds: null,
        });
        expect(await jobStates(cancelled.runId)).toEqual([
          'cancelled',
          'cancelled',
          'cancelled',
          'cancelled',
        ]);
        // The other run's jobs are untouched and still run to the end.
        await executor.startWorkers();
        const end = Date.now() + 120_000;
        while ((await getRunStatus(db(), kept.runId))?.state !== 'done') {
          if (Date.now() > end) throw new Error('the run that was kept did not finish');
          await new Promise((r) => setTimeout(r, 200));
        }
        expect(await runReplications(db(), kept.runId)).toHaveLength(4);
        expect(await runReplications(db(), cancelled.runId)).toHaveLength(0);
        expect(await getRunStatus(db(), cancelled.runId)).toMatchObject({ state: 'cancelled', done: 0 });
        // Cancelling again, or cancelling a finished run, changes nothing.
        await executor.cancel(cancelled.runId);
        await executor.cancel(kept.runId);
        expect(await getRunStatus(db(), kept.runId)).toMatchObject({ state: 'done', done: 4 });
      } finally {
        await executor.stopWorkers(0);
        await host.stop(0);
      }
    }, 180_000);
  });
}
