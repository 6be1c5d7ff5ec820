// planCost: the objective of a detailed plan, in points. Lower is better; the do-nothing plan costs
// 0. THIS IS THE DEFINITION THE FORMULATION MUST MATCH (its LP relaxation must bound it from below).
//
//   cost = Σ_team placements teamPointsPerSek · costSekPerDay(team)
//        + Σ_lent lists (lentListPointsPerList + lentListPointsPerKm · km(lender, borrower))
//        − Σ_treated patients benefit(p, d, h)
//
// with, for patient p treated on day d at hospital h (weights w = problem.weights, rules r):
//   E  = startDay + dates.length (first day after the horizon),  L = r.untreatedDelayDays,
//   gd = the first day D with guaranteeDays(D) > r.guaranteeDays (guarantee.ts): a patient operated
//        ON gd is already past the guarantee,
//   benefit = U(p) − C(p, d, h),
//   U(p) = w.latePointsPerDay · max(0, E + L − targetDay)            (value if left untreated)
//        + w.breachPointsPerPatient · [E ≥ gd]              (would be past the guarantee at the end)
//        + w.soonBreachPointsPerPatient · [E < gd ≤ E + L]  (would pass it soon after)
//        + w.breachPointsPerDay · max(0, E + L − gd)
//        + w.treatPointsPerPatient
//        + w.longWaitPointsPerDay · min(longWaitCapDays, ⌊overdue / longWaitStepDays⌋ · longWaitStepDays),
//          overdue = max(0, startDay − targetDay)  (whole steps, as Weights documents; a step ≤ 0
//          means no stepping: the overdue days themselves)
//   C(p, d, h) = w.latePointsPerDay · max(0, d − targetDay)
//        + w.breachPointsPerDay · max(0, d − gd)
//        + w.travelPointsPerKm · max(0, km(home, h) − km(home, listing))   (0 when h = listing)
//        + w.crossRegionPointsPerSek · (priceSek if region(h) ≠ homeRegionId else 0)
// km(a, b) = distanceKm[a][b], a missing distance counts 0 (such a plan is infeasible anyway).
// Treated = known patients with an assignment; a patient with several (infeasible) assignments
// counts once, at the earliest day. Unknown teams/hospitals contribute nothing.
import type {
  PlanningProblem,
  ProblemHospital,
  ProblemPatient,
  ProblemProcedure,
  Weights,
} from '../model/problem.ts';
import type { PlanForCheck } from '../model/result.ts';
import { firstDayPastGuarantee } from './guarantee.ts';
import { treatedPatients } from './treated.ts';

/** Long-wait days credited: overdue days in whole steps, capped. */
export function longWaitDays(w: Weights, overdueDays: number): number {
  const overdue = Math.max(0, overdueDays);
  const stepped =
    w.longWaitStepDays > 0 ? Math.floor(overdue / w.longWaitStepDays) * w.longWaitStepDays : overdue;
  return Math.min(w.longWaitCapDays, stepped);
}

/** U(p): the value of treating p inside the horizon rather than leaving p to wait. */
export function untreatedValue(problem: PlanningProblem, patient: ProblemPatient): number {
  const w = problem.weights;
  const end = problem.startDay + problem.dates.length;
  const endPlus = end + problem.rules.untreatedDelayDays;
  const gd = firstDayPastGuarantee(patient, problem.rules.guaranteeDays);
  const breach = end >= gd ? w.breachPointsPerPatient : endPlus >= gd ? w.soonBreachPointsPerPatient : 0;
  return (
    w.latePointsPerDay * Math.max(0, endPlus - patient.targetDay) +
    breach +
    w.breachPointsPerDay * Math.max(0, endPlus - gd) +
    w.treatPointsPerPatient +
    w.longWaitPointsPerDay * longWaitDays(w, problem.startDay - patient.targetDay)
  );
}

/** C(p, d, h): the cost of treating p on day d at hospital h. */
export function treatmentCost(
  problem: PlanningProblem,
  patient: ProblemPatient,
  procedure: ProblemProcedure | undefined,
  hospital: ProblemHospital | undefined,
  day: number,
): number {
  const w = problem.weights;
  const gd = firstDayPastGuarantee(patient, problem.rules.guaranteeDays);
  let cost =
    w.latePointsPerDay * Math.max(0, day - patient.targetDay) + w.breachPointsPerDay * Math.max(0, day - gd);
  if (hospital && hospital.id !== patient.listingHospitalId) {
    const home = problem.distanceKm[patient.homePlaceId];
    const extraKm = Math.max(0, (home?.[hospital.id] ?? 0) - (home?.[patient.listingHospitalId] ?? 0));
    cost += w.travelPointsPerKm * extraKm;
  }
  if (hospital && procedure && hospital.regionId !== patient.homeRegionId) {
    cost += w.crossRegionPointsPerSek * procedure.priceSek;
  }
  return cost;
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
  for (const { patient, assignment } of treatedPatients(problem, plan).values()) {
    const benefit =
      untreatedValue(problem, patient) -
      treatmentCost(
        problem,
        patient,
        procedures.get(patient.procedureId),
        hospitals.get(assignment.hospitalId),
        assignment.day,
      );
    cost -= benefit;
  }
  return cost;
}
