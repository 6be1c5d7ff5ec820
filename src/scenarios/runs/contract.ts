// Scenario runs (issue 14): the contract between the scenario API, the dashboard and whatever
// executes replications (the job queue's workers). A run is scenarios × policies × replications;
// one replication of one scenario under one policy is the unit of work and of storage.
import { z } from 'zod';
import { Id } from '../../domain/snapshot.ts';
import { PolicyName } from '../model.ts';

export const MAX_RUN_REPLICATIONS = 200;
export const MAX_RUN_WEEKS = 104;
export const MAX_RUN_SCENARIOS = 8;

export const ScenarioRef = z.object({ id: Id, version: z.number().int().positive() }).strict();
export type ScenarioRef = z.infer<typeof ScenarioRef>;

/** What an analyst asks for. Same seed for every scenario and policy: common random numbers. */
export const RunSpec = z
  .object({
    scenarios: z.array(ScenarioRef).min(1).max(MAX_RUN_SCENARIOS),
    policies: z.array(PolicyName).min(1).max(2),
    replications: z.number().int().min(1).max(MAX_RUN_REPLICATIONS),
    weeks: z.number().int().min(1).max(MAX_RUN_WEEKS),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1),
  })
  .strict()
  .refine((s) => new Set(s.scenarios.map((x) => `${x.id}@${x.version}`)).size === s.scenarios.length, {
    message: 'a scenario version is listed twice',
    path: ['scenarios'],
  })
  .refine((s) => new Set(s.policies).size === s.policies.length, {
    message: 'a policy is listed twice',
    path: ['policies'],
  });
export type RunSpec = z.infer<typeof RunSpec>;

export const RunState = z.enum(['queued', 'running', 'done', 'failed', 'cancelled']);
export type RunState = z.infer<typeof RunState>;

export const RunStatus = z
  .object({
    runId: z.string(),
    spec: RunSpec,
    state: RunState,
    /** Replications in the run: scenarios × policies × replications. */
    total: z.number().int().positive(),
    done: z.number().int().min(0),
    /** Seconds until done, from the mean time per finished replication; null before the first. */
    etaSeconds: z.number().min(0).nullable(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
    error: z.string().nullable(),
  })
  .strict();
export type RunStatus = z.infer<typeof RunStatus>;

/** One unit of work: replication `replication` of one scenario version under one policy. */
export interface ReplicationKey {
  runId: string;
  scenarioId: string;
  scenarioVersion: number;
  policy: PolicyName;
  replication: number;
}

/**
 * Executes runs. The service has one; the scenario API only talks to this interface.
 * `start` stores the run (state queued) and its scenario documents, and arranges for every
 * replication to be computed and stored exactly once.
 */
export interface RunExecutor {
  start(spec: RunSpec, createdBy: string): Promise<RunStatus>;
  cancel(runId: string): Promise<void>;
}
