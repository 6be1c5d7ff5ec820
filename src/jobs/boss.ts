// The one job queue of opflow: pg-boss (ADR 0019). Plan solves and scenario replications are
// pg-boss jobs; their records live in their own schema of the same database. pg-boss talks to the
// database only through `executeSql`, so it runs on PostgreSQL and on embedded PGlite alike through
// our `Db` (PGlite: inside the process, on its one connection).
import PgBoss from 'pg-boss';
import type { Db, SqlParam } from '../db/db.ts';
import { quoteIdent } from '../db/db.ts';

export const QUEUE = {
  solve: 'opflow-solve',
  solveDead: 'opflow-solve-dead',
  replication: 'opflow-replication',
  replicationDead: 'opflow-replication-dead',
  inverse: 'opflow-inverse',
  inverseDead: 'opflow-inverse-dead',
} as const;

/** Expiry of a running job without renewal; a worker renews its jobs every third of it. */
export const EXPIRE_S = { solve: 60, replication: 30, inverse: 60 } as const;

export interface BossOptions {
  /** pg-boss's schema (PostgreSQL default `pgboss`; tests use their own schema). */
  schema: string;
  /** How often expired jobs are looked for (seconds, ≥ 1): bounds the take-over delay. */
  maintenanceIntervalS?: number;
  log?: (line: string) => void;
}

/**
 * pg-boss's database port on a `Db`. pg-boss sends its locked maintenance and migration scripts as
 * one multi-statement text (BEGIN; …; COMMIT) without parameters: those go to `exec` (PGlite's
 * extended protocol takes one statement); everything else is one parameterised statement.
 */
export function bossDb(db: Db): PgBoss.Db {
  return {
    async executeSql(text: string, values?: unknown[]) {
      if ((values === undefined || values.length === 0) && /^\s*BEGIN\s*;/i.test(text)) {
        await db.exec(text);
        return { rows: [] };
      }
      return db.query(text, values as SqlParam[] | undefined);
    },
  };
}

/** Start pg-boss on `db` (creating or migrating its schema) with opflow's queues. */
export async function startBoss(db: Db, opts: BossOptions): Promise<PgBoss> {
  quoteIdent(opts.schema);
  const boss = new PgBoss({
    db: bossDb(db),
    schema: opts.schema,
    supervise: true,
    schedule: false,
    migrate: true,
    maintenanceIntervalSeconds: opts.maintenanceIntervalS ?? 5,
  });
  boss.on('error', (e: Error) => opts.log?.(`job queue: ${e.message}`));
  await boss.start();
  // Dead-letter queues first: a queue's deadLetter must exist when it is created.
  await ensureQueue(boss, { name: QUEUE.solveDead, retentionMinutes: 60 * 24 * 14 });
  await ensureQueue(boss, { name: QUEUE.replicationDead, retentionMinutes: 60 * 24 * 14 });
  await ensureQueue(boss, { name: QUEUE.inverseDead, retentionMinutes: 60 * 24 * 14 });
  await ensureQueue(boss, {
    name: QUEUE.solve,
    retryLimit: 2,
    retryDelay: 1,
    expireInSeconds: EXPIRE_S.solve,
    deadLetter: QUEUE.solveDead,
  });
  await ensureQueue(boss, {
    name: QUEUE.replication,
    retryLimit: 3,
    retryDelay: 1,
    expireInSeconds: EXPIRE_S.replication,
    deadLetter: QUEUE.replicationDead,
  });
  await ensureQueue(boss, {
    name: QUEUE.inverse,
    retryLimit: 2,
    retryDelay: 1,
    expireInSeconds: EXPIRE_S.inverse,
    deadLetter: QUEUE.inverseDead,
  });
  return boss;
}

async function ensureQueue(boss: PgBoss, q: PgBoss.Queue): Promise<void> {
  // create_queue is ON CONFLICT DO NOTHING, but two processes starting at once may both try.
  if ((await boss.getQueue(q.name)) === null) await boss.createQueue(q.name, q);
}

/**
 * Renew a running job's expiry while its worker lives: pg-boss 10 has no heartbeat, and expiry
 * counts from `started_on`, so moving `started_on` forward keeps a long job from being taken over
 * while a dead worker's job still expires after `expireInSeconds`.
 */
export function renewWhileRunning(
  db: Db,
  schema: string,
  queue: string,
  jobId: string,
  expireS: number,
): () => void {
  const table = `${quoteIdent(schema)}.job`;
  const timer = setInterval(
    () => {
      db.query(`UPDATE ${table} SET started_on = now() WHERE name = $1 AND id = $2 AND state = 'active'`, [
        queue,
        jobId,
      ]).catch(() => undefined);
    },
    Math.max(1000, (expireS * 1000) / 3),
  );
  timer.unref();
  return () => clearInterval(timer);
}
