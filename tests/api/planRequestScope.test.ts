/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies are asserted structurally */
// A plan's request carries the planner's pins and exclusions (patient ids). Coordinators see only
// those that concern their hospital, and pseudonymised readers (analysts, admins without a
// break-the-glass reason) see none of the internal ids — in the plan list as in the plan itself.
import { describe, expect, it } from 'vitest';
import { dbVariants } from '../helpers/db.ts';
import { useHarness } from './harness.ts';

for (const variant of dbVariants()) {
  describe.skipIf(variant.skipReason !== undefined)(`plan request scoping [${variant.name}]`, () => {
    const h = useHarness(variant);

    it("no other hospital's pins or exclusions for coordinators, no internal ids for pseudonymised readers", async () => {
      const { planId } = await h().solvedPlan();
      const plan = (await h().call('planner', 'GET', `/api/plans/${planId}`)).json;
      const assignments = plan.result.assignments as any[];
      // A patient neither at nor listed at Växjö, pinned; another excluded.
      const foreign = assignments.filter(
        (a) => a.hospitalId !== 'h-vaxjo' && a.patient.listingHospitalId !== 'h-vaxjo',
      );
      expect(foreign.length).toBeGreaterThanOrEqual(2);
      const [pinned, excluded] = [foreign[0].patientId as string, foreign[1].patientId as string];
      const edit = await h().call('planner', 'PATCH', `/api/plans/${planId}`, {
        body: { pins: { add: [{ patientId: pinned }] }, exclusions: { add: [excluded] } },
        headers: { 'if-match': `"${plan.etag}"` },
      });
      expect(edit.status, edit.text).toBe(200);
      const prop = await h().call('planner', 'POST', `/api/plans/${planId}/status`, {
        body: { status: 'proposed' },
        headers: { 'if-match': `"${edit.json.etag}"` },
      });
      expect(prop.status, prop.text).toBe(200);
      const mine = await h().call('planner', 'GET', '/api/plans');
      expect(JSON.stringify(mine.json)).toContain(pinned);

      for (const who of ['vaxjo', 'analyst', 'admin'] as const) {
        for (const path of ['/api/plans', `/api/plans/${planId}`]) {
          const r = await h().call(who, 'GET', path);
          expect(r.status).toBe(200);
          expect(r.text, `${who} ${path}`).not.toContain(pinned);
          expect(r.text, `${who} ${path}`).not.toContain(excluded);
        }
      }
    });
  });
}
