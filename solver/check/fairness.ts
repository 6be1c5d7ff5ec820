// Fairness figures of a plan (ADR 0008, README "Fairness figures"), recomputed from the raw problem
// and plan by the checker's own code: its own eligibility test, urgency order and list-fit test, so
// a plan that games the objective cannot hide it here.
//
// Urgency order (most urgent first): urgency level (urgencyLevel in cost.ts: the priority group's
// rank by target length in the home region's grid, lifted by whole steps of days past the care
// guarantee but never to the grid's top level; ADR 0018), then earlier medical target date, then
// earlier first day past the care guarantee. "A more urgent than B" means strictly earlier in that order.
// Overtaking: a booked, unpinned patient B for whom some unbooked patient A exists that is more
// urgent, of the same specialty, eligible for B's hospital and day (offered, acute/ICU/ASA, consent
// and travel away from the listing hospital, released, not in an excluded period, not excluded by
// the planner, not HTA do-not-do without override) and whose case would fit B's list with B removed
// (planned minutes within listMin — or the list's session length — overrun probability within the
// cap; with named surgeons, a procedure the list's surgeon does and a patient not tied to another).
import type { PlanningProblem, ProblemHospital, ProblemPatient, ProblemProcedure } from '../model/problem.ts';
import type { Fairness, FairnessCount, PlanForCheck } from '../model/result.ts';
import { needLevel, urgencyLevel } from './cost.ts';
import { firstDayPastGuarantee, guaranteeDaysOn } from './guarantee.ts';
import { overrunProbability, plannedCaseMin } from './overrun.ts';
import { treatedPatients } from './treated.ts';

/** Procedures at least this long (planned minutes, turnover excluded) count as long. */
export const LONG_PROCEDURE_MIN = 90;

interface Info {
  patient: ProblemPatient;
  procedure: ProblemProcedure;
  need: number;
  /** Need lifted past the guarantee (cost.ts); the urgency order uses it, P1 coverage uses need. */
  urgency: number;
  breachDay: number;
  minutes: number;
}

function moreUrgent(a: Info, b: Info): boolean {
  if (a.urgency !== b.urgency) return a.urgency > b.urgency;
  if (a.patient.targetDay !== b.patient.targetDay) return a.patient.targetDay < b.patient.targetDay;
  return a.breachDay < b.breachDay;
}

function eligibleAt(
  problem: PlanningProblem,
  i: Info,
  h: ProblemHospital,
  day: number,
  excluded: ReadonlySet<string>,
): boolean {
  const p = i.patient;
  const proc = i.procedure;
  if (excluded.has(p.id) || (proc.htaDoNotDo && !p.htaOverride)) return false;
  if (!h.procedureIds.includes(proc.id)) return false;
  if (!h.acute && (proc.needsAcuteBackup || p.asaClass > proc.maxAsaNonAcute)) return false;
  if (proc.needsIcu && !h.icu) return false;
  if (h.id !== p.listingHospitalId) {
    if (!p.consentElsewhere) return false;
    const km = problem.distanceKm[p.homePlaceId]?.[h.id];
    if (km === undefined || km > p.maxTravelKm) return false;
  }
  if (day < p.earliestDay) return false;
  return !p.excludedPeriods.some((e) => day >= e.fromDay && day <= e.toDay);
}

function emptyCount(): FairnessCount {
  return { listed: 0, booked: 0, pastTarget: 0, bookedPastTarget: 0 };
}

