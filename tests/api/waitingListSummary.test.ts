// GET /api/waiting-list/summary: counts per hospital x specialty computed in SQL, checked against
// the domain's guaranteeDays over the full list and against the list's pastGuarantee filter, on
// the boundaries (90 / 91 days, overlapping excluded periods, a period running past the snapshot
// date, monitoring and scheduled cases); every role sees the region, and nothing is audited.
import { describe, expect, it } from 'vitest';
import { dbVariants } from '../helpers/db.ts';
import { SMALL_AS_OF } from '../helpers/smallSnapshot.ts';
import { PERSONNUMMER_RE, useHarness, USERS, type UserKey } from './harness.ts';
import { makePersonnummer } from '../../src/domain/personnummer.ts';
import { CARE_GUARANTEE_DAYS, guaranteeDays } from '../../src/domain/careGuarantee.ts';
import { addDays } from '../../src/calendar/isoWeek.ts';
import { queryAudit } from '../../src/audit/repo.ts';

const D = (n: number): string => addDays(SMALL_AS_OF, n);

/** Imported at Hässleholm (ortho, p-knee): each row sits on one side of a rule's boundary. */
const EDGE_ROWS = [
  // 91 guarantee days: past. 90: within.
  { id: 'edge-91', decisionDate: D(-91) },
  { id: 'edge-90', decisionDate: D(-90) },
  // 100 days minus overlapping periods of 8 and 4 days sharing 3: 9 excluded -> 91, past
  // (counting the overlap twice would give 88).
  {
    id: 'edge-overlap',
    decisionDate: D(-100),
    excludedPeriods: [
      { kind: 'PvV', from: D(-95), to: D(-88) },
      { kind: 'MoV', from: D(-90), to: D(-87) },
    ],
  },
  // A period running past the snapshot date excludes only the days before it: 100 - 5 = 95, past.
  { id: 'edge-future', decisionDate: D(-100), excludedPeriods: [{ kind: 'SoV', from: D(-5), to: D(30) }] },
  // 100 - 11 = 89: within.
  { id: 'edge-within', decisionDate: D(-100), excludedPeriods: [{ kind: 'PvV', from: D(-20), to: D(-10) }] },
  // Medical target yesterday: late; today: not yet.
  { id: 'edge-target-late', decisionDate: D(-10), medicalTargetDate: D(-1) },
  { id: 'edge-target-today', decisionDate: D(-10), medicalTargetDate: D(0) },
  // Not on the waiting statistics: a monitoring case and a scheduled one, both long past.
  { id: 'edge-bevakning', decisionDate: D(-200), category: 'bevakning' },
  { id: 'edge-scheduled', decisionDate: D(-200), status: 'scheduled' },
];

const importBody = EDGE_ROWS.map((r, i) => ({
  personnummer: makePersonnummer('1955-04-0' + String((i % 9) + 1), 400 + i, SMALL_AS_OF),
  givenName: 'Kant',
  familyName: 'Fall',
  homeRegionId: 'r-skane',
  homePlaceId: 'pl-malmo',
  procedureId: 'p-knee',
  priorityGroup: 'C',
  medicalTargetDate: D(60),
  asaClass: 2,
  earliestDate: r.decisionDate,
  consentElsewhere: true,
  maxTravelKm: 100,
  ...r,
}));

interface Cell {
  hospitalId: string;
  specialtyId: string;
  waiting: number;
  guaranteeWaived: number;
  pastGuarantee: number;
  pastTarget: number;
}

