/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies are asserted structurally */
// No patient-id oracle across hospitals (issue 12): a coordinator who answers an offer for another
// hospital's patient gets exactly what an unknown id gets (status, problem shape, wording, audit
// row); an import that names another hospital's patient id is refused naming row and field but
// neither the hospital nor the patient.
import { describe, expect, it } from 'vitest';
import { dbVariants } from '../helpers/db.ts';
import { useHarness, type Harness, type Reply } from './harness.ts';

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

/** The problem body with the one id that differs between two calls masked. */
const shape = (r: Reply, id: string): unknown => ({
  status: r.status,
  contentType: r.headers.get('content-type'),
  keys: Object.keys(r.json).sort(),
  type: r.json.type,
  title: r.json.title,
  code: r.json.code,
  detail: String(r.json.detail).replaceAll(id, '<id>'),
});

const deniedRows = async (h: Harness, path: string): Promise<number> => {
  const { rows } = await h.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM audit_log WHERE action = 'access.denied' AND user_id = 'u-vaxjo'
       AND details ->> 'path' = $1`,
    [path],
  );
  return rows[0]?.n ?? 0;
};

const IMPORT_HEADER =
  'id,personnummer,givenName,familyName,homeRegionId,homePlaceId,procedureId,decisionDate,priorityGroup,medicalTargetDate,asaClass,earliestDate,consentElsewhere,maxTravelKm';

for (const variant of dbVariants()) {
  describe.skipIf(variant.skipReason !== undefined)(`cross-hospital oracles [${variant.name}]`, () => {
    const h = useHarness(variant);

    it("answering an offer for another hospital's patient looks exactly like an unknown id", async () => {
      const plan = await proposedPlan(h());
      const foreign = (plan.result.assignments as any[]).find(
        (a) => a.hospitalId !== 'h-vaxjo' && a.patient.listingHospitalId !== 'h-vaxjo',
      );
      expect(foreign, 'a case neither at nor listed at Växjö').toBeDefined();
      const known = foreign.patientId as string;
      const unknown = 'wl-no-such-patient';
      const offersBefore = (await h().db.query<{ n: number }>('SELECT count(*)::int AS n FROM plan_offers'))
        .rows[0]!.n;

      const answer = (id: string) =>
        h().call('vaxjo', 'POST', `/api/plans/${plan.id}/offers/${id}`, { body: { answer: 'declined' } });
      const a = await answer(known);
      const b = await answer(unknown);
      expect(a.status).toBe(404);
      expect(shape(a, known)).toEqual(shape(b, unknown));
      expect(a.text).not.toMatch(/h-[a-z-]+|forbidden|not allowed|coordinator/i);
      // Both refusals leave the same audit trace, and nothing is recorded.
      expect(await deniedRows(h(), `/api/plans/${plan.id}/offers/${known}`)).toBe(1);
      expect(await deniedRows(h(), `/api/plans/${plan.id}/offers/${unknown}`)).toBe(1);
      const offersAfter = (await h().db.query<{ n: number }>('SELECT count(*)::int AS n FROM plan_offers'))
        .rows[0]!.n;
      expect(offersAfter).toBe(offersBefore);

      // The planner still learns the plain truth (region-wide role): the known id is answerable.
      const p = await h().call('planner', 'POST', `/api/plans/${plan.id}/offers/${known}`, {
        body: { answer: 'accepted' },
      });
      expect(p.status, p.text).toBe(201);
    });

    it("a coordinator asking for another hospital's patient's plan history gets what an unknown id gets", async () => {
      const { rows } = await h().db.query<{ id: string }>(
        "SELECT id FROM waiting_list WHERE listing_hospital_id <> 'h-vaxjo' ORDER BY id LIMIT 1",
      );
      const known = rows[0]!.id;
      const unknown = 'wl-nobody-at-all';
      const a = await h().call('vaxjo', 'GET', `/api/waiting-list/${known}/plans`);
      const b = await h().call('vaxjo', 'GET', `/api/waiting-list/${unknown}/plans`);
      expect(a.status).toBe(404);
      expect(shape(a, known)).toEqual(shape(b, unknown));
      expect(await deniedRows(h(), `/api/waiting-list/${known}/plans`)).toBe(1);
      expect(await deniedRows(h(), `/api/waiting-list/${unknown}/plans`)).toBe(1);
    });

    for (const kind of ['csv', 'json'] as const) {
      it(`${kind} import naming another hospital's patient id: row and field, no hospital, no patient`, async () => {
        const { rows } = await h().db.query<{ id: string; listing_hospital_id: string }>(
          "SELECT id, listing_hospital_id FROM waiting_list WHERE listing_hospital_id <> 'h-vaxjo' ORDER BY id LIMIT 1",
        );
        const other = rows[0]!;
        const row = {
          id: other.id,
          personnummer: '19640823-3234',
          givenName: 'Orakel',
          familyName: 'Test',
          homeRegionId: 'r-kronoberg',
          homePlaceId: 'pl-vaxjo',
          procedureId: 'p-knee',
          decisionDate: '2025-12-01',
          priorityGroup: 'B',
          medicalTargetDate: '2026-03-01',
          asaClass: 2,
          earliestDate: '2025-12-01',
          consentElsewhere: true,
          maxTravelKm: 120,
        };
        const url = '/api/hospitals/h-vaxjo/waiting-list/import';
        const r =
          kind === 'csv'
            ? await h().call('vaxjo', 'POST', url, {
                text: `${IMPORT_HEADER}\n${IMPORT_HEADER.split(',')
                  .map((c) => String(row[c as keyof typeof row]))
                  .join(',')}\n`,
              })
            : await h().call('vaxjo', 'POST', url, { body: [row] });
        expect(r.status, r.text).toBe(400);
        expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(r.json.errors).toContainEqual({ field: 'rows[0].id', row: 1, message: expect.any(String) });
        // Nothing about where the patient is listed, or that they are listed at all.
        expect(r.text).not.toContain(other.listing_hospital_id);
        expect(r.text).not.toMatch(/another hospital|elsewhere|listed at/i);
        const names = await h().db.query<{ given_name: string; family_name: string; personnummer: string }>(
          'SELECT given_name, family_name, personnummer FROM waiting_list WHERE id = $1',
          [other.id],
        );
        for (const v of Object.values(names.rows[0]!)) expect(r.text).not.toContain(v);
        // Unchanged in the database.
        const after = await h().db.query<{ listing_hospital_id: string }>(
          'SELECT listing_hospital_id FROM waiting_list WHERE id = $1',
          [other.id],
        );
        expect(after.rows[0]!.listing_hospital_id).toBe(other.listing_hospital_id);
      });
    }
  });
}
