// Which plan the views show: the newest plan with a result unless the user picked one, the plan
// list and the chosen plan, both refetched when the live feed says they changed.
import { api } from './api.ts';
import { useAsync, type Async } from './async.ts';
import { useLive } from './live.ts';
import { session } from './session.ts';
import { store, useStore } from './store.ts';
import type { Plan, PlanAssignment, PlanChange, PlanMeta, PlanStatus, PlanCan } from './types.ts';

/** null = follow the newest plan with a result. */
export const pickedPlanId = store<number | null>(null);
// The next user starts from the latest plan, not from the previous user's pick.
session.subscribe((s) => {
  if (s === null) pickedPlanId.set(null);
});

const WITH_RESULT = new Set(['draft', 'proposed', 'published', 'superseded']);

export function usePlanList(): Async<PlanMeta[]> {
  const a = useAsync(async () => (await api<{ rows: PlanMeta[] }>('/api/plans?limit=200')).rows, []);
  useLive(['plan.solved', 'plan.failed', 'plan.status', 'plan.published'], () => a.reload());
  return a;
}

export function latestWithResult(plans: readonly PlanMeta[]): PlanMeta | undefined {
  return (
    plans.find((p) => WITH_RESULT.has(p.status) && p.status !== 'superseded') ??
    plans.find((p) => WITH_RESULT.has(p.status))
  );
}

/** The plan id the views should show, given the list. */
export function useCurrentPlanId(plans: readonly PlanMeta[] | undefined): number | undefined {
  const picked = useStore(pickedPlanId);
  if (plans === undefined) return undefined;
  if (picked !== null && plans.some((p) => p.id === picked)) return picked;
  return latestWithResult(plans)?.id;
}

const slot = (l: { hospitalId: string; theatreId: string; day: number }): string =>
  `${l.hospitalId}|${l.theatreId}|${l.day}`;

/**
 * The plan with a server delta applied: changed lists and assignments replaced, removed ones
 * dropped, new ones added in plan order, headline numbers and etag taken over. A delta for an
 * older etag than the plan's is ignored (the plan already reflects something newer).
 */
export function applyDelta(plan: Plan | null, d: PlanChange): Plan | null {
  if (plan === null || plan.id !== d.planId || plan.result === null || d.etag <= plan.etag) return plan;
  const r = plan.result;
  const changedLists = new Map(d.lists.map((l) => [slot(l), l]));
  const gone = new Set(d.removedSlots.map(slot));
  const lists = r.lists.filter((l) => !gone.has(slot(l))).map((l) => changedLists.get(slot(l)) ?? l);
  const known = new Set(r.lists.map(slot));
  lists.push(...d.lists.filter((l) => !known.has(slot(l))));
  lists.sort(
    (a, b) =>
      a.day - b.day ||
      (a.hospitalId < b.hospitalId ? -1 : a.hospitalId > b.hospitalId ? 1 : 0) ||
      (a.theatreId < b.theatreId ? -1 : 1),
  );
  // Deltas from live events carry no patient details: keep the views the screen already has.
  const viewOf = new Map<string, PlanAssignment['patient']>();
  for (const x of [...r.assignments, ...(r.replan ?? [])]) viewOf.set(x.patientId, x.patient);
  const withView = <T extends { patientId: string; patient?: PlanAssignment['patient'] }>(x: T) => ({
    ...x,
    patient: x.patient ?? viewOf.get(x.patientId) ?? null,
  });
  const removed = new Set(d.removed.map((x) => x.patientId));
  const changedA = new Map(d.assignments.map((a) => [a.patientId, a]));
  const assignments = r.assignments
    .filter((a) => !removed.has(a.patientId))
    .map((a) => {
      const c = changedA.get(a.patientId);
      // Keep the patient view we have when the delta carries none (it never widens access).
      return c === undefined ? a : withView(c);
    });
  const have = new Set(assignments.map((a) => a.patientId));
  assignments.push(...d.assignments.filter((a) => !have.has(a.patientId)).map(withView));
  return {
    ...plan,
    etag: d.etag,
    status: d.status as PlanStatus,
    ...(d.request === undefined
      ? {}
      : {
          request: {
            ...plan.request,
            pins: d.request.pins,
            excludedPatientIds: d.request.excludedPatientIds,
          },
        }),
    result: {
      ...r,
      lists,
      assignments,
      replan: d.replan.map(withView),
      kpis: d.kpis,
      objective: d.objective,
      bound: d.bound,
      gap: d.gap,
      check: d.check,
    },
  };
}

/** A status change: new status, etag and permissions, no refetch. */
export function applyStatus(
  plan: Plan | null,
  s: { id: number; status: PlanStatus; etag: number; can?: PlanCan },
): Plan | null {
  if (plan === null || plan.id !== s.id || s.etag <= plan.etag) return plan;
  return { ...plan, status: s.status, etag: s.etag, ...(s.can === undefined ? {} : { can: s.can }) };
}

/** A coordinator's decision: the decision list updated, and the lists if the delta changed them. */
export function applyDecision(
  plan: Plan | null,
  d: {
    planId: number;
    patientId: string;
    hospitalId: string;
    decision: 'accept' | 'reject';
    reason: string | null;
    delta?: PlanChange | null;
  },
): Plan | null {
  if (plan === null || plan.id !== d.planId) return plan;
  const withLists = d.delta === undefined || d.delta === null ? plan : applyDelta(plan, d.delta);
  if (withLists === null) return null;
  const decisions = [
    ...withLists.decisions.filter((x) => x.patientId !== d.patientId),
    {
      planId: d.planId,
      patientId: d.patientId,
      hospitalId: d.hospitalId,
      decision: d.decision,
      reason: d.reason,
    },
  ];
  return { ...withLists, decisions };
}

export function usePlan(id: number | undefined): Async<Plan | null> {
  const a = useAsync(async () => (id === undefined ? null : api<Plan>(`/api/plans/${id}`)), [id]);
  // Other users' actions arrive as deltas where the event carries one; otherwise the plan is
  // fetched again, unless it already reflects the event (our own action, applied from the reply).
  useLive(['plan.edited', 'case.decided', 'plan.status', 'plan.published', 'plan.solved'], (name, p) => {
    if (p.planId !== id) return;
    const cur = a.data;
    const reflected = typeof p.etag === 'number' && cur != null && p.etag <= cur.etag;
    if (name === 'plan.edited' && isDelta(p)) a.mutate((plan) => applyDelta(plan, p as PlanChange));
    else if (name === 'case.decided' && (isDelta(p.delta) || reflected))
      a.mutate((plan) => applyDecision(plan, p as Parameters<typeof applyDecision>[1]));
    else if (!reflected) a.reload();
  });
  return a;
}

function isDelta(x: unknown): boolean {
  return (
    typeof x === 'object' &&
    x !== null &&
    Array.isArray((x as PlanChange).lists) &&
    Array.isArray((x as PlanChange).removed)
  );
}
