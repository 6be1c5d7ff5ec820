// `opflow worker`: a process that runs plan solves and scenario replications from the job queue
// of the PostgreSQL at DATABASE_URL (ADR 0019). Start any number, on this machine or others; each
// runs up to --concurrency jobs of each kind at once, every one in a worker thread so the main
// thread keeps polling and renewing its jobs' expiry. Stop with SIGINT/SIGTERM: running jobs get a
// grace period, then are left to expire and be retried elsewhere.
import { z } from 'zod';
import { parseFlags } from './args.ts';
import type { Command } from './main.ts';
import { loadConfig } from '../config.ts';
import { openDb } from '../db/index.ts';
import { readSnapshot } from '../db/snapshotRepo.ts';
import { createAuditor } from '../auth/audit.ts';
import { createJobHost } from '../jobs/host.ts';
import { createPlanService } from '../plans/service.ts';
import { createQueueRunExecutor } from '../scenarios/runs/queueExecutor.ts';
import { ValidationError } from '../errors.ts';

const flags = {
  concurrency: {
    type: 'string',
    schema: z.coerce
      .number({ message: 'expected an integer' })
      .int('expected an integer')
      .min(1, 'expected 1–32')
      .max(32, 'expected 1–32')
      .default(1),
    help: 'jobs of each kind run at once (default 1; solves and replications are CPU-bound)',
  },
  'grace-s': {
    type: 'string',
    schema: z.coerce.number({ message: 'expected seconds' }).min(0).max(600).default(5),
    help: 'on SIGINT/SIGTERM, seconds running jobs get before they are left to the queue (default 5)',
  },
} as const;

/** The persistent worker-thread module of scenario jobs (replications and inverse questions). */
export const REPLICATION_THREAD = new URL('./scenarioThread.ts', import.meta.url);

export const run: Command = async (args, io) => {
  const f = parseFlags(args, flags);
  const config = loadConfig();
  if (config.databaseUrl === undefined)
    throw new ValidationError(
      'opflow worker needs DATABASE_URL (workers share a PostgreSQL with the servers)',
      [{ field: 'DATABASE_URL', message: 'required' }],
    );
  const schema = process.env.DATABASE_SCHEMA;
  const db = await openDb({ databaseUrl: config.databaseUrl, ...(schema ? { schema } : {}) });
  const clock = () => new Date();
  const host = createJobHost({
    db,
    schema: process.env.PGBOSS_SCHEMA || undefined,
    databaseUrl: config.databaseUrl,
    workers: true,
    concurrency: f.concurrency,
    log: io.err,
  });
  const plans = createPlanService({
    db,
    clock,
    events: host.events,
    auditor: createAuditor(clock),
    solveTimeLimitS: config.solveTimeLimitS,
    jobs: host,
    log: io.err,
  });
  const runs = createQueueRunExecutor({
    host,
    sources: {
      loadSnapshot: async () => {
        const s = await readSnapshot(db);
        if (s === null) throw new Error('no region snapshot loaded');
        return s;
      },
    },
    threadModule: REPLICATION_THREAD,
    log: io.err,
    // Benchmarks (bench/queue.ts) read where each replication job's time went.
    ...(process.env.OPFLOW_JOB_PHASES === '1'
      ? { onPhases: (p: object) => io.err(`job-phases ${JSON.stringify(p)}`) }
      : {}),
  });
  await plans.recover();
  await runs.startWorkers();
  io.out(
    `opflow worker: pid ${process.pid}, concurrency ${f.concurrency}, job schema ${host.schema()}; ready`,
  );
  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (signal: string): void => {
      if (stopping) return;
      stopping = true;
      io.out(`opflow worker: ${signal} — stopping`);
      void (async () => {
        try {
          await runs.stopWorkers(f['grace-s'] * 1000);
          await plans.shutdown(`worker stopping (${signal})`, f['grace-s'] * 1000);
          await host.stop(f['grace-s'] * 1000);
        } finally {
          await db.close();
          resolve();
        }
      })();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  return 0;
};
