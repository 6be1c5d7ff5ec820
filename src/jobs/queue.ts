// Plan solves on pg-boss. A solve is two records: the `jobs` row users see (its id is the API's
// jobId; status, progress, error) and the pg-boss job that carries it to a worker, with retries,
// expiry of a dead worker's job and a dead-letter queue. Both are written in the caller's
// transaction, so a plan never exists without its job. Any process with workers may run it: a
// server, or `opflow worker` on another machine. Nothing is failed at start ("whoever restarts"):
// a job whose worker died expires and is retried; after the last retry it lands in the
// dead-letter queue, whose handler fails the job and its plan.
import type PgBoss from 'pg-boss';
import type { Db } from '../db/db.ts';
import { bossDb, EXPIRE_S, QUEUE, renewWhileRunning } from './boss.ts';
import type { JobHost } from './host.ts';
import { finishJob, getJob, insertJob, requeueJob, startJob, type JobRecord } from './repo.ts';

export type JobHandler = (job: JobRecord) => Promise<{ resultRef?: string } | void>;

export interface JobQueue {
  /**
   * Insert a queued job inside the caller's transaction (the `jobs` row and its pg-boss job); it
   * can start as soon as the transaction commits.
   */
  insert(tx: Db, kind: 'solve', payload: Record<string, unknown>): Promise<number>;
  /** Kept for callers of the former in-process queue: pg-boss workers poll, nothing to wake. */
  kick(): void;
  /** Start this process's workers (when the host runs workers). Returns 0: nothing is failed at start. */
  recover(reason?: string): Promise<number>;
  /** Resolves when no solve is queued or running (in the whole database). */
  idle(): Promise<void>;
  /** Stop fetching; a running solve gets `graceMs`, then `abort` is called and the job is left for a retry. */
  stop(reason: string, graceMs: number): Promise<void>;
}

export interface JobQueueOptions {
  host: JobHost;
  handlers: Record<'solve', JobHandler>;
  clock: () => Date;
  /** The last attempt failed, or the job came back from the dead-letter queue. */
  onFailed?: (job: JobRecord, error: string) => Promise<void> | void;
  /** Cancel what is running in this process (its worker threads). */
  abort?: (reason: string) => Promise<void>;
  log?: (line: string) => void;
}

interface SolveData {
  jobId: number;
  planId: number;
}

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export function createJobQueue(opts: JobQueueOptions): JobQueue {
  const { host, clock } = opts;
  const db = host.db;
  let stopping = false;
  let workerIds: string[] = [];
  let active = 0;

  const fail = async (jobId: number, error: string): Promise<void> => {
    if (await finishJob(db, jobId, { status: 'failed', error }, clock())) {
      const job = await getJob(db, jobId);
      if (job !== undefined) await opts.onFailed?.(job, error);
    }
  };

  const runSolve = async (job: PgBoss.JobWithMetadata<SolveData>): Promise<void> => {
    const { jobId } = job.data;
    if (stopping) throw new Error('worker stopping');
    if (!(await startJob(db, jobId, clock()))) return; // finished before (a retry of a done job)
    const record = await getJob(db, jobId);
    if (record === undefined) return;
    const stopRenewal = renewWhileRunning(db, host.schema(), QUEUE.solve, job.id, EXPIRE_S.solve);
    active++;
    try {
      const out = await opts.handlers.solve(record);
      await finishJob(
        db,
        jobId,
        { status: 'done', ...(out && out.resultRef !== undefined ? { resultRef: out.resultRef } : {}) },
        clock(),
      );
    } catch (e) {
      const message = messageOf(e);
      opts.log?.(`job ${jobId} (solve) failed: ${message}`);
      if (job.retryCount < job.retryLimit) await requeueJob(db, jobId, message);
      else await fail(jobId, message);
      throw e;
    } finally {
      active--;
      stopRenewal();
    }
  };

  return {
    async insert(tx, _kind, payload) {
      if (stopping) throw new Error('the job queue is stopping');
      const boss = host.boss();
      const jobId = await insertJob(tx, 'solve', payload, clock());
      await boss.send(QUEUE.solve, { ...payload, jobId }, { db: bossDb(tx) });
      return jobId;
    },
    kick: () => undefined,
    async recover() {
      await host.start();
      if (!host.workers || workerIds.length > 0) return 0;
      const boss = host.boss();
      for (let i = 0; i < host.concurrency; i++) {
        workerIds.push(
          await boss.work<SolveData>(
            QUEUE.solve,
            { pollingIntervalSeconds: 0.5, includeMetadata: true },
            async ([job]) => {
              if (job !== undefined) await runSolve(job);
            },
          ),
        );
      }
      workerIds.push(
        await boss.work<SolveData>(QUEUE.solveDead, { pollingIntervalSeconds: 2 }, async ([job]) => {
          if (job === undefined) return;
          const record = await getJob(db, job.data.jobId);
          await fail(job.data.jobId, record?.error ?? 'the solve was given up after its retries');
        }),
      );
      return 0;
    },
    async idle() {
      for (;;) {
        const { rows } = await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM jobs WHERE status IN ('queued', 'running')`,
        );
        if (Number(rows[0]?.n ?? 0) === 0 && active === 0) return;
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async stop(reason, graceMs) {
      stopping = true;
      if (host.started) {
        const boss = host.boss();
        await Promise.all(workerIds.map((id) => boss.offWork({ id }).catch(() => undefined)));
      }
      workerIds = [];
      const deadline = Date.now() + graceMs;
      while (active > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      if (active > 0) await opts.abort?.(reason);
      while (active > 0) await new Promise((r) => setTimeout(r, 20));
    },
  };
}
