// The planning problem of a plan's request, kept between edits and decisions: reading the region
// snapshot and building the problem took about half of an edit on the Södra seed. An entry is
// valid while the snapshot's fingerprint (src/db/snapshotVersion.ts) is unchanged; pins and
// exclusions are the plan's own and are applied per call, so every version of a plan (and every
// plan of the same week and options) shares one entry. Kept here in the service, not in the
// repository: the repository only answers what the data is now.
//
// Concurrent callers of one key share one build (a planner opening an editable plan warms the
// entry in the background, and the first edit waits on that build instead of starting another).
import type { Db } from '../db/db.ts';
import { readSnapshot } from '../db/snapshotRepo.ts';
import { snapshotFingerprint } from '../db/snapshotVersion.ts';
import { ConflictError } from '../errors.ts';
import type { PlanningProblem } from '../../solver/model/problem.ts';
import { buildProblem } from './buildProblem.ts';
import type { PlanRequest } from './repo.ts';

interface Entry {
  fingerprint: string;
  problem: Promise<PlanningProblem>;
}

export interface VersionedProblem {
  problem: PlanningProblem;
  /** The snapshot fingerprint the problem was built from: equal fingerprints, equal data. */
  fingerprint: string;
}

export interface ProblemCache {
  /** The problem of `request` on the current snapshot, with the request's pins and exclusions. */
  problemFor(request: PlanRequest): Promise<PlanningProblem>;
  /** The same, with the snapshot fingerprint it was built from. */
  versioned(request: PlanRequest): Promise<VersionedProblem>;
  /** Build the entry of `request` ahead of its first use; errors are left to that use. */
  warm(request: PlanRequest): void;
}

export function createProblemCache(db: Db, maxEntries = 2): ProblemCache {
  const entries = new Map<string, Entry>();
  async function versioned(request: PlanRequest): Promise<VersionedProblem> {
    const { pins, excludedPatientIds, ...options } = request;
    const key = JSON.stringify(options);
    // Read before the snapshot: a change in between makes the next call miss, never hit stale.
    const fingerprint = await snapshotFingerprint(db);
    let entry = entries.get(key);
    if (entry === undefined || entry.fingerprint !== fingerprint) {
      const built = (async () => {
        const snapshot = await readSnapshot(db);
        if (snapshot === null) throw new ConflictError('no region snapshot loaded');
        return buildProblem(snapshot, { ...options, pins: [], excludedPatientIds: [] });
      })();
      const fresh: Entry = { fingerprint, problem: built };
      entry = fresh;
      // A failed build is not kept: the next call tries again.
      built.catch(() => {
        if (entries.get(key) === fresh) entries.delete(key);
      });
    }
    entries.delete(key);
    entries.set(key, entry);
    for (const old of entries.keys()) {
      if (entries.size <= maxEntries) break;
      entries.delete(old);
    }
    return { problem: { ...(await entry.problem), pins, excludedPatientIds }, fingerprint };
  }
  return {
    versioned,
    problemFor: async (request) => (await versioned(request)).problem,
    warm(request) {
      versioned(request).catch(() => undefined);
    },
  };
}
