// The planners' waiting-list view: filters, paging with a stable order, sorting, and a precise
// error for a bad query.
import { beforeAll, describe, expect, it } from 'vitest';
import { listWaiting } from '../../src/waiting-list/repo.ts';
import { replaceSnapshot } from '../../src/db/snapshotRepo.ts';
import { ValidationError } from '../../src/errors.ts';
import { dbVariants, useDb } from '../helpers/db.ts';
import { smallSnapshot } from '../helpers/smallSnapshot.ts';

const snapshot = smallSnapshot();
const specialtyOf = new Map(snapshot.procedures.map((p) => [p.id, p.specialtyId]));

for (const variant of dbVariants()) {
  describe.skipIf(variant.skipReason !== undefined)(variant.name, () => {
    const db = useDb(variant);
    beforeAll(async () => {
      await replaceSnapshot(db(), snapshot);
    });

    it('returns everything in snapshot order without filters', async () => {
      const page = await listWaiting(db(), { limit: 100 });
      expect(page.total).toBe(20);
      expect(page.rows).toStrictEqual(snapshot.waitingList);
    });

    it('filters by hospital, specialty, priority group and status together', async () => {
      const expected = snapshot.waitingList.filter(
        (p) =>
          p.listingHospitalId === 'h-sus-lund' &&
          specialtyOf.get(p.procedureId) === 'ortho' &&
          p.priorityGroup === 'A' &&
          p.status === 'waiting',
      );
      expect(expected.length).toBeGreaterThan(0);
      const page = await listWaiting(db(), {
        hospitalId: 'h-sus-lund',
        specialtyId: 'ortho',
        priorityGroup: 'A',
        status: 'waiting',
        limit: 50,
      });
      expect(page.rows.map((r) => r.id)).toEqual(expected.map((p) => p.id));
      expect(page.total).toBe(expected.length);
    });

    it('filters by each criterion alone', async () => {
      for (const [filter, keep] of [
        [
          { hospitalId: 'h-vaxjo' },
          (p: (typeof snapshot.waitingList)[number]) => p.listingHospitalId === 'h-vaxjo',
        ],
        [
          { specialtyId: 'gensurg' },
          (p: (typeof snapshot.waitingList)[number]) => p.procedureId === 'p-chole',
        ],
        [{ priorityGroup: 'C' }, (p: (typeof snapshot.waitingList)[number]) => p.priorityGroup === 'C'],
        [
          { status: 'scheduled' as const },
          (p: (typeof snapshot.waitingList)[number]) => p.status === 'scheduled',
        ],
      ] as const) {
        const page = await listWaiting(db(), { ...filter, limit: 100 });
        expect(
          page.rows.map((r) => r.id),
          JSON.stringify(filter),
        ).toEqual(snapshot.waitingList.filter(keep).map((p) => p.id));
      }
    });

    it('pages without gaps or overlaps and reports the total on every page', async () => {
      const seen: string[] = [];
      for (let offset = 0; offset < 20; offset += 6) {
        const page = await listWaiting(db(), { limit: 6, offset, sort: '-medicalTargetDate' });
        expect(page.total).toBe(20);
        seen.push(...page.rows.map((r) => r.id));
      }
      expect(seen).toHaveLength(20);
      expect(new Set(seen).size).toBe(20);
      const expected = snapshot.waitingList
        .toSorted((a, b) =>
          a.medicalTargetDate === b.medicalTargetDate
            ? b.id.localeCompare(a.id)
            : b.medicalTargetDate.localeCompare(a.medicalTargetDate),
        )
        .map((p) => p.id);
      expect(seen).toEqual(expected);
    });

    it('reports the total for a page past the end', async () => {
      const page = await listWaiting(db(), { hospitalId: 'h-vaxjo', limit: 10, offset: 500 });
      expect(page.rows).toEqual([]);
      expect(page.total).toBe(snapshot.waitingList.filter((p) => p.listingHospitalId === 'h-vaxjo').length);
    });

    it('rejects a bad query naming the field', async () => {
      const e = await listWaiting(db(), { limit: 0, sort: 'name' as never }).catch((err: unknown) => err);
      expect(e).toBeInstanceOf(ValidationError);
      const fields = (e as ValidationError).issues.map((i) => i.field);
      expect(fields).toEqual(expect.arrayContaining(['query.limit', 'query.sort']));
    });
  });
}
