// Storing region snapshots: an exact round trip, whole replacement, and imports that are rejected
// with field and row named while the stored snapshot stays as it was.
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors.ts';
import { loadSnapshot } from '../../src/db/load.ts';
import { readSnapshot, replaceSnapshot } from '../../src/db/snapshotRepo.ts';
import { RegionSnapshot } from '../../src/domain/snapshot.ts';
import { dbVariants, useDb } from '../helpers/db.ts';
import { smallSnapshot } from '../helpers/smallSnapshot.ts';

async function rejection(p: Promise<unknown>): Promise<ValidationError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ValidationError);
  return e as ValidationError;
}

/** The small snapshot with two bookings, ward beds, a bed override and lengths of stay. */
function withBookingsAndBeds(): RegionSnapshot {
  const s = smallSnapshot();
  const lund = s.waitingList.filter((p) => p.listingHospitalId === 'h-sus-lund' && p.status === 'waiting');
  return RegionSnapshot.parse({
    ...s,
    procedures: s.procedures.map((p, i) => (i === 2 ? p : { ...p, lengthOfStayDays: i + 2 })),
    wardBeds: [
      { hospitalId: 'h-sus-lund', weekday: 1, beds: 12 },
      { hospitalId: 'h-sus-lund', weekday: 6, beds: 0 },
    ],
    wardBedOverrides: [{ hospitalId: 'h-sus-lund', date: '2026-03-04', beds: 7 }],
    bookings: [
      {
        patientId: lund[0]!.id,
        hospitalId: 'h-sus-lund',
        theatreId: 'h-sus-lund-op2',
        date: '2026-03-03',
        startTime: '08:00',
      },
      {
        patientId: lund[1]!.id,
        hospitalId: 'h-sus-lund',
        theatreId: 'h-sus-lund-op2',
        date: '2026-03-03',
        startTime: '10:05',
      },
    ],
  });
}

