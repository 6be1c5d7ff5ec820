// One replication as a pure computation: what a job thread runs, given everything it needs as
// plain data. The patient generator is passed in by the thread's composition root.
import type { RegionSnapshot } from '../../domain/snapshot.ts';
import { runReplication } from '../../simulation/engine.ts';
import { policyByName, type PolicyOptions } from '../../simulation/policies.ts';
import type { PatientFactory, ReplicationResult } from '../../simulation/types.ts';
import type { PolicyName, Scenario } from '../model.ts';

export interface ReplicationInput {
  base: RegionSnapshot;
  scenario: Scenario;
  seed: number;
  weeks: number;
  policy: PolicyName;
  policyOptions: PolicyOptions;
  replication: number;
}

export function computeReplication(
  input: ReplicationInput,
  patientFactory: (snapshot: RegionSnapshot) => PatientFactory,
): Promise<ReplicationResult> {
  return runReplication(
    {
      base: input.base,
      scenario: input.scenario,
      seed: input.seed,
      weeks: input.weeks,
      patientFactory: patientFactory(input.base),
    },
    policyByName(input.policy, input.policyOptions),
    input.replication,
  );
}
