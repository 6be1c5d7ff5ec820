// What a replication needs besides its key: the base snapshot and the arrivals' patient generator.
// Both are injected by the composition root (src/cli): the service reads the database's snapshot,
// and the generator of synthetic patients lives with the seed, which src/ must not import.
import type { RegionSnapshot } from '../../domain/snapshot.ts';
import type { PatientFactory } from '../../simulation/types.ts';

export interface SimulationSources {
  /** The base snapshot of a run (in the service: the database's current snapshot). */
  loadSnapshot(): Promise<RegionSnapshot>;
  /** The generator of arriving patients for a snapshot. */
  patientFactory(snapshot: RegionSnapshot): PatientFactory;
}
