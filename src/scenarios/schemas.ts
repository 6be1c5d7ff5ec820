// zod schemas of the scenario API's boundary: params, queries, bodies and responses. The scenario
// document itself is src/scenarios/model.ts; a run's spec and status are runs/contract.ts.
import { z } from 'zod';
import { Id } from '../domain/snapshot.ts';
import { RunState, RunStatus } from './runs/contract.ts';
import { InverseSpec } from './runs/inverseSpec.ts';

export const ScenarioIdParams = z.object({ id: Id }).strict();
export const RunIdParams = z.object({ runId: Id }).strict();
export const InverseIdParams = z.object({ inverseId: Id }).strict();
export const VersionQuery = z
  .object({ version: z.coerce.number().int('expected an integer').min(1).max(1_000_000).optional() })
  .strict();

/**
 * A scenario document: a JSON object, or the text of a scenario file (text/plain). Parsed by the
 * service with the scenario schema, so errors name the field (`changes[2].factor`).
 */
export const ScenarioBody = z.union([z.string().max(2_000_000), z.record(z.string(), z.unknown())]);

export const ScenarioSummaryResponse = z.object({ id: z.string(), name: z.string(), version: z.number() });
export const ScenarioListResponse = z.array(ScenarioSummaryResponse);
export const ScenarioVersionsResponse = z.array(
  z.object({ version: z.number(), name: z.string(), createdAt: z.string() }),
);
export const RunStatusResponse = RunStatus;
export const RunListResponse = z.array(RunStatus);

const EstimateOut = z.object({
  mean: z.number().nullable(),
  lo: z.number().nullable(),
  hi: z.number().nullable(),
});
const ScenarioLabel = z.object({ id: z.string(), version: z.number(), name: z.string() });

/** One paired comparison per week: a − b per replication, mean and 95 % interval. */
export const ComparisonWeek = z.object({
  week: z.number(),
  isoWeek: z.string(),
  waiting: EstimateOut,
  pastGuarantee: EstimateOut,
  pastGuaranteeShare: EstimateOut,
});
export const Comparison = z.object({
  kind: z.enum(['scenario', 'policy']),
  /** The minuend: this scenario (and policy). */
  scenario: ScenarioLabel,
  policy: z.string(),
  /** The subtrahend: the first scenario of the run (kind scenario) or the same scenario. */
  versus: ScenarioLabel,
  versusPolicy: z.string(),
  /** Replications present in both (paired by replication number). */
  replications: z.number(),
  weeks: z.array(ComparisonWeek),
});
export type Comparison = z.infer<typeof Comparison>;

export const ResultsResponse = z.object({
  run: RunStatus,
  /** True while the run is still computing (or ended early): figures cover the replications stored. */
  partial: z.boolean(),
  scenarios: z.array(ScenarioLabel),
  /** Per scenario the simulation report (built from the stored replications), policies inside. */
  reports: z.array(z.object({ scenario: ScenarioLabel, report: z.record(z.string(), z.unknown()) })),
  comparisons: z.array(Comparison),
});

export const InverseBody = InverseSpec;
export const InverseStatusResponse = z.object({
  inverseId: z.string(),
  spec: InverseSpec,
  state: RunState,
  evaluations: z.number(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
  result: z.record(z.string(), z.unknown()).nullable(),
});
