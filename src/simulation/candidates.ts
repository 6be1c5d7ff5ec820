// The candidate set of a weekly plan (ADR 0011). A week can treat only what its lists hold, yet the
// whole list (20,000+ at Södra) would enter the weekly model every week and dominate its size. So
// the simulation passes the planner, per specialty, the most urgent patients whose planned minutes
// add up to `factor` times the specialty's list minutes that week (every open room a surgeon of the
// specialty could use, staff ignored: an upper bound), the same per listing hospital and specialty
// against that hospital's own list minutes (what the status quo fills), plus every patient already past the
// guarantee or the target date. The rest cannot all be treated this week whatever the plan, and
// they still count in every figure; only the planner does not see them. factor 0 = everyone.
import { firstDayPastGuarantee } from '../../solver/check/guarantee.ts';
import type { PlanningProblem, ProblemPatient } from '../../solver/model/problem.ts';

// A patient's first day past the guarantee, remembered per patient object: the simulation replaces
// a patient's object whenever its excluded periods change, so a remembered day is never stale.
const breachDays = new WeakMap<ProblemPatient, { limit: number; day: number }>();
function breachDay(p: ProblemPatient, limit: number): number {
  const hit = breachDays.get(p);
  if (hit !== undefined && hit.limit === limit) return hit.day;
  const day = firstDayPastGuarantee(p, limit);
  breachDays.set(p, { limit, day });
  return day;
}

export function candidatePatients(problem: PlanningProblem, factor: number): ProblemPatient[] {
  if (!(factor > 0)) return problem.patients;
  const endDay = problem.startDay + problem.dates.length;
  const specOf = new Map(problem.procedures.map((p) => [p.id, p.specialtyId]));
  const plannedMin = new Map(
    problem.procedures.map((p) => [p.id, Math.exp(p.logMu + (p.logSigma * p.logSigma) / 2) + p.turnoverMin]),
  );
  const listMin = new Map(problem.hospitals.map((h) => [h.id, h.listMin]));
  // Budgets per specialty over the region (where the optimiser may send patients) and per listing
  // hospital and specialty (what the status quo fills from its own list).
  // Where named surgeons govern a specialty (ADR 0023), its surgeon-list counts are a loose bound
  // (two lists per surgeon-day); the budget counts one list per surgeon available that day instead.
  const governed = new Set<string>();
  const surgeonsOn = new Map<string, number>();
  for (const sg of problem.surgeons ?? []) {
    governed.add(`${sg.homeHospitalId}|${sg.specialtyId}`);
    for (const d of sg.availableDays) {
      const key = `${sg.homeHospitalId}|${d}|${sg.specialtyId}`;
      surgeonsOn.set(key, (surgeonsOn.get(key) ?? 0) + 1);
    }
  }
  const budget = new Map<string, number>();
  for (const hd of problem.hospitalDays) {
    for (const [s, lists] of Object.entries(hd.surgeonLists)) {
      const n = governed.has(`${hd.hospitalId}|${s}`)
        ? (surgeonsOn.get(`${hd.hospitalId}|${hd.day}|${s}`) ?? 0)
        : lists;
      const minutes = Math.min(n, hd.openTheatreIds.length) * (listMin.get(hd.hospitalId) ?? 0) * factor;
      budget.set(s, (budget.get(s) ?? 0) + minutes);
      budget.set(`${hd.hospitalId}|${s}`, (budget.get(`${hd.hospitalId}|${s}`) ?? 0) + minutes);
    }
  }
  const limit = problem.rules.guaranteeDays;
  const open = problem.patients.map((p, i) => ({ p, i })).filter(({ p }) => p.earliestDay < endDay);
  const keep = new Set<number>();
  const used = new Map<string, number>();
  const take = (
    ranked: { p: ProblemPatient; i: number }[],
    budgetKey: (p: ProblemPatient, s: string) => string,
    always: (p: ProblemPatient) => boolean,
  ): void => {
    used.clear();
    for (const { p, i } of ranked) {
      const key = budgetKey(p, specOf.get(p.procedureId) ?? '');
      const u = used.get(key) ?? 0;
      if (always(p) || u < (budget.get(key) ?? 0)) {
        keep.add(i);
        used.set(key, u + (plannedMin.get(p.procedureId) ?? 0));
      }
    }
  };
  // Region-wide, most urgent first: the sooner of the target date and the guarantee deadline.
  const urgency = new Map(open.map(({ p, i }) => [i, Math.min(p.targetDay, breachDay(p, limit))]));
  take(
    open.toSorted(
      (a, b) =>
        (urgency.get(a.i) ?? 0) - (urgency.get(b.i) ?? 0) || a.p.decisionDay - b.p.decisionDay || a.i - b.i,
    ),
    (_p, s) => s,
    (p) => Math.min(p.targetDay, breachDay(p, limit)) < endDay,
  );
  // Per listing hospital in the status quo's own order (target date first), so the baseline sees
  // the patients it would take from the whole list.
  take(
    open.toSorted((a, b) => a.p.targetDay - b.p.targetDay || a.p.decisionDay - b.p.decisionDay || a.i - b.i),
    (p, s) => `${p.listingHospitalId}|${s}`,
    () => false,
  );
  // Original order: the planner's result must not depend on this ranking beyond the set it keeps.
  return problem.patients.filter((_, i) => keep.has(i));
}
