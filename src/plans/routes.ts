// Routes of the plans slice: solves, plans in the role's view, status, edits, diffs, decisions,
// the publish summary and offers. Handlers only parse (through the schemas) and call the service.
import { ALL, etagHeader, route, type AnyRoute } from '../http/route.ts';
import { HospitalQuery } from '../http/schemas.ts';
import type { PlanService } from './service.ts';
import * as S from './schemas.ts';
import type { Db } from '../db/db.ts';
import { withSurgeonNames } from './surgeonNames.ts';

export function planRoutes(d: { plans: PlanService; db: Db }): AnyRoute[] {
  const { plans } = d;
  return [
    route({
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
        const started = await plans.startPlan(who, body);
        return { status: 202, body: started, headers: { Location: `/api/plans/${started.planId}` } };
      },
    }),
    route({
      method: 'get',
      path: '/api/plans',
      tag: 'plans',
      summary: 'Plans, newest first (coordinators: proposed and published only)',
      auth: ALL,
      query: S.PlansQuery,
      response: S.PlanListResponse,
      handler: async ({ query, who }) => ({ body: await plans.list(who, query) }),
    }),
    route({
      method: 'get',
      path: '/api/plans/:id',
      tag: 'plans',
      summary: 'A plan with its result in the role’s view (audited); ETag = version for If-Match',
      auth: ALL,
      params: S.IdParam,
      response: S.PlanResponse,
      handler: async ({ params, who }) => {
        const p = await withSurgeonNames(
          d.db,
          who,
          await plans.get(who, params.id),
          (b) => b.result as { assignments: [] } | null,
        );
        return { body: p, headers: etagHeader(p.etag) };
      },
    }),
    route({
      method: 'get',
      path: '/api/plans/:id/kpis',
      tag: 'plans',
      summary: 'KPIs of a plan and of its baseline (no patient data)',
      auth: ALL,
      params: S.IdParam,
      response: S.KpisResponse,
      handler: async ({ params, who }) => {
        const k = await plans.kpis(who, params.id);
        return { body: k, headers: etagHeader(k.etag) };
      },
    }),
    route({
      method: 'post',
      path: '/api/plans/:id/status',
      tag: 'plans',
      summary: 'Move a plan draft -> proposed -> published (If-Match required; stale -> 409)',
      auth: ['planner'],
      params: S.IdParam,
      body: S.StatusBody,
      response: S.StatusResponse,
      handler: async ({ params, body, who, ifMatch }) => {
        const u = await plans.setStatus(who, params.id, body.status, ifMatch);
        return { body: u, headers: etagHeader(u.etag) };
      },
    }),
    route({
      method: 'patch',
      path: '/api/plans/:id',
      tag: 'plans',
      summary: 'Pin, exclude or move patients (If-Match required); re-checked, a broken rule -> 422',
      auth: ['planner'],
      params: S.IdParam,
      body: S.PatchPlanBody,
      response: S.EditResponse,
      handler: async ({ params, body, who, ifMatch }) => {
        const u = await withSurgeonNames(
          d.db,
          who,
          await plans.edit(who, params.id, ifMatch, body),
          (b) => b.delta,
        );
        return { body: u, headers: etagHeader(u.etag) };
      },
    }),
    route({
      method: 'post',
      path: '/api/plans/:id/resolve',
      tag: 'plans',
      summary: 'Re-solve keeping pins and exclusions; a new version of the week',
      auth: ['planner'],
      params: S.IdParam,
      status: 202,
      response: S.PlanStartedResponse,
      idempotent: true,
      handler: async ({ params, who }) => ({ status: 202, body: await plans.resolve(who, params.id) }),
    }),
    route({
      method: 'get',
      path: '/api/plans/:a/diff/:b',
      tag: 'plans',
      summary: 'What changed from plan a to plan b (added, removed, moved, KPI deltas)',
      auth: ALL,
      params: S.DiffParams,
      response: S.DiffResponse,
      handler: async ({ params, who }) => ({ body: await plans.diff(who, params.a, params.b) }),
    }),
    route({
      method: 'post',
      path: '/api/plans/:id/decisions',
      tag: 'decisions',
      summary: 'A coordinator accepts or rejects a case proposed to their hospital (reject needs a reason)',
      auth: ['coordinator'],
      params: S.IdParam,
      body: S.DecisionBody,
      status: 201,
      response: S.DecisionResponse,
      idempotent: true,
      handler: async ({ params, body, who }) => ({
        status: 201,
        body: await plans.decide(who, params.id, body),
      }),
    }),
    route({
      method: 'get',
      path: '/api/plans/:id/decisions',
      tag: 'decisions',
      summary:
        'Decision inbox: cases proposed to a hospital from another list, pending/accepted/rejected (coordinators: their hospital)',
      auth: ['planner', 'coordinator', 'admin'],
      params: S.IdParam,
      query: HospitalQuery,
      response: S.DecisionInboxResponse,
      handler: async ({ params, query, who }) => {
        const b = await plans.decisions(who, params.id, query);
        return { body: b, headers: etagHeader(b.etag) };
      },
    }),
    route({
      method: 'get',
      path: '/api/plans/:id/publish-summary',
      tag: 'plans',
      summary:
        'What publishing would do: cases per hospital, pending decisions, changes vs the published version of the week',
      auth: ['planner', 'admin'],
      params: S.IdParam,
      response: S.PublishSummaryResponse,
      handler: async ({ params, who }) => {
        const b = await plans.publishSummary(who, params.id);
        return { body: b, headers: etagHeader(b.etag) };
      },
    }),
    route({
      method: 'post',
      path: '/api/plans/:id/offers/:patientId',
      tag: 'decisions',
      summary: "The patient's answer to the offered slot (declined elsewhere -> guarantee waived, PvV)",
      auth: ['planner', 'coordinator'],
      params: S.OfferParams,
      body: S.OfferBody,
      status: 201,
      response: S.OfferResponse,
      idempotent: true,
      handler: async ({ params, body, who }) => ({
        status: 201,
        body: await plans.answerOffer(who, params.id, params.patientId, body.answer),
      }),
    }),
  ];
}
