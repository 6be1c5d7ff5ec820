// planCost: the objective of a detailed plan, in points. Lower is better; the do-nothing plan costs
// 0. THIS IS THE DEFINITION THE FORMULATION MUST MATCH (its LP relaxation must bound it from below).
// Need-first and case-mix neutral (ADR 0008): a treatment is worth the theatre minutes it uses times
// an urgency rate per minute, so two short cases never beat one long case of the same minutes and
// greater urgency.
//
//   cost = Σ_team placements teamPointsPerSek · costSekPerDay(team)
//        + Σ_lent lists (lentListPointsPerList + lentListPointsPerKm · km(lender, borrower))
//        − Σ_treated patients benefit(p, d, h)
//
// with, for patient p treated on day d at hospital h (weights w = problem.weights, rules r):
//   E  = startDay + dates.length (first day after the horizon),  P = E + r.untreatedDelayDays,
//   gd = the first day D with guaranteeDays(D) > r.guaranteeDays (guarantee.ts),
//   need(p) = in the priority grid of p's home region (first grid listed for it), the number of
//        distinct maxDays values greater than the maxDays of p's priority group; 0 when the region
//        has no grid or the grid lacks the group,
//   steps(x, s, c) = min(⌊c / s⌋, ⌊max(0, x) / s⌋) (0 when s ≤ 0), n(s, c) = ⌊c / s⌋ (0 when s ≤ 0),
//   t = steps(P − targetDay, w.waitStepDays, w.waitCapDays),   nt = n(w.waitStepDays, w.waitCapDays),
//   g = steps(P − gd, w.guaranteeStepDays, w.guaranteeCapDays), ng = n(…guarantee…),
//   wait(p) = (t · (ng + 1) + g) / ((nt + 1) · (ng + 1))     (in [0, 1): target first, then guarantee)
//   top(p) = (number of distinct maxDays values of that grid) − 1; −1 when the region has no grid,
//   lift(p) = min(L, ⌊max(0, P − gd) / s_L⌋) with s_L = w.guaranteeLiftStepDays, L =
//        w.guaranteeLiftMaxLevels (lift 0 when either is absent or ≤ 0),
//   urgency(p) = need(p) if need(p) ≥ top(p), else max(need(p), min(top(p) − 1, need(p) + lift(p)))
//        (ADR 0018: waiting far past the guarantee raises urgency, never to the top group's level),
//   rate(p) = w.needRateFactor ^ urgency(p) · (1 + w.waitRateMax · wait(p)),
//   minutes(p) = round(mean duration of p's procedure) + its turnover,
//   V(p) = w.pointsPerTheatreMin · minutes(p) · rate(p),
//   benefit = V(p) · (1 − w.dayDiscountPerDay · (d − startDay))
//        + w.keepPreviousShare · V(p) · [p has a previous assignment at hospital h on day d]
//        − w.travelPointsPerKm · max(0, km(home, h) − km(home, listing))   (0 when h = listing)
//        − w.crossRegionPointsPerSek · (priceSek if region(h) ≠ homeRegionId else 0)
// km(a, b) = distanceKm[a][b], a missing distance counts 0 (such a plan is infeasible anyway).
// Treated = known patients with an assignment; a patient with several (infeasible) assignments
// counts once, at the earliest day. Unknown teams/hospitals contribute nothing.
import type {
  PlanningProblem,
  PreviousAssignment,
  ProblemHospital,
  ProblemPatient,
  ProblemProcedure,
} from '../model/problem.ts';
import type { PlanForCheck } from '../model/result.ts';
import { firstDayPastGuarantee } from './guarantee.ts';
import { plannedCaseMin } from './overrun.ts';
import { treatedPatients } from './treated.ts';

/** need(p): how many distinct target lengths of the home region's grid are longer than p's group's. */
export function needLevel(problem: PlanningProblem, patient: ProblemPatient): number {
  const grid = (problem.priorityGrids ?? []).find((g) => g.regionId === patient.homeRegionId);
  const own = grid?.groups.find((g) => g.group === patient.priorityGroup);
  if (!grid || !own) return 0;
  return new Set(grid.groups.map((g) => g.maxDays).filter((m) => m > own.maxDays)).size;
}

/** urgency(p): need(p) lifted by whole steps of days past the care guarantee, below the grid's top. */
export function urgencyLevel(problem: PlanningProblem, patient: ProblemPatient): number {
  const w = problem.weights;
  const need = needLevel(problem, patient);
  const grid = (problem.priorityGrids ?? []).find((g) => g.regionId === patient.homeRegionId);
  const top = grid ? new Set(grid.groups.map((g) => g.maxDays)).size - 1 : -1;
  const step = w.guaranteeLiftStepDays ?? 0;
  const max = w.guaranteeLiftMaxLevels ?? 0;
  if (step <= 0 || max <= 0 || need >= top) return need;
  const projection = problem.startDay + problem.dates.length + problem.rules.untreatedDelayDays;
  const past = projection - firstDayPastGuarantee(patient, problem.rules.guaranteeDays);
  const lift = Math.min(max, Math.floor(Math.max(0, past) / step));
  return Math.max(need, Math.min(top - 1, need + lift));
}

function stepCount(days: number, step: number, cap: number): number {
  return step > 0 ? Math.min(Math.floor(cap / step), Math.floor(Math.max(0, days) / step)) : 0;
}

