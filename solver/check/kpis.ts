// KPIs of a plan, recomputed from the raw problem and plan (see Kpis in solver/model/result.ts).
//
// Conventions (where the contract leaves room):
// - "treated" = a known patient with an assignment (see treated.ts); treated patients are not
//   waiting, even when treated past the guarantee.
// - pastGuaranteeAtEnd counts untreated patients whose guarantee days on E = startDay + dates.length
//   exceed rules.guaranteeDays; patients the planner excluded still count (they still wait).
// - pastGuaranteeShareByHomeRegion = that count / all patients of the home region (excluded ones
//   included), for every home region that has patients. Patients who waived the guarantee
//   (guaranteeWaived) are in neither count.
// - utilisation uses the problem's planned minutes (round(mean) + turnover) of the list's patients,
//   over lists × the hospital's listMin (a session's length for a list in a session).
// - expectedOvertimeMin = Σ over lists of E[max(0, S − (listMin − Σ turnovers))], S the
//   Fenton–Wilkinson lognormal of the case durations (closed-form partial expectation).
// - travel is one way, home place → treating hospital, for moved patients only (treated away from
//   the listing hospital); a missing distance counts 0 km (the checker flags it anyway). Quantiles are
//   nearest-rank, 0 when nobody moves.
import type { PlanningProblem, ProblemHospital, ProblemPatient, ProblemProcedure } from '../model/problem.ts';
import type { Kpis, PlanForCheck, Quantiles } from '../model/result.ts';
import { isPastGuarantee } from './guarantee.ts';
import { expectedOvertimeMin, overrunProbability, plannedCaseMin, type CaseDistribution } from './overrun.ts';
import { treatedPatients } from './treated.ts';

/** Nearest-rank quantile of ascending-sorted values: the ⌈q·n⌉-th smallest; 0 for none. */
export function nearestRank(sortedAsc: readonly number[], q: number): number {
  if (sortedAsc.length === 0) return 0;
  const rank = Math.min(sortedAsc.length, Math.max(1, Math.ceil(q * sortedAsc.length)));
  return sortedAsc[rank - 1] ?? 0;
}

export function evaluateKpis(problem: PlanningProblem, plan: PlanForCheck): Kpis {
  const endDay = problem.startDay + problem.dates.length;
  const procedures = new Map<string, ProblemProcedure>();
  for (const p of problem.procedures) if (!procedures.has(p.id)) procedures.set(p.id, p);
  const hospitals = new Map<string, ProblemHospital>();
  for (const h of problem.hospitals) if (!hospitals.has(h.id)) hospitals.set(h.id, h);
  const treated = treatedPatients(problem, plan);

  // Waiting, guarantee and lateness.
  let pastGuaranteeAtEnd = 0;
  let latenessDaysTreated = 0;
  let latenessDaysUntreated = 0;
  const regionPatients = new Map<string, number>();
  const regionPast = new Map<string, number>();
  const seen = new Set<string>();
  for (const p of problem.patients) {
    if (seen.has(p.id)) continue;
    seen.add(p.id);
    // A patient who waived the guarantee is outside its statistics (numerator and denominator).
    if (p.guaranteeWaived !== true)
      regionPatients.set(p.homeRegionId, (regionPatients.get(p.homeRegionId) ?? 0) + 1);
    const t = treated.get(p.id);
    if (t) {
      latenessDaysTreated += Math.max(0, t.assignment.day - p.targetDay);
      continue;
    }
    latenessDaysUntreated += Math.max(0, endDay - p.targetDay);
    if (isPastGuarantee(p, endDay, problem.rules.guaranteeDays)) {
      pastGuaranteeAtEnd += 1;
      regionPast.set(p.homeRegionId, (regionPast.get(p.homeRegionId) ?? 0) + 1);
    }
  }
  const pastGuaranteeShareByHomeRegion: Record<string, number> = {};
  for (const [region, n] of regionPatients)
    pastGuaranteeShareByHomeRegion[region] = (regionPast.get(region) ?? 0) / n;

  // Lists: utilisation and duration risk.
  const usedMin = new Map<string, number>();
  const offeredMin = new Map<string, number>();
  let expectedOvertime = 0;
  let maxOverrun = 0;
  const patientsById = new Map<string, ProblemPatient>();
  for (const p of problem.patients) if (!patientsById.has(p.id)) patientsById.set(p.id, p);
  const sessionMin = new Map((problem.sessions ?? []).map((x) => [x.id, x.lengthMin]));
  for (const l of plan.lists) {
    const h = hospitals.get(l.hospitalId);
    if (!h) continue;
    const cases: CaseDistribution[] = [];
    let minutes = 0;
    for (const id of l.patientIds) {
      const patient = patientsById.get(id);
      const proc = patient && procedures.get(patient.procedureId);
      if (!proc) continue;
      cases.push(proc);
      minutes += plannedCaseMin(proc.logMu, proc.logSigma) + proc.turnoverMin;
    }
    // A list in a session has the session's length (ADR 0023).
    const listMin = (l.sessionId ? sessionMin.get(l.sessionId) : undefined) ?? h.listMin;
    usedMin.set(h.id, (usedMin.get(h.id) ?? 0) + minutes);
    offeredMin.set(h.id, (offeredMin.get(h.id) ?? 0) + listMin);
    expectedOvertime += expectedOvertimeMin(listMin, cases);
    maxOverrun = Math.max(maxOverrun, overrunProbability(listMin, cases));
  }
  const utilisationByHospital: Record<string, number> = {};
  let usedTotal = 0;
  let offeredTotal = 0;
  for (const h of problem.hospitals) {
    const used = usedMin.get(h.id) ?? 0;
    const offered = offeredMin.get(h.id) ?? 0;
    utilisationByHospital[h.id] = offered > 0 ? used / offered : 0;
  }
  for (const [id, offered] of offeredMin) {
    usedTotal += usedMin.get(id) ?? 0;
    offeredTotal += offered;
  }

  // Moves, travel and settlement.
  let patientsMoved = 0;
  const kms: number[] = [];
  const settlementSek: Record<string, number> = {};
  for (const { patient, assignment } of treated.values()) {
    if (assignment.hospitalId !== patient.listingHospitalId) {
      patientsMoved += 1;
      kms.push(problem.distanceKm[patient.homePlaceId]?.[assignment.hospitalId] ?? 0);
    }
    const h = hospitals.get(assignment.hospitalId);
    const proc = procedures.get(patient.procedureId);
    if (h && proc && h.regionId !== patient.homeRegionId) {
      const key = `${patient.homeRegionId}->${h.regionId}`;
      settlementSek[key] = (settlementSek[key] ?? 0) + proc.priceSek;
    }
  }
  const sortedKm = kms.toSorted((a, b) => a - b);
  const travelKmPerMovedPatient: Quantiles = {
    p50: nearestRank(sortedKm, 0.5),
    p90: nearestRank(sortedKm, 0.9),
  };

  return {
    patientsTreated: treated.size,
    pastGuaranteeAtEnd,
    pastGuaranteeShareByHomeRegion,
    latenessDaysTreated,
    latenessDaysTotal: latenessDaysTreated + latenessDaysUntreated,
    utilisationByHospital,
    utilisation: offeredTotal > 0 ? usedTotal / offeredTotal : 0,
    expectedOvertimeMin: expectedOvertime,
    maxOverrunProbability: maxOverrun,
    patientsMoved,
    travelKmTotal: kms.reduce((s, x) => s + x, 0),
    travelKmPerMovedPatient,
    settlementSek,
    teamPlacements: plan.teamPlacements.length,
    lentLists: plan.lentLists.length,
  };
}