export function evaluateFairness(problem: PlanningProblem, plan: PlanForCheck): Fairness {
  const endDay = problem.startDay + problem.dates.length;
  const procedures = new Map<string, ProblemProcedure>();
  for (const p of problem.procedures) if (!procedures.has(p.id)) procedures.set(p.id, p);
  const hospitals = new Map<string, ProblemHospital>();
  for (const h of problem.hospitals) if (!hospitals.has(h.id)) hospitals.set(h.id, h);
  const excluded = new Set(problem.excludedPatientIds);
  const pinned = new Set(problem.pins.map((p) => p.patientId));
  const treated = treatedPatients(problem, plan);
  const limit = problem.rules.guaranteeDays;

  // The most urgent need level of each region's grid ("P1" in Södra's grids).
  const topNeed = new Map<string, number>();
  for (const g of problem.priorityGrids ?? []) {
    if (topNeed.has(g.regionId)) continue;
    topNeed.set(g.regionId, new Set(g.groups.map((x) => x.maxDays)).size - 1);
  }

  const info = new Map<string, Info>();
  const byProcedure: Record<string, FairnessCount> = {};
  const byPriorityGroup: Record<string, FairnessCount> = {};
  const bySpecialty: Record<string, FairnessCount> = {};
  let topListed = 0;
  let topBooked = 0;
  let minutesTotal = 0;
  let minutesLong = 0;
  let minutesPastTarget = 0;
  let pastGuaranteeDaysAvoided = 0;
  let pastTargetDaysAvoided = 0;
  for (const p of problem.patients) {
    if (info.has(p.id)) continue;
    const procedure = procedures.get(p.procedureId);
    if (!procedure) continue;
    const minutes = plannedCaseMin(procedure.logMu, procedure.logSigma) + procedure.turnoverMin;
    const i: Info = {
      patient: p,
      procedure,
      need: needLevel(problem, p),
      urgency: urgencyLevel(problem, p),
      breachDay: firstDayPastGuarantee(p, limit),
      minutes,
    };
    info.set(p.id, i);
    const t = treated.get(p.id);
    const pastTarget = p.targetDay < problem.startDay;
    for (const [table, key] of [
      [byProcedure, p.procedureId],
      [byPriorityGroup, p.priorityGroup],
      [bySpecialty, procedure.specialtyId],
    ] as const) {
      const c = (table[key] ??= emptyCount());
      c.listed += 1;
      if (t) c.booked += 1;
      if (pastTarget) c.pastTarget += 1;
      if (t && pastTarget) c.bookedPastTarget += 1;
    }
    const top = topNeed.get(p.homeRegionId);
    if (top !== undefined && top > 0 && i.need === top) {
      topListed += 1;
      if (t) topBooked += 1;
    }
    if (!t) continue;
    const day = t.assignment.day;
    minutesTotal += minutes;
    if (plannedCaseMin(procedure.logMu, procedure.logSigma) >= LONG_PROCEDURE_MIN) minutesLong += minutes;
    if (day > p.targetDay) minutesPastTarget += minutes;
    pastTargetDaysAvoided += Math.max(0, endDay - p.targetDay) - Math.max(0, day - p.targetDay);
    pastGuaranteeDaysAvoided +=
      Math.max(0, guaranteeDaysOn(p, endDay) - limit) - Math.max(0, guaranteeDaysOn(p, day) - limit);
  }

  // Overtaking: per (hospital, procedure), the unbooked patients in urgency order.
  const waitingBy = new Map<string, Info[]>();
  for (const i of info.values()) {
    if (treated.has(i.patient.id)) continue;
    for (const h of problem.hospitals) {
      // Day-independent eligibility here; release and excluded periods per list below.
      if (!eligibleAt(problem, i, h, i.patient.earliestDay, excluded)) continue;
      const key = `${h.id}\u0001${i.procedure.id}`;
      const l = waitingBy.get(key) ?? [];
      l.push(i);
      waitingBy.set(key, l);
    }
  }
  for (const l of waitingBy.values()) l.sort((a, b) => (moreUrgent(a, b) ? -1 : moreUrgent(b, a) ? 1 : 0));
  const procsOfSpecialty = new Map<string, ProblemProcedure[]>();
  for (const p of procedures.values()) {
    const l = procsOfSpecialty.get(p.specialtyId) ?? [];
    l.push(p);
    procsOfSpecialty.set(p.specialtyId, l);
  }
  let overtakings = 0;
  const overtakenIds = new Set<string>();
  const topNeedPassedOver = new Set<string>();
  let booked = 0;
  // Named surgeons and sessions (ADR 0023): a list's length is its session's; a case the list's
  // surgeon does not do, or a patient tied to another surgeon, is no overtaking there.
  const sessionMin = new Map((problem.sessions ?? []).map((x) => [x.id, x.lengthMin]));
  const surgeonProcs = new Map((problem.surgeons ?? []).map((x) => [x.id, new Set(x.procedureIds)]));
  for (const list of plan.lists) {
    const h = hospitals.get(list.hospitalId);
    if (!h) continue;
    const listMin = (list.sessionId ? sessionMin.get(list.sessionId) : undefined) ?? h.listMin;
    const surgeonDoes = list.surgeonId ? surgeonProcs.get(list.surgeonId) : undefined;
    const cases = list.patientIds.map((id) => info.get(id)).filter((x): x is Info => x !== undefined);
    for (const b of cases) {
      booked += 1;
      if (pinned.has(b.patient.id)) continue;
      const rest = cases.filter((c) => c !== b).map((c) => c.procedure);
      const restMin = cases.reduce((s, c) => s + (c === b ? 0 : c.minutes), 0);
      for (const proc of procsOfSpecialty.get(b.procedure.specialtyId) ?? []) {
        if (!h.procedureIds.includes(proc.id)) continue;
        if (surgeonDoes && !surgeonDoes.has(proc.id)) continue;
        const minutes = plannedCaseMin(proc.logMu, proc.logSigma) + proc.turnoverMin;
        if (restMin + minutes > listMin) continue;
        if (overrunProbability(listMin, [...rest, proc]) > problem.rules.overrunProbabilityMax + 1e-12)
          continue;
        let a: Info | undefined;
        for (const x of waitingBy.get(`${h.id}\u0001${proc.id}`) ?? []) {
          if (!moreUrgent(x, b)) break;
          const tied = x.patient.surgeonId;
          if (tied !== undefined && tied !== list.surgeonId) continue;
          if (eligibleAt(problem, x, h, list.day, excluded)) {
            a = x;
            break;
          }
        }
        if (a) {
          overtakings += 1;
          overtakenIds.add(a.patient.id);
          const top = topNeed.get(a.patient.homeRegionId);
          if (top !== undefined && top > 0 && a.need === top && b.need <= top - 2)
            topNeedPassedOver.add(a.patient.id);
          break;
        }
      }
    }
  }

  return {
    byProcedure,
    byPriorityGroup,
    bySpecialty,
    topNeedListed: topListed,
    topNeedBooked: topBooked,
    topNeedCoverage: topListed > 0 ? topBooked / topListed : 0,
    theatreMin: minutesTotal,
    theatreMinPastTarget: minutesPastTarget,
    longProcedureMinShare: minutesTotal > 0 ? minutesLong / minutesTotal : 0,
    pastGuaranteeDaysAvoided,
    pastTargetDaysAvoided,
    overtakings,
    overtakingShare: booked > 0 ? overtakings / booked : 0,
    overtakenPatients: overtakenIds.size,
    topNeedPassedOver: topNeedPassedOver.size,
  };
}
