// An in-process executor of scenario runs: it stores the run, then computes its replications one
// at a time in this process (scenario by scenario, policy by policy, replication by replication),
// storing each with insertReplication and announcing progress as `scenario-run:progress`. Runs
// queue behind each other, so the server never simulates two at once. The job queue's executor
// (workers on other processes) implements the same RunExecutor; this one keeps the API and the
// dashboard usable and testable without it. Inverse questions run here too, one job each, and are
// kept in memory only (they end with the process).
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/db.ts';
import { NotFoundError } from '../../errors.ts';
import type { EventSink } from '../../planning/events.ts';
import { runReplication } from '../../simulation/engine.ts';
import { findLeastCapacity, type CapacityKind } from '../../simulation/inverse.ts';
import { policyByName, type PolicyOptions } from '../../simulation/policies.ts';
import { getScenario } from '../repo.ts';
import type { Scenario } from '../model.ts';
import type { RunExecutor, RunSpec, RunState } from './contract.ts';
import { simulationInput, type SimulationSources } from './input.ts';
import type { InverseExecutor, InverseSpec, InverseStatus } from './inverseSpec.ts';
import { getRunStatus, insertReplication, insertRun, setRunState } from './repo.ts';

export interface LocalExecutorDeps {
  db: Db;
  sources: SimulationSources;
  events: EventSink;
  policyOptions?: Partial<PolicyOptions>;
  /** Monotonic milliseconds, for the stored time per replication (the ETA). */
  now?: () => number;
  clock?: () => Date;
  log?: (line: string) => void;
}

export interface LocalRunExecutor extends RunExecutor, InverseExecutor {
  /** Resolves when every run and inverse job started so far has finished (tests, shutdown). */
  idle(): Promise<void>;
}

export const PROGRESS_EVENT = 'scenario-run:progress';

export function createLocalRunExecutor(deps: LocalExecutorDeps): LocalRunExecutor {
  const { db, sources, events } = deps;
  const now = deps.now ?? (() => performance.now());
  const clock = deps.clock ?? (() => new Date());
  const log = deps.log ?? (() => undefined);
  const cancelled = new Set<string>();
  const inverses = new Map<string, InverseStatus>();
  let chain: Promise<void> = Promise.resolve();
  const enqueue = (job: () => Promise<void>): void => {
    chain = chain.then(job).catch((e: unknown) => log(`scenario executor: ${String(e)}`));
  };

  const progress = (runId: string, state: RunState, done: number, total: number): void => {
    const payload = { runId, state, done, total };
    events.emit(PROGRESS_EVENT, { planners: payload, analysts: payload });
  };

  const loadScenarios = (spec: RunSpec): Promise<Scenario[]> =>
    Promise.all(spec.scenarios.map((s) => getScenario(db, s.id, s.version)));

  const execute = async (runId: string, spec: RunSpec, scenarios: Scenario[], total: number) => {
    let done = 0;
    try {
      if (cancelled.has(runId)) return;
      await setRunState(db, runId, 'running');
      progress(runId, 'running', done, total);
      const snapshot = await sources.loadSnapshot();
      for (const scenario of scenarios) {
        const input = simulationInput(snapshot, scenario, spec, sources);
        for (const policyName of spec.policies) {
          const policy = policyByName(policyName, deps.policyOptions);
          for (let r = 0; r < spec.replications; r++) {
            if (cancelled.has(runId)) return;
            const t0 = now();
            const result = await runReplication(input, policy, r);
            const stored = await insertReplication(
              db,
              {
                runId,
                scenarioId: scenario.id,
                scenarioVersion: scenario.version,
                policy: policyName,
                replication: r,
              },
              result,
              now() - t0,
              'local',
            );
            if (stored) done++;
            progress(runId, 'running', done, total);
          }
        }
      }
      await setRunState(db, runId, 'done');
      progress(runId, 'done', done, total);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      log(`scenario run ${runId} failed: ${message}`);
      await setRunState(db, runId, 'failed', message.slice(0, 500));
      progress(runId, 'failed', done, total);
    } finally {
      cancelled.delete(runId);
    }
  };

  const executeInverse = async (status: InverseStatus): Promise<void> => {
    const { spec } = status;
    const set = (patch: Partial<InverseStatus>): void => {
      Object.assign(status, patch);
    };
    try {
      set({ state: 'running' });
      const scenario = await getScenario(db, spec.scenario.id, spec.scenario.version);
      const snapshot = await sources.loadSnapshot();
      const capacity: CapacityKind =
        spec.find.kind === 'extra-lists'
          ? {
              kind: 'extra-lists',
              hospitalId: spec.find.hospitalId,
              specialtyId: spec.find.specialtyId ?? '',
            }
          : { kind: 'regional-team-days', hospitalId: spec.find.hospitalId };
      const result = await findLeastCapacity(
        simulationInput(snapshot, scenario, spec, sources),
        policyByName(spec.policy, deps.policyOptions),
        {
          capacity,
          targetShare: spec.find.targetShare,
          maxUnits: spec.find.maxUnits,
          replications: spec.replications,
          onEvaluation: () => set({ evaluations: status.evaluations + 1 }),
        },
      );
      set({ state: 'done', result, finishedAt: clock().toISOString() });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      set({ state: 'failed', error: message.slice(0, 500), finishedAt: clock().toISOString() });
    }
  };

  return {
    async start(spec, createdBy) {
      const scenarios = await loadScenarios(spec);
      const runId = `run-${randomUUID()}`;
      const total = spec.scenarios.length * spec.policies.length * spec.replications;
      await insertRun(db, { id: runId, spec, scenarios, total, createdBy });
      enqueue(() => execute(runId, spec, scenarios, total));
      const status = await getRunStatus(db, runId);
      if (status === null) throw new NotFoundError(`run ${runId} not found`);
      return status;
    },
    async cancel(runId) {
      const status = await getRunStatus(db, runId);
      if (status === null) throw new NotFoundError(`run ${runId} not found`);
      if (status.state !== 'queued' && status.state !== 'running') return;
      cancelled.add(runId);
      await setRunState(db, runId, 'cancelled');
      progress(runId, 'cancelled', status.done, status.total);
    },
    async startInverse(spec: InverseSpec, _createdBy: string) {
      // The scenario must exist before the job is accepted (404 otherwise).
      await getScenario(db, spec.scenario.id, spec.scenario.version);
      const status: InverseStatus = {
        inverseId: `inv-${randomUUID()}`,
        spec,
        state: 'queued',
        evaluations: 0,
        createdAt: clock().toISOString(),
        finishedAt: null,
        error: null,
        result: null,
      };
      inverses.set(status.inverseId, status);
      enqueue(() => executeInverse(status));
      return { ...status };
    },
    inverseStatus(inverseId) {
      const s = inverses.get(inverseId);
      return Promise.resolve(s === undefined ? null : { ...s });
    },
    idle: () => chain,
  };
}
