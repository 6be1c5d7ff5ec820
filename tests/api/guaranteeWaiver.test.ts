/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies are asserted structurally */
// Declining care elsewhere gives up the care guarantee for that referral: through the API, the
// patient leaves the past-guarantee counts (list, filter, summary, the next plan's KPIs) and is
// shown as waived; the PvV period starts on the snapshot date, not the server's clock. Declining at
// the own hospital waives nothing.
import { describe, expect, it } from 'vitest';
import { dbVariants } from '../helpers/db.ts';
import { useHarness, type Harness } from './harness.ts';
import { getPatient } from '../../src/waiting-list/patientRepo.ts';
import { readSnapshot } from '../../src/db/snapshotRepo.ts';
import { buildProblem } from '../../src/plans/buildProblem.ts';
import { evaluateKpis } from '../../solver/check/kpis.ts';
import { SMALL_AS_OF } from '../helpers/smallSnapshot.ts';

/** The server's clock: weeks after the snapshot date, so a PvV from "today" would show. */
const SERVER_NOW = new Date('2026-03-20T10:00:00Z');

/** A solved plan for 2026-W11, proposed (offers come from a proposed or published plan). */
async function proposedPlan(h: Harness): Promise<any> {
  const { planId } = await h.solvedPlan();
  const cur = (await h.call('planner', 'GET', `/api/plans/${planId}`)).json;
  const prop = await h.call('planner', 'POST', `/api/plans/${planId}/status`, {
    body: { status: 'proposed' },
    headers: { 'if-match': `"${cur.etag}"` },
  });
  if (prop.status !== 200) throw new Error(`propose: ${prop.status} ${prop.text}`);
  return (await h.call('planner', 'GET', `/api/plans/${planId}`)).json;
}

async function row(h: Harness, patientId: string): Promise<any> {
  const all = await h.call('planner', 'GET', '/api/waiting-list?limit=1000');
  return all.json.rows.find((r: any) => r.id === patientId);
}

async function pastFilterIds(h: Harness): Promise<string[]> {
  const r = await h.call('planner', 'GET', '/api/waiting-list?pastGuarantee=true&limit=1000');
  return r.json.rows.map((x: any) => x.id as string);
}

async function summaryCell(h: Harness, hospitalId: string, specialtyId: string): Promise<any> {
  const s = await h.call('planner', 'GET', '/api/waiting-list/summary');
  return s.json.rows.find((r: any) => r.hospitalId === hospitalId && r.specialtyId === specialtyId);
}

