// The plan service's problem cache (src/plans/problemCache.ts) on every database variant: a second
// request with the same options is served from the cache whatever its pins and exclusions; any
// committed change to the snapshot's data (a closure through the capacity repository, a raw update
// of the waiting list, a deleted roster override) makes the next call build the problem afresh
// from the changed data.
import { beforeAll, describe, expect, it } from 'vitest';
import { replaceSnapshot } from '../../src/db/snapshotRepo.ts';
import { snapshotFingerprint } from '../../src/db/snapshotVersion.ts';
import { insertClosure } from '../../src/capacity/repo.ts';
import { createProblemCache } from '../../src/plans/problemCache.ts';
import type { PlanRequest } from '../../src/plans/repo.ts';
import { epochDay, isoWeekDates } from '../../src/calendar/isoWeek.ts';
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

    it('keeps the fingerprint while nothing changes and changes it on every kind of write', async () => {
      const a = await snapshotFingerprint(db());
      expect(await snapshotFingerprint(db())).toBe(a);
      const hospitalId = snapshot.hospitals[0]?.id as string;
      await db().transaction((tx) =>
        insertClosure(tx, { hospitalId, date: isoWeekDates(WEEK)[2] as string, reason: 'test' }),
      );
      const b = await snapshotFingerprint(db());
      expect(b).not.toBe(a);
      await db().query('DELETE FROM closures WHERE reason = $1', ['test']);
      const c = await snapshotFingerprint(db());
      expect(c).not.toBe(b);
      await db().query('UPDATE waiting_list SET priority_group = priority_group WHERE id = $1', [
        snapshot.waitingList[0]?.id as string,
      ]);
      expect(await snapshotFingerprint(db())).not.toBe(c);
    });

    it('serves the same options from the cache with each call’s own pins and exclusions', async () => {
      const cache = createProblemCache(db());
      const first = await cache.problemFor(request());
      const patient = snapshot.waitingList[0]?.id as string;
      const second = await cache.problemFor(request({ excludedPatientIds: [patient] }));
      expect(second.patients).toBe(first.patients);
      expect(second.excludedPatientIds).toEqual([patient]);
      expect(first.excludedPatientIds).toEqual([]);
      const other = await cache.problemFor(request({ weeks: 2 }));
      expect(other.patients).not.toBe(first.patients);
      expect(other.dates.length).toBeGreaterThan(first.dates.length);
    });

    it('builds afresh after a change, and the fresh problem shows the change', async () => {
      const cache = createProblemCache(db());
      const before = await cache.problemFor(request());
      const hospitalId = before.hospitalDays.find((h) => h.openTheatreIds.length > 0)?.hospitalId as string;
      const day = before.hospitalDays.find((h) => h.hospitalId === hospitalId)?.day as number;
      const date = isoWeekDates(WEEK).find((d) => epochDay(d) === day) as string;
      await db().transaction((tx) => insertClosure(tx, { hospitalId, date, reason: 'cache test' }));
      const after = await cache.problemFor(request());
      expect(after.patients).not.toBe(before.patients);
      const open = (p: typeof before) =>
        p.hospitalDays.filter(
          (h) => h.hospitalId === hospitalId && h.day === day && h.openTheatreIds.length > 0,
        );
      expect(open(before).length).toBeGreaterThan(0);
      expect(open(after)).toEqual([]);
    });
  });
}