for (const variant of dbVariants()) {
  describe.skipIf(variant.skipReason !== undefined)(variant.name, () => {
    const db = useDb(variant);

    it('reads null before any snapshot is loaded', async () => {
      expect(await readSnapshot(db())).toBeNull();
    });

    it('round-trips a snapshot exactly, array order and map key order included', async () => {
      const s = smallSnapshot();
      const { counts, ms } = await replaceSnapshot(db(), s);
      expect(counts.waiting_list).toBe(20);
      expect(counts.hospitals).toBe(3);
      expect(counts.priority_grid_groups).toBe(6);
      expect(ms).toBeGreaterThanOrEqual(0);
      const back = await readSnapshot(db());
      expect(back).toStrictEqual(RegionSnapshot.parse(s));
      expect(JSON.stringify(back)).toBe(JSON.stringify(s));
    });

    it('round-trips bookings, ward beds, bed overrides and lengths of stay', async () => {
      const s = withBookingsAndBeds();
      const { counts } = await replaceSnapshot(db(), s);
      expect(counts.bookings).toBe(2);
      expect(counts.ward_beds).toBe(2);
      expect(counts.ward_bed_overrides).toBe(1);
      const back = await readSnapshot(db());
      expect(back).toStrictEqual(s);
      expect(JSON.stringify(back)).toBe(JSON.stringify(s));
    });

    it('round-trips planning settings, operating-day overrides and must-treat dates (migration 014)', async () => {
      const s = smallSnapshot();
      s.planningSettings = { weights: { travelPointsPerKm: 0.3 }, rules: { guaranteeDays: 60 } };
      s.rosterOverrides.push({ ...s.rosterOverrides[0]!, date: '2026-03-07', operatingDay: true });
      s.waitingList[0]!.mustTreatBy = '2026-03-20';
      await replaceSnapshot(db(), s);
      const back = await readSnapshot(db());
      expect(back).toStrictEqual(RegionSnapshot.parse(s));
      expect(back?.planningSettings).toEqual(s.planningSettings);
      expect(back?.rosterOverrides.at(-1)?.operatingDay).toBe(true);
      expect(back?.rosterOverrides[0]?.operatingDay).toBeUndefined();
      expect(back?.waitingList[0]?.mustTreatBy).toBe('2026-03-20');
      expect(back?.waitingList[1]?.mustTreatBy).toBeUndefined();
    });

    it('replaces the previous snapshot whole', async () => {
      const { generator: _dropped, ...s } = smallSnapshot();
      const smaller: RegionSnapshot = {
        ...s,
        regionSet: { id: 'other', name: 'Annan' },
        waitingList: s.waitingList.slice(0, 3).toReversed(),
        closures: [],
      };
      await loadSnapshot(db(), smaller);
      const back = await readSnapshot(db());
      expect(back).toStrictEqual(smaller);
      const { rows } = await db().query<{ n: number }>('SELECT count(*) AS n FROM waiting_list');
      expect(rows[0]!.n).toBe(3);
    });

    describe('rejects bad input with field and row, and leaves the stored snapshot alone', () => {
      const cases: Array<[string, (s: RegionSnapshot) => void, string, number, RegExp]> = [
        [
          'a personnummer with a wrong check digit',
          (s) => {
            const p = s.waitingList[3]!;
            const last = Number(p.personnummer.slice(-1));
            p.personnummer = p.personnummer.slice(0, -1) + String((last + 1) % 10);
          },
          'waitingList[3].personnummer',
          4,
          /check digit/,
        ],
        [
          'a booking of an unknown patient',
          (s) => {
            s.bookings = withBookingsAndBeds().bookings;
            s.bookings[1]!.patientId = 'wl-9999';
          },
          'bookings[1].patientId',
          2,
          /unknown waiting-list patient "wl-9999"/,
        ],
        [
          'a booking in another hospital’s theatre',
          (s) => {
            s.bookings = withBookingsAndBeds().bookings;
            s.bookings[0]!.theatreId = 'h-vaxjo-op1';
          },
          'bookings[0].theatreId',
          1,
          /theatre belongs to "h-vaxjo"/,
        ],
        [
          'two ward-bed rows for one hospital and weekday',
          (s) => {
            s.wardBeds = [
              { hospitalId: 'h-sus-lund', weekday: 2, beds: 10 },
              { hospitalId: 'h-sus-lund', weekday: 2, beds: 12 },
            ];
          },
          'wardBeds[1].weekday',
          2,
          /duplicate of row 1/,
        ],
        [
          'an unknown procedure',
          (s) => {
            s.waitingList[5]!.procedureId = 'p-nope';
          },
          'waitingList[5].procedureId',
          6,
          /unknown procedure "p-nope"/,
        ],
        [
          'a negative turnoverMin',
          (s) => {
            s.procedures[1]!.turnoverMin = -5;
          },
          'procedures[1].turnoverMin',
          2,
          /.+/,
        ],
      ];
      it.each(cases)('%s', async (_title, spoil, field, row, message) => {
        await loadSnapshot(db(), smallSnapshot());
        const before = await readSnapshot(db());
        const bad = structuredClone(smallSnapshot());
        spoil(bad);
        const e = await rejection(loadSnapshot(db(), bad));
        expect(e.status).toBe(400);
        const issue = e.issues.find((i) => i.field === field);
        expect(issue, JSON.stringify(e.issues)).toBeDefined();
        expect(issue!.row).toBe(row);
        expect(issue!.message).toMatch(message);
        expect(e.message).toContain(field);
        expect(await readSnapshot(db())).toStrictEqual(before);
      });
    });

    it('rolls back a load that fails inside the database', async () => {
      await loadSnapshot(db(), smallSnapshot());
      const before = await readSnapshot(db());
      // replaceSnapshot trusts its (typed) input; a duplicate id breaks a primary key mid-load.
      const s = smallSnapshot();
      const broken = { ...s, regions: [...s.regions, s.regions[0]!] };
      await expect(replaceSnapshot(db(), broken)).rejects.toThrow();
      expect(await readSnapshot(db())).toStrictEqual(before);
    });
  });
}