for (const variant of dbVariants()) {
  describe.skipIf(variant.skipReason !== undefined)(`guarantee waiver [${variant.name}]`, () => {
    const h = useHarness(variant, { clock: () => SERVER_NOW });

    it('declining care elsewhere: not past the guarantee any more, shown as waived, PvV from the snapshot date', async () => {
      // SUS Lund closed for the week: its patients who consent are offered care elsewhere.
      for (const date of ['2026-03-09', '2026-03-10', '2026-03-11', '2026-03-12', '2026-03-13']) {
        const c = await h().call('planner', 'POST', '/api/hospitals/h-sus-lund/closures', {
          body: { date, reason: 'Test: stängt' },
        });
        expect(c.status).toBe(201);
      }
      const plan = await proposedPlan(h());
      const planId = plan.id as number;
      const assignments = plan.result.assignments as {
        patientId: string;
        hospitalId: string;
        patient: { listingHospitalId: string };
      }[];
      // A patient moved to another hospital who is past the guarantee on the snapshot date.
      const before = await pastFilterIds(h());
      const moved = assignments.find(
        (a) => a.hospitalId !== a.patient.listingHospitalId && before.includes(a.patientId),
      );
      expect(
        moved,
        `a moved patient past the guarantee among ${JSON.stringify(assignments.map((a) => [a.patientId, a.hospitalId, a.patient.listingHospitalId]))}, past: ${before.join(',')}`,
      ).toBeDefined();
      const id = moved!.patientId;
      const listing = moved!.patient.listingHospitalId;
      const stored = await getPatient(h().db, id);
      const specialtyId = (await readSnapshot(h().db))!.procedures.find(
        (p) => p.id === stored!.procedureId,
      )!.specialtyId;

      const rowBefore = await row(h(), id);
      expect(rowBefore).toMatchObject({ pastGuarantee: true, guaranteeWaived: false });
      const cellBefore = await summaryCell(h(), listing, specialtyId);
      const kpisBefore = plan.result.kpis;

      const dec = await h().call('planner', 'POST', `/api/plans/${planId}/offers/${id}`, {
        body: { answer: 'declined' },
      });
      expect(dec.status).toBe(201);
      expect(dec.json).toMatchObject({ guaranteeWaived: true, elsewhere: true });
      // The plan's data is of SMALL_AS_OF; the server's clock says 2026-03-20.
      expect(dec.json.pvv.from).toBe(SMALL_AS_OF);
      const after = await getPatient(h().db, id);
      expect(after?.excludedPeriods.at(-1)).toMatchObject({ kind: 'PvV', from: SMALL_AS_OF });

      // The waiting list shows the row as waived, not past the guarantee (its days unchanged).
      const rowAfter = await row(h(), id);
      expect(rowAfter).toMatchObject({ pastGuarantee: false, guaranteeWaived: true });
      expect(rowAfter.guaranteeDays).toBe(rowBefore.guaranteeDays);
      // The filter and the summary no longer count it.
      const afterIds = await pastFilterIds(h());
      expect(afterIds).not.toContain(id);
      expect(afterIds).toHaveLength(before.length - 1);
      const cellAfter = await summaryCell(h(), listing, specialtyId);
      expect(cellAfter).toEqual({
        ...cellBefore,
        guaranteeWaived: cellBefore.guaranteeWaived + 1,
        pastGuarantee: cellBefore.pastGuarantee - 1,
      });

      // The problem built from the data carries the waiver, and the KPI does not count the patient.
      const snapshot = (await readSnapshot(h().db))!;
      expect(snapshot.guaranteeWaivers).toEqual([{ patientId: id, decisionDate: stored!.decisionDate }]);
      const problem = buildProblem(snapshot, { week: '2026-W11', leadDays: 0 });
      expect(problem.patients.find((p) => p.id === id)?.guaranteeWaived).toBe(true);
      const empty = { assignments: [], lists: [], teamPlacements: [], lentLists: [] };
      const withWaiver = evaluateKpis(problem, empty).pastGuaranteeAtEnd;
      const withoutWaiver = evaluateKpis(
        { ...problem, patients: problem.patients.map((p) => ({ ...p, guaranteeWaived: false })) },
        empty,
      ).pastGuaranteeAtEnd;
      expect(withWaiver).toBe(withoutWaiver - 1);
      // A new solve leaves the waived patient out of its past-guarantee explanations.
      const next = await h().solvedPlan();
      const nextPlan = (await h().call('planner', 'GET', `/api/plans/${next.planId}`)).json;
      expect(nextPlan.result.waitingPastGuarantee.map((w: any) => w.patientId)).not.toContain(id);
      expect(kpisBefore.pastGuaranteeAtEnd).toBeGreaterThan(0);

      // A new referral (another decision date) is under the guarantee again.
      await h().db.query(`UPDATE waiting_list SET decision_date = decision_date - 1 WHERE id = $1`, [id]);
      expect(await row(h(), id)).toMatchObject({ guaranteeWaived: false });
    });

    it('declining at the own hospital adds PvV only: no waiver', async () => {
      const plan = await proposedPlan(h());
      const planId = plan.id as number;
      const home = (plan.result.assignments as any[]).find(
        (a) => a.hospitalId === a.patient.listingHospitalId,
      );
      expect(home).toBeDefined();
      const dec = await h().call('planner', 'POST', `/api/plans/${planId}/offers/${home.patientId}`, {
        body: { answer: 'declined' },
      });
      expect(dec.status).toBe(201);
      expect(dec.json).toMatchObject({ guaranteeWaived: false, elsewhere: false });
      expect(await row(h(), home.patientId)).toMatchObject({ guaranteeWaived: false });
    });
  });
}
