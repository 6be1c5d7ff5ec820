// The planning problem of a plan's request, kept between edits and decisions: reading the region
// snapshot and building the problem took about half of an edit on the Södra seed. An entry is
// valid while the snapshot's fingerprint (src/db/snapshotVersion.ts) is unchanged; pins and
// exclusions are the plan's own and are applied per call, so every version of a plan (and every
// plan of the same week and options) shares one entry. Kept here in the service, not in the
// repository: the repository only answers what the data is now.
import type { Db } from '../db/db.ts';
import { readSnapshot } from '../db/snapshotRepo.ts';
import { snapshotFingerprint } from '../db/snapshotVersion.ts';
import { ConflictError } from '../errors.ts';
import type { PlanningProblem } from '../../solver/model/problem.ts';
import { buildProblem } from './buildProblem.ts';
import type { PlanRequest } from './repo.ts';

interface Entry {
  fingerprint: string;
  problem: PlanningProblem;
}

export interface ProblemCache {
  /** The problem of `request` on the current snapshot, with the request's pins and exclusions. */
  problemFor(request: PlanRequest): Promise<PlanningProblem>;
}

export function createProblemCache(db: Db, maxEntries = 2): ProblemCache {
  const entries = new Map<string, Entry>();
  return {
    async problemFor(request) {
      const { pins, excludedPatientIds, ...options } = request;
      const key = JSON.stringify(options);
      // Read before the snapshot: a change in between makes the next call miss, never hit stale.
      const fingerprint = await snapshotFingerprint(db);
      let entry = entries.get(key);
      if (entry === undefined || entry.fingerprint !== fingerprint) {
        const snapshot = await readSnapshot(db);
        if (snapshot === null) throw new ConflictError('no region snapshot loaded');
        entry = {
          fingerprint,
          problem: buildProblem(snapshot, { ...options, pins: [], excludedPatientIds: [] }),
        };
      }
      entries.delete(key);
      entries.set(key, entry);
      for (const old of entries.keys()) {
        if (entries.size <= maxEntries) break;
        entries.delete(old);
      }
      return { ...entry.problem, pins, excludedPatientIds };
    },
  };
}
