// Routes of the waiting-list slice: the paged list, the region summary, imports, plan history.
import type { Db } from '../db/db.ts';
import type { Auditor } from '../auth/audit.ts';
import { localDateOf } from '../calendar/stockholm.ts';
import { ALL, route, type AnyRoute } from '../http/route.ts';
import { HospitalParams, PatientParam } from '../http/schemas.ts';
import {
  ImportRow,
  importWaitingList,
  listWaitingForRole,
  patientPlanHistory,
  waitingListSummary,
} from './service.ts';
import * as S from './schemas.ts';

export function waitingListRoutes(d: { db: Db; auditor: Auditor; clock: () => Date }): AnyRoute[] {
  const { db } = d;
  return [
    route({
      method: 'get',
      path: '/api/waiting-list',
      tag: 'waiting list',
      summary: 'The waiting list, paged and filtered, in the role’s view (audited)',
      auth: ALL,
      query: S.WaitingListQuery,
      response: S.WaitingListResponse,
      handler: async ({ query, who }) => ({
        text: {
          contentType: 'application/json; charset=utf-8',
          value: (await listWaitingForRole(db, d.auditor, who, query)).json,
        },
      }),
    }),
    route({
      method: 'get',
      path: '/api/waiting-list/summary',
      tag: 'waiting list',
      summary:
        'Region-wide counts per hospital and specialty: waiting, past the care guarantee, past the medical target date (no patient data; every role; not audited)',
      auth: ALL,
      response: S.WaitingListSummaryResponse,
      handler: async () => ({ body: await waitingListSummary(db) }),
    }),
    route({
      method: 'post',
      path: '/api/hospitals/:id/waiting-list/import',
      tag: 'waiting list',
      summary: "Import a hospital's waiting list (text/csv or a JSON array): all or nothing, idempotent",
      auth: ['planner', 'coordinator'],
      params: HospitalParams,
      body: S.ImportBody,
      csvBody: true,
      docBody: ImportRow,
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
    }),
    route({
      method: 'get',
      path: '/api/waiting-list/:patientId/plans',
      tag: 'waiting list',
      summary:
        "A patient's plan history: each plan placing them (hospital, theatre, date, start, decision), newest first; identified roles in the list's scope (audited)",
      auth: ['planner', 'coordinator', 'admin'],
      params: PatientParam,
      response: S.PatientPlansResponse,
      handler: async ({ params, who }) => ({
        body: await patientPlanHistory(db, d.auditor, who, params.patientId),
      }),
    }),
  ];
}
