/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies are asserted structurally */
// The plan lifecycle end to end on the small snapshot: exclude, move and pin succeed and come back
// as deltas; an illegal move is 422 naming the rule; a rejected case leaves the lists and the CSV
// and is in the decision inbox; decisions can be changed; a re-solve keeps accepted cases;
// publishing shows a summary first and refuses an older version (409); `can` flags follow roles.
import { describe, expect, it } from 'vitest';
import { dbVariants } from '../helpers/db.ts';
import { queryAudit } from '../../src/audit/repo.ts';
import { PERSONNUMMER_RE, useHarness } from './harness.ts';

interface A {
  patientId: string;
  hospitalId: string;
  theatreId: string;
  day: number;
  date: string;
  startMin: number;
  durationMin: number;
  turnoverMin: number;
  pinned: boolean;
  patient: { listingHospitalId: string; procedureId: string; consentElsewhere: boolean };
}
interface L {
  hospitalId: string;
  theatreId: string;
  day: number;
  date: string;
  specialtyId: string;
  patientIds: string[];
  plannedEndMin: number;
  listEndMin: number;
  overrunProbability: number;
}

for (const variant of dbVariants()) {
  describe.skipIf(variant.skipReason !== undefined)(`plan lifecycle [${variant.name}]`, () => {
    const h = useHarness(variant);
    let planId = 0;
    let etag = 0;
    /** The case moved to Hässleholm from another hospital's list (an incoming case there). */
    let incoming: string | undefined;

    const get = async (who: 'planner' | 'hassleholm' | 'vaxjo' = 'planner') =>
      (await h().call(who, 'GET', `/api/plans/${planId}`)).json;
    const patch = (body: unknown) =>
      h().call('planner', 'PATCH', `/api/plans/${planId}`, { body, headers: { 'if-match': `"${etag}"` } });

    it('a solved plan carries `can` flags per role', async () => {
      planId = (await h().solvedPlan('2026-W11')).planId;
      const p = await get();
      etag = p.etag;
      expect(p.can).toMatchObject({ edit: true, publish: false, propose: true, decide: false });
      expect(p.result.check.feasible).toBe(true);
    });

    it('exclude succeeds: the case leaves its list, start times close up, the overrun figure is recomputed', async () => {
      const p = await get();
      const lists = p.result.lists as L[];
      const list = lists.find((l) => l.patientIds.length >= 2);
      expect(list).toBeDefined();
      const first = list!.patientIds[0]!;
      const r = await patch({ exclusions: { add: [first] } });
      expect(r.status, r.text).toBe(200);
      expect(r.json.check.feasible).toBe(true);
      expect(r.json.delta.removed.map((x: { patientId: string }) => x.patientId)).toEqual([first]);
      const changed = (r.json.delta.lists as L[]).find(
        (l) => l.theatreId === list!.theatreId && l.day === list!.day,
      );
      expect(changed?.patientIds).toEqual(list!.patientIds.slice(1));
      expect(changed!.overrunProbability).toBeLessThan(list!.overrunProbability);
      expect(r.json.etag).toBeGreaterThan(etag);
      etag = r.json.etag;
      const after = await get();
      expect(after.etag).toBe(etag);
      expect((after.result.assignments as A[]).some((a) => a.patientId === first)).toBe(false);
      expect(after.request.excludedPatientIds).toContain(first);
    });

    it('move succeeds into a list with room, and into a new list where staff and a surgeon list are free', async () => {
      const p = await get();
      const assignments = p.result.assignments as A[];
      const lists = p.result.lists as L[];
      const spec = (a: A) => lists.find((l) => l.patientIds.includes(a.patientId))!.specialtyId;
      // Into an existing list of the same hospital and specialty with at least an hour to spare.
      const tries: { a: A; l: L }[] = [];
      for (const a of assignments)
        for (const l of lists)
          if (
            l.hospitalId === a.hospitalId &&
            l.specialtyId === spec(a) &&
            !l.patientIds.includes(a.patientId) &&
            l.listEndMin - l.plannedEndMin >= a.durationMin + a.turnoverMin + 60
          )
            tries.push({ a, l });
      expect(tries.length).toBeGreaterThan(0);
      let moved: { a: A; l: L } | undefined;
      for (const t of tries) {
        const r = await patch({
          moves: [
            {
              patientId: t.a.patientId,
              hospitalId: t.l.hospitalId,
              theatreId: t.l.theatreId,
              date: t.l.date,
            },
          ],
        });
        if (r.status === 200) {
          moved = t;
          etag = r.json.etag;
          const got = (r.json.delta.assignments as A[]).find((x) => x.patientId === t.a.patientId);
          expect(got).toMatchObject({ theatreId: t.l.theatreId, day: t.l.day, pinned: true });
          expect(r.json.check.feasible).toBe(true);
          break;
        }
        // A refusal must name a rule (overrun risk is the only one room does not rule out).
        expect(r.status).toBe(422);
        expect(r.json.rule).toBe('overrun risk');
      }
      expect(moved).toBeDefined();
      // Into Hässleholm from another hospital's list: an incoming case for its coordinator.
      const cur = await get();
      const candidates = (cur.result.assignments as A[]).filter(
        (a) => a.hospitalId !== 'h-hassleholm' && a.patient.consentElsewhere && !a.pinned,
      );
      for (const a of candidates) {
        for (const theatreId of ['h-hassleholm-op1', 'h-hassleholm-op2']) {
          const r = await patch({
            moves: [{ patientId: a.patientId, hospitalId: 'h-hassleholm', theatreId, date: a.date }],
          });
          if (r.status === 200) {
            etag = r.json.etag;
            incoming = a.patientId;
            break;
          }
          expect(r.status, r.text).toBe(422);
          expect(typeof r.json.rule).toBe('string');
        }
        if (incoming !== undefined) break;
      }
      expect(incoming).toBeDefined();
    });

    it('pin succeeds', async () => {
      const p = await get();
      const a = (p.result.assignments as A[]).find((x) => !x.pinned)!;
      const r = await patch({ pins: { add: [{ patientId: a.patientId }] } });
      expect(r.status, r.text).toBe(200);
      expect((r.json.delta.assignments as A[]).find((x) => x.patientId === a.patientId)?.pinned).toBe(true);
      etag = r.json.etag;
      expect((await get()).request.pins.map((x: { patientId: string }) => x.patientId)).toContain(
        a.patientId,
      );
    });

    it('an illegal move is 422 naming the rule and its parameters, and changes nothing', async () => {
      const p = await get();
      const chole = (p.result.assignments as A[]).find((a) => a.patient.procedureId === 'p-chole')!;
      const r = await patch({
        moves: [
          {
            patientId: chole.patientId,
            hospitalId: 'h-hassleholm',
            theatreId: 'h-hassleholm-op1',
            date: chole.date,
          },
        ],
      });
      expect(r.status).toBe(422);
      expect(r.json.rule).toBe('procedure not offered');
      expect(r.json.params).toMatchObject({ hospitalId: 'h-hassleholm', procedureId: 'p-chole' });
      expect(r.json.field).toBe('body.moves[0]');
      expect(r.json.detail).toContain('procedure not offered');
      expect((await get()).etag).toBe(etag);
    });

    it('a rejected case leaves the day list and the CSV, is in the inbox for re-planning; the decision can be changed', async () => {
      expect(incoming).toBeDefined();
      const prop = await h().call('planner', 'POST', `/api/plans/${planId}/status`, {
        body: { status: 'proposed' },
        headers: { 'if-match': `"${etag}"` },
      });
      expect(prop.status, prop.text).toBe(200);
      const coord = await get('hassleholm');
      expect(coord.can).toMatchObject({ decide: true, edit: false, publish: false });
      const inbox0 = await h().call('hassleholm', 'GET', `/api/plans/${planId}/decisions`);
      expect(inbox0.status).toBe(200);
      expect(inbox0.json.cases.find((c: any) => c.patientId === incoming)).toMatchObject({
        state: 'pending',
        canDecide: true,
        hospitalId: 'h-hassleholm',
      });
      // The facts a coordinator decides on: planned minutes and the home-to-hospital distance.
      const case0 = inbox0.json.cases.find((c: any) => c.patientId === incoming);
      const planned = ((await get()).result.assignments as A[]).find((a) => a.patientId === incoming)!;
      expect(case0.durationMin).toBe(planned.durationMin);
      expect(case0.distanceKm).toBeGreaterThan(0);
      const rej = await h().call('hassleholm', 'POST', `/api/plans/${planId}/decisions`, {
        body: { patientId: incoming, decision: 'reject', reason: 'Ingen operationssköterska' },
      });
      expect(rej.status, rej.text).toBe(201);
      expect(rej.json.delta.removed).toEqual([{ patientId: incoming, hospitalId: 'h-hassleholm' }]);
      const after = await get();
      expect((after.result.assignments as A[]).some((a) => a.patientId === incoming)).toBe(false);
      expect((after.result.lists as L[]).some((l) => l.patientIds.includes(incoming!))).toBe(false);
      expect(after.result.check.feasible).toBe(true);
      expect(after.result.replan.map((x: { patientId: string }) => x.patientId)).toEqual([incoming]);
      const csv = await h().call(
        'planner',
        'GET',
        `/api/plans/${planId}/day-list.csv?hospitalId=h-hassleholm`,
      );
      expect(csv.status).toBe(200);
      expect(csv.text).not.toContain(incoming);
      const inbox = await h().call('planner', 'GET', `/api/plans/${planId}/decisions`);
      expect(inbox.json.cases.find((c: any) => c.patientId === incoming)).toMatchObject({
        state: 'rejected',
        replan: true,
        reason: 'Ingen operationssköterska',
      });
      expect(inbox.json.hospitals.find((x: any) => x.hospitalId === 'h-hassleholm').rejected).toBe(1);
      // Coordinators see only their own hospital's inbox.
      expect(
        (await h().call('vaxjo', 'GET', `/api/plans/${planId}/decisions?hospitalId=h-hassleholm`)).status,
      ).toBe(403);
      const vx = await h().call('vaxjo', 'GET', `/api/plans/${planId}/decisions`);
      expect(vx.json.cases.every((c: any) => c.hospitalId === 'h-vaxjo')).toBe(true);
      // Changed to accept: back on its list.
      const acc = await h().call('hassleholm', 'POST', `/api/plans/${planId}/decisions`, {
        body: { patientId: incoming, decision: 'accept' },
      });
      expect(acc.status, acc.text).toBe(201);
      expect(acc.json.previousDecision).toBe('reject');
      const back = await get();
      expect((back.result.assignments as A[]).find((a) => a.patientId === incoming)?.hospitalId).toBe(
        'h-hassleholm',
      );
      expect(back.result.replan).toEqual([]);
      etag = back.etag;
      const audit = await queryAudit(h().db, { action: 'case.decide', limit: 10, offset: 0 });
      expect(audit.total).toBeGreaterThanOrEqual(2);
    });

    let v2 = 0;
    it('a coordinator sees only the pins and exclusions that concern their hospital', async () => {
      const planner = await get();
      const coord = await get('hassleholm');
      const rows = (await h().call('planner', 'GET', '/api/waiting-list?limit=1000')).json.rows as {
        id: string;
        listingHospitalId: string;
      }[];
      const listing = new Map(rows.map((r) => [r.id, r.listingHospitalId]));
      const concerns = (pid: string, at?: string): boolean =>
        at === 'h-hassleholm' || listing.get(pid) === 'h-hassleholm';
      const pins = planner.request.pins as { patientId: string; hospitalId: string }[];
      // Not vacuous: the planner's request has pins and exclusions, some of them elsewhere.
      expect(pins.length).toBeGreaterThan(0);
      expect(planner.request.excludedPatientIds.length).toBeGreaterThan(0);
      const elsewhere =
        pins.filter((x) => !concerns(x.patientId, x.hospitalId)).length +
        (planner.request.excludedPatientIds as string[]).filter((x) => !concerns(x)).length;
      expect(elsewhere).toBeGreaterThan(0);
      expect(coord.request.pins).toEqual(pins.filter((x) => concerns(x.patientId, x.hospitalId)));
      expect(coord.request.excludedPatientIds).toEqual(
        (planner.request.excludedPatientIds as string[]).filter((x) => concerns(x)),
      );
    });

    it('a re-solve keeps accepted cases where they were accepted', async () => {
      const before = ((await get()).result.assignments as A[]).find((a) => a.patientId === incoming)!;
      const r = await h().call('planner', 'POST', `/api/plans/${planId}/resolve`);
      expect(r.status).toBe(202);
      v2 = r.json.planId;
      await h().events.waitFor(
        (e) => e.name === 'plan.solved' && (e.audience.planners as { planId: number }).planId === v2,
      );
      const p2 = (await h().call('planner', 'GET', `/api/plans/${v2}`)).json;
      expect(p2.request.pins).toContainEqual({
        patientId: incoming,
        hospitalId: before.hospitalId,
        day: before.day,
        theatreId: before.theatreId,
      });
      expect((p2.result.assignments as A[]).find((a) => a.patientId === incoming)).toMatchObject({
        hospitalId: before.hospitalId,
        theatreId: before.theatreId,
        day: before.day,
      });
    });

    it('publishing: a summary first; publishing a version older than the published one is 409', async () => {
      const sum = await h().call('planner', 'GET', `/api/plans/${planId}/publish-summary`);
      expect(sum.status, sum.text).toBe(200);
      expect(sum.json.totals.cases).toBe(((await get()).result.assignments as A[]).length);
      expect(sum.json.totals.accepted).toBeGreaterThanOrEqual(1);
      expect(
        sum.json.perHospital.find((x: any) => x.hospitalId === 'h-hassleholm').incoming,
      ).toBeGreaterThanOrEqual(1);
      expect(sum.json.blockedBy).toBeNull();
      expect((await h().call('hassleholm', 'GET', `/api/plans/${planId}/publish-summary`)).status).toBe(403);
      // Publish the newer version 2 first.
      let e2 = (await h().call('planner', 'GET', `/api/plans/${v2}`)).json.etag;
      const pr = await h().call('planner', 'POST', `/api/plans/${v2}/status`, {
        body: { status: 'proposed' },
        headers: { 'if-match': `"${e2}"` },
      });
      e2 = pr.json.etag;
      const pub = await h().call('planner', 'POST', `/api/plans/${v2}/status`, {
        body: { status: 'published' },
        headers: { 'if-match': `"${e2}"` },
      });
      expect(pub.status, pub.text).toBe(200);
      const cur = await get();
      const old = await h().call('planner', 'GET', `/api/plans/${planId}/publish-summary`);
      expect(old.json.blockedBy).toContain('older');
      expect(old.json.published).toMatchObject({ planId: v2 });
      const refused = await h().call('planner', 'POST', `/api/plans/${planId}/status`, {
        body: { status: 'published' },
        headers: { 'if-match': `"${cur.etag}"` },
      });
      expect(refused.status).toBe(409);
      expect(refused.json.detail).toMatch(/older than the published version/);
      expect((await get()).status).toBe('proposed');
      expect((await h().call('planner', 'GET', `/api/plans/${v2}`)).json.status).toBe('published');
    });

    it('edit and decision events carry deltas with ids only, never a personnummer or a name', () => {
      const sent = h().events.events.filter((e) => e.name === 'plan.edited' || e.name === 'case.decided');
      expect(sent.some((e) => e.name === 'plan.edited')).toBe(true);
      for (const e of sent) {
        const text = JSON.stringify(e.audience, (_k, v: unknown) => (v instanceof Map ? [...v] : v));
        expect(text).not.toMatch(PERSONNUMMER_RE);
        expect(text).not.toContain('"givenName"');
      }
    });
  });
}
