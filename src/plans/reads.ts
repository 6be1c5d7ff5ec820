// Plan use cases: list, read and compare plans, each read audited and scoped by role.
import { getPlanKpis, listPlans, type PlanStatus } from './repo.ts';
import { listDecisions } from './decisionRepo.ts';
import { NotFoundError } from '../errors.ts';
import type { Principal } from '../auth/roles.ts';
import { COORDINATOR_VISIBLE, planCan } from '../auth/access.ts';
import type { Assignment, PlanningResult } from '../../solver/model/result.ts';
import type { PlanContext } from './context.ts';
import type { PlanScoping } from './scope.ts';

/** Reading plans role-scoped: the list, one plan, its KPIs, and the difference of two versions. */
export function createReadUseCases(ctx: PlanContext, scoping: PlanScoping) {
  const { db, auditor, problems, loadPlan, rememberPlan, assertVisible } = ctx;
  const { scopeRequests, views, scopeResult, pseudonymiseFor } = scoping;

  return {
    async list(
      who: Principal,
      q: { week?: string | undefined; status?: PlanStatus | undefined; limit: number; offset: number },
    ) {
      const statuses =
        who.role === 'coordinator'
          ? q.status === undefined
            ? COORDINATOR_VISIBLE
            : COORDINATOR_VISIBLE.filter((s) => s === q.status)
          : q.status === undefined
            ? undefined
            : [q.status];
      const page = await listPlans(db, { week: q.week, statuses, limit: q.limit, offset: q.offset });
      const requests = await scopeRequests(
        who,
        page.rows.map((r) => r.request),
      );
      return { ...page, rows: page.rows.map((r, i) => ({ ...r, request: requests[i]! })) };
    },

    async get(who: Principal, id: number) {
      const p = await loadPlan(id);
      assertVisible(who, p);
      const { result, ...meta } = p;
      const can = planCan(who, p);
      if (result === null) return { ...meta, can, result: null, decisions: [] };
      // Whoever may change this version next (a planner's edit, a coordinator's decision) finds it
      // and its planning problem ready: the first change then costs no more than the following ones.
      if (can.edit || can.decide) {
        rememberPlan(p.id, p.etag, result);
        problems.warm(p.request);
      }
      const scoped = await scopeResult(who, result as PlanningResult);
      const shown = new Set(scoped.patientIds);
      meta.request = (await scopeRequests(who, [meta.request]))[0]!;
      const decisions = (await listDecisions(db, id)).filter(
        (d) => who.role !== 'coordinator' || shown.has(d.patientId),
      );
      await auditor.log(db, who, {
        action: 'plan.read',
        patientIds: scoped.patientIds,
        details: { planId: id },
      });
      return pseudonymiseFor(
        who,
        {
          ...meta,
          can,
          result: scoped.body,
          decisions:
            who.role === 'analyst' ? decisions.map(({ reason: _r, decidedBy: _b, ...d }) => d) : decisions,
        },
        shown,
      );
    },

    async kpis(who: Principal, id: number) {
      const p = await getPlanKpis(db, id);
      if (p === undefined) throw new NotFoundError(`plan ${id} not found`);
      assertVisible(who, p);
      return {
        planId: p.id,
        week: p.week,
        version: p.version,
        status: p.status,
        etag: p.etag,
        solveStatus: p.summary?.status ?? null,
        objective: p.summary?.objective ?? null,
        bound: p.summary?.bound ?? null,
        gap: p.summary?.gap ?? null,
        check: p.summary?.check ?? null,
        kpis: p.summary?.kpis ?? null,
        baseline: p.summary?.baselineKpis ?? null,
        fairness: p.summary?.fairness ?? null,
        baselineFairness: p.summary?.baselineFairness ?? null,
      };
    },

    async diff(who: Principal, aId: number, bId: number) {
      const [a, b] = [await loadPlan(aId), await loadPlan(bId)];
      assertVisible(who, a);
      assertVisible(who, b);
      const ra = (a.result as PlanningResult | null)?.assignments ?? [];
      const rb = (b.result as PlanningResult | null)?.assignments ?? [];
      const ma = new Map(ra.map((x) => [x.patientId, x]));
      const mb = new Map(rb.map((x) => [x.patientId, x]));
      const { views: v, patients } = await views(who, [...ra, ...rb]);
      const hid = who.role === 'coordinator' ? who.hospitalId : undefined;
      const place = (x: Assignment) => ({
        hospitalId: x.hospitalId,
        theatreId: x.theatreId,
        date: x.date,
        startMin: x.startMin,
      });
      const visible = (x: Assignment | undefined, y: Assignment | undefined, pid: string): boolean =>
        hid === undefined ||
        x?.hospitalId === hid ||
        y?.hospitalId === hid ||
        patients.get(pid)?.listingHospitalId === hid;
      const added = [];
      const removed = [];
      const moved = [];
      for (const [pid, y] of mb) {
        const x = ma.get(pid);
        if (!visible(x, y, pid)) continue;
        if (x === undefined) added.push({ patientId: pid, patient: v.get(pid) ?? null, to: place(y) });
        else if (
          x.hospitalId !== y.hospitalId ||
          x.theatreId !== y.theatreId ||
          x.date !== y.date ||
          x.startMin !== y.startMin
        ) {
          moved.push({ patientId: pid, patient: v.get(pid) ?? null, from: place(x), to: place(y) });
        }
      }
      for (const [pid, x] of ma) {
        if (!mb.has(pid) && visible(x, undefined, pid))
          removed.push({ patientId: pid, patient: v.get(pid) ?? null, from: place(x) });
      }
      const ka = (a.result as PlanningResult | null)?.kpis as unknown as Record<string, unknown> | undefined;
      const kb = (b.result as PlanningResult | null)?.kpis as unknown as Record<string, unknown> | undefined;
      const kpiDelta: Record<string, number> = {};
      for (const [k, val] of Object.entries(kb ?? {})) {
        const old = ka?.[k];
        if (typeof val === 'number' && typeof old === 'number') kpiDelta[k] = val - old;
      }
      const patientIds = [...added, ...removed, ...moved].map((x) => x.patientId);
      await auditor.log(db, who, { action: 'plan.diff', patientIds, details: { planA: aId, planB: bId } });
      return pseudonymiseFor(
        who,
        {
          a: { id: a.id, version: a.version, week: a.week },
          b: { id: b.id, version: b.version, week: b.week },
          added,
          removed,
          moved,
          kpiDelta,
        },
        patientIds,
      );
    },
  };
}
