// The inverse question as a job on the queue, answered by a real `opflow worker` child process
// (PostgreSQL only: PGlite is one process). The question and its answer live in the database: a
// process that did not compute it reads the answer, which equals a direct computation, with its
// progress (candidate capacities simulated) stored along the way.
import { describe, expect, it } from 'vitest';
import { uniqueSchemaName } from '../helpers/db.ts';
import { startWorker, stopWorker, until, type WorkerProcess } from '../helpers/queueProcesses.ts';
import { generateRegion } from '../../seed/generate.ts';
import { seedPatientFactory } from '../../seed/arrivals.ts';
import { openDb } from '../../src/db/index.ts';
import { openPostgres } from '../../src/db/postgres.ts';
import { createJobHost } from '../../src/jobs/host.ts';
import { createQueueRunExecutor } from '../../src/scenarios/runs/queueExecutor.ts';
import { getInverse } from '../../src/scenarios/runs/inverseRepo.ts';
import { baseScenario } from '../../src/scenarios/model.ts';
import { saveScenario } from '../../src/scenarios/repo.ts';
import { findLeastCapacity } from '../../src/simulation/inverse.ts';
import { DEFAULT_POLICY_OPTIONS, policyByName } from '../../src/simulation/policies.ts';
import { REPLICATION_THREAD } from '../../src/cli/worker.ts';
import type { InverseSpec } from '../../src/scenarios/runs/inverseSpec.ts';

const url = process.env.DATABASE_URL;
const BASE = generateRegion({ seed: 7, scale: 0.05 });

describe.skipIf(!url)(
  `the inverse question on a worker process${url ? '' : ' [postgres skipped: DATABASE_URL not set]'}`,
  () => {
    it('is stored with its job, answered by a worker, and read back by another process', async () => {
      if (!url) return;
      const schema = uniqueSchemaName('ti');
      const db = await openDb({ databaseUrl: url, schema });
      const workers: WorkerProcess[] = [];
      const host = createJobHost({ db, workers: false });
      try {
        await host.start();
        const scenario = await saveScenario(db, baseScenario());
        const executor = createQueueRunExecutor({
          host,
          sources: { loadSnapshot: async () => BASE },
          threadModule: REPLICATION_THREAD,
        });
        const hospitalId = BASE.hospitals[0]?.id ?? '';
        const spec: InverseSpec = {
          find: { kind: 'regional-team-days', hospitalId, targetShare: 0, maxUnits: 3 },
          scenario: { id: scenario.id, version: scenario.version },
          policy: 'baseline',
          replications: 1,
          weeks: 2,
          seed: 5,
        };
        const started = await executor.startInverse(spec, 'u-test');
        expect(started).toMatchObject({ state: 'queued', evaluations: 0, result: null, error: null });
        // Nothing computes it until a worker exists: the question waits in the database.
        await new Promise((r) => setTimeout(r, 1500));
        expect(await getInverse(db, started.inverseId)).toMatchObject({ state: 'queued' });
        const w = startWorker(url, schema);
        workers.push(w);
        await w.ready;
        const done = await until(
          () => getInverse(db, started.inverseId),
          (s) => s?.state === 'done' || s?.state === 'failed',
          180_000,
          250,
        );
        expect(done?.state).toBe('done');
        const direct = await findLeastCapacity(
          { base: BASE, scenario, seed: 5, weeks: 2, patientFactory: seedPatientFactory(BASE) },
          policyByName('baseline', DEFAULT_POLICY_OPTIONS),
          {
            capacity: { kind: 'regional-team-days', hospitalId },
            targetShare: 0,
            maxUnits: 3,
            replications: 1,
          },
        );
        expect(JSON.stringify(done?.result)).toBe(JSON.stringify(direct));
        expect(done?.evaluations).toBe(direct.evaluations.length);
        // Another process (a fresh connection, no cache) reads the same answer.
        const other = await openDb({ databaseUrl: url, schema });
        try {
          expect(await getInverse(other, started.inverseId)).toEqual(done);
        } finally {
          await other.close();
        }
      } finally {
        for (const w of workers) await stopWorker(w);
        await host.stop(0);
        await db.close();
        const admin = await openPostgres({ databaseUrl: url, max: 1 });
        await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).finally(() => admin.close());
      }
    }, 300_000);
  },
);
