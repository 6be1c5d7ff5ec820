// A job thread that crashes mid-replication is a failed job, not a dead worker (ADR 0026): the
// queue retries the job, the pool starts a new thread, and the run completes with every
// replication stored once and the bytes of a direct computation.
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dbVariants, useDb } from '../helpers/db.ts';
import { until } from '../helpers/queueProcesses.ts';
import { generateRegion } from '../../seed/generate.ts';
import { seedPatientFactory } from '../../seed/arrivals.ts';
import { quoteIdent } from '../../src/db/db.ts';
import { createJobHost } from '../../src/jobs/host.ts';
import { createQueueRunExecutor } from '../../src/scenarios/runs/queueExecutor.ts';
import { getRunStatus, runReplications } from '../../src/scenarios/runs/repo.ts';
import { computeReplication } from '../../src/scenarios/runs/replicate.ts';
import { baseScenario } from '../../src/scenarios/model.ts';
import { DEFAULT_POLICY_OPTIONS } from '../../src/simulation/policies.ts';

const BASE = generateRegion({ seed: 7, scale: 0.05 });
const CRASHING_THREAD = new URL('./fixtures/crashOnceThread.ts', import.meta.url);

for (const variant of dbVariants()) {
  describe.skipIf(variant.skipReason !== undefined)(`a crashing job thread [${variant.name}]`, () => {
    const db = useDb(variant);

    it('fails its job only: the job is retried on a new thread and the run completes', async () => {
      const flag = join(mkdtempSync(join(tmpdir(), 'opflow-crash-')), 'crash-once');
      writeFileSync(flag, '');
      process.env.OPFLOW_TEST_CRASH_FLAG = flag;
      const lines: string[] = [];
      const host = createJobHost({ db: db(), workers: true, log: (l) => lines.push(l) });
      const executor = createQueueRunExecutor({
        host,
        sources: { loadSnapshot: async () => BASE },
        threadModule: CRASHING_THREAD,
        log: (l) => lines.push(l),
      });
      try {
        await executor.startWorkers();
        const scenario = baseScenario();
        const spec = {
          scenarios: [{ id: scenario.id, version: scenario.version }],
          policies: ['baseline' as const],
          replications: 3,
          weeks: 2,
          seed: 11,
        };
        const run = await executor.startWith({ spec, scenarios: [scenario], base: BASE, createdBy: 'test' });
        const done = await until(
          () => getRunStatus(db(), run.runId),
          (s) => s?.state === 'done' || s?.state === 'failed',
          120_000,
          200,
        );
        expect(done).toMatchObject({ state: 'done', done: 3, total: 3, error: null });
        expect(existsSync(flag)).toBe(false);
        // One job was retried after its thread died; the others ran once.
        const { rows } = await db().query<{ retry_count: number }>(
          `SELECT retry_count FROM ${quoteIdent(host.schema())}.job WHERE name = 'opflow-replication' ORDER BY retry_count`,
        );
        expect(rows.map((r) => Number(r.retry_count))).toEqual([0, 0, 1]);
        expect(lines.some((l) => /exited with code 7/.test(l))).toBe(true);
        const stored = await runReplications(db(), run.runId);
        expect(stored.map((r) => r.replication)).toEqual([0, 1, 2]);
        for (const r of stored) {
          const direct = await computeReplication(
            {
              base: BASE,
              scenario,
              seed: 11,
              weeks: 2,
              policy: 'baseline',
              policyOptions: DEFAULT_POLICY_OPTIONS,
              replication: r.replication,
            },
            seedPatientFactory,
          );
          expect(JSON.stringify(r.result)).toBe(JSON.stringify(direct));
        }
      } finally {
        delete process.env.OPFLOW_TEST_CRASH_FLAG;
        await executor.stopWorkers(0);
        await host.stop(0);
      }
    }, 180_000);
  });
}
