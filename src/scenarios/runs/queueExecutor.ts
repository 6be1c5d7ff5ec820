// The run executor on the job queue (ADR 0019): a run becomes one pg-boss job per replication
// (scenario version × policy × replication), inserted with the run in one transaction. Any process
// with workers — a server, `opflow worker` on another machine — computes them in worker threads
// and stores each once (the replication's primary key; a retried job that finishes twice stores
// one row). What a replication depends on is pinned in the run: the scenario documents, the base
// snapshot and the policy options, so every worker computes the same bytes. Inverse questions are
// jobs on the same queue (one job per question), stored in `scenario_inverse` (migration 017).
// The computations run in this process's persistent job threads (ADR 0026): a thread keeps a run's
// pinned inputs, so a replication pays only for its own simulation.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { performance } from 'node:perf_hooks';
import type PgBoss from 'pg-boss';
import type { RegionSnapshot } from '../../domain/snapshot.ts';
import { bossDb, EXPIRE_S, QUEUE, renewWhileRunning } from '../../jobs/boss.ts';
import type { JobHost } from '../../jobs/host.ts';
import { quoteIdent } from '../../db/db.ts';
import { createThreadPool, type ThreadPool } from '../../jobs/threadPool.ts';
import { DEFAULT_POLICY_OPTIONS, type PolicyOptions } from '../../simulation/policies.ts';
import type { InverseResult } from '../../simulation/inverse.ts';
import type { ReplicationResult } from '../../simulation/types.ts';
import { NotFoundError } from '../../errors.ts';
import { getScenario } from '../repo.ts';
import type { Scenario } from '../model.ts';
import type { ReplicationKey, RunExecutor, RunSpec, RunStatus } from './contract.ts';
import type { SimulationSources } from './input.ts';
import type { InverseExecutor, InverseSpec, InverseStatus } from './inverseSpec.ts';
import { getRunStatus, insertReplication, insertRun, runScenarios, setRunState } from './repo.ts';
import { getRunInputs, pinRunInputs, runProgress } from './queueRepo.ts';
import {
  countOpenInverses,
  getInverse,
  getInverseInputs,
  insertInverse,
  updateInverse,
} from './inverseRepo.ts';
import type { InverseProgress, PinnedInputs, ScenarioThreadJob } from './threadJobs.ts';

export interface QueueRunExecutorOptions {
  host: JobHost;
  /** The base snapshot of API runs (the database's current one, read once and pinned per run). */
  sources: Pick<SimulationSources, 'loadSnapshot'>;
  /** The persistent worker-thread module computing scenario jobs (a composition root: src/cli). */
  threadModule: URL;
  policyOptions?: PolicyOptions;
  log?: (line: string) => void;
  /** Where each replication job's time went (milliseconds per phase), for benchmarks. */
  onPhases?: (phases: JobPhases) => void;
}

/** Milliseconds one replication job spent in each phase, as the worker's main thread sees them. */
export interface JobPhases {
  /** Read the run's state (cancelled? still queued?), mark it running on its first job. */
  statusMs: number;
  /** Read the run's pinned inputs (0 once this process has them). */
  inputsMs: number;
  /** Hand the job to a thread and get its result (waiting for the thread, copying inputs, the computation). */
  threadMs: number;
  /** Inside the thread: taking in the run's pinned inputs (0 when the thread had them). */
  prepareMs: number | null;
  /** Inside the thread: the simulation itself. */
  computeMs: number | null;
  /** Store the replication. */
  storeMs: number;
  /** Count stored replications, mark the run done, publish progress. */
  progressMs: number;
  totalMs: number;
}

export interface QueueRunExecutor extends RunExecutor, InverseExecutor {
  /** Start a run on given scenario documents and base (the CLI's --on-queue). */
  startWith(run: {
    spec: RunSpec;
    scenarios: Scenario[];
    base: RegionSnapshot;
    policyOptions?: PolicyOptions;
    createdBy: string;
  }): Promise<RunStatus>;
  /** Register this process's replication and inverse workers (when its host runs workers). */
  startWorkers(): Promise<void>;
  /** Stop fetching; running jobs get `graceMs`, then their threads are stopped (the queue retries them). */
  stopWorkers(graceMs?: number): Promise<void>;
  /** Resolves when no inverse question is queued or running (in the whole database). */
  inversesIdle(): Promise<void>;
}

