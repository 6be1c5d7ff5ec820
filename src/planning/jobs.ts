// An in-process job queue with its state in the `jobs` table. PGlite is one connection in this
// process, so a separate worker (pg-boss and friends) cannot share it; solves are CPU-bound and run
// one at a time anyway. On start, jobs a previous process left 'running' are failed ("server
// restarted"); on stop, no new job is claimed, the running one gets a grace period, and whatever is
// still running or queued is failed with the given reason.
import type { Db } from '../db/db.ts';
import { claimNextJob, failJobsIn, finishJob, insertJob, type JobRecord } from '../db/jobRepo.ts';

export type JobHandler = (job: JobRecord) => Promise<{ resultRef?: string } | void>;

export interface JobQueue {
  /** Insert a queued job and make sure the worker loop runs. */
  enqueue(kind: string, payload: Record<string, unknown>): Promise<number>;
  /**
   * Insert a queued job inside the caller's transaction without starting it; call `kick()` after
   * the commit (the job must not start before its transaction is visible).
   */
  insert(tx: Db, kind: string, payload: Record<string, unknown>): Promise<number>;
  /** Make sure the worker loop runs (on the next turn of the event loop). */
  kick(): void;
  /** Fail jobs left running by a previous process; returns them. Call once at start. */
  recover(reason?: string): Promise<JobRecord[]>;
  /** Resolves when nothing is running or queued in this process. */
  idle(): Promise<void>;
  /** Stop: claim nothing new, wait up to graceMs for the running job, fail the rest with `reason`. */
  stop(reason: string, graceMs: number): Promise<JobRecord[]>;
}

export interface JobQueueOptions {
  db: Db;
  handlers: Record<string, JobHandler>;
  clock: () => Date;
  /** Called when a job fails (handler threw, or stop/recover failed it). */
  onFailed?: (job: JobRecord, error: string) => Promise<void> | void;
  log?: (line: string) => void;
}

export function createJobQueue(opts: JobQueueOptions): JobQueue {
  const { db, handlers, clock } = opts;
  let stopping = false;
  let loop: Promise<void> | undefined;
  let rerun = false;
  let kickPending = false;

  const runOne = async (job: JobRecord): Promise<void> => {
    const handler = handlers[job.kind];
    try {
      if (handler === undefined) throw new Error(`no handler for job kind "${job.kind}"`);
      const out = await handler(job);
      await finishJob(
        db,
        job.id,
        { status: 'done', ...(out && out.resultRef !== undefined ? { resultRef: out.resultRef } : {}) },
        clock(),
      );
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      opts.log?.(`job ${job.id} (${job.kind}) failed: ${message}`);
      if (await finishJob(db, job.id, { status: 'failed', error: message }, clock())) {
        await opts.onFailed?.(job, message);
      }
    }
  };

  const drain = async (): Promise<void> => {
    do {
      rerun = false;
      while (!stopping) {
        const job = await claimNextJob(db, clock());
        if (job === undefined) break;
        await runOne(job);
      }
    } while (rerun && !stopping);
  };

  const ensureLoop = (): void => {
    rerun = true;
    loop ??= drain()
      .catch((e: unknown) => opts.log?.(`job loop stopped: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => {
        loop = undefined;
      });
  };

  const kick = (): void => {
    // Start on the next turn: the caller's own follow-up statements (audit, idempotency record)
    // queue on the single PGlite connection before the worker's first heavy read.
    if (stopping) return;
    kickPending = true;
    setImmediate(() => {
      kickPending = false;
      ensureLoop();
    });
  };

  return {
    async enqueue(kind, payload) {
      if (stopping) throw new Error('the job queue is stopping');
      const id = await insertJob(db, kind, payload, clock());
      kick();
      return id;
    },
    async insert(tx, kind, payload) {
      if (stopping) throw new Error('the job queue is stopping');
      return insertJob(tx, kind, payload, clock());
    },
    kick,
    async recover(reason = 'server restarted') {
      const failed = await failJobsIn(db, ['running'], reason, clock());
      for (const j of failed) await opts.onFailed?.(j, reason);
      // Queued jobs of a previous process are still valid requests: run them.
      ensureLoop();
      return failed;
    },
    async idle() {
      while (kickPending || loop !== undefined) {
        if (loop !== undefined) await loop;
        else await new Promise<void>((resolve) => setImmediate(resolve));
      }
    },
    async stop(reason, graceMs) {
      stopping = true;
      if (loop !== undefined) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([loop, new Promise<void>((r) => (timer = setTimeout(r, graceMs)))]);
        clearTimeout(timer);
      }
      const failed = await failJobsIn(db, ['running', 'queued'], reason, clock());
      for (const j of failed) await opts.onFailed?.(j, reason);
      return failed;
    },
  };
}
