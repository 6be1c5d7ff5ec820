// The inverse question as an API job: the least extra capacity of one kind that brings the share
// past the guarantee to a target (src/simulation/inverse.ts). One job = the whole bisection over
// one scenario version and one policy, with the same seed and replications for every candidate.
import { z } from 'zod';
import { Id } from '../../domain/snapshot.ts';
import type { InverseResult } from '../../simulation/inverse.ts';
import { PolicyName } from '../model.ts';
import { MAX_RUN_WEEKS, ScenarioRef, type RunState } from './contract.ts';

export const MAX_INVERSE_REPLICATIONS = 50;
export const MAX_INVERSE_UNITS = 100;

export const InverseSpec = z
  .object({
    find: z
      .object({
        kind: z.enum(['regional-team-days', 'extra-lists']),
        hospitalId: Id,
        specialtyId: Id.optional(),
        /** Share past the guarantee to reach in the last simulated week (0–1). */
        targetShare: z.number().min(0).max(1),
        maxUnits: z.number().int().min(1).max(MAX_INVERSE_UNITS),
      })
      .strict()
      .refine((f) => f.kind !== 'extra-lists' || f.specialtyId !== undefined, {
        message: 'extra-lists needs a specialtyId',
        path: ['specialtyId'],
      }),
    scenario: ScenarioRef,
    policy: PolicyName,
    replications: z.number().int().min(1).max(MAX_INVERSE_REPLICATIONS),
    weeks: z.number().int().min(1).max(MAX_RUN_WEEKS),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1),
  })
  .strict();
export type InverseSpec = z.infer<typeof InverseSpec>;

export interface InverseStatus {
  inverseId: string;
  spec: InverseSpec;
  state: RunState;
  /** Candidate capacities simulated so far (each with `replications` replications). */
  evaluations: number;
  createdAt: string;
  finishedAt: string | null;
  error: string | null;
  result: InverseResult | null;
}

export interface InverseExecutor {
  startInverse(spec: InverseSpec, createdBy: string): Promise<InverseStatus>;
  inverseStatus(inverseId: string): Promise<InverseStatus | null>;
}
