// The problem cache shares one build between concurrent callers of the same options (a planner
// opening a plan warms it; the first edit waits on that build), and says which snapshot version
// the problem was built from.
import { beforeAll, describe, expect, it } from 'vitest';
import { replaceSnapshot } from '../../src/db/snapshotRepo.ts';
import { snapshotFingerprint } from '../../src/db/snapshotVersion.ts';
import { insertClosure } from '../../src/capacity/repo.ts';
import { createProblemCache } from '../../src/plans/problemCache.ts';
import type { PlanRequest } from '../../src/plans/repo.ts';
import { isoWeekDates } from '../../src/calendar/isoWeek.ts';
import { dbVariants, useDb } from '../helpers/db.ts';
import { smallSnapshot } from '../helpers/smallSnapshot.ts';

const WEEK = '2026-W13';
const request = (over: Partial<PlanRequest> = {}): PlanRequest => ({
  week: WEEK,
  weeks: 1,
  pins: [],
  excludedPatientIds: [],
  ...over,
});

for (const variant of dbVariants()) {
  describe.skipIf(variant.skipReason !== undefined)(variant.name, () => {
    const db = useDb(variant);
    const snapshot = smallSnapshot();
    beforeAll(async () => {
      await replaceSnapshot(db(), snapshot);
    });

    it('a warm-up and concurrent calls share one build', async () => {
      const cache = createProblemCache(db());
      cache.warm(request());
      const [a, b] = await Promise.all([
        cache.problemFor(request()),
        cache.problemFor(request({ excludedPatientIds: [snapshot.waitingList[0]?.id as string] })),
      ]);
      expect(b.patients).toBe(a.patients);
      expect(b.excludedPatientIds).toHaveLength(1);
    });

    it('names the snapshot version it was built from, and a change gives a new one', async () => {
      const cache = createProblemCache(db());
      const first = await cache.versioned(request());
      expect(first.fingerprint).toBe(await snapshotFingerprint(db()));
      const hospitalId = snapshot.hospitals[0]?.id as string;
      await db().transaction((tx) =>
        insertClosure(tx, { hospitalId, date: isoWeekDates(WEEK)[3] as string, reason: 'version test' }),
      );
      const second = await cache.versioned(request());
      expect(second.fingerprint).not.toBe(first.fingerprint);
      expect(second.problem.patients).not.toBe(first.problem.patients);
    });
  });
}