const WORKER_NAME = `${hostname()}:${process.pid}`;

export function replicationKeys(runId: string, spec: RunSpec): ReplicationKey[] {
  const keys: ReplicationKey[] = [];
  for (const s of spec.scenarios)
    for (const policy of spec.policies)
      for (let replication = 0; replication < spec.replications; replication++)
        keys.push({ runId, scenarioId: s.id, scenarioVersion: s.version, policy, replication });
  return keys;
}

export function createQueueRunExecutor(opts: QueueRunExecutorOptions): QueueRunExecutor {
  const { host } = opts;
  const db = host.db;
  const workerIds: string[] = [];
  let pool: ThreadPool | undefined;
  let active = 0;
  // A run's pinned inputs, read once per process while its jobs keep coming (a few runs at most):
  // they are only needed when a thread does not hold them yet.
  const inputs = new Map<string, Promise<PinnedInputs | null>>();
  const INPUTS_KEPT = 4;

  const publish = async (runId: string): Promise<void> => {
    const p = await runProgress(db, runId);
    if (p === null) return;
    const payload = { runId, state: p.state, done: p.done, total: p.total };
    host.events.emit('scenario-run:progress', { planners: payload, analysts: payload });
  };

  const threads = (): ThreadPool => {
    pool ??= createThreadPool({ module: opts.threadModule, ...(opts.log ? { log: opts.log } : {}) });
    return pool;
  };

  const startWith: QueueRunExecutor['startWith'] = async (run) => {
    const runId = randomUUID();
    const keys = replicationKeys(runId, run.spec);
    const boss = host.boss();
    await db.transaction(async (tx) => {
      await insertRun(tx, {
        id: runId,
        spec: run.spec,
        scenarios: run.scenarios,
        total: keys.length,
        createdBy: run.createdBy,
      });
      await pinRunInputs(
        tx,
        runId,
        run.base,
        run.policyOptions ?? opts.policyOptions ?? DEFAULT_POLICY_OPTIONS,
      );
      await boss.insert(
        keys.map((data) => ({ name: QUEUE.replication, data })),
        { db: bossDb(tx) },
      );
    });
    const status = await getRunStatus(db, runId);
    if (status === null) throw new Error(`run ${runId} vanished after it was stored`);
    return status;
  };

  const loadInputs = (runId: string): Promise<PinnedInputs | null> => {
    let p = inputs.get(runId);
    if (p === undefined) {
      p = (async () => {
        const pinned = await getRunInputs(db, runId);
        if (pinned === null) return null;
        return { ...pinned, scenarios: await runScenarios(db, runId) };
      })();
      p.catch(() => inputs.delete(runId));
      inputs.set(runId, p);
      while (inputs.size > INPUTS_KEPT) {
        const oldest = inputs.keys().next().value;
        if (oldest === undefined) break;
        inputs.delete(oldest);
      }
    }
    return p;
  };

  const runReplicationJob = async (job: PgBoss.JobWithMetadata<ReplicationKey>): Promise<void> => {
    const key = job.data;
    const tStart = performance.now();
    const status = await getRunStatus(db, key.runId);
    if (status === null || status.state === 'cancelled' || status.state === 'failed') return;
    if (status.state === 'queued') {
      await setRunState(db, key.runId, 'running');
      await publish(key.runId);
    }
    const stopRenewal = renewWhileRunning(db, host.schema(), QUEUE.replication, job.id, EXPIRE_S.replication);
    let loadMs = 0;
    let timing: { t0: number; tThread: number; tStored: number; prepareMs: number; computeMs: number };
    try {
      const t0 = performance.now();
      const threadJob: ScenarioThreadJob = {
        kind: 'replication',
        scenarioId: key.scenarioId,
        scenarioVersion: key.scenarioVersion,
        seed: status.spec.seed,
        weeks: status.spec.weeks,
        policy: key.policy,
        replication: key.replication,
      };
      const running = threads().run<ReplicationResult>(
        `run:${key.runId}`,
        async () => {
          const l0 = performance.now();
          const run = await loadInputs(key.runId);
          loadMs += performance.now() - l0;
          if (run === null) throw new Error(`run ${key.runId} has no pinned base snapshot`);
          return run;
        },
        threadJob,
      );
      const out = await running.result;
      const tThread = performance.now();
      await insertReplication(db, key, out.result, tThread - t0, WORKER_NAME);
      timing = {
        t0,
        tThread,
        tStored: performance.now(),
        prepareMs: out.prepareMs,
        computeMs: out.computeMs,
      };
    } finally {
      stopRenewal();
    }
    const p = await runProgress(db, key.runId);
    if (p !== null && p.done >= p.total) await setRunState(db, key.runId, 'done');
    await publish(key.runId);
    const tEnd = performance.now();
    opts.onPhases?.({
      statusMs: timing.t0 - tStart,
      inputsMs: loadMs,
      threadMs: timing.tThread - timing.t0 - loadMs,
      prepareMs: timing.prepareMs,
      computeMs: timing.computeMs,
      storeMs: timing.tStored - timing.tThread,
      progressMs: tEnd - timing.tStored,
      totalMs: tEnd - tStart,
    });
  };

  const runInverseJob = async (job: PgBoss.JobWithMetadata<{ inverseId: string }>): Promise<void> => {
    const { inverseId } = job.data;
    const q = await getInverse(db, inverseId);
    if (q === null || (q.state !== 'queued' && q.state !== 'running')) return;
    await updateInverse(db, inverseId, { state: 'running' });
    const stopRenewal = renewWhileRunning(db, host.schema(), QUEUE.inverse, job.id, EXPIRE_S.inverse);
    try {
      const threadJob: ScenarioThreadJob = { kind: 'inverse', spec: q.spec };
      const running = threads().run<InverseResult>(
        `inverse:${inverseId}`,
        async (): Promise<PinnedInputs> => {
          const i = await getInverseInputs(db, inverseId);
          if (i === null) throw new Error(`inverse question ${inverseId} has no pinned inputs`);
          return { base: i.base, policyOptions: i.policyOptions, scenarios: [i.scenario] };
        },
        threadJob,
        (data) => {
          void updateInverse(db, inverseId, { evaluations: (data as InverseProgress).evaluations }).catch(
            () => undefined,
          );
        },
      );
      const out = await running.result;
      await updateInverse(db, inverseId, {
        state: 'done',
        result: out.result,
        evaluations: out.result.evaluations.length,
      });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if (job.retryCount >= job.retryLimit)
        await updateInverse(db, inverseId, { state: 'failed', error: message.slice(0, 500) });
      throw e;
    } finally {
      stopRenewal();
    }
  };

  /** Retries used up (or the last worker died): the run fails, naming the replication. */
  const onDeadReplication = async (k: ReplicationKey): Promise<void> => {
    await setRunState(
      db,
      k.runId,
      'failed',
      `replication ${k.replication} of ${k.scenarioId}@${k.scenarioVersion} (${k.policy}) failed after its retries`,
    );
    await publish(k.runId);
  };

  const counted =
    <T>(f: (job: T) => Promise<void>, describe: (job: T) => string) =>
    async ([job]: T[]): Promise<void> => {
      if (job === undefined) return;
      active++;
      try {
        await f(job);
      } catch (e) {
        opts.log?.(`${describe(job)} failed: ${e instanceof Error ? e.message : String(e)}`);
        throw e;
      } finally {
        active--;
      }
    };

  return {
    async start(spec, createdBy) {
      const scenarios: Scenario[] = [];
      for (const ref of spec.scenarios) {
        const s = await getScenario(db, ref.id, ref.version).catch(() => undefined);
        if (s === undefined) throw new NotFoundError(`scenario ${ref.id} version ${ref.version} not found`);
        scenarios.push(s);
      }
      // The base is read once here and pinned in the run: an import during the run changes nothing.
      const base = await opts.sources.loadSnapshot();
      return startWith({ spec, scenarios, base, createdBy });
    },
    startWith,
    async cancel(runId) {
      // The run is cancelled and its jobs still waiting are cancelled in pg-boss, in one
      // transaction: no worker picks them up again. A job already running finishes (its
      // replication is stored; a cancelled run keeps what it has) and the run stays cancelled.
      await db.transaction(async (tx) => {
        await setRunState(tx, runId, 'cancelled');
        // Locked here, so no worker can fetch them meanwhile (pg-boss fetches with SKIP LOCKED).
        const { rows } = await tx.query<{ id: string }>(
          `SELECT id FROM ${quoteIdent(host.schema())}.job
           WHERE name = $1 AND state IN ('created', 'retry') AND data->>'runId' = $2
           FOR UPDATE SKIP LOCKED`,
          [QUEUE.replication, runId],
        );
        if (rows.length > 0)
          await host.boss().cancel(
            QUEUE.replication,
            rows.map((r) => r.id),
            { db: bossDb(tx) },
          );
      });
      await publish(runId);
    },
    async startInverse(spec: InverseSpec, createdBy: string): Promise<InverseStatus> {
      const scenario = await getScenario(db, spec.scenario.id, spec.scenario.version);
      const base = await opts.sources.loadSnapshot();
      const inverseId = `inv-${randomUUID()}`;
      const boss = host.boss();
      await db.transaction(async (tx) => {
        await insertInverse(tx, {
          id: inverseId,
          spec,
          scenario,
          base,
          policyOptions: opts.policyOptions ?? DEFAULT_POLICY_OPTIONS,
          createdBy,
        });
        await boss.send(QUEUE.inverse, { inverseId }, { db: bossDb(tx) });
      });
      const status = await getInverse(db, inverseId);
      if (status === null) throw new Error(`inverse question ${inverseId} vanished after it was stored`);
      return status;
    },
    inverseStatus: (inverseId) => getInverse(db, inverseId),
    async inversesIdle() {
      while ((await countOpenInverses(db)) > 0) await new Promise((r) => setTimeout(r, 100));
    },
    async startWorkers() {
      await host.start();
      if (!host.workers || workerIds.length > 0) return;
      const boss = host.boss();
      // The threads start now, so the first jobs do not wait for them.
      await threads().warm(host.concurrency);
      for (let i = 0; i < host.concurrency; i++) {
        workerIds.push(
          await boss.work<ReplicationKey>(
            QUEUE.replication,
            { pollingIntervalSeconds: 0.5, includeMetadata: true },
            counted(
              runReplicationJob,
              (job) =>
                `replication ${job.data.replication} of run ${job.data.runId} (attempt ${job.retryCount + 1})`,
            ),
          ),
        );
      }
      workerIds.push(
        await boss.work<{ inverseId: string }>(
          QUEUE.inverse,
          { pollingIntervalSeconds: 1, includeMetadata: true },
          counted(
            runInverseJob,
            (job) => `inverse question ${job.data.inverseId} (attempt ${job.retryCount + 1})`,
          ),
        ),
      );
      workerIds.push(
        await boss.work<ReplicationKey>(
          QUEUE.replicationDead,
          { pollingIntervalSeconds: 2 },
          async ([job]) => {
            if (job !== undefined) await onDeadReplication(job.data);
          },
        ),
      );
      workerIds.push(
        await boss.work<{ inverseId: string }>(
          QUEUE.inverseDead,
          { pollingIntervalSeconds: 2 },
          async ([job]) => {
            if (job === undefined) return;
            await updateInverse(db, job.data.inverseId, {
              state: 'failed',
              error: 'the inverse question was given up after its retries',
            });
          },
        ),
      );
    },
    async stopWorkers(graceMs = 0) {
      if (host.started) {
        const boss = host.boss();
        await Promise.all(workerIds.splice(0).map((id) => boss.offWork({ id }).catch(() => undefined)));
      }
      const deadline = Date.now() + graceMs;
      while (active > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      // Whatever still runs is stopped with its thread; its job fails and the queue retries it.
      await pool?.close();
      pool = undefined;
    },
  };
}
