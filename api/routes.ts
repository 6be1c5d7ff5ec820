// Every REST route: parse (zod, in http.ts) -> use case in src/ -> serialise. No SQL and no rules here.
import type { Db } from '../src/db/db.ts';
import type { Config } from '../src/config.ts';
import type { Auditor } from '../src/auth/audit.ts';
import { patientExtract, searchAudit } from '../src/auth/audit.ts';
import {
  adminCreateUser,
  adminListSessions,
  adminResetPassword,
  adminUpdateUser,
  login,
  revokeSession,
} from '../src/auth/users.ts';
import type { SessionGuard } from '../src/auth/sessions.ts';
import type { Lockout } from '../src/auth/lockout.ts';
import { findUserById, listUsers } from '../src/db/userRepo.ts';
import {
  getRegionSetMeta,
  listHospitals,
  listPriorityGrids,
  listProcedures,
  listRegions,
  listSpecialties,
  listTheatres,
} from '../src/db/referenceRepo.ts';
import { closureDays } from '../src/calendar/holidays.ts';
import { explainCapacityOn } from '../src/calendar/summer.ts';
import { localDateOf } from '../src/calendar/stockholm.ts';
import { CalendarSettings } from '../src/domain/snapshot.ts';
import { ForbiddenError, NotFoundError } from '../src/errors.ts';
import { issueLinkToken, verifyLinkToken } from '../src/auth/linkToken.ts';
import {
  importWaitingList,
  listWaitingForRole,
  patientPlanHistory,
  waitingListSummary,
} from '../src/planning/waitingList.ts';
import type { PlanService } from '../src/planning/plans.ts';
import type { createCapacityService } from '../src/planning/capacity.ts';
import { dayList, dayListCsv, dayListHtml, settlementCsv } from '../src/planning/exports.ts';
import type { AnyRoute, RouteSpec } from './http.ts';
import * as S from './schemas.ts';
import { scenarioRoutes } from '../src/scenarios/routes.ts';
import type { ScenarioService } from '../src/scenarios/service.ts';

export interface RouteDeps {
  db: Db;
  config: Config;
  clock: () => Date;
  auditor: Auditor;
  plans: PlanService;
  capacity: ReturnType<typeof createCapacityService>;
  sessions: SessionGuard;
  lockout: Lockout;
  scenarios?: ScenarioService;
}

const ALL = 'user' as const;
const notConfigured = (what: string): never => {
  throw new Error(`${what}: not configured in this app`);
};
const etagHeader = (etag: number): Record<string, string> => ({ ETag: `"${etag}"` });

