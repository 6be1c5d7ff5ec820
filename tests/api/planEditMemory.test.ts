// An edit reads the plan's result from memory when this process holds the plan's current version
// (src/plans/context.ts): a write by anything else (another server, a worker) raises the etag, and
// the next edit must then build on that write, not on the remembered result.
import { describe, expect, it } from 'vitest';
import { dbVariants } from '../helpers/db.ts';
import { useHarness } from './harness.ts';
import { getPlan, updatePlanIfEtag } from '../../src/plans/repo.ts';

for (const variant of dbVariants()) {
  describe.skipIf(variant.skipReason !== undefined)(`plan edits from memory [${variant.name}]`, () => {
    const h = useHarness(variant);

    it('an edit after another process wrote the plan builds on that write', async () => {
      const { planId } = await h().solvedPlan();
      // The planner opens the plan (this server remembers it) and pins a first case.
      const opened = await h().call('planner', 'GET', `/api/plans/${planId}`);
      const [x, y, z] = opened.json.result.assignments as { patientId: string }[];
      const first = await h().call('planner', 'PATCH', `/api/plans/${planId}`, {
        body: { pins: { add: [{ patientId: x!.patientId }] } },
        headers: { 'if-match': `"${opened.json.etag}"` },
      });
      expect(first.status).toBe(200);
      // Another process changes the stored result straight in the database (etag + 1): it takes a
      // third case off its list for re-planning, as a coordinator's rejection on another server does.
      const stored = (await getPlan(h().db, planId))!;
      type A = {
        patientId: string;
        hospitalId: string;
        theatreId: string;
        day: number;
        date: string;
        startMin: number;
      };
      const result = stored.result as { assignments: A[]; replan?: unknown[] };
      const ya = result.assignments.find((a) => a.patientId === y!.patientId)!;
      const entry = {
        patientId: ya.patientId,
        hospitalId: ya.hospitalId,
        theatreId: ya.theatreId,
        day: ya.day,
        date: ya.date,
        startMin: ya.startMin,
        reason: 'elsewhere',
        decidedAt: new Date().toISOString(),
      };
      const u = await updatePlanIfEtag(
        h().db,
        planId,
        stored.etag,
        { result: { ...result, replan: [...(result.replan ?? []), entry] } },
        new Date(),
      );
      expect(u?.etag).toBe(first.json.etag + 1);
      // This server's next edit starts from that version.
      const second = await h().call('planner', 'PATCH', `/api/plans/${planId}`, {
        body: { pins: { add: [{ patientId: z!.patientId }] } },
        headers: { 'if-match': `"${u!.etag}"` },
      });
      expect(second.status).toBe(200);
      const after = await h().call('planner', 'GET', `/api/plans/${planId}`);
      expect(after.json.result.replan.map((r: { patientId: string }) => r.patientId)).toEqual([y!.patientId]);
      const pinned = (after.json.result.assignments as { patientId: string; pinned?: boolean }[])
        .filter((a) => a.pinned === true)
        .map((a) => a.patientId)
        .toSorted();
      expect(pinned).toEqual([x!.patientId, z!.patientId].toSorted());
    });
  });
}
