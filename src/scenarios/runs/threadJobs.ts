// What a persistent job thread (src/jobs/threadPool.ts) computes for scenario work, as plain data
// in and out: one replication of a run, or one inverse question. The run's pinned inputs (base
// snapshot, policy options, scenario documents) arrive once per thread under the run's key and are
// reused by the run's later jobs. The patient generator is passed in by the thread's composition
// root (src/cli/scenarioThread.ts).
import type { RegionSnapshot } from '../../domain/snapshot.ts';
import { findLeastCapacity, type CapacityKind, type InverseResult } from '../../simulation/inverse.ts';
import { policyByName, type PolicyOptions } from '../../simulation/policies.ts';
import type { PatientFactory, ReplicationResult } from '../../simulation/types.ts';
import type { JobServer } from '../../jobs/threadServe.ts';
import type { PolicyName, Scenario } from '../model.ts';
import { computeReplication } from './replicate.ts';
import type { InverseSpec } from './inverseSpec.ts';

/** Inputs pinned in a run (or an inverse question): sent to a thread once, kept under its key. */
export interface PinnedInputs {
  base: RegionSnapshot;
  policyOptions: PolicyOptions;
  scenarios: Scenario[];
}

export type ScenarioThreadJob =
  | {
      kind: 'replication';
      scenarioId: string;
      scenarioVersion: number;
      seed: number;
      weeks: number;
      policy: PolicyName;
      replication: number;
    }
  | { kind: 'inverse'; spec: InverseSpec };

/** Progress of an inverse job: candidate capacities simulated so far. */
export interface InverseProgress {
  evaluations: number;
}

function scenarioOf(pinned: PinnedInputs, id: string, version: number): Scenario {
  const s = pinned.scenarios.find((x) => x.id === id && x.version === version);
  if (s === undefined) throw new Error(`the pinned inputs have no scenario ${id}@${version}`);
  return s;
}

export function capacityOf(find: InverseSpec['find']): CapacityKind {
  return find.kind === 'extra-lists'
    ? { kind: 'extra-lists', hospitalId: find.hospitalId, specialtyId: find.specialtyId ?? '' }
    : { kind: 'regional-team-days', hospitalId: find.hospitalId };
}

export function scenarioJobServer(
  patientFactory: (snapshot: RegionSnapshot) => PatientFactory,
): JobServer<PinnedInputs> {
  return {
    prepare: (pinned) => pinned as PinnedInputs,
    async run(pinned, raw, progress): Promise<ReplicationResult | InverseResult> {
      const job = raw as ScenarioThreadJob;
      if (job.kind === 'replication')
        return computeReplication(
          {
            base: pinned.base,
            scenario: scenarioOf(pinned, job.scenarioId, job.scenarioVersion),
            seed: job.seed,
            weeks: job.weeks,
            policy: job.policy,
            policyOptions: pinned.policyOptions,
            replication: job.replication,
          },
          patientFactory,
        );
      const { spec } = job;
      let evaluations = 0;
      return findLeastCapacity(
        {
          base: pinned.base,
          scenario: scenarioOf(pinned, spec.scenario.id, spec.scenario.version),
          seed: spec.seed,
          weeks: spec.weeks,
          patientFactory: patientFactory(pinned.base),
        },
        policyByName(spec.policy, pinned.policyOptions),
        {
          capacity: capacityOf(spec.find),
          targetShare: spec.find.targetShare,
          maxUnits: spec.find.maxUnits,
          replications: spec.replications,
          onEvaluation: () => progress({ evaluations: ++evaluations } satisfies InverseProgress),
        },
      );
    },
  };
}
