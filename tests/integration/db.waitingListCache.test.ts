// The waiting list's page cache and its group-committed audit rows (commit 5fe155d), on every
// database variant:
//  - logListReadIfCurrent writes a read's audit row exactly when its data version is the current
//    one (and says so), for many concurrent callers in one statement, with the row as given; a
//    version bump makes the old version write nothing; a failing statement rejects every caller in
//    it, writes none of their rows, and does not stop later calls;
//  - listWaitingForRole, over random interleavings of reads (roles, hospitals, filters) and writes
//    (raw SQL on the list, the snapshot date and the procedures, inserts through the repository),
//    returns exactly the JSON of an uncached read made right after it, writes exactly one audit row
//    per read naming the ids it returned, serves a page from the cache only when nothing was
//    written since it was cached under that role, hospital and filter, and re-reads otherwise;
//  - reads of a cached page racing a write each return the page before or after it, never a
//    page the audit log does not name;
//  - a cached planner page is never served to an analyst.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db, QueryResult, SqlParam } from '../../src/db/db.ts';
import { logListReadIfCurrent, type WaitingListSort } from '../../src/waiting-list/repo.ts';
import {
  listWaitingForRole,
  type WaitingListFilter,
  type WaitingListResponse,
} from '../../src/waiting-list/service.ts';
import { replaceSnapshot } from '../../src/db/snapshotRepo.ts';
import { upsertPatients } from '../../src/waiting-list/patientRepo.ts';
import { queryAudit, type AuditEntry, type AuditRow } from '../../src/audit/repo.ts';
import { createAuditor } from '../../src/auth/audit.ts';
import type { Principal } from '../../src/auth/roles.ts';
import { pseudonym, seesPseudonymised } from '../../src/auth/scoping.ts';
import { ForbiddenError } from '../../src/errors.ts';
import type { PatientStatus, WaitingListEntry } from '../../src/domain/snapshot.ts';
import { addDays } from '../../src/calendar/isoWeek.ts';
import { dbVariants, useDb } from '../helpers/db.ts';
import { SMALL_AS_OF, smallSnapshot } from '../helpers/smallSnapshot.ts';

/** The real ids behind the ids a reader was shown (pseudonymised readers see keyed pseudonyms). */
async function realIds(db: Db, who: Principal, shown: readonly string[]): Promise<string[]> {
  if (!seesPseudonymised(who)) return [...shown];
  const { rows } = await db.query<{ id: string }>('SELECT id FROM waiting_list');
  const back = new Map(rows.map((r) => [pseudonym(who.role, r.id), r.id]));
  return shown.map((x) => back.get(x) ?? x);
}

const snapshot = smallSnapshot();
const HOSPITALS = ['h-sus-lund', 'h-hassleholm', 'h-vaxjo'] as const;
const PROCEDURES = ['p-hip', 'p-knee', 'p-chole'] as const;
const AT = new Date('2026-03-02T09:00:00.000Z');
const auditor = createAuditor(() => AT);

/** The group-commit statement of logListReadIfCurrent (the only one that reads a jsonb recordset). */
const isGroupCommit = (sql: string): boolean => sql.includes('jsonb_to_recordset');

/** A second `Db` object over the same database that records every statement run through it. */
function counting(base: Db): { db: Db; statements: string[] } {
  const statements: string[] = [];
  const db: Db = {
    ...base,
    query: <T = Record<string, unknown>>(
      sql: string,
      params?: readonly SqlParam[],
    ): Promise<QueryResult<T>> => {
      statements.push(sql);
      return base.query<T>(sql, params);
    },
  };
  return { db, statements };
}

async function currentVersion(db: Db): Promise<number> {
  const { rows } = await db.query<{ version: number }>('SELECT version FROM waiting_list_version');
  const v = rows[0]?.version;
  if (typeof v !== 'number') throw new Error(`waiting_list_version: ${String(v)}`);
  return v;
}

async function auditOf(db: Db, userId: string): Promise<AuditRow[]> {
  return (await queryAudit(db, { userId, limit: 1000, offset: 0 })).rows;
}