export function routes(d: RouteDeps): AnyRoute[] {
  const { db } = d;
  const admin = { db, auditor: d.auditor, sessions: d.sessions, clock: d.clock };
  const r: AnyRoute[] = [];
  const add = <P, Q, B>(spec: RouteSpec<P, Q, B>): void => {
    r.push(spec as AnyRoute);
  };

  // ---- auth
  add({
    method: 'post',
    path: '/api/auth/login',
    tag: 'auth',
    summary: 'Log in with email and password; returns a bearer token',
    auth: 'public',
    body: S.LoginBody,
    response: S.LoginResponse,
    handler: async ({ body }) => ({
      body: await login(
        {
          db,
          auditor: d.auditor,
          lockout: d.lockout,
          secret: d.config.tokenSecret,
          ttlMin: d.config.tokenTtlMin,
          clock: d.clock,
        },
        body,
      ),
    }),
  });
  add({
    method: 'post',
    path: '/api/auth/logout',
    tag: 'auth',
    summary: 'End this session: its token stops working at once (REST and socket.io)',
    auth: ALL,
    status: 204,
    handler: async ({ who }) => {
      await revokeSession(admin, who, who.userId, who.sessionId);
      return { status: 204 };
    },
  });
  add({
    method: 'get',
    path: '/api/me',
    tag: 'auth',
    summary: 'The logged-in user',
    auth: ALL,
    handler: async ({ who }) => {
      const u = await findUserById(db, who.userId);
      if (u === undefined) throw new NotFoundError('user not found');
      const { passwordHash: _h, tokenVersion: _v, ...user } = u;
      return { body: user };
    },
  });
  add({
    method: 'get',
    path: '/api/users',
    tag: 'admin',
    summary: 'Users (admin)',
    auth: ['admin'],
    handler: async () => ({ body: await listUsers(db) }),
  });
  add({
    method: 'post',
    path: '/api/users',
    tag: 'admin',
    summary: 'Create a user (admin); coordinators need a hospital, other roles have none',
    auth: ['admin'],
    body: S.CreateUserBody,
    status: 201,
    response: S.PublicUserResponse,
    handler: async ({ body, who }) => ({ status: 201, body: await adminCreateUser(admin, who, body) }),
  });
  add({
    method: 'patch',
    path: '/api/users/:id',
    tag: 'admin',
    summary:
      "Disable/enable a user or change their role or hospital (admin); the user's tokens and sockets stop working at once",
    auth: ['admin'],
    params: S.UserIdParams,
    body: S.PatchUserBody,
    response: S.PublicUserResponse,
    handler: async ({ params, body, who }) => ({ body: await adminUpdateUser(admin, who, params.id, body) }),
  });
  add({
    method: 'put',
    path: '/api/users/:id/password',
    tag: 'admin',
    summary: "Reset a user's password (admin); their current sessions end",
    auth: ['admin'],
    params: S.UserIdParams,
    body: S.PasswordBody,
    status: 204,
    handler: async ({ params, body, who }) => {
      await adminResetPassword(admin, who, params.id, body.password);
      return { status: 204 };
    },
  });
  add({
    method: 'get',
    path: '/api/users/:id/sessions',
    tag: 'admin',
    summary: "A user's sessions, newest first (admin)",
    auth: ['admin'],
    params: S.UserIdParams,
    handler: async ({ params, who }) => ({ body: await adminListSessions(admin, who, params.id) }),
  });
  add({
    method: 'delete',
    path: '/api/users/:id/sessions',
    tag: 'admin',
    summary: 'Revoke every open session of a user (admin)',
    auth: ['admin'],
    params: S.UserIdParams,
    handler: async ({ params, who }) => ({ body: await revokeSession(admin, who, params.id, undefined) }),
  });
  add({
    method: 'delete',
    path: '/api/users/:id/sessions/:sessionId',
    tag: 'admin',
    summary: 'Revoke one session (admin)',
    auth: ['admin'],
    params: S.SessionParams,
    handler: async ({ params, who }) => ({
      body: await revokeSession(admin, who, params.id, params.sessionId),
    }),
  });

  // ---- reference data
  add({
    method: 'get',
    path: '/api/region-set',
    tag: 'reference',
    summary: 'The loaded region snapshot: id, name, asOfDate',
    auth: ALL,
    handler: async () => ({ body: (await getRegionSetMeta(db)) ?? null }),
  });
  add({
    method: 'get',
    path: '/api/regions',
    tag: 'reference',
    summary: 'Regions (huvudmän)',
    auth: ALL,
    handler: async () => ({ body: await listRegions(db) }),
  });
  add({
    method: 'get',
    path: '/api/hospitals',
    tag: 'reference',
    summary: 'Hospitals with specialties and procedures',
    auth: ALL,
    handler: async () => ({ body: await listHospitals(db) }),
  });
  add({
    method: 'get',
    path: '/api/theatres',
    tag: 'reference',
    summary: 'Theatres, optionally of one hospital',
    auth: ALL,
    query: S.TheatresQuery,
    handler: async ({ query }) => ({ body: await listTheatres(db, query.hospitalId) }),
  });
  add({
    method: 'get',
    path: '/api/procedures',
    tag: 'reference',
    summary: 'Procedures (KVÅ)',
    auth: ALL,
    handler: async () => ({ body: await listProcedures(db) }),
  });
  add({
    method: 'get',
    path: '/api/specialties',
    tag: 'reference',
    summary: 'Specialties',
    auth: ALL,
    handler: async () => ({ body: await listSpecialties(db) }),
  });
  add({
    method: 'get',
    path: '/api/priority-grids',
    tag: 'reference',
    summary: 'Priority grids per region',
    auth: ALL,
    handler: async () => ({ body: await listPriorityGrids(db) }),
  });
  add({
    method: 'get',
    path: '/api/calendar',
    tag: 'reference',
    summary:
      'Swedish closure days of a year and the snapshot calendar settings (summer weeks, extra closures)',
    auth: ALL,
    query: S.CalendarQuery,
    handler: async ({ query }) => {
      const meta = await getRegionSetMeta(db);
      const settings = meta === undefined ? undefined : CalendarSettings.parse(meta.calendar);
      const extra = (settings?.extraClosureDates ?? []).filter((x) => x.startsWith(`${query.year}-`));
      return {
        body: {
          year: query.year,
          closureDays: closureDays(query.year),
          extraClosureDates: extra,
          settings: settings ?? null,
          summer:
            settings === undefined
              ? null
              : {
                  fromWeek: settings.summerFromWeek,
                  toWeek: settings.summerToWeek,
                  capacityFactor: settings.summerCapacityFactor,
                  example: explainCapacityOn(`${query.year}-07-15`, settings),
                },
        },
      };
    },
  });

  // ---- capacity
  add({
    method: 'get',
    path: '/api/hospitals/:id/roster-overrides',
    tag: 'capacity',
    summary: 'Date-specific staffing of a hospital',
    auth: ALL,
    params: S.HospitalParams,
    query: S.RangeQuery,
    handler: async ({ params, query }) => ({
      body: await d.capacity.overrides(params.id, query.from, query.to),
    }),
  });
  add({
    method: 'put',
    path: '/api/hospitals/:id/roster-overrides',
    tag: 'capacity',
    summary:
      "Replace the hospital's staffing overrides between from and to (planner or that hospital's coordinator)",
    auth: ['planner', 'coordinator'],
    params: S.HospitalParams,
    body: S.OverridesBody,
    handler: async ({ params, body, who }) => ({
      body: await d.capacity.replaceOverrides(who, params.id, body),
    }),
  });
  add({
    method: 'get',
    path: '/api/hospitals/:id/closures',
    tag: 'capacity',
    summary: 'Closures of a hospital (whole hospital or one theatre, per date)',
    auth: ALL,
    params: S.HospitalParams,
    handler: async ({ params }) => ({ body: await d.capacity.closures(params.id) }),
  });
  add({
    method: 'post',
    path: '/api/hospitals/:id/closures',
    tag: 'capacity',
    summary: 'Add a closure',
    auth: ['planner', 'coordinator'],
    params: S.HospitalParams,
    body: S.ClosureBody,
    status: 201,
    idempotent: true,
    handler: async ({ params, body, who }) => ({
      status: 201,
      body: await d.capacity.addClosure(who, params.id, body),
    }),
  });
  add({
    method: 'delete',
    path: '/api/hospitals/:id/closures/:closureId',
    tag: 'capacity',
    summary: 'Remove a closure',
    auth: ['planner', 'coordinator'],
    params: S.ClosureParams,
    status: 204,
    handler: async ({ params, who }) => {
      await d.capacity.removeClosure(who, params.id, params.closureId);
      return { status: 204 };
    },
  });
  add({
    method: 'get',
    path: '/api/regional-teams',
    tag: 'capacity',
    summary: 'Regional operation teams and their availability',
    auth: ALL,
    handler: async () => ({ body: await d.capacity.teams() }),
  });
  add({
    method: 'put',
    path: '/api/regional-teams/:teamId/availability',
    tag: 'capacity',
    summary:
      "Set a regional team's working weekdays and unavailable dates (planner or the base hospital's coordinator)",
    auth: ['planner', 'coordinator'],
    params: S.TeamParams,
    body: S.TeamAvailabilityBody,
    handler: async ({ params, body, who }) => ({
      body: await d.capacity.setTeamAvailability(who, params.teamId, body),
    }),
  });

  // ---- waiting list
  add({
    method: 'get',
    path: '/api/waiting-list',
    tag: 'waiting list',
    summary: 'The waiting list, paged and filtered, in the role’s view (audited)',
    auth: ALL,
    query: S.WaitingListQuery,
    handler: async ({ query, who }) => ({
      text: {
        contentType: 'application/json; charset=utf-8',
        value: (await listWaitingForRole(db, d.auditor, who, query)).json,
      },
    }),
  });
  add({
    method: 'get',
    path: '/api/waiting-list/summary',
    tag: 'waiting list',
    summary:
      'Region-wide counts per hospital and specialty: waiting, past the care guarantee, past the medical target date (no patient data; every role; not audited)',
    auth: ALL,
    response: S.WaitingListSummaryResponse,
    handler: async () => ({ body: await waitingListSummary(db) }),
  });
  add({
    method: 'post',
    path: '/api/hospitals/:id/waiting-list/import',
    tag: 'waiting list',
    summary: "Import a hospital's waiting list (text/csv or a JSON array): all or nothing, idempotent",
    auth: ['planner', 'coordinator'],
    params: S.HospitalParams,
    body: S.ImportBody,
    csvBody: true,
    docBody: S.ImportRow,
    response: S.ImportResponse,
    idempotent: true,
    handler: async ({ params, body, who }) => ({
      body: await importWaitingList(
        db,
        d.auditor,
        who,
        params.id,
        body,
        localDateOf(d.clock().toISOString()),
      ),
    }),
  });

  add({
    method: 'get',
    path: '/api/waiting-list/:patientId/plans',
    tag: 'waiting list',
    summary:
      "A patient's plan history: each plan placing them (hospital, theatre, date, start, decision), newest first; identified roles in the list's scope (audited)",
    auth: ['planner', 'coordinator', 'admin'],
    params: S.PatientParam,
    handler: async ({ params, who }) => ({
      body: await patientPlanHistory(db, d.auditor, who, params.patientId),
    }),
  });

  // ---- plans
  add({
    method: 'post',
    path: '/api/plans',
    tag: 'plans',
    summary: 'Start a solve for an ISO week; returns at once (progress and result over socket.io)',
    auth: ['planner'],
    body: S.CreatePlanBody,
    status: 202,
    response: S.PlanStartedResponse,
    idempotent: true,
    handler: async ({ body, who }) => {
      const started = await d.plans.startPlan(who, body);
      return { status: 202, body: started, headers: { Location: `/api/plans/${started.planId}` } };
    },
  });
  add({
    method: 'get',
    path: '/api/plans',
    tag: 'plans',
    summary: 'Plans, newest first (coordinators: proposed and published only)',
    auth: ALL,
    query: S.PlansQuery,
    handler: async ({ query, who }) => ({ body: await d.plans.list(who, query) }),
  });
  add({
    method: 'get',
    path: '/api/plans/:id',
    tag: 'plans',
    summary: 'A plan with its result in the role’s view (audited); ETag = version for If-Match',
    auth: ALL,
    params: S.IdParam,
    handler: async ({ params, who }) => {
      const p = await d.plans.get(who, params.id);
      return { body: p, headers: etagHeader(p.etag) };
    },
  });
  add({
    method: 'get',
    path: '/api/plans/:id/kpis',
    tag: 'plans',
    summary: 'KPIs of a plan and of its baseline (no patient data)',
    auth: ALL,
    params: S.IdParam,
    handler: async ({ params, who }) => {
      const k = await d.plans.kpis(who, params.id);
      return { body: k, headers: etagHeader(k.etag) };
    },
  });
  add({
    method: 'post',
    path: '/api/plans/:id/status',
    tag: 'plans',
    summary: 'Move a plan draft -> proposed -> published (If-Match required; stale -> 409)',
    auth: ['planner'],
    params: S.IdParam,
    body: S.StatusBody,
    handler: async ({ params, body, who, ifMatch }) => {
      const u = await d.plans.setStatus(who, params.id, body.status, ifMatch);
      return { body: u, headers: etagHeader(u.etag) };
    },
  });
  add({
    method: 'patch',
    path: '/api/plans/:id',
    tag: 'plans',
    summary: 'Pin, exclude or move patients (If-Match required); re-checked, a broken rule -> 422',
    auth: ['planner'],
    params: S.IdParam,
    body: S.PatchPlanBody,
    handler: async ({ params, body, who, ifMatch }) => {
      const u = await d.plans.edit(who, params.id, ifMatch, body);
      return { body: u, headers: etagHeader(u.etag) };
    },
  });
  add({
    method: 'post',
    path: '/api/plans/:id/resolve',
    tag: 'plans',
    summary: 'Re-solve keeping pins and exclusions; a new version of the week',
    auth: ['planner'],
    params: S.IdParam,
    status: 202,
    response: S.PlanStartedResponse,
    idempotent: true,
    handler: async ({ params, who }) => ({ status: 202, body: await d.plans.resolve(who, params.id) }),
  });
  add({
    method: 'get',
    path: '/api/plans/:a/diff/:b',
    tag: 'plans',
    summary: 'What changed from plan a to plan b (added, removed, moved, KPI deltas)',
    auth: ALL,
    params: S.DiffParams,
    handler: async ({ params, who }) => ({ body: await d.plans.diff(who, params.a, params.b) }),
  });
  add({
    method: 'post',
    path: '/api/plans/:id/decisions',
    tag: 'decisions',
    summary: 'A coordinator accepts or rejects a case proposed to their hospital (reject needs a reason)',
    auth: ['coordinator'],
    params: S.IdParam,
    body: S.DecisionBody,
    status: 201,
    idempotent: true,
    handler: async ({ params, body, who }) => ({
      status: 201,
      body: await d.plans.decide(who, params.id, body),
    }),
  });
  add({
    method: 'get',
    path: '/api/plans/:id/decisions',
    tag: 'decisions',
    summary:
      'Decision inbox: cases proposed to a hospital from another list, pending/accepted/rejected (coordinators: their hospital)',
    auth: ['planner', 'coordinator', 'admin'],
    params: S.IdParam,
    query: S.TheatresQuery,
    handler: async ({ params, query, who }) => {
      const b = await d.plans.decisions(who, params.id, query);
      return { body: b, headers: etagHeader(b.etag) };
    },
  });
  add({
    method: 'get',
    path: '/api/plans/:id/publish-summary',
    tag: 'plans',
    summary:
      'What publishing would do: cases per hospital, pending decisions, changes vs the published version of the week',
    auth: ['planner', 'admin'],
    params: S.IdParam,
    handler: async ({ params, who }) => {
      const b = await d.plans.publishSummary(who, params.id);
      return { body: b, headers: etagHeader(b.etag) };
    },
  });
  add({
    method: 'post',
    path: '/api/plans/:id/offers/:patientId',
    tag: 'decisions',
    summary: "The patient's answer to the offered slot (declined elsewhere -> guarantee waived, PvV)",
    auth: ['planner', 'coordinator'],
    params: S.OfferParams,
    body: S.OfferBody,
    status: 201,
    idempotent: true,
    handler: async ({ params, body, who }) => ({
      status: 201,
      body: await d.plans.answerOffer(who, params.id, params.patientId, body.answer),
    }),
  });

  // ---- exports
  add({
    method: 'get',
    path: '/api/plans/:id/day-list.csv',
    tag: 'exports',
    summary: "A hospital's theatre lists (CSV; audited)",
    auth: ALL,
    params: S.IdParam,
    query: S.DayListQuery,
    produces: 'text/csv',
    handler: async ({ params, query, who }) => {
      const dl = await dayList(db, d.auditor, who, params.id, query);
      return {
        text: { contentType: 'text/csv; charset=utf-8', value: dayListCsv(dl) },
        headers: {
          'Content-Disposition': `attachment; filename="day-list-${params.id}-${query.hospitalId}${query.date ? `-${query.date}` : ''}.csv"`,
        },
      };
    },
  });
  add({
    method: 'get',
    path: '/api/plans/:id/day-list.html',
    tag: 'exports',
    summary:
      "A hospital's theatre lists, print-friendly HTML (audited); a bearer token or a signed `token` from day-list-link",
    auth: ALL,
    params: S.IdParam,
    query: S.DayListHtmlQuery,
    produces: 'text/html',
    linkAuth: ({ params, query, secret, nowMs }) =>
      query.token === undefined
        ? undefined
        : verifyLinkToken(
            secret,
            query.token,
            { kind: 'day-list', planId: params.id, hospitalId: query.hospitalId, date: query.date },
            nowMs,
          ),
    handler: async ({ params, query, who }) => {
      const q = { hospitalId: query.hospitalId, date: query.date };
      return {
        text: {
          contentType: 'text/html; charset=utf-8',
          value: dayListHtml(await dayList(db, d.auditor, who, params.id, q), q),
        },
      };
    },
  });
  add({
    method: 'get',
    path: '/api/plans/:id/day-list-link',
    tag: 'exports',
    summary:
      'A signed link to the HTML day list, valid 5 minutes for this plan, hospital and date only (opens without an Authorization header)',
    auth: ALL,
    params: S.IdParam,
    query: S.DayListQuery,
    response: S.DayListLinkResponse,
    handler: async ({ params, query, who }) => {
      // Refuse now what the link would be refused later: another hospital, an invisible plan.
      if (who.role === 'coordinator' && who.hospitalId !== query.hospitalId)
        throw new ForbiddenError(
          `day list of ${query.hospitalId}: coordinators see only their own hospital (${who.hospitalId})`,
        );
      await d.plans.kpis(who, params.id);
      const scope = { kind: 'day-list' as const, planId: params.id, ...query };
      const { token, expiresAt } = issueLinkToken(d.config.tokenSecret, who, scope, d.clock().getTime());
      const qs = new URLSearchParams({
        hospitalId: query.hospitalId,
        ...(query.date ? { date: query.date } : {}),
        token,
      });
      return { body: { url: `/api/plans/${params.id}/day-list.html?${qs.toString()}`, expiresAt } };
    },
  });
  add({
    method: 'get',
    path: '/api/plans/:id/settlement.csv',
    tag: 'exports',
    summary: 'Cross-region settlement of a plan: who pays whom, SEK (CSV)',
    auth: ALL,
    params: S.IdParam,
    produces: 'text/csv',
    handler: async ({ params, who }) => ({
      text: { contentType: 'text/csv; charset=utf-8', value: await settlementCsv(db, who, params.id) },
      headers: { 'Content-Disposition': `attachment; filename="settlement-${params.id}.csv"` },
    }),
  });

  // ---- audit
  add({
    method: 'get',
    path: '/api/audit',
    tag: 'admin',
    summary: 'Query the audit log (admin)',
    auth: ['admin'],
    query: S.AuditQueryParams,
    handler: async ({ query, who }) => ({ body: await searchAudit(db, d.auditor, who, query) }),
  });
  add({
    method: 'get',
    path: '/api/audit/patients/:patientId',
    tag: 'admin',
    summary: 'Every audit row concerning one patient (the log extract a patient may ask for; admin)',
    auth: ['admin'],
    params: S.PatientParam,
    handler: async ({ params, who }) => ({
      body: { patientId: params.patientId, rows: await patientExtract(db, d.auditor, who, params.patientId) },
    }),
  });
  r.push(...scenarioRoutes(() => d.scenarios ?? notConfigured('scenario runs')));
  return r;
}