for (const variant of dbVariants()) {
  describe.skipIf(variant.skipReason !== undefined)(`waiting-list summary [${variant.name}]`, () => {
    const h = useHarness(variant);

    /** The summary recomputed from the full list with the domain's own rule. */
    async function expected(): Promise<Cell[]> {
      const procs = (await h().call('planner', 'GET', '/api/procedures')).json as {
        id: string;
        specialtyId: string;
      }[];
      const specOf = new Map(procs.map((p) => [p.id, p.specialtyId]));
      const list = (await h().call('planner', 'GET', '/api/waiting-list?limit=1000')).json;
      expect(list.total).toBeLessThanOrEqual(1000);
      const cells = new Map<string, Cell>();
      for (const r of list.rows) {
        if (r.status !== 'waiting' || r.category !== 'elektiv') continue;
        const key = `${r.listingHospitalId}|${specOf.get(r.procedureId)}`;
        const c = cells.get(key) ?? {
          hospitalId: r.listingHospitalId,
          specialtyId: specOf.get(r.procedureId) as string,
          waiting: 0,
          guaranteeWaived: 0,
          pastGuarantee: 0,
          pastTarget: 0,
        };
        c.waiting += 1;
        // A waived guarantee (declined care elsewhere) is outside the guarantee statistics.
        if (r.guaranteeWaived === true) c.guaranteeWaived += 1;
        else if (guaranteeDays(r.decisionDate, list.asOfDate, r.excludedPeriods) > CARE_GUARANTEE_DAYS)
          c.pastGuarantee += 1;
        if (r.medicalTargetDate < list.asOfDate) c.pastTarget += 1;
        cells.set(key, c);
      }
      return [...cells.values()].toSorted((a, b) =>
        a.hospitalId === b.hospitalId
          ? a.specialtyId < b.specialtyId
            ? -1
            : 1
          : a.hospitalId < b.hospitalId
            ? -1
            : 1,
      );
    }

    const hassleholmOrtho = (s: { rows: Cell[] }): Cell | undefined =>
      s.rows.find((c) => c.hospitalId === 'h-hassleholm' && c.specialtyId === 'ortho');

    it('counts per hospital and specialty as the domain rule does over the whole list', async () => {
      const r = await h().call('planner', 'GET', '/api/waiting-list/summary');
      expect(r.status).toBe(200);
      expect(r.json.asOfDate).toBe(SMALL_AS_OF);
      expect(r.json.limitDays).toBe(90);
      expect(r.json.rows.length).toBeGreaterThan(1);
      expect(r.json.rows).toEqual(await expected());
    });

    it('gets each boundary right: 90/91 days, overlapping and future excluded periods, target date, monitoring and scheduled cases', async () => {
      const before = hassleholmOrtho((await h().call('planner', 'GET', '/api/waiting-list/summary')).json);
      const imp = await h().call('planner', 'POST', '/api/hospitals/h-hassleholm/waiting-list/import', {
        body: importBody,
      });
      expect(imp.json).toMatchObject({ new: EDGE_ROWS.length });
      const after = (await h().call('planner', 'GET', '/api/waiting-list/summary')).json;
      const cell = hassleholmOrtho(after);
      // 7 on the statistics (not the monitoring or the scheduled case); past: 91, overlap, future.
      expect(cell).toMatchObject({
        waiting: (before?.waiting ?? 0) + 7,
        pastGuarantee: (before?.pastGuarantee ?? 0) + 3,
        pastTarget: (before?.pastTarget ?? 0) + 1,
      });
      expect(after.rows).toEqual(await expected());
    });

    it('agrees with the list filter pastGuarantee=true for every cell (monitoring cases aside)', async () => {
      const s = (await h().call('planner', 'GET', '/api/waiting-list/summary')).json;
      for (const c of s.rows as Cell[]) {
        const l = await h().call(
          'planner',
          'GET',
          `/api/waiting-list?hospitalId=${c.hospitalId}&specialtyId=${c.specialtyId}&pastGuarantee=true&limit=1000`,
        );
        const elective = l.json.rows.filter((r: { category: string }) => r.category === 'elektiv');
        expect(elective.length, `${c.hospitalId} ${c.specialtyId}`).toBe(c.pastGuarantee);
      }
    });

    it('gives every role the same region-wide counts, without patient data, and writes no audit row', async () => {
      const n = async (): Promise<number> => (await queryAudit(h().db, { limit: 1, offset: 0 })).total;
      const auditBefore = await n();
      const bodies = await Promise.all(
        (Object.keys(USERS) as UserKey[]).map(async (u) => {
          const r = await h().call(u, 'GET', '/api/waiting-list/summary');
          expect(r.status, u).toBe(200);
          expect(r.text).not.toMatch(PERSONNUMMER_RE);
          return r.text;
        }),
      );
      expect(new Set(bodies).size).toBe(1);
      // A coordinator sees other hospitals' counts too (aggregates, docs/api.md).
      const hospitals = new Set(JSON.parse(bodies[0] as string).rows.map((c: Cell) => c.hospitalId));
      expect(hospitals).toEqual(new Set(['h-sus-lund', 'h-hassleholm', 'h-vaxjo']));
      expect(await n()).toBe(auditBefore);
      expect((await h().call(undefined, 'GET', '/api/waiting-list/summary')).status).toBe(401);
    });

    it('is described in the OpenAPI document with its response schema', async () => {
      const doc = (await h().call(undefined, 'GET', '/api/openapi.json')).json;
      const op = doc.paths['/api/waiting-list/summary']?.get;
      expect(op).toBeDefined();
      const schema = op.responses['200'].content['application/json'].schema;
      expect(JSON.stringify(schema)).toMatch(/pastGuarantee/);
    });
  });
}
