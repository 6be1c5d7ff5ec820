/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies are asserted structurally */
// Broken object-level authorisation probes: every route of the route table, called by every role
// with another hospital's objects (hospital, patient, closure, team) and the solved plan. A leak is
// a 2xx write on another hospital, a non-admin reaching an admin route, or a response showing a
// personnummer the caller may not see (analysts and admins without a break-the-glass reason see
// none; a coordinator only those of patients listed at or planned to their hospital).
import { describe, expect, it } from 'vitest';
import { dbVariants } from '../helpers/db.ts';
import { PERSONNUMMER_RE, useHarness, type UserKey } from './harness.ts';
import { routeTable } from '../helpers/fuzz.ts';

const ROLES: UserKey[] = ['planner', 'hassleholm', 'vaxjo', 'analyst', 'admin'];
const HOSPITAL: Partial<Record<UserKey, string>> = { hassleholm: 'h-hassleholm', vaxjo: 'h-vaxjo' };

for (const variant of dbVariants()) {
  describe.skipIf(variant.skipReason !== undefined)(`BOLA probes [${variant.name}]`, () => {
    const h = useHarness(variant);

    const setup = async () => {
      const { planId } = await h().solvedPlan();
      const patients = (
        await h().db.query<{ id: string; personnummer: string; listing_hospital_id: string }>(
          'SELECT id, personnummer, listing_hospital_id FROM waiting_list',
        )
      ).rows;
      const plan = (await h().call('planner', 'GET', `/api/plans/${planId}`)).json;
      const plannedTo = new Map<string, Set<string>>();
      for (const a of [...plan.result.assignments, ...plan.result.baseline.assignments])
        plannedTo.set(a.patientId, (plannedTo.get(a.patientId) ?? new Set()).add(a.hospitalId));
      for (const c of ['h-hassleholm', 'h-vaxjo']) {
        await h().call('planner', 'POST', `/api/hospitals/${c}/closures`, {
          body: { date: '2026-03-27', reason: 'probe' },
        });
      }
      const closures = (
        await h().db.query<{ ord: number; hospital_id: string }>('SELECT ord, hospital_id FROM closures')
      ).rows;
      return { planId, patients, plannedTo, closures };
    };

    /** The other coordinator's hospital: what a BOLA probe by `who` aims at. */
    const foreign = (who: UserKey): string => (who === 'vaxjo' ? 'h-hassleholm' : 'h-vaxjo');

    it('no role reaches another hospital, an admin route or a personnummer it may not see', async () => {
      const s = await setup();
      const leaks: string[] = [];
      let probes = 0;
      for (const spec of routeTable()) {
        if (spec.path === '/api/auth/logout' || spec.path === '/api/auth/login') continue;
        for (const who of ROLES) {
          const target = foreign(who);
          const patient =
            s.patients.find(
              (p) => p.listing_hospital_id === target && !s.plannedTo.get(p.id)?.has(HOSPITAL[who] ?? ''),
            ) ?? s.patients[0]!;
          const closure = s.closures.find((c) => c.hospital_id === target)?.ord ?? 0;
          const path = spec.path
            .replace(':id/closures/:closureId', `${target}/closures/${closure}`)
            .replace(/^\/api\/hospitals\/:id/, `/api/hospitals/${target}`)
            .replace(/^\/api\/users\/:id/, '/api/users/u-planner')
            .replace(':sessionId', 'AAAAAAAAAAAAAAAAAAAAAA')
            .replace(':teamId', 'team-1') // based at h-sus-lund: foreign to both coordinators
            .replace(':patientId', patient.id)
            .replace(/:id|:a|:b/g, String(s.planId));
          const q =
            spec.query !== undefined &&
            /hospitalId/.test(JSON.stringify(Object.keys((spec.query as any).shape ?? {})))
              ? `?hospitalId=${target}`
              : '';
          const body =
            spec.method === 'get'
              ? undefined
              : (BODIES[`${spec.method.toUpperCase()} ${spec.path}`]?.(patient.id) ?? {});
          const r = await h().call(
            who,
            spec.method.toUpperCase(),
            path + q,
            body === undefined ? {} : { body },
          );
          probes++;
          const what = `${who} ${spec.method.toUpperCase()} ${path}${q} → ${r.status}`;
          if (r.status >= 500) leaks.push(`5xx: ${what}`);
          const adminOnly = Array.isArray(spec.auth) && spec.auth.length === 1 && spec.auth[0] === 'admin';
          if (adminOnly && who !== 'admin' && r.status < 400) leaks.push(`admin route: ${what}`);
          const onForeignHospital = path.includes(`/hospitals/${target}`) || path.includes('team-1');
          if (spec.method !== 'get' && HOSPITAL[who] !== undefined && onForeignHospital && r.status < 300)
            leaks.push(`foreign write: ${what}`);
          if ((who === 'analyst' || who === 'admin') && PERSONNUMMER_RE.test(r.text) && !adminOnly)
            leaks.push(`identified data: ${what}`);
          if (HOSPITAL[who] !== undefined) {
            const own = HOSPITAL[who]!;
            for (const p of s.patients)
              if (
                p.listing_hospital_id !== own &&
                !s.plannedTo.get(p.id)?.has(own) &&
                r.text.includes(p.personnummer)
              )
                leaks.push(`foreign patient ${p.id}: ${what}`);
          }
        }
      }
      expect(leaks).toEqual([]);
      expect(probes).toBeGreaterThan(5 * 30);
    }, 240_000);

    // Plan bodies (src/planning/plans.ts, another slice) still carry the internal patient id next
    // to the pseudonymised patient for analysts. This documents the gap: it fails while the gap is
    // open (so `it.fails` passes) and must become a plain `it` once plans.ts sends pseudonyms.
    it.fails(
      'analysts see no internal patient id in any response',
      async () => {
        const { planId } = await h().solvedPlan();
        const ids = (await h().db.query<{ id: string }>('SELECT id FROM waiting_list')).rows.map((r) => r.id);
        const bodies = [
          (await h().call('analyst', 'GET', `/api/plans/${planId}`)).text,
          (await h().call('analyst', 'GET', '/api/waiting-list?limit=1000')).text,
        ];
        const seen = ids.filter((id) => bodies.some((b) => b.includes(`"${id}"`)));
        expect(seen).toEqual([]);
      },
      120_000,
    );
  });
}

/** Bodies that pass validation, so a probe is refused for who it is, not for what it sent. */
const BODIES: Record<string, (patientId: string) => unknown> = {
  'POST /api/hospitals/:id/closures': () => ({ date: '2026-03-20', reason: 'probe' }),
  'PUT /api/hospitals/:id/roster-overrides': () => ({ from: '2026-03-20', to: '2026-03-21', overrides: [] }),
  'PUT /api/regional-teams/:teamId/availability': () => ({ weekdays: [1, 3], unavailableDates: [] }),
  'POST /api/hospitals/:id/waiting-list/import': () => [],
  'POST /api/plans/:id/decisions': (patientId) => ({ patientId, decision: 'reject', reason: 'probe' }),
  'POST /api/plans/:id/offers/:patientId': () => ({ answer: 'accepted' }),
  'PATCH /api/users/:id': () => ({ disabled: false }),
  'PUT /api/users/:id/password': () => ({ password: 'a-long-enough-password' }),
  'POST /api/users': () => ({
    email: 'probe@test.example',
    displayName: 'P',
    role: 'analyst',
    password: 'a-long-enough-password',
  }),
};
