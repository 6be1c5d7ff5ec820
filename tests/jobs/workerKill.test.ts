// A real `opflow worker` child process killed with SIGKILL in the middle of a replication: its job
// expires and another worker takes it over; every replication is stored exactly once, and the
// stored bytes equal an undisturbed computation (ADR 0019). PostgreSQL only: PGlite is one process.
import { describe, expect, it } from 'vitest';
import { uniqueSchemaName } from '../helpers/db.ts';
import {
  activeReplicationJobs,
  startWorker,
  stopWorker,
  until,
  type WorkerProcess,
} from '../helpers/queueProcesses.ts';
import { generateRegion } from '../../seed/generate.ts';
import { seedPatientFactory } from '../../seed/arrivals.ts';
import { openDb } from '../../src/db/index.ts';
import { openPostgres } from '../../src/db/postgres.ts';
import { createJobHost } from '../../src/jobs/host.ts';
import { createQueueRunExecutor } from '../../src/scenarios/runs/queueExecutor.ts';
import { getRunStatus, runReplications } from '../../src/scenarios/runs/repo.ts';
import { computeReplication } from '../../src/scenarios/runs/replicate.ts';
import { baseScenario } from '../../src/scenarios/model.ts';
import { DEFAULT_POLICY_OPTIONS } from '../../src/simulation/policies.ts';
import { REPLICATION_THREAD } from '../../src/cli/worker.ts';

const url = process.env.DATABASE_URL;
const BASE = generateRegion({ seed: 7, scale: 0.05 });

describe.skipIf(!url)(
  `a worker killed mid-job${url ? '' : ' [postgres skipped: DATABASE_URL not set]'}`,
  () => {
    it('is taken over after expiry; every replication stored once; bytes as undisturbed', async () => {
      if (!url) return;
      const schema = uniqueSchemaName('tq');
      const db = await openDb({ databaseUrl: url, schema });
      const workers: WorkerProcess[] = [];
      const host = createJobHost({ db, workers: false });
      try {
        await host.start();
        const executor = createQueueRunExecutor({
          host,
          sources: { loadSnapshot: async () => BASE },
          threadModule: REPLICATION_THREAD,
        });
        const scenario = baseScenario();
        const spec = {
          scenarios: [{ id: scenario.id, version: scenario.version }],
          policies: ['baseline' as const],
          replications: 3,
          weeks: 3,
          seed: 11,
        };
        const run = await executor.startWith({ spec, scenarios: [scenario], base: BASE, createdBy: 'test' });
        const a = startWorker(url, schema);
        workers.push(a);
        await a.ready;
        const [victim] = await until(
          () => activeReplicationJobs(db, schema),
          (j) => j.length > 0,
          60_000,
          50,
        );
        if (victim === undefined) throw new Error('no active job');
        a.child.kill('SIGKILL');
        const killedAt = Date.now();
        const b = startWorker(url, schema);
        workers.push(b);
        await b.ready;
        // The killed job comes back (retry_count 1) once pg-boss's maintenance expires it.
        await until(
          () => activeReplicationJobs(db, schema),
          (j) => j.some((x) => x.id === victim.id && x.retryCount > 0),
          180_000,
          250,
        ).catch(async () => {
          // It may already have finished between two polls: then it is stored.
          expect(await runReplications(db, run.runId)).toHaveLength(spec.replications);
        });
        const takeoverS = (Date.now() - killedAt) / 1000;
        process.stdout.write(`  take-over after kill -9 (under load): ${takeoverS.toFixed(1)} s\n`);
        const done = await until(
          () => getRunStatus(db, run.runId),
          (s) => s?.state === 'done',
          240_000,
          500,
        );
        expect(done).toMatchObject({ done: 3, total: 3 });
        const stored = await runReplications(db, run.runId);
        expect(stored.map((r) => r.replication)).toEqual([0, 1, 2]);
        for (const r of stored) {
          const direct = await computeReplication(
            {
              base: BASE,
              scenario,
              seed: 11,
              weeks: 3,
              policy: 'baseline',
              policyOptions: DEFAULT_POLICY_OPTIONS,
              replication: r.replication,
            },
            seedPatientFactory,
          );
          expect(JSON.stringify(r.result)).toBe(JSON.stringify(direct));
        }
      } finally {
        for (const w of workers) await stopWorker(w);
        await host.stop(0);
        await db.close();
        const admin = await openPostgres({ databaseUrl: url, max: 1 });
        await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).finally(() => admin.close());
      }
    }, 420_000);
  },
);
