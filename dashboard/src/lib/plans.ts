// Which plan the views show: the newest plan with a result unless the user picked one, the plan
// list and the chosen plan, both refetched when the live feed says they changed.
import { api } from './api.ts';
import { useAsync, type Async } from './async.ts';
import { useLive } from './live.ts';
import { session } from './session.ts';
import { store, useStore } from './store.ts';
import type { Plan, PlanMeta } from './types.ts';

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

export function usePlan(id: number | undefined): Async<Plan | null> {
  const a = useAsync(async () => (id === undefined ? null : api<Plan>(`/api/plans/${id}`)), [id]);
  useLive(['case.decided', 'plan.status', 'plan.published', 'plan.solved'], (_name, p) => {
    if (p.planId === id) a.reload();
  });
  return a;
}
