// The API's waiting-list read (readWaitingListPage: page + audit row in one statement, JSON rows,
// cached totals) answers exactly what the plain repository read does, for every filter, sort and
// page; the past-guarantee filter matches the domain's guaranteeDays; every read writes its audit
// row; and a cached total follows every kind of write to the list or the snapshot.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  listWaiting,
  readWaitingListPage,
  type ListAuditRow,
  type WaitingListPageQuery,
} from '../../src/waiting-list/repo.ts';
import { replaceSnapshot } from '../../src/db/snapshotRepo.ts';
import { recordDecline, setPatientStatus, upsertPatients } from '../../src/waiting-list/patientRepo.ts';
import { queryAudit } from '../../src/audit/repo.ts';
import { WaitingListEntry } from '../../src/domain/snapshot.ts';
import { CARE_GUARANTEE_DAYS, guaranteeDays } from '../../src/domain/careGuarantee.ts';
import { addDays } from '../../src/calendar/isoWeek.ts';
import { dbVariants, useDb } from '../helpers/db.ts';
import { SMALL_AS_OF, smallSnapshot } from '../helpers/smallSnapshot.ts';

const snapshot = smallSnapshot();
const D = (n: number): string => addDays(SMALL_AS_OF, n);
const audit = (details: Record<string, unknown> = {}): ListAuditRow => ({
  at: new Date('2026-03-02T08:00:00Z'),
  userId: 'u-test',
  role: 'planner',
  action: 'patient.list',
  hospitalId: undefined,
  details,
});
const q = (x: Partial<WaitingListPageQuery> = {}): WaitingListPageQuery => ({
  limit: 100,
  offset: 0,
  limitDays: CARE_GUARANTEE_DAYS,
  ...x,
});

/** Extra patients past, or just inside, the guarantee, with overlapping and open-ended periods. */
const base = snapshot.waitingList[0] as WaitingListEntry;
const extra: WaitingListEntry[] = (
  [
    { ...base, id: 'x-91', decisionDate: D(-91), excludedPeriods: [] },
    { ...base, id: 'x-90', decisionDate: D(-90), excludedPeriods: [] },
    {
      ...base,
      id: 'x-overlap',
      decisionDate: D(-100),
      excludedPeriods: [
        { kind: 'PvV', from: D(-95), to: D(-88) },
        { kind: 'MoV', from: D(-90), to: D(-87) },
      ],
    },
    {
      ...base,
      id: 'x-future',
      decisionDate: D(-100),
      excludedPeriods: [{ kind: 'SoV', from: D(-5), to: D(30) }],
    },
    {
      ...base,
      id: 'x-within',
      decisionDate: D(-100),
      excludedPeriods: [{ kind: 'PvV', from: D(-20), to: D(-10) }],
    },
  ] as WaitingListEntry[]
).map((p) => ({ ...p, earliestDate: p.decisionDate, status: 'waiting' as const }));

