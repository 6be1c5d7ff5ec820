// Routes of the capacity slice: staffing per date, closures, regional teams.
import { ALL, route, type AnyRoute } from '../http/route.ts';
import { HospitalParams } from '../http/schemas.ts';
import type { CapacityService } from './service.ts';
import * as S from './schemas.ts';
import { SessionImportRow } from './staffImport.ts';
import { Surgeon } from '../domain/snapshot.ts';

export function capacityRoutes(d: { capacity: CapacityService }): AnyRoute[] {
  const { capacity } = d;
  return [
    route({
      method: 'get',
      path: '/api/hospitals/:id/roster-overrides',
      tag: 'capacity',
      summary: 'Date-specific staffing of a hospital',
      auth: ALL,
      params: HospitalParams,
      query: S.RangeQuery,
      response: S.OverridesResponse,
      handler: async ({ params, query }) => ({
        body: await capacity.overrides(params.id, query.from, query.to),
      }),
    }),
    route({
      method: 'put',
      path: '/api/hospitals/:id/roster-overrides',
      tag: 'capacity',
      summary:
        "Replace the hospital's staffing overrides between from and to (planner or that hospital's coordinator)",
      auth: ['planner', 'coordinator'],
      params: HospitalParams,
      body: S.OverridesBody,
      response: S.ReplacedResponse,
      handler: async ({ params, body, who }) => ({
        body: await capacity.replaceOverrides(who, params.id, body),
      }),
    }),
    route({
      method: 'get',
      path: '/api/hospitals/:id/closures',
      tag: 'capacity',
      summary: 'Closures of a hospital (whole hospital or one theatre, per date)',
      auth: ALL,
      params: HospitalParams,
      response: S.ClosuresResponse,
      handler: async ({ params }) => ({ body: await capacity.closures(params.id) }),
    }),
    route({
      method: 'post',
      path: '/api/hospitals/:id/closures',
      tag: 'capacity',
      summary: 'Add a closure',
      auth: ['planner', 'coordinator'],
      params: HospitalParams,
      body: S.ClosureBody,
      status: 201,
      response: S.ClosureResponse,
      idempotent: true,
      handler: async ({ params, body, who }) => ({
        status: 201,
        body: await capacity.addClosure(who, params.id, body),
      }),
    }),
    route({
      method: 'delete',
      path: '/api/hospitals/:id/closures/:closureId',
      tag: 'capacity',
      summary: 'Remove a closure',
      auth: ['planner', 'coordinator'],
      params: S.ClosureParams,
      status: 204,
      handler: async ({ params, who }) => {
        await capacity.removeClosure(who, params.id, params.closureId);
        return { status: 204 };
      },
    }),
    route({
      method: 'get',
      path: '/api/regional-teams',
      tag: 'capacity',
      summary: 'Regional operation teams and their availability',
      auth: ALL,
      response: S.TeamsResponse,
      handler: async () => ({ body: await capacity.teams() }),
    }),
    route({
      method: 'put',
      path: '/api/regional-teams/:teamId/availability',
      tag: 'capacity',
      summary:
        "Set a regional team's working weekdays and unavailable dates (planner or the base hospital's coordinator)",
      auth: ['planner', 'coordinator'],
      params: S.TeamParams,
      body: S.TeamAvailabilityBody,
      response: S.TeamResponse,
      handler: async ({ params, body, who }) => ({
        body: await capacity.setTeamAvailability(who, params.teamId, body),
      }),
    }),
    route({
      method: 'get',
      path: '/api/hospitals/:id/surgeons',
      tag: 'capacity',
      summary: 'Named surgeons based at the hospital or allowed to operate there (identified roles)',
      auth: ['planner', 'coordinator', 'admin'],
      params: HospitalParams,
      response: S.SurgeonsResponse,
      handler: async ({ params }) => ({ body: await capacity.surgeons(params.id) }),
    }),
    route({
      method: 'get',
      path: '/api/hospitals/:id/sessions',
      tag: 'capacity',
      summary: "The hospital's session plan between from and to",
      auth: ALL,
      params: HospitalParams,
      query: S.RangeQuery,
      response: S.SessionsResponse,
      handler: async ({ params, query }) => ({
        body: await capacity.sessions(params.id, query.from, query.to),
      }),
    }),
    route({
      method: 'post',
      path: '/api/surgeons/import',
      tag: 'capacity',
      summary:
        'Import a surgeon roster (text/csv or a JSON array): surgeons added or updated by id, all or nothing (planner, or a coordinator for their own hospital)',
      auth: ['planner', 'coordinator'],
      body: S.StaffImportBody,
      csvBody: true,
      docBody: Surgeon,
      response: S.SurgeonImportResponse,
      idempotent: true,
      handler: async ({ body, who }) => ({ body: await capacity.importSurgeons(who, body) }),
    }),
    route({
      method: 'post',
      path: '/api/sessions/import',
      tag: 'capacity',
      summary:
        "Import a session plan (text/csv or a JSON array): each hospital's sessions over the file's dates replaced, all or nothing (planner, or a coordinator for their own hospital)",
      auth: ['planner', 'coordinator'],
      body: S.StaffImportBody,
      csvBody: true,
      docBody: SessionImportRow,
      response: S.SessionImportResponse,
      idempotent: true,
      handler: async ({ body, who }) => ({ body: await capacity.importSessions(who, body) }),
    }),
  ];
}
