// The run executor on the job queue (ADR 0019): a run becomes one pg-boss job per replication
// (scenario version × policy × replication), inserted with the run in one transaction. Any process
// with workers — a server, `opflow worker` on another machine — computes them in worker threads
// and stores each once (the replication's primary key; a retried job that finishes twice stores
// one row). What a replication depends on is pinned in the run: the scenario documents, the base
// snapshot and the policy options, so every worker computes the same bytes.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { performance } from 'node:perf_hooks';
import type PgBoss from 'pg-boss';
import type { RegionSnapshot } from '../../domain/snapshot.ts';
import { bossDb, EXPIRE_S, QUEUE, renewWhileRunning } from '../../jobs/boss.ts';
import type { JobHost } from '../../jobs/host.ts';
import { runInThread } from '../../jobs/inThread.ts';
import { DEFAULT_POLICY_OPTIONS, type PolicyOptions } from '../../simulation/policies.ts';
import type { ReplicationResult } from '../../simulation/types.ts';
import { NotFoundError } from '../../errors.ts';
import { getScenario } from '../repo.ts';
import type { Scenario } from '../model.ts';
import type { ReplicationKey, RunExecutor, RunSpec, RunStatus } from './contract.ts';
import type { SimulationSources } from './input.ts';
import { getRunStatus, insertReplication, insertRun, runScenarios, setRunState } from './repo.ts';
import { getRunInputs, pinRunInputs, runProgress } from './queueRepo.ts';
import type { ReplicationInput } from './replicate.ts';

export interface QueueRunExecutorOptions {
  host: JobHost;
  /** The base snapshot of API runs (the database's current one, read once and pinned per run). */
  sources: Pick<SimulationSources, 'loadSnapshot'>;
  /** The worker-thread module computing one replication (a composition root: src/cli). */
  threadModule: URL;
  policyOptions?: PolicyOptions;
  log?: (line: string) => void;
}

export interface QueueRunExecutor extends RunExecutor {
  /** Start a run on given scenario documents and base (the CLI's --on-queue). */
  startWith(run: {
    spec: RunSpec;
    scenarios: Scenario[];
    base: RegionSnapshot;
    policyOptions?: PolicyOptions;
    createdBy: string;
  }): Promise<RunStatus>;
  /** Register this process's replication workers (when its host runs workers). */
  startWorkers(): Promise<void>;
  stopWorkers(): Promise<void>;
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
  // A run's pinned inputs are read once per process (they never change).
  const inputs = new Map<
    string,
    Promise<{ base: RegionSnapshot; policyOptions: PolicyOptions; scenarios: Scenario[] } | null>
  >();

  const publish = async (runId: string): Promise<void> => {
    const p = await runProgress(db, runId);
    if (p === null) return;
    const payload = { runId, state: p.state, done: p.done, total: p.total };
    host.events.emit('scenario-run:progress', { planners: payload, analysts: payload });
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

  const loadInputs = (runId: string) => {
    let p = inputs.get(runId);
    if (p === undefined) {
      p = (async () => {
        const pinned = await getRunInputs(db, runId);
        if (pinned === null) return null;
        return { ...pinned, scenarios: await runScenarios(db, runId) };
      })();
      p.catch(() => inputs.delete(runId));
      inputs.set(runId, p);
    }
    return p;
  };

  const runReplicationJob = async (job: PgBoss.JobWithMetadata<ReplicationKey>): Promise<void> => {
    const key = job.data;
    const status = await getRunStatus(db, key.runId);
    if (status === null || status.state === 'cancelled' || status.state === 'failed') return;
    const run = await loadInputs(key.runId);
    if (run === null) throw new Error(`run ${key.runId} has no pinned base snapshot`);
    const scenario = run.scenarios.find((s) => s.id === key.scenarioId && s.version === key.scenarioVersion);
    if (scenario === undefined)
      throw new Error(`run ${key.runId} has no scenario ${key.scenarioId}@${key.scenarioVersion}`);
    if (status.state === 'queued') {
      await setRunState(db, key.runId, 'running');
      await publish(key.runId);
    }
    const stopRenewal = renewWhileRunning(db, host.schema(), QUEUE.replication, job.id, EXPIRE_S.replication);
    try {
      const input: ReplicationInput = {
        base: run.base,
        scenario,
        seed: status.spec.seed,
        weeks: status.spec.weeks,
        policy: key.policy,
        policyOptions: run.policyOptions,
        replication: key.replication,
      };
      const t0 = performance.now();
      const result = await runInThread<ReplicationResult>(opts.threadModule, input);
      await insertReplication(db, key, result, performance.now() - t0, WORKER_NAME);
    } finally {
      stopRenewal();
    }
    const p = await runProgress(db, key.runId);
    if (p !== null && p.done >= p.total) await setRunState(db, key.runId, 'done');
    await publish(key.runId);
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
      await setRunState(db, runId, 'cancelled');
      await publish(runId);
    },
    async startWorkers() {
      await host.start();
      if (!host.workers || workerIds.length > 0) return;
      const boss = host.boss();
      for (let i = 0; i < host.concurrency; i++) {
        workerIds.push(
          await boss.work<ReplicationKey>(
            QUEUE.replication,
            { pollingIntervalSeconds: 0.5, includeMetadata: true },
            async ([job]) => {
              if (job === undefined) return;
              try {
                await runReplicationJob(job);
              } catch (e) {
                opts.log?.(
                  `replication ${job.data.replication} of run ${job.data.runId} failed (attempt ${job.retryCount + 1}): ${e instanceof Error ? e.message : String(e)}`,
                );
                throw e;
              }
            },
          ),
        );
      }
      // Retries used up (or the last worker died): the run fails, naming the replication.
      workerIds.push(
        await boss.work<ReplicationKey>(
          QUEUE.replicationDead,
          { pollingIntervalSeconds: 2 },
          async ([job]) => {
            if (job === undefined) return;
            const k = job.data;
            await setRunState(
              db,
              k.runId,
              'failed',
              `replication ${k.replication} of ${k.scenarioId}@${k.scenarioVersion} (${k.policy}) failed after its retries`,
            );
            await publish(k.runId);
          },
        ),
      );
    },
    async stopWorkers() {
      if (!host.started) return;
      const boss = host.boss();
      await Promise.all(workerIds.splice(0).map((id) => boss.offWork({ id }).catch(() => undefined)));
    },
  };
}
