// Broken object-level authorisation probes, shared by tests/api/bola.test.ts and bench/security.ts:
// every route of the route table, called by every role with another hospital's objects (hospital,
// patient, closure, team) and a solved plan. A leak is a 5xx, a 2xx write on another hospital, a
// non-admin reaching an admin route, or a response showing a personnummer the caller may not see
// (analysts and admins without a break-the-glass reason see none; a coordinator only those of
// patients listed at or planned to their hospital).
import type { Db } from '../../src/db/db.ts';
import { routeTable } from './fuzz.ts';

export type Caller = (
  who: string,
  method: string,
  path: string,
  body: unknown,
) => Promise<{ status: number; text: string; json: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The callers: role key → their hospital (coordinators) or undefined. */
export const PROBE_ROLES: Record<string, string | undefined> = {
  planner: undefined,
  hassleholm: 'h-hassleholm',
  vaxjo: 'h-vaxjo',
  analyst: undefined,
  admin: undefined,
};
const ROLE_OF: Record<string, string> = {
  planner: 'planner',
  hassleholm: 'coordinator',
  vaxjo: 'coordinator',
  analyst: 'analyst',
  admin: 'admin',
};

/** Bodies that pass validation, so a probe is refused for who it is, not for what it sent. */
const BODIES: Record<string, (patientId: string) => unknown> = {
  'POST /api/hospitals/:id/closures': () => ({ date: '2026-03-20', reason: 'probe' }),
  'PUT /api/hospitals/:id/roster-overrides': () => ({ from: '2026-03-20', to: '2026-03-21', overrides: [] }),
  'PUT /api/regional-teams/:teamId/availability': () => ({ weekdays: [1, 3], unavailableDates: [] }),
  'POST /api/hospitals/:id/waiting-list/import': () => [],
  'POST /api/plans/:id/decisions': (patientId) => ({ patientId, decision: 'reject', reason: 'probe' }),
  'POST /api/plans/:id/offers/:patientId': () => ({ answer: 'accepted' }),
  'PATCH /api/users/:id': () => ({ disabled: false }),
  'POST /api/scenarios': () => ({ schemaVersion: 1, id: 'sc-probe', name: 'Probe' }),
  'PUT /api/scenarios/:id': () => ({ schemaVersion: 1, id: 'sc-probe', name: 'Probe' }),
  'PUT /api/users/:id/password': () => ({ password: 'a-long-enough-password' }),
  'POST /api/users': () => ({
    email: 'probe@test.example',
    displayName: 'P',
    role: 'analyst',
    password: 'a-long-enough-password',
  }),
};

export async function probeBola(
  db: Db,
  call: Caller,
  planId: number,
): Promise<{ probes: number; leaks: string[] }> {
  const patients = (
    await db.query<{ id: string; personnummer: string; listing_hospital_id: string }>(
      'SELECT id, personnummer, listing_hospital_id FROM waiting_list',
    )
  ).rows;
  const plan = (await call('planner', 'GET', `/api/plans/${planId}`, undefined)).json;
  const plannedTo = new Map<string, Set<string>>();
  for (const a of [...plan.result.assignments, ...plan.result.baseline.assignments])
    plannedTo.set(a.patientId, (plannedTo.get(a.patientId) ?? new Set()).add(a.hospitalId));
  for (const c of ['h-hassleholm', 'h-vaxjo'])
    await call('planner', 'POST', `/api/hospitals/${c}/closures`, { date: '2026-03-27', reason: 'probe' });
  // User routes aim at a user made for the probes: resetting or changing a real caller would end
  // that caller's session (and every later probe of theirs would be a 401).
  const probeUser = await call('admin', 'POST', '/api/users', {
    email: `bola-target-${Date.now()}@test.example`,
    displayName: 'Probe target',
    role: 'analyst',
    password: 'a-long-enough-password',
  });
  const probeUserId = String(probeUser.json?.id ?? 'u-nobody');
  const closures = (
    await db.query<{ ord: number; hospital_id: string }>('SELECT ord, hospital_id FROM closures')
  ).rows;

  const leaks: string[] = [];
  let probes = 0;
  for (const spec of routeTable()) {
    // Logging in needs no object; logging out would end the caller's own session.
    if (spec.path === '/api/auth/logout' || spec.path === '/api/auth/login') continue;
    for (const [who, own] of Object.entries(PROBE_ROLES)) {
      const target = who === 'vaxjo' ? 'h-hassleholm' : 'h-vaxjo';
      const patient =
        patients.find((p) => p.listing_hospital_id === target && !plannedTo.get(p.id)?.has(own ?? '')) ??
        patients[0]!;
      const closure = closures.find((c) => c.hospital_id === target)?.ord ?? 0;
      const path = spec.path
        .replace(':id/closures/:closureId', `${target}/closures/${closure}`)
        .replace(/^\/api\/hospitals\/:id/, `/api/hospitals/${target}`)
        .replace(/^\/api\/users\/:id/, `/api/users/${probeUserId}`)
        .replace(':sessionId', 'AAAAAAAAAAAAAAAAAAAAAA')
        .replace(':teamId', 'team-1') // based at h-sus-lund: foreign to both coordinators
        .replace(':patientId', patient.id)
        .replace(/:id|:a|:b/g, String(planId));
      const queryFields = Object.keys((spec.query as { shape?: object } | undefined)?.shape ?? {});
      const q = queryFields.includes('hospitalId') ? `?hospitalId=${target}` : '';
      const body =
        spec.method === 'get'
          ? undefined
          : (BODIES[`${spec.method.toUpperCase()} ${spec.path}`]?.(patient.id) ?? {});
      const r = await call(who, spec.method.toUpperCase(), path + q, body);
      probes++;
      const what = `${who} ${spec.method.toUpperCase()} ${path}${q} → ${r.status}`;
      if (r.status >= 500) leaks.push(`5xx: ${what}`);
      const adminOnly = Array.isArray(spec.auth) && spec.auth.length === 1 && spec.auth[0] === 'admin';
      if (adminOnly && ROLE_OF[who] !== 'admin' && r.status < 400) leaks.push(`admin route: ${what}`);
      // Scenarios and their runs are for analysts and planners only.
      const scenarioRoute = spec.path.startsWith('/api/scenario');
      if (scenarioRoute && (ROLE_OF[who] === 'coordinator' || ROLE_OF[who] === 'admin') && r.status < 400)
        leaks.push(`scenario route: ${what}`);
      const onForeignHospital = path.includes(`/hospitals/${target}`) || path.includes('team-1');
      if (spec.method !== 'get' && own !== undefined && onForeignHospital && r.status < 300)
        leaks.push(`foreign write: ${what}`);
      // Compared with the real personnummer, not a pattern: a request id (UUID) can look like one.
      if (
        (who === 'analyst' || who === 'admin') &&
        !adminOnly &&
        patients.some((p) => r.text.includes(p.personnummer))
      )
        leaks.push(`identified data: ${what}`);
      if (own !== undefined)
        for (const p of patients)
          if (
            p.listing_hospital_id !== own &&
            !plannedTo.get(p.id)?.has(own) &&
            r.text.includes(p.personnummer)
          )
            leaks.push(`foreign patient ${p.id}: ${what}`);
    }
  }
  return { probes, leaks };
}