for (const variant of dbVariants()) {
  describe.skipIf(variant.skipReason !== undefined)(variant.name, () => {
    const db = useDb(variant);
    beforeAll(async () => {
      await replaceSnapshot(db(), { ...snapshot, waitingList: [...snapshot.waitingList, ...extra] });
    });

    it('returns the rows and total of the plain read for every filter, sort and page', async () => {
      const filters = [
        {},
        { hospitalId: 'h-vaxjo' },
        { specialtyId: 'ortho' },
        { priorityGroup: 'A' },
        { status: 'waiting' as const },
        { hospitalId: 'h-sus-lund', specialtyId: 'ortho', status: 'waiting' as const },
        { hospitalId: 'h-nowhere' },
      ];
      const sorts = [
        'ord',
        'id',
        '-decisionDate',
        'medicalTargetDate',
        '-earliestDate',
        'priorityGroup',
        '-asaClass',
      ] as const;
      for (const f of filters) {
        for (const sort of sorts) {
          for (const [limit, offset] of [
            [100, 0],
            [3, 2],
            [5, 500],
          ] as const) {
            const want = await listWaiting(db(), { ...f, sort, limit, offset });
            const got = await readWaitingListPage(db(), q({ ...f, sort, limit, offset }), audit());
            const label = JSON.stringify({ ...f, sort, limit, offset });
            expect(got.rows, label).toStrictEqual(want.rows);
            expect(got.total, label).toBe(want.total);
            expect(got.asOfDate).toBe(SMALL_AS_OF);
            for (const r of got.rows) expect(WaitingListEntry.parse(r)).toStrictEqual(r);
          }
        }
      }
    });

    it('pastGuarantee: waiting patients with more than 90 guarantee days, in snapshot order', async () => {
      const all = await listWaiting(db(), { status: 'waiting', limit: 1000 });
      const past = all.rows.filter(
        (p) => guaranteeDays(p.decisionDate, SMALL_AS_OF, p.excludedPeriods) > CARE_GUARANTEE_DAYS,
      );
      expect(past.map((p) => p.id)).toEqual(expect.arrayContaining(['x-91', 'x-overlap', 'x-future']));
      expect(past.map((p) => p.id)).not.toEqual(expect.arrayContaining(['x-90']));
      expect(past.map((p) => p.id)).not.toEqual(expect.arrayContaining(['x-within']));
      const got = await readWaitingListPage(db(), q({ pastGuarantee: true }), audit());
      expect(got.rows).toStrictEqual(past);
      expect(got.total).toBe(past.length);
      // status and sort do not apply to this filter (as before: snapshot order, waiting only).
      const paged = await readWaitingListPage(
        db(),
        q({ pastGuarantee: true, status: 'removed', sort: '-id', limit: 2, offset: 1 }),
        audit(),
      );
      expect(paged.rows).toStrictEqual(past.slice(1, 3));
      const vx = await readWaitingListPage(db(), q({ pastGuarantee: true, hospitalId: 'h-vaxjo' }), audit());
      expect(vx.rows).toStrictEqual(past.filter((p) => p.listingHospitalId === 'h-vaxjo'));
    });

    it('writes one audit row per read with the ids returned, in page order', async () => {
      const before = (await queryAudit(db(), { userId: 'u-audit', limit: 1, offset: 0 })).total;
      const who = { ...audit({ filter: { limit: 3 } }), userId: 'u-audit', hospitalId: 'h-vaxjo' };
      const three = await readWaitingListPage(db(), q({ limit: 3, sort: '-id' }), who);
      const one = await readWaitingListPage(db(), q({ limit: 1, offset: 4 }), who);
      const none = await readWaitingListPage(db(), q({ offset: 10_000 }), who);
      expect(none.rows).toEqual([]);
      const rows = (await queryAudit(db(), { userId: 'u-audit', limit: 10, offset: 0 })).rows;
      expect(rows).toHaveLength(before + 3);
      const byIds = (ids: string[] | undefined) =>
        rows.find((r) => JSON.stringify(r.details.patientIds) === JSON.stringify(ids));
      expect(byIds(three.rows.map((r) => r.id))).toMatchObject({
        action: 'patient.list',
        role: 'planner',
        hospitalId: 'h-vaxjo',
        patientId: undefined,
        details: { filter: { limit: 3 } },
      });
      expect(byIds(one.rows.map((r) => r.id))?.patientId).toBe(one.rows[0]?.id);
      expect(byIds(undefined)?.details).toEqual({ filter: { limit: 3 } });
    });

    it('a cached total follows every write: insert, status, decline, raw SQL, snapshot reload', async () => {
      const total = async (x: Partial<WaitingListPageQuery> = {}): Promise<number> =>
        (await readWaitingListPage(db(), q(x), audit())).total;
      const plain = async (x: Parameters<typeof listWaiting>[1]): Promise<number> =>
        (await listWaiting(db(), x)).total;
      const n0 = await total();
      const w0 = await total({ status: 'waiting' });
      const p0 = await total({ pastGuarantee: true });
      await db().transaction((tx) =>
        upsertPatients(
          tx,
          [
            {
              ...base,
              id: 'x-new',
              decisionDate: D(-200),
              earliestDate: D(-200),
              status: 'waiting',
              excludedPeriods: [],
            },
          ],
          [],
        ),
      );
      expect(await total()).toBe(n0 + 1);
      expect(await total({ status: 'waiting' })).toBe(w0 + 1);
      expect(await total({ pastGuarantee: true })).toBe(p0 + 1);
      await db().transaction((tx) => setPatientStatus(tx, 'x-new', 'scheduled'));
      expect(await total({ status: 'waiting' })).toBe(w0);
      expect(await total({ pastGuarantee: true })).toBe(p0);
      // x-91 declines: a PvV period from today on does not lower days already counted...
      await db().transaction((tx) => recordDecline(tx, 'x-91', { from: D(0), to: D(10) }));
      expect(await total({ pastGuarantee: true })).toBe(p0);
      // ...but a period back in its wait does (written by hand: the trigger sees any writer).
      await db().query(
        `UPDATE waiting_list SET excluded_periods = '[{"kind":"MoV","from":"${D(-50)}","to":"${D(-40)}"}]' WHERE id = 'x-91'`,
      );
      expect(await total({ pastGuarantee: true })).toBe(p0 - 1);
      expect(await total({ status: 'waiting' })).toBe(await plain({ status: 'waiting', limit: 1 }));
      // A new snapshot date moves every guarantee count.
      await replaceSnapshot(db(), { ...snapshot, asOfDate: addDays(SMALL_AS_OF, 400) });
      const later = await listWaiting(db(), { status: 'waiting', limit: 1000 });
      expect(await total({ pastGuarantee: true })).toBe(
        later.rows.filter(
          (p) => guaranteeDays(p.decisionDate, addDays(SMALL_AS_OF, 400), p.excludedPeriods) > 90,
        ).length,
      );
      expect(await total()).toBe(snapshot.waitingList.length);
    });

    it('a writer with another search_path (an operator in psql) still bumps the version', async () => {
      const version = async (): Promise<number> =>
        Number((await db().query<{ v: number }>('SELECT version AS v FROM waiting_list_version')).rows[0]?.v);
      const table = `"${db().schema ?? 'public'}".waiting_list`;
      const before = await version();
      await db().transaction(async (tx) => {
        await tx.query('SET LOCAL search_path TO pg_catalog');
        await tx.query(`UPDATE ${table} SET given_name = given_name || '' WHERE id = $1`, [base.id]);
      });
      expect(await version()).toBe(before + 1);
    });

    // PostgreSQL only: PGlite has no JIT setting (`SHOW jit` is a server feature), so the PGlite variant skips.
    it.skipIf(variant.name !== 'postgres')('runs without JIT compilation (short statements)', async () => {
      expect((await db().query<{ jit: string }>('SHOW jit')).rows[0]?.jit).toBe('off');
    });
  });
}