/** rate(p): urgency points per theatre minute, relative to pointsPerTheatreMin. */
export function urgencyRate(problem: PlanningProblem, patient: ProblemPatient): number {
  const w = problem.weights;
  const projection = problem.startDay + problem.dates.length + problem.rules.untreatedDelayDays;
  const gd = firstDayPastGuarantee(patient, problem.rules.guaranteeDays);
  const t = stepCount(projection - patient.targetDay, w.waitStepDays, w.waitCapDays);
  const g = stepCount(projection - gd, w.guaranteeStepDays, w.guaranteeCapDays);
  const nt = w.waitStepDays > 0 ? Math.floor(w.waitCapDays / w.waitStepDays) : 0;
  const ng = w.guaranteeStepDays > 0 ? Math.floor(w.guaranteeCapDays / w.guaranteeStepDays) : 0;
  const wait = (t * (ng + 1) + g) / ((nt + 1) * (ng + 1));
  return Math.pow(w.needRateFactor, urgencyLevel(problem, patient)) * (1 + w.waitRateMax * wait);
}

/** V(p): the value of treating p on the horizon's first day (before keep, travel and region terms). */
export function treatmentValue(
  problem: PlanningProblem,
  patient: ProblemPatient,
  procedure: ProblemProcedure | undefined,
): number {
  if (!procedure) return 0;
  const minutes = plannedCaseMin(procedure.logMu, procedure.logSigma) + procedure.turnoverMin;
  return problem.weights.pointsPerTheatreMin * minutes * urgencyRate(problem, patient);
}

/** benefit(p, d, h) as defined above. */
export function treatmentBenefit(
  problem: PlanningProblem,
  patient: ProblemPatient,
  procedure: ProblemProcedure | undefined,
  hospital: ProblemHospital | undefined,
  day: number,
  previous: PreviousAssignment | undefined,
): number {
  const w = problem.weights;
  const value = treatmentValue(problem, patient, procedure);
  let b = value * (1 - w.dayDiscountPerDay * (day - problem.startDay));
  if (previous && hospital && previous.hospitalId === hospital.id && previous.day === day) {
    b += w.keepPreviousShare * value;
  }
  if (hospital && hospital.id !== patient.listingHospitalId) {
    const home = problem.distanceKm[patient.homePlaceId];
    const extraKm = Math.max(0, (home?.[hospital.id] ?? 0) - (home?.[patient.listingHospitalId] ?? 0));
    b -= w.travelPointsPerKm * extraKm;
  }
  if (hospital && procedure && hospital.regionId !== patient.homeRegionId) {
    b -= w.crossRegionPointsPerSek * procedure.priceSek;
  }
  return b;
}

export function planCost(problem: PlanningProblem, plan: PlanForCheck): number {
  const w = problem.weights;
  const procedures = new Map<string, ProblemProcedure>();
  for (const p of problem.procedures) if (!procedures.has(p.id)) procedures.set(p.id, p);
  const hospitals = new Map<string, ProblemHospital>();
  for (const h of problem.hospitals) if (!hospitals.has(h.id)) hospitals.set(h.id, h);
  const teamCostSek = new Map<string, number>();
  for (const t of problem.regionalTeams) if (!teamCostSek.has(t.id)) teamCostSek.set(t.id, t.costSekPerDay);

  let cost = 0;
  for (const t of plan.teamPlacements) cost += w.teamPointsPerSek * (teamCostSek.get(t.teamId) ?? 0);
  for (const m of plan.lentLists) {
    cost +=
      w.lentListPointsPerList +
      w.lentListPointsPerKm * (problem.distanceKm[m.fromHospitalId]?.[m.toHospitalId] ?? 0);
  }
  cost += (w.parallelTheatrePointsPerDay ?? DEFAULT_PARALLEL_POINTS) * parallelSurgeonDays(plan);
  const previous = new Map<string, PreviousAssignment>();
  for (const a of problem.previousAssignments ?? [])
    if (!previous.has(a.patientId)) previous.set(a.patientId, a);
  for (const { patient, assignment } of treatedPatients(problem, plan).values()) {
    cost -= treatmentBenefit(
      problem,
      patient,
      procedures.get(patient.procedureId),
      hospitals.get(assignment.hospitalId),
      assignment.day,
      previous.get(patient.id),
    );
  }
  return cost;
}

/** Default of Weights.parallelTheatrePointsPerDay (solver/model/defaults.ts has the same). */
const DEFAULT_PARALLEL_POINTS = 30;

/**
 * Surgeon-days on which a named surgeon runs lists in two theatres at once (ADR 0023): lists
 * (their listStartMin–listEndMin windows) of one surgeon on one day in different theatres overlap.
 */
function parallelSurgeonDays(plan: PlanForCheck): number {
  const byDay = new Map<string, { theatre: string; start: number; end: number }[]>();
  for (const l of plan.lists) {
    if (l.surgeonId === undefined || l.surgeonId === null || l.patientIds.length === 0) continue;
    const key = `${l.surgeonId}|${l.day}`;
    const arr = byDay.get(key) ?? [];
    arr.push({ theatre: `${l.hospitalId}|${l.theatreId}`, start: l.listStartMin ?? 0, end: l.listEndMin });
    byDay.set(key, arr);
  }
  let n = 0;
  for (const ls of byDay.values()) {
    const overlap = ls.some((a, i) =>
      ls.some((b, j) => j > i && a.theatre !== b.theatre && a.start < b.end && b.start < a.end),
    );
    if (overlap) n++;
  }
  return n;
}
