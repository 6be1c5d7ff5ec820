// The candidate set of a weekly plan (ADR 0010). A week can treat only what its lists hold, yet the
// whole list (20,000+ at Södra) would enter the weekly model every week and dominate its size. So
// the simulation passes the planner, per specialty, the most urgent patients whose planned minutes
// add up to `factor` times the specialty's list minutes that week (every open room a surgeon of the
// specialty could use, staff ignored: an upper bound), plus every patient already past the
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
  const budget = new Map<string, number>();
  for (const hd of problem.hospitalDays) {
    for (const [s, n] of Object.entries(hd.surgeonLists)) {
      const lists = Math.min(n, hd.openTheatreIds.length);
      budget.set(s, (budget.get(s) ?? 0) + lists * (listMin.get(hd.hospitalId) ?? 0) * factor);
    }
  }
  const limit = problem.rules.guaranteeDays;
  const keyed = problem.patients.map((p, i) => ({ p, i, key: Math.min(p.targetDay, breachDay(p, limit)) }));
  keyed.sort((a, b) => a.key - b.key || a.p.decisionDay - b.p.decisionDay || a.i - b.i);
  const used = new Map<string, number>();
  const keep = new Set<number>();
  for (const { p, i, key } of keyed) {
    if (p.earliestDay >= endDay) continue; // cannot be operated this week at all
    const s = specOf.get(p.procedureId) ?? '';
    const u = used.get(s) ?? 0;
    if (key < endDay || u < (budget.get(s) ?? 0)) {
      keep.add(i);
      used.set(s, u + (plannedMin.get(p.procedureId) ?? 0));
    }
  }
  // Original order: the planner's result must not depend on this ranking beyond the set it keeps.
  return problem.patients.filter((_, i) => keep.has(i));
}