type Cmd =
  | { kind: 'read'; who: number; filter: number }
  | { kind: 'again' }
  | { kind: 'givenName'; patient: number; name: string }
  | { kind: 'decisionDate'; patient: number; daysAgo: number }
  | { kind: 'status'; patient: number; status: PatientStatus }
  | { kind: 'excluded'; patient: number; fromDaysAgo: number; length: number }
  | { kind: 'insert'; like: number; hospital: number; daysAgo: number }
  | { kind: 'asOf'; days: number }
  | { kind: 'specialty'; procedure: number }
  | { kind: 'unrelated'; hospital: number };

const PRINCIPALS: readonly Omit<Principal, 'userId'>[] = [
  { role: 'planner', hospitalId: undefined },
  { role: 'analyst', hospitalId: undefined },
  ...HOSPITALS.map((h) => ({ role: 'coordinator' as const, hospitalId: h })),
];

/** A page size and offset plus at most two of the other filters, so that most pages have rows. */
const filterArb: fc.Arbitrary<WaitingListFilter> = fc
  .tuple(
    fc.record({
      hospitalId: fc.constantFrom<string>(...HOSPITALS),
      specialtyId: fc.constantFrom('ortho', 'gensurg'),
      status: fc.constantFrom<PatientStatus>('waiting', 'scheduled'),
      pastGuarantee: fc.constant(true),
      sort: fc.constantFrom<WaitingListSort>('ord', 'id', '-decisionDate', 'medicalTargetDate', '-asaClass'),
    }),
    fc.subarray(['hospitalId', 'specialtyId', 'status', 'pastGuarantee', 'sort'] as const, { maxLength: 2 }),
    fc.integer({ min: 1, max: 25 }),
    fc.integer({ min: 0, max: 6 }),
  )
  .map(([values, keys, limit, offset]) => {
    const f: WaitingListFilter = { limit, offset };
    for (const k of keys) Object.assign(f, { [k]: values[k] });
    return f;
  });

