/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies are asserted structurally */
// Plans end to end: a solve as a job with live events, role-scoped reads, KPIs, the status
// lifecycle with If-Match, edits re-checked by the independent checker, re-solve, diff,
// coordinator decisions, patients' answers, exports, idempotency keys, and socket.io rooms.
import { describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { dbVariants } from '../helpers/db.ts';
import { PERSONNUMMER_RE, useHarness, type Harness, type UserKey } from './harness.ts';
import { getPatient } from '../../src/waiting-list/patientRepo.ts';
import { queryAudit } from '../../src/audit/repo.ts';

/** Collect every event a socket receives. */
function collect(s: Socket): { name: string; payload: any }[] {
  const got: { name: string; payload: any }[] = [];
  s.onAny((name: string, payload: unknown) => got.push({ name, payload }));
  return got;
}
/** A round trip on the socket: everything the server sent before it has arrived after it. */
const roundTrip = (s: Socket): Promise<unknown> =>
  s.timeout(10_000).emitWithAck('subscribe', { hospitalId: 'h-none' });

const until = (s: Socket, name: string, pred: (p: any) => boolean): Promise<any> =>
  new Promise((resolve) => {
    const on = (p: any): void => {
      if (pred(p)) {
        s.off(name, on);
        resolve(p);
      }
    };
    s.on(name, on);
  });

for (const variant of dbVariants()) {
  describe.skipIf(variant.skipReason !== undefined)(`plans [${variant.name}]`, () => {
    const h = useHarness(variant);
    let planId = 0;
    let etag = 0;

    it('POST /api/plans answers 202 at once; sockets in planners and analysts get progress and result, a coordinator none', async () => {
      const [planner, analyst, coord] = await Promise.all([
        h().socket('planner'),
        h().socket('analyst'),
        h().socket('vaxjo'),
      ]);
      const [gp, ga, gc] = [collect(planner), collect(analyst), collect(coord)];
      const r = await h().call('planner', 'POST', '/api/plans', { body: { week: '2026-W11', leadDays: 0 } });
      expect(r.status).toBe(202);
      expect(r.headers.get('location')).toBe(`/api/plans/${r.json.planId}`);
      planId = r.json.planId;
      const [solvedP, solvedA] = await Promise.all([
        until(planner, 'plan.solved', (p) => p.planId === planId),
        until(analyst, 'plan.solved', (p) => p.planId === planId),
      ]);
      expect(solvedP).toMatchObject({ planId, week: '2026-W11', feasible: true });
      expect(solvedA.planId).toBe(planId);
      await roundTrip(coord);
      const phases = gp
        .filter((e) => e.name === 'solve.progress' && e.payload.planId === planId)
        .map((e) => e.payload.phase);
      expect(phases).toEqual(expect.arrayContaining(['build', 'aggregate', 'done']));
      expect(ga.some((e) => e.name === 'solve.progress' && e.payload.planId === planId)).toBe(true);
      expect(gc.filter((e) => e.name === 'solve.progress' || e.name === 'plan.solved')).toEqual([]);
      for (const e of ga) expect(JSON.stringify(e.payload)).not.toMatch(PERSONNUMMER_RE);
    });

    it('rejects bad plan requests naming the field, and non-planners', async () => {
      const bad = await h().call('planner', 'POST', '/api/plans', { body: { week: '2026-W99', weeks: 13 } });
      expect(bad.status).toBe(400);
      expect(bad.json.errors.map((e: { field: string }) => e.field)).toEqual(
        expect.arrayContaining(['body.week', 'body.weeks']),
      );
      // A week before the first plannable day (snapshot date + 14 lead days by default) is refused.
      const early = await h().call('planner', 'POST', '/api/plans', { body: { week: '2026-W11' } });
      expect(early.status).toBe(400);
      expect(early.json.errors.map((e: { field: string }) => e.field)).toEqual(['body.week']);
      expect(early.json.detail).toMatch(/leadDays/);
      // Weights and rules per request: unknown names, values out of range and a need-last order are refused.
      const weights = await h().call('planner', 'POST', '/api/plans', {
        body: {
          week: '2026-W11',
          leadDays: 0,
          weights: { noSuchWeight: 1 },
          rules: { overrunProbabilityMax: 2 },
        },
      });
      expect(weights.status).toBe(400);
      expect(JSON.stringify(weights.json.errors)).toMatch(/noSuchWeight/);
      expect(weights.json.errors.map((e: { field: string }) => e.field)).toContain(
        'body.rules.overrunProbabilityMax',
      );
      const needLast = await h().call('planner', 'POST', '/api/plans', {
        body: { week: '2026-W11', leadDays: 0, weights: { needRateFactor: 1.1 } },
      });
      expect(needLast.status).toBe(400);
      expect(needLast.json.errors.map((e: { field: string }) => e.field)).toEqual([
        'body.weights.needRateFactor',
      ]);
      expect(
        (await h().call('analyst', 'POST', '/api/plans', { body: { week: '2026-W11', leadDays: 0 } })).status,
      ).toBe(403);
      expect(
        (await h().call('vaxjo', 'POST', '/api/plans', { body: { week: '2026-W11', leadDays: 0 } })).status,
      ).toBe(403);
    });

    it('GET /api/plans/:id gives the planner identified assignments and an ETag; the analyst pseudonymised ones', async () => {
      const p = await h().call('planner', 'GET', `/api/plans/${planId}`);
      expect(p.status).toBe(200);
      expect(p.json.status).toBe('draft');
      etag = p.json.etag;
      expect(p.headers.get('etag')).toBe(`"${etag}"`);
      expect(p.json.result.assignments.length).toBeGreaterThan(0);
      expect(p.json.result.assignments[0].patient.view).toBe('full');
      expect(p.text).toMatch(PERSONNUMMER_RE);
      const a = await h().call('analyst', 'GET', `/api/plans/${planId}`);
      expect(a.status).toBe(200);
      expect(a.json.result.assignments.length).toBe(p.json.result.assignments.length);
      expect(a.json.result.assignments[0].patient).toMatchObject({ view: 'pseudonymised' });
      expect(a.json.result.assignments[0].patient.ageBand).toMatch(/^\d+-\d+$|^100\+$/);
      expect(a.text).not.toMatch(PERSONNUMMER_RE);
      expect(a.text).not.toMatch(/givenName|familyName/);
      // A draft is invisible to coordinators.
      expect((await h().call('vaxjo', 'GET', `/api/plans/${planId}`)).status).toBe(404);
      const list = await h().call('vaxjo', 'GET', '/api/plans');
      expect(list.json.rows).toEqual([]);
      expect((await h().call('planner', 'GET', '/api/plans/abc')).json.errors[0].field).toBe('params.id');
      expect((await h().call('planner', 'GET', '/api/plans/999999')).status).toBe(404);
    });

    it('writes an audit row naming the patients of a plan read', async () => {
      const rows = (
        await queryAudit(h().db, { action: 'plan.read', userId: 'u-analyst', limit: 10, offset: 0 })
      ).rows;
      expect(rows.length).toBeGreaterThan(0);
      expect(rows[0]?.details.patientIds).toEqual(expect.arrayContaining([expect.stringMatching(/^wl-/)]));
      expect(rows[0]?.role).toBe('analyst');
    });

    it('GET /api/plans/:id/kpis returns KPIs and baseline without patient data', async () => {
      const k = await h().call('analyst', 'GET', `/api/plans/${planId}/kpis`);
      expect(k.status).toBe(200);
      expect(k.json.kpis.patientsTreated).toBeGreaterThan(0);
      expect(k.json.baseline.patientsTreated).toBeGreaterThanOrEqual(0);
      expect(k.json.check.feasible).toBe(true);
      expect((await h().call('analyst', 'GET', '/api/plans/0/kpis')).json.errors[0].field).toBe('params.id');
    });

    it('PATCH pins and excludes with If-Match; a stale etag gets 409 and changes nothing', async () => {
      const before = await h().call('planner', 'GET', `/api/plans/${planId}`);
      const [first, second] = before.json.result.assignments as { patientId: string }[];
      const noMatch = await h().call('planner', 'PATCH', `/api/plans/${planId}`, {
        body: { pins: { add: [{ patientId: first!.patientId }] } },
      });
      expect(noMatch.status).toBe(400);
      expect(noMatch.json.errors[0].field).toBe('header.if-match');
      const ok = await h().call('planner', 'PATCH', `/api/plans/${planId}`, {
        body: { pins: { add: [{ patientId: first!.patientId }] }, exclusions: { add: [second!.patientId] } },
        headers: { 'if-match': `"${etag}"` },
      });
      expect(ok.status).toBe(200);
      expect(ok.json.etag).toBe(etag + 1);
      const stale = await h().call('planner', 'PATCH', `/api/plans/${planId}`, {
        body: { exclusions: { add: [first!.patientId] } },
        headers: { 'if-match': `"${etag}"` },
      });
      expect(stale.status).toBe(409);
      expect(stale.json.etag).toBe(etag + 1);
      const after = await h().call('planner', 'GET', `/api/plans/${planId}`);
      expect(after.json.etag).toBe(etag + 1);
      expect(after.json.request.pins.map((p: { patientId: string }) => p.patientId)).toEqual([
        first!.patientId,
      ]);
      expect(after.json.request.excludedPatientIds).toEqual([second!.patientId]);
      expect(
        after.json.result.assignments.some((a: { patientId: string }) => a.patientId === second!.patientId),
      ).toBe(false);
      expect(
        after.json.result.assignments.find((a: { patientId: string }) => a.patientId === first!.patientId)
          .pinned,
      ).toBe(true);
      etag = after.json.etag;
    });

    it('a manual move that breaks a rule gets 422 naming the rule, and nothing changes', async () => {
      const p = await h().call('planner', 'GET', `/api/plans/${planId}`);
      const a = (
        p.json.result.assignments as { patientId: string; date: string; patient: { procedureId: string } }[]
      ).find((x) => x.patient.procedureId === 'p-chole');
      expect(a).toBeDefined();
      // Hässleholm does not do cholecystectomies (and has no acute back-up).
      const r = await h().call('planner', 'PATCH', `/api/plans/${planId}`, {
        body: {
          moves: [
            {
              patientId: a!.patientId,
              hospitalId: 'h-hassleholm',
              theatreId: 'h-hassleholm-op1',
              date: a!.date,
            },
          ],
        },
        headers: { 'if-match': `"${etag}"` },
      });
      expect(r.status).toBe(422);
      expect(r.json.rules.length).toBeGreaterThan(0);
      expect(r.json.detail).toContain(r.json.rules[0]);
      const unchanged = await h().call('planner', 'GET', `/api/plans/${planId}`);
      expect(unchanged.json.etag).toBe(etag);
      expect(
        unchanged.json.result.assignments.find((x: { patientId: string }) => x.patientId === a!.patientId)
          .hospitalId,
      ).not.toBe('h-hassleholm');
      const unknown = await h().call('planner', 'PATCH', `/api/plans/${planId}`, {
        body: {
          moves: [{ patientId: 'wl-9999', hospitalId: 'h-vaxjo', theatreId: 'h-vaxjo-op1', date: a!.date }],
        },
        headers: { 'if-match': `"${etag}"` },
      });
      expect(unknown.status).toBe(400);
      expect(unknown.json.errors[0]).toMatchObject({ field: 'body.moves[0].patientId', row: 1 });
    });

    it('re-solve keeps pins and exclusions in a new version; diff lists the changes', async () => {
      const r = await h().call('planner', 'POST', `/api/plans/${planId}/resolve`);
      expect(r.status).toBe(202);
      const v2 = r.json.planId as number;
      await h().events.waitFor(
        (e) => e.name === 'plan.solved' && (e.audience.planners as { planId: number }).planId === v2,
      );
      const p1 = (await h().call('planner', 'GET', `/api/plans/${planId}`)).json;
      const p2 = (await h().call('planner', 'GET', `/api/plans/${v2}`)).json;
      expect(p2.version).toBe(p1.version + 1);
      expect(p2.parentId).toBe(planId);
      for (const pin of p1.request.pins) {
        const a = p2.result.assignments.find((x: { patientId: string }) => x.patientId === pin.patientId);
        expect(a).toMatchObject({ hospitalId: pin.hospitalId, day: pin.day });
      }
      for (const ex of p1.request.excludedPatientIds)
        expect(p2.result.assignments.some((x: { patientId: string }) => x.patientId === ex)).toBe(false);
      const d = await h().call('analyst', 'GET', `/api/plans/${planId}/diff/${v2}`);
      expect(d.status).toBe(200);
      expect(d.json).toMatchObject({ a: { id: planId }, b: { id: v2 } });
      expect(
        Array.isArray(d.json.moved) && Array.isArray(d.json.added) && Array.isArray(d.json.removed),
      ).toBe(true);
      expect(d.text).not.toMatch(PERSONNUMMER_RE);
      expect((await h().call('planner', 'GET', `/api/plans/${planId}/diff/x`)).json.errors[0].field).toBe(
        'params.b',
      );
    });

    it('a feasible manual move is stored, pinned and re-checked', async () => {
      const p = (await h().call('planner', 'GET', `/api/plans/${planId}`)).json;
      type A = {
        patientId: string;
        hospitalId: string;
        date: string;
        patient: { consentElsewhere: boolean; listingHospitalId: string };
      };
      const candidates = (p.result.assignments as A[]).filter(
        (a) => a.patient.consentElsewhere && a.patient.listingHospitalId !== 'h-vaxjo',
      );
      const dates = [...new Set((p.result.assignments as A[]).map((a) => a.date))];
      let moved: { patientId: string; etag: number } | undefined;
      let tries = 0;
      for (const a of candidates) {
        for (const date of dates) {
          for (const theatreId of ['h-vaxjo-op1', 'h-vaxjo-op2']) {
            if (moved !== undefined) break;
            tries += 1;
            const r = await h().call('planner', 'PATCH', `/api/plans/${planId}`, {
              body: { moves: [{ patientId: a.patientId, hospitalId: 'h-vaxjo', theatreId, date }] },
              headers: { 'if-match': `"${etag}"` },
            });
            if (r.status === 200) moved = { patientId: a.patientId, etag: r.json.etag };
            else expect(r.status).toBe(422); // a rejected try changes nothing, so the etag holds
          }
        }
      }
      expect(moved, `no feasible move found in ${tries} tries`).toBeDefined();
      const after = (await h().call('planner', 'GET', `/api/plans/${planId}`)).json;
      const a = after.result.assignments.find((x: A) => x.patientId === moved!.patientId);
      expect(a).toMatchObject({ hospitalId: 'h-vaxjo', pinned: true });
      // Regression: the move re-sequences the target list; startTime must follow startMin.
      const clock = (m: number): string =>
        `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
      for (const x of after.result.assignments as { startMin: number; startTime: string }[])
        expect(x.startTime).toBe(clock(x.startMin));
      expect(after.result.check.feasible).toBe(true);
      // The solve status follows the edited plan: "optimal" only while it still meets the bound.
      const k = (await h().call('planner', 'GET', `/api/plans/${planId}/kpis`)).json;
      if (k.gap > 1e-6) expect(k.solveStatus).not.toBe('optimal');
      expect(
        after.request.pins.some(
          (x: { patientId: string; hospitalId: string }) =>
            x.patientId === moved!.patientId && x.hospitalId === 'h-vaxjo',
        ),
      ).toBe(true);
      etag = moved!.etag;
    });

    it('lifecycle draft -> proposed -> published needs If-Match; illegal transitions and stale etags are 409', async () => {
      const cur = (await h().call('planner', 'GET', `/api/plans/${planId}`)).json;
      const skip = await h().call('planner', 'POST', `/api/plans/${planId}/status`, {
        body: { status: 'published' },
        headers: { 'if-match': `"${cur.etag}"` },
      });
      expect(skip.status).toBe(409);
      const badBody = await h().call('planner', 'POST', `/api/plans/${planId}/status`, {
        body: { status: 'done' },
        headers: { 'if-match': `"${cur.etag}"` },
      });
      expect(badBody.json.errors[0].field).toBe('body.status');
      const coordSock = await h().socket('vaxjo');
      const proposedEvt = until(
        coordSock,
        'plan.status',
        (p) => p.planId === planId && p.status === 'proposed',
      );
      const prop = await h().call('planner', 'POST', `/api/plans/${planId}/status`, {
        body: { status: 'proposed' },
        headers: { 'if-match': `"${cur.etag}"` },
      });
      expect(prop.status).toBe(200);
      expect(prop.json.status).toBe('proposed');
      await proposedEvt;
      const stale = await h().call('planner', 'POST', `/api/plans/${planId}/status`, {
        body: { status: 'published' },
        headers: { 'if-match': `"${cur.etag}"` },
      });
      expect(stale.status).toBe(409);
      expect((await h().call('planner', 'GET', `/api/plans/${planId}`)).json.status).toBe('proposed');
      expect(
        (await h().call('vaxjo', 'GET', '/api/plans')).json.rows.map((p: { id: number }) => p.id),
      ).toEqual([planId]);
    });

    it('coordinators see only their hospital’s cases; decide on incoming ones, with a reason to reject', async () => {
      const full = (await h().call('planner', 'GET', `/api/plans/${planId}`)).json.result.assignments as {
        patientId: string;
        hospitalId: string;
        patient: { listingHospitalId: string };
      }[];
      const forVaxjo = (await h().call('vaxjo', 'GET', `/api/plans/${planId}`)).json;
      for (const a of forVaxjo.result.assignments) {
        expect(a.hospitalId === 'h-vaxjo' || a.patient.listingHospitalId === 'h-vaxjo').toBe(true);
        expect(a.patient.view).toBe('full');
      }
      const incoming = full.find(
        (a) => a.hospitalId === 'h-vaxjo' && a.patient.listingHospitalId !== 'h-vaxjo',
      );
      const notVaxjo = full.find((a) => a.hospitalId !== 'h-vaxjo');
      expect(notVaxjo).toBeDefined();
      const forbidden = await h().call('vaxjo', 'POST', `/api/plans/${planId}/decisions`, {
        body: { patientId: notVaxjo!.patientId, decision: 'accept' },
      });
      expect(forbidden.status).toBe(403);
      const noReason = await h().call('vaxjo', 'POST', `/api/plans/${planId}/decisions`, {
        body: { patientId: notVaxjo!.patientId, decision: 'reject' },
      });
      expect(noReason.status).toBe(400);
      expect(noReason.json.errors[0].field).toBe('body.reason');
      expect(
        (
          await h().call('planner', 'POST', `/api/plans/${planId}/decisions`, {
            body: { patientId: notVaxjo!.patientId, decision: 'accept' },
          })
        ).status,
      ).toBe(403);
      expect(incoming).toBeDefined();
      if (incoming !== undefined) {
        const s = await h().socket('vaxjo');
        const evt = until(s, 'case.decided', (p) => p.patientId === incoming.patientId);
        const ok = await h().call('vaxjo', 'POST', `/api/plans/${planId}/decisions`, {
          body: { patientId: incoming.patientId, decision: 'reject', reason: 'Ingen IVA-plats' },
        });
        expect(ok.status).toBe(201);
        expect((await evt).decision).toBe('reject');
        // Decisions can be changed: the case comes back to its list (the next test needs it there).
        const back = await h().call('vaxjo', 'POST', `/api/plans/${planId}/decisions`, {
          body: { patientId: incoming.patientId, decision: 'accept' },
        });
        expect(back.status).toBe(201);
        expect(back.json.previousDecision).toBe('reject');
      }
    });

    it('records a patient’s answer; declining care elsewhere gives up the guarantee and adds PvV', async () => {
      const full = (await h().call('planner', 'GET', `/api/plans/${planId}`)).json.result.assignments as {
        patientId: string;
        hospitalId: string;
        patient: { listingHospitalId: string };
      }[];
      const moved = full.find((a) => a.hospitalId !== a.patient.listingHospitalId);
      const home = full.find((a) => a.hospitalId === a.patient.listingHospitalId);
      expect(home).toBeDefined();
      const bad = await h().call('planner', 'POST', `/api/plans/${planId}/offers/${home!.patientId}`, {
        body: { answer: 'maybe' },
      });
      expect(bad.json.errors[0].field).toBe('body.answer');
      const acc = await h().call('planner', 'POST', `/api/plans/${planId}/offers/${home!.patientId}`, {
        body: { answer: 'accepted' },
      });
      expect(acc.status).toBe(201);
      expect((await getPatient(h().db, home!.patientId))?.status).toBe('scheduled');
      expect(
        (
          await h().call('planner', 'POST', `/api/plans/${planId}/offers/${home!.patientId}`, {
            body: { answer: 'declined' },
          })
        ).status,
      ).toBe(409);
      expect(moved).toBeDefined();
      if (moved !== undefined) {
        const dec = await h().call('planner', 'POST', `/api/plans/${planId}/offers/${moved.patientId}`, {
          body: { answer: 'declined' },
        });
        expect(dec.status).toBe(201);
        expect(dec.json).toMatchObject({ guaranteeWaived: true, consentElsewhere: false });
        const p = await getPatient(h().db, moved.patientId);
        expect(p?.consentElsewhere).toBe(false);
        expect(p?.excludedPeriods.at(-1)?.kind).toBe('PvV');
      }
    });

    it('exports day lists (CSV, HTML) and the settlement; coordinators only for their hospital, analysts pseudonymised', async () => {
      const csv = await h().call('planner', 'GET', `/api/plans/${planId}/day-list.csv?hospitalId=h-vaxjo`);
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
      expect(csv.text.split('\r\n')[0]).toBe(
        'date,theatre,start,end,patientId,personnummer,name,kvaCode,procedure,surgeon,asaClass,listingHospital,pinned',
      );
      const html = await h().call('vaxjo', 'GET', `/api/plans/${planId}/day-list.html?hospitalId=h-vaxjo`);
      expect(html.status).toBe(200);
      expect(html.text).toContain('<table>');
      // Swedish throughout: the status and the week in words, the print time, one term per concept.
      expect(html.text).toMatch(/Plan v\. \d+ version \d+ \((utkast|föreslagen|publicerad)\)/);
      expect(html.text).toMatch(/utskriven \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
      expect(html.text).toContain('<th>Hemsjukhus</th>');
      expect(html.text).not.toMatch(/\((draft|proposed|published)\)|Remitterande/);
      expect(
        (await h().call('vaxjo', 'GET', `/api/plans/${planId}/day-list.csv?hospitalId=h-hassleholm`)).status,
      ).toBe(403);
      const an = await h().call('analyst', 'GET', `/api/plans/${planId}/day-list.csv?hospitalId=h-sus-lund`);
      expect(an.text.split('\r\n')[0]).toContain('ageBand');
      expect(an.text).not.toMatch(PERSONNUMMER_RE);
      const missing = await h().call('planner', 'GET', `/api/plans/${planId}/day-list.csv`);
      expect(missing.json.errors[0].field).toBe('query.hospitalId');
      const st = await h().call('analyst', 'GET', `/api/plans/${planId}/settlement.csv`);
      expect(st.status).toBe(200);
      expect(st.text.split('\r\n')[0]).toBe('payerRegionId,payeeRegionId,amountSek');
    });

    it('a signed day-list link opens the HTML without a bearer header, only for its export, audited', async () => {
      const date = (
        (await h().call('planner', 'GET', `/api/plans/${planId}`)).json.result.assignments as any[]
      ).find((a) => a.hospitalId === 'h-vaxjo')?.date as string;
      const link = await h().call(
        'vaxjo',
        'GET',
        `/api/plans/${planId}/day-list-link?hospitalId=h-vaxjo&date=${date}`,
      );
      expect(link.status).toBe(200);
      expect(link.json.url).toMatch(
        new RegExp(`^/api/plans/${planId}/day-list\\.html\\?hospitalId=h-vaxjo&date=${date}&token=l1\\.`),
      );
      expect(Date.parse(link.json.expiresAt) - Date.now()).toBeLessThanOrEqual(300_000);
      const auditBefore = (
        await queryAudit(h().db, { action: 'plan.export', userId: 'u-vaxjo', limit: 1, offset: 0 })
      ).total;
      const open = await fetch(h().base + link.json.url);
      expect(open.status).toBe(200);
      expect(open.headers.get('content-type')).toMatch(/text\/html/);
      expect(await open.text()).toContain('<table>');
      expect(
        (await queryAudit(h().db, { action: 'plan.export', userId: 'u-vaxjo', limit: 1, offset: 0 })).total,
      ).toBe(auditBefore + 1);
      // Single purpose: another date, hospital or plan with the same token is refused.
      const token = new URL(link.json.url, h().base).searchParams.get('token') as string;
      const other = (path: string) => fetch(`${h().base}${path}&token=${encodeURIComponent(token)}`);
      expect((await other(`/api/plans/${planId}/day-list.html?hospitalId=h-vaxjo`)).status).toBe(403);
      expect(
        (await other(`/api/plans/${planId}/day-list.html?hospitalId=h-sus-lund&date=${date}`)).status,
      ).toBe(403);
      // Not a bearer token, and a bearer token is not a link; a tampered link is refused.
      expect(
        (await fetch(`${h().base}/api/waiting-list`, { headers: { authorization: `Bearer ${token}` } }))
          .status,
      ).toBe(401);
      const bearer = `/api/plans/${planId}/day-list.html?hospitalId=h-vaxjo&date=${date}&token=${h().tokens.vaxjo}`;
      expect((await fetch(h().base + bearer)).status).toBe(401);
      expect((await fetch(h().base + link.json.url.replace('token=l1.', 'token=l1.x'))).status).toBe(401);
      expect((await fetch(`${h().base}/api/plans/${planId}/day-list.html?hospitalId=h-vaxjo`)).status).toBe(
        401,
      );
      // Refused at issue what the link would be refused: another hospital's list.
      expect(
        (await h().call('vaxjo', 'GET', `/api/plans/${planId}/day-list-link?hospitalId=h-hassleholm`)).status,
      ).toBe(403);
      // An analyst's link opens the pseudonymised list.
      const an = await h().call('analyst', 'GET', `/api/plans/${planId}/day-list-link?hospitalId=h-sus-lund`);
      const anHtml = await (await fetch(h().base + an.json.url)).text();
      expect(anHtml).toContain('<table>');
      expect(anHtml).not.toMatch(PERSONNUMMER_RE);
    });

    it('publishing tells each hospital room its own counts', async () => {
      const s = await h().socket('vaxjo');
      const got = collect(s);
      const cur = (await h().call('planner', 'GET', `/api/plans/${planId}`)).json;
      const pub = await h().call('planner', 'POST', `/api/plans/${planId}/status`, {
        body: { status: 'published' },
        headers: { 'if-match': `"${cur.etag}"` },
      });
      expect(pub.status).toBe(200);
      await roundTrip(s);
      const published = got.filter((e) => e.name === 'plan.published');
      for (const e of published) expect(e.payload.hospitalId).toBe('h-vaxjo');
      const after = await h().call('planner', 'PATCH', `/api/plans/${planId}`, {
        body: { exclusions: { add: ['wl-0001'] } },
        headers: { 'if-match': `"${pub.json.etag}"` },
      });
      expect(after.status).toBe(409);
    });

    it('Idempotency-Key: the same POST twice starts one solve; another body with the key is 409', async () => {
      const headers = { 'idempotency-key': 'plan-w12-once' };
      const a = await h().call('planner', 'POST', '/api/plans', {
        body: { week: '2026-W12', leadDays: 0 },
        headers,
      });
      const b = await h().call('planner', 'POST', '/api/plans', {
        body: { week: '2026-W12', leadDays: 0 },
        headers,
      });
      expect(a.status).toBe(202);
      expect(b.status).toBe(202);
      expect(b.json).toEqual(a.json);
      expect(b.headers.get('idempotent-replayed')).toBe('true');
      const c = await h().call('planner', 'POST', '/api/plans', {
        body: { week: '2026-W13', leadDays: 0 },
        headers,
      });
      expect(c.status).toBe(409);
      await h().events.waitFor(
        (e) =>
          e.name === 'plan.solved' && (e.audience.planners as { planId: number }).planId === a.json.planId,
      );
      const bad = await h().call('planner', 'POST', '/api/plans', {
        body: { week: '2026-W12', leadDays: 0 },
        headers: { 'idempotency-key': 'bad key!' },
      });
      expect(bad.json.errors[0].field).toBe('header.idempotency-key');
    });

    it('socket.io: handshake needs a valid token; subscribe is validated', async () => {
      await expect(
        new Promise((resolve, reject) => {
          void import('socket.io-client').then(({ io }) => {
            const s = io(h().base, {
              auth: { token: 'v1.bad.sig' },
              transports: ['websocket'],
              reconnection: false,
            });
            s.on('connect', () => resolve(s));
            s.on('connect_error', (e) => {
              s.disconnect();
              reject(e);
            });
          });
        }),
      ).rejects.toThrow(/unauthorized/);
      const s = await h().socket('vaxjo');
      expect(await s.timeout(10_000).emitWithAck('subscribe', { hospitalId: 42 })).toMatchObject({
        ok: false,
        status: 400,
        errors: [{ field: 'hospitalId' }],
      });
      expect(await s.timeout(10_000).emitWithAck('subscribe', { hospitalId: 'h-sus-lund' })).toMatchObject({
        ok: false,
        status: 403,
      });
      expect(await s.timeout(10_000).emitWithAck('subscribe', { hospitalId: 'h-vaxjo' })).toMatchObject({
        ok: true,
      });
    });

    it('no analyst response or event ever carried a personnummer', () => {
      const who: UserKey = 'analyst';
      expect(h().bodies[who].length).toBeGreaterThan(5);
      for (const b of h().bodies[who]) expect(b).not.toMatch(PERSONNUMMER_RE);
      for (const e of h().events.events)
        if (e.audience.analysts !== undefined)
          expect(JSON.stringify(e.audience.analysts)).not.toMatch(PERSONNUMMER_RE);
    });
  });
}

export type { Harness };
