// Routes of the exports slice: a hospital's day list as CSV or print HTML (bearer token or a
// short-lived signed link), and the plan's cross-region settlement as CSV.
import type { Db } from '../db/db.ts';
import type { Auditor } from '../auth/audit.ts';
import { ForbiddenError } from '../errors.ts';
import { issueLinkToken, verifyLinkToken } from '../auth/linkToken.ts';
import type { Principal } from '../auth/roles.ts';
import { ALL, route, type AnyRoute } from '../http/route.ts';
import { IdParam } from '../plans/schemas.ts';
import { dayList, dayListCsv, dayListHtml, settlementCsv } from './service.ts';
import * as S from './schemas.ts';

export interface ExportRouteDeps {
  db: Db;
  auditor: Auditor;
  clock: () => Date;
  tokenSecret: string;
  /** Throws unless the principal may see the plan (the link is refused now, not later). */
  assertPlanVisible: (who: Principal, planId: number) => Promise<unknown>;
}

export function exportRoutes(d: ExportRouteDeps): AnyRoute[] {
  const { db } = d;
  return [
    route({
      method: 'get',
      path: '/api/plans/:id/day-list.csv',
      tag: 'exports',
      summary: "A hospital's theatre lists (CSV; audited)",
      auth: ALL,
      params: IdParam,
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
    }),
    route({
      method: 'get',
      path: '/api/plans/:id/day-list.html',
      tag: 'exports',
      summary:
        "A hospital's theatre lists, print-friendly HTML (audited); a bearer token or a signed `token` from day-list-link",
      auth: ALL,
      params: IdParam,
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
    }),
    route({
      method: 'get',
      path: '/api/plans/:id/day-list-link',
      tag: 'exports',
      summary:
        'A signed link to the HTML day list, valid 5 minutes for this plan, hospital and date only (opens without an Authorization header)',
      auth: ALL,
      params: IdParam,
      query: S.DayListQuery,
      response: S.DayListLinkResponse,
      handler: async ({ params, query, who }) => {
        // Refuse now what the link would be refused later: another hospital, an invisible plan.
        if (who.role === 'coordinator' && who.hospitalId !== query.hospitalId)
          throw new ForbiddenError(
            `day list of ${query.hospitalId}: coordinators see only their own hospital (${who.hospitalId})`,
          );
        await d.assertPlanVisible(who, params.id);
        const scope = { kind: 'day-list' as const, planId: params.id, ...query };
        const { token, expiresAt } = issueLinkToken(d.tokenSecret, who, scope, d.clock().getTime());
        const qs = new URLSearchParams({
          hospitalId: query.hospitalId,
          ...(query.date ? { date: query.date } : {}),
          token,
        });
        return { body: { url: `/api/plans/${params.id}/day-list.html?${qs.toString()}`, expiresAt } };
      },
    }),
    route({
      method: 'get',
      path: '/api/plans/:id/settlement.csv',
      tag: 'exports',
      summary: 'Cross-region settlement of a plan: who pays whom, SEK (CSV)',
      auth: ALL,
      params: IdParam,
      produces: 'text/csv',
      handler: async ({ params, who }) => ({
        text: { contentType: 'text/csv; charset=utf-8', value: await settlementCsv(db, who, params.id) },
        headers: { 'Content-Disposition': `attachment; filename="settlement-${params.id}.csv"` },
      }),
    }),
  ];
}