/** A patient: one shown on the last page read when there is one (so writes tend to be visible). */
const patientIdx = fc.nat({ max: 1000 });
const cmdArb: fc.Arbitrary<Cmd> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('read' as const),
      who: fc.integer({ min: 0, max: PRINCIPALS.length - 1 }),
      filter: fc.nat(),
    }),
  },
  { weight: 4, arbitrary: fc.constant({ kind: 'again' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('givenName' as const),
      patient: patientIdx,
      name: fc.constantFrom('Astrid', 'Östen', 'Ülla', 'Bo'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('decisionDate' as const),
      patient: patientIdx,
      daysAgo: fc.integer({ min: 0, max: 400 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('status' as const),
      patient: patientIdx,
      status: fc.constantFrom<PatientStatus>('waiting', 'scheduled', 'treated', 'removed'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('excluded' as const),
      patient: patientIdx,
      fromDaysAgo: fc.integer({ min: 0, max: 300 }),
      length: fc.integer({ min: 0, max: 60 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('insert' as const),
      like: fc.integer({ min: 0, max: snapshot.waitingList.length - 1 }),
      hospital: fc.integer({ min: 0, max: HOSPITALS.length - 1 }),
      daysAgo: fc.integer({ min: 0, max: 300 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('asOf' as const), days: fc.integer({ min: -60, max: 200 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('specialty' as const),
      procedure: fc.integer({ min: 0, max: PROCEDURES.length - 1 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('unrelated' as const),
      hospital: fc.integer({ min: 0, max: HOSPITALS.length - 1 }),
    }),
  },
);

for (const variant of dbVariants()) {
  describe.skipIf(variant.skipReason !== undefined)(variant.name, () => {
    const db = useDb(variant);
    beforeAll(async () => {
      await replaceSnapshot(db(), snapshot);
    });

    const entry = (userId: string, i: number, over: Partial<AuditEntry> = {}): AuditEntry => ({
      at: new Date(AT.getTime() + i * 1000),
      userId,
      role: (['planner', 'analyst', 'coordinator'] as const)[i % 3],
      action: 'patient.list',
      patientId: i % 4 === 0 ? `wl-${String((i % 20) + 1).padStart(4, '0')}` : undefined,
      hospitalId: i % 2 === 0 ? HOSPITALS[i % 3] : undefined,
      details: {
        n: i,
        filter: { limit: i + 1, offset: 0 },
        ...(i % 5 === 0 ? { patientIds: ['a', 'b'] } : {}),
      },
      ...over,
    });
    const asRow = (e: AuditEntry): Omit<AuditRow, 'id'> => ({
      at: e.at.toISOString(),
      userId: e.userId,
      role: e.role,
      action: e.action,
      patientId: e.patientId,
      hospitalId: e.hospitalId,
      details: e.details,
    });

    it('logListReadIfCurrent: of 40 concurrent calls, exactly those under the current version are written, in one statement', async () => {
      const v = await currentVersion(db());
      const { db: c, statements } = counting(db());
      const user = 'u-group-1';
      // Current, one behind, one ahead: only the current version may be written.
      const calls = Array.from({ length: 40 }, (_, i) => ({
        version: [v, v - 1, v, v + 1, v][i % 5] as number,
        e: entry(user, i),
      }));
      const results = await Promise.all(calls.map((x) => logListReadIfCurrent(c, x.version, x.e)));
      expect(results).toEqual(calls.map((x) => x.version === v));
      expect(results.filter(Boolean).length).toBeGreaterThan(0);
      expect(results.some((r) => !r)).toBe(true);
      // Made in one turn of the event loop: one statement carries them all.
      expect(statements).toHaveLength(1);
      expect(isGroupCommit(statements[0] ?? '')).toBe(true);
      const rows = await auditOf(db(), user);
      expect(rows.map(({ id: _id, ...r }) => r)).toEqual(
        calls.filter((x) => x.version === v).map((x) => asRow(x.e)),
      );
      // Audit rows are no write to the list: the version (and so every cached page) stays valid.
      expect(await currentVersion(db())).toBe(v);
    });

    it('logListReadIfCurrent: after a write to the list the old version writes nothing and says so', async () => {
      const v = await currentVersion(db());
      const user = 'u-group-2';
      expect(await logListReadIfCurrent(db(), v, entry(user, 1))).toBe(true);
      await db().query(`UPDATE waiting_list SET given_name = given_name WHERE id = 'wl-0001'`);
      const v2 = await currentVersion(db());
      expect(v2).not.toBe(v);
      const [old, cur, old2] = await Promise.all([
        logListReadIfCurrent(db(), v, entry(user, 2)),
        logListReadIfCurrent(db(), v2, entry(user, 3)),
        logListReadIfCurrent(db(), v, entry(user, 4)),
      ]);
      expect([old, cur, old2]).toEqual([false, true, false]);
      // Writes to region_set and procedures move the version too, even ones that change no value.
      await db().query(`UPDATE region_set SET as_of_date = as_of_date`);
      const v3 = await currentVersion(db());
      expect(v3).not.toBe(v2);
      expect(await logListReadIfCurrent(db(), v2, entry(user, 5))).toBe(false);
      await db().query(`UPDATE procedures SET specialty_id = specialty_id WHERE id = 'p-hip'`);
      expect(await logListReadIfCurrent(db(), v3, entry(user, 6))).toBe(false);
      const rows = await auditOf(db(), user);
      expect(rows.map((r) => r.details.n)).toEqual([1, 3]);
    });

    it('logListReadIfCurrent: calls queued while a statement runs go together into the next one', async () => {
      const v = await currentVersion(db());
      const { db: c, statements } = counting(db());
      const user = 'u-group-3';
      const first = logListReadIfCurrent(c, v, entry(user, 0));
      // The write starts on setImmediate; these are queued after it has started (or finished).
      await new Promise((resolve) => setImmediate(resolve));
      const later = Array.from({ length: 10 }, (_, i) =>
        logListReadIfCurrent(c, i % 2 === 0 ? v : v - 1, entry(user, i + 1)),
      );
      expect(await first).toBe(true);
      expect(await Promise.all(later)).toEqual(later.map((_, i) => i % 2 === 0));
      expect(statements).toHaveLength(2);
      expect(statements.every(isGroupCommit)).toBe(true);
      expect((await auditOf(db(), user)).map((r) => r.details.n)).toEqual([0, 1, 3, 5, 7, 9]);
    });

    it('logListReadIfCurrent: a failing statement rejects every caller in it and writes none of their rows', async () => {
      const v = await currentVersion(db());
      const user = 'u-group-4';
      // audit_log.action is NOT NULL: one bad row makes the whole statement fail.
      const bad = entry(user, 0, { action: null as unknown as string });
      const settled = await Promise.allSettled([
        logListReadIfCurrent(db(), v, entry(user, 1)),
        logListReadIfCurrent(db(), v, bad),
        logListReadIfCurrent(db(), v - 1, entry(user, 2)),
        logListReadIfCurrent(db(), v, entry(user, 3)),
      ]);
      expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
      expect(await auditOf(db(), user)).toEqual([]);
      // The queue is not stuck: the next calls are written as usual.
      expect(
        await Promise.all([
          logListReadIfCurrent(db(), v, entry(user, 4)),
          logListReadIfCurrent(db(), v, entry(user, 5)),
        ]),
      ).toEqual([true, true]);
      expect((await auditOf(db(), user)).map((r) => r.details.n)).toEqual([4, 5]);
    });

    it('listWaitingForRole: every read equals an uncached read made right after it, with its own audit row', async () => {
      let reads = 0;
      let hitsWithRows = 0;
      let staleRereads = 0;
      let inserted = 0;
      const base = db();
      await fc.assert(
        fc.asyncProperty(
          fc.array(filterArb, { minLength: 1, maxLength: 3 }),
          fc.array(cmdArb, { minLength: 6, maxLength: 14 }),
          async (filters, cmds) => {
            await replaceSnapshot(base, snapshot);
            // A fresh Db object per run: its own page cache and group-commit queue.
            const { db: cached, statements } = counting(base);
            /** Per cache key: the data version the last read of that key ran under. */
            const servedUnder = new Map<string, number>();
            let last: { who: number; filter: number } | undefined;
            let lastIds: string[] = [];
            for (const cmd of cmds) {
              if (cmd.kind === 'read' || cmd.kind === 'again') {
                const pick = cmd.kind === 'read' ? cmd : (last ?? { who: 0, filter: 0 });
                last = pick;
                const p = PRINCIPALS[pick.who] as Omit<Principal, 'userId'>;
                const f = filters[pick.filter % filters.length] as WaitingListFilter;
                const n = ++reads;
                const who: Principal = { ...p, userId: `u-read-${n}` };
                if (p.role === 'coordinator' && f.hospitalId !== undefined && f.hospitalId !== p.hospitalId) {
                  await expect(listWaitingForRole(cached, auditor, who, f)).rejects.toThrow(ForbiddenError);
                  expect(await auditOf(base, who.userId)).toEqual([]);
                  continue;
                }
                const key = JSON.stringify([p.role, p.hospitalId, f]);
                const version = await currentVersion(base);
                const before = statements.length;
                const got = (await listWaitingForRole(cached, auditor, who, f)).json;
                const issued = statements.slice(before);

                // The oracle: a fresh Db object has no cached pages (the cache is a WeakMap keyed by
                // the Db object), so this is always a full read.
                const fresh = counting(base);
                const want = (
                  await listWaitingForRole(fresh.db, auditor, { ...who, userId: `u-oracle-${n}` }, f)
                ).json;
                expect(fresh.statements.some(isGroupCommit)).toBe(false);
                expect(got).toBe(want);
                const body = JSON.parse(got) as WaitingListResponse;
                // The audit row names the real patients; a pseudonymised reader is shown keyed
                // pseudonyms of them (ADR 0013), so map those back through the table's ids.
                const ids = await realIds(
                  base,
                  who,
                  body.rows.map((r) => r.id),
                );

                // Served from the cache exactly when the same view was read under this version.
                const prev = servedUnder.get(key);
                if (prev === version) {
                  expect(issued).toHaveLength(1);
                  expect(isGroupCommit(issued[0] ?? '')).toBe(true);
                  if (ids.length > 0) hitsWithRows++;
                } else if (prev !== undefined) {
                  expect(isGroupCommit(issued[0] ?? '')).toBe(true);
                  expect(issued.length).toBeGreaterThan(1);
                  staleRereads++;
                } else {
                  expect(issued.some(isGroupCommit)).toBe(false);
                }
                servedUnder.set(key, version);
                if (ids.length > 0) lastIds = ids;

                // One audit row for this read, naming exactly the rows it returned.
                expect(await auditOf(base, who.userId)).toEqual([
                  {
                    id: expect.any(Number),
                    at: AT.toISOString(),
                    userId: who.userId,
                    role: p.role,
                    action: 'patient.list',
                    patientId: ids.length === 1 ? ids[0] : undefined,
                    hospitalId: p.role === 'coordinator' ? p.hospitalId : f.hospitalId,
                    details: { filter: f, ...(ids.length > 0 ? { patientIds: ids } : {}) },
                  },
                ]);
                continue;
              }
              const pid = (i: number): string =>
                lastIds[i % lastIds.length] ??
                (snapshot.waitingList[i % snapshot.waitingList.length] as WaitingListEntry).id;
              switch (cmd.kind) {
                case 'givenName':
                  await base.query('UPDATE waiting_list SET given_name = $1 WHERE id = $2', [
                    cmd.name,
                    pid(cmd.patient),
                  ]);
                  break;
                case 'decisionDate':
                  await base.query('UPDATE waiting_list SET decision_date = $1::date WHERE id = $2', [
                    addDays(SMALL_AS_OF, -cmd.daysAgo),
                    pid(cmd.patient),
                  ]);
                  break;
                case 'status':
                  await base.query('UPDATE waiting_list SET status = $1 WHERE id = $2', [
                    cmd.status,
                    pid(cmd.patient),
                  ]);
                  break;
                case 'excluded': {
                  const from = addDays(SMALL_AS_OF, -cmd.fromDaysAgo);
                  const periods = [{ kind: 'PvV', from, to: addDays(from, cmd.length) }];
                  await base.query('UPDATE waiting_list SET excluded_periods = $1::jsonb WHERE id = $2', [
                    JSON.stringify(periods),
                    pid(cmd.patient),
                  ]);
                  break;
                }
                case 'insert': {
                  const like = snapshot.waitingList[cmd.like] as WaitingListEntry;
                  const decisionDate = addDays(SMALL_AS_OF, -cmd.daysAgo);
                  const p: WaitingListEntry = {
                    ...like,
                    id: `ins-${++inserted}`,
                    listingHospitalId: HOSPITALS[cmd.hospital] as string,
                    decisionDate,
                    earliestDate: decisionDate,
                    status: 'waiting',
                  };
                  await base.transaction((tx) => upsertPatients(tx, [p], []));
                  break;
                }
                case 'asOf':
                  await base.query('UPDATE region_set SET as_of_date = $1::date', [
                    addDays(SMALL_AS_OF, cmd.days),
                  ]);
                  break;
                case 'specialty':
                  // The procedure moves to the other specialty (a filter by specialty sees it).
                  await base.query(
                    `UPDATE procedures SET specialty_id = CASE specialty_id WHEN 'ortho' THEN 'gensurg' ELSE 'ortho' END
                     WHERE id = $1`,
                    [PROCEDURES[cmd.procedure] as string],
                  );
                  break;
                case 'unrelated':
                  // Not a table the page depends on: cached pages stay valid.
                  await base.query(`UPDATE hospitals SET name = name || '.' WHERE id = $1`, [
                    HOSPITALS[cmd.hospital] as string,
                  ]);
                  break;
              }
            }
          },
        ),
        { numRuns: 25 },
      );
      // The property exercised both cache paths (a hit on a page with rows, a stale entry re-read),
      // not only fresh reads.
      expect(hitsWithRows).toBeGreaterThan(0);
      expect(staleRereads).toBeGreaterThan(0);
      await replaceSnapshot(base, snapshot);
    });

    it('concurrent reads of a cached page around a write: each returns the page before or after it, audited as returned', async () => {
      await replaceSnapshot(db(), snapshot);
      const { db: c } = counting(db());
      const f: WaitingListFilter = { status: 'waiting', limit: 5, offset: 0 };
      const planner = (userId: string): Principal => ({ userId, role: 'planner', hospitalId: undefined });
      const oracle = async (): Promise<string> =>
        (await listWaitingForRole({ ...db() }, auditor, planner('u-conc-oracle'), f)).json;
      const before = (await listWaitingForRole(c, auditor, planner('u-conc-warm'), f)).json;
      expect(before).toBe(await oracle());
      const target = (JSON.parse(before) as WaitingListResponse).rows[0]?.id;
      if (target === undefined) throw new Error('no waiting patient on the first page');
      const batch = (tag: string, k: number): Promise<{ userId: string; json: string }>[] =>
        Array.from({ length: k }, async (_, i) => {
          const userId = `u-conc-${tag}-${i}`;
          return { userId, json: (await listWaitingForRole(c, auditor, planner(userId), f)).json };
        });
      // The patient leaves the waiting list while reads of its page are on their way.
      const early = batch('a', 20);
      // The audit statement of `early` starts on setImmediate: write once it has, and read on.
      await new Promise((resolve) => setImmediate(resolve));
      const write = db().query(`UPDATE waiting_list SET status = 'removed' WHERE id = $1`, [target]);
      const late = batch('b', 20);
      const results = await Promise.all([...early, write.then(() => undefined), ...late]);
      const after = await oracle();
      expect(after).not.toBe(before);
      expect(JSON.parse(after).rows.map((r: { id: string }) => r.id)).not.toContain(target);
      for (const r of results) {
        if (r === undefined) continue;
        expect([before, after]).toContain(r.json);
        const ids = (JSON.parse(r.json) as WaitingListResponse).rows.map((x) => x.id);
        const rows = await auditOf(db(), r.userId);
        expect(rows).toHaveLength(1);
        expect(rows[0]?.details.patientIds).toEqual(ids);
      }
      // Reads started after the write committed see it.
      for (const r of await Promise.all(batch('c', 10))) expect(r.json).toBe(after);
      await replaceSnapshot(db(), snapshot);
    });

    it("an analyst's read right after a planner's identical read is pseudonymised (the role is in the key)", async () => {
      const { db: c } = counting(db());
      const filters: WaitingListFilter[] = [
        { limit: 100, offset: 0 },
        { hospitalId: 'h-vaxjo', limit: 5, offset: 0 },
        { specialtyId: 'ortho', sort: '-decisionDate', limit: 10, offset: 2 },
        { pastGuarantee: true, limit: 50, offset: 0 },
      ];
      for (const f of filters) {
        const planner: Principal = { userId: 'u-planner', role: 'planner', hospitalId: undefined };
        const analyst: Principal = { userId: 'u-analyst', role: 'analyst', hospitalId: undefined };
        const p1 = (await listWaitingForRole(c, auditor, planner, f)).json;
        const p2 = (await listWaitingForRole(c, auditor, planner, f)).json;
        expect(p2).toBe(p1);
        const full = JSON.parse(p1) as WaitingListResponse;
        expect(full.rows.length, JSON.stringify(f)).toBeGreaterThan(0);
        expect(p1).toContain('"personnummer"');
        const a = (await listWaitingForRole(c, auditor, analyst, f)).json;
        for (const field of ['personnummer', 'givenName', 'familyName'])
          expect(a).not.toContain(`"${field}"`);
        for (const r of full.rows) {
          if (r.view !== 'full') throw new Error('planner row not full');
          expect(a).not.toContain(r.personnummer);
        }
        const pseudo = JSON.parse(a) as WaitingListResponse;
        expect(pseudo.rows.map((r) => r.view)).toEqual(full.rows.map(() => 'pseudonymised'));
        expect(pseudo.rows.map((r) => r.id)).toEqual(full.rows.map((r) => pseudonym('analyst', r.id)));
        expect(pseudo.total).toBe(full.total);
        // And the other way round: a planner after the analyst's cached page still gets names.
        expect((await listWaitingForRole(c, auditor, analyst, f)).json).toBe(a);
        expect((await listWaitingForRole(c, auditor, planner, f)).json).toBe(p1);
      }
    });
  });
}
