// Which patient may go where and when, and what it is worth. Computed once per solve into flat
// indexed structures the formulation, construction and baseline share.
import type {
  PlanningProblem,
  ProblemHospitalDay,
  ProblemPatient,
  ProblemProcedure,
  Weights,
} from '../model/problem.ts';
import { emptyDaySet, isEmptyDaySet, type DaySet } from './days.ts';
import { restrictTiedPatients } from './staff.ts';

export interface PreparedPatient {
  index: number;
  patient: ProblemPatient;
  proc: ProblemProcedure;
  procIndex: number;
  specIndex: number;
  listingH: number;
  /** Eligible hospital indices (static: procedure, ASA/acute/ICU, consent, travel). */
  hospitals: number[];
  /** Extra km vs the listing hospital, per entry of `hospitals`. */
  extraKm: number[];
  /** Horizon days the patient may be operated on (release date, excluded periods, must-treat date). */
  dayMask: DaySet;
  /** First epoch day on which the patient is past the care guarantee. */
  guaranteeBreachDay: number;
  /** Medical need level: how many groups of the home region's priority grid have a longer target. */
  needLevel: number;
  /**
   * Urgency level: the need level lifted by whole steps of days past the care guarantee (ADR 0018),
   * never to the grid's top level unless already there. The urgency order and the rate use it.
   */
  urgencyLevel: number;
  /** Days past the target date and past the guarantee on the projection day (horizon end + delay). */
  daysPastTarget: number;
  daysPastGuarantee: number;
  /** The stepped, capped waiting index in [0, 1): days past target first, then past the guarantee. */
  waitIndex: number;
  /** Urgency rate per theatre minute (ADR 0008); strictly increasing in the urgency order. */
  rate: number;
  /** Planned theatre minutes: rounded mean duration + turnover. */
  theatreMin: number;
  /** Value of treating in the horizon on its first day (before day, keep and hospital terms). */
  value: number;
  /** Re-solves: the previous hospital index, day index and theatre, or -1 / ''. */
  prevH: number;
  prevD: number;
  prevTheatreId: string;
  meanMin: number;
  /** Why the patient cannot be planned at all, when so (stable rule name). */
  blockedBy: string | null;
  /** Has a must-treat date inside the horizon (and is not excluded by the planner): must be planned. */
  mustTreat: boolean;
}

export interface Prepared {
  problem: PlanningProblem;
  days: number;
  endDay: number;
  hIndex: Map<string, number>;
  patientById: Map<string, PreparedPatient>;
  procIndex: Map<string, number>;
  specIndex: Map<string, number>;
  /** Capacity per hospital index and horizon day index (undefined = closed). */
  cap: (ProblemHospitalDay | undefined)[][];
  patients: PreparedPatient[];
  procMeanMin: number[];
  procVar: number[];
}

export function lognormalMean(logMu: number, logSigma: number): number {
  return Math.exp(logMu + (logSigma * logSigma) / 2);
}

export function lognormalVariance(logMu: number, logSigma: number): number {
  const s2 = logSigma * logSigma;
  return (Math.exp(s2) - 1) * Math.exp(2 * logMu + s2);
}

/**
 * First day D ≥ decisionDay with (D − decision − excluded days in [decision, D)) > limit. Agrees
 * with solver/check/guarantee.ts on invalid input too: a reversed period is refused (RangeError), an
 * open-ended one (toDay = +Infinity) and a waived guarantee give +Infinity (never past it).
 */
export function firstDayPastGuarantee(p: ProblemPatient, limitDays: number): number {
  if (p.guaranteeWaived === true) return Number.POSITIVE_INFINITY;
  for (const e of p.excludedPeriods) {
    if (!(e.toDay >= e.fromDay))
      throw new RangeError(
        `excluded period ${e.kind} ends (day ${e.toDay}) before it starts (day ${e.fromDay})`,
      );
  }
  const periods = p.excludedPeriods
    .map((e) => [Math.max(e.fromDay, p.decisionDay), e.toDay] as const)
    .filter(([a, b]) => b >= a)
    .toSorted((a, b) => a[0] - b[0]);
  // Walk forward: counted days advance except inside merged excluded intervals.
  let day = p.decisionDay;
  let counted = 0;
  let k = 0;
  for (;;) {
    while (k < periods.length && (periods[k]?.[1] ?? 0) < day) k++;
    const next = periods[k];
    if (next !== undefined && next[0] <= day) {
      day = Math.max(day, next[1] + 1);
      if (day === Number.POSITIVE_INFINITY) return day;
      continue;
    }
    const runEnd = next === undefined ? Infinity : next[0];
    const need = limitDays + 1 - counted;
    if (day + need <= runEnd) return day + need;
    counted += runEnd - day;
    day = runEnd;
  }
}

export function prepare(problem: PlanningProblem): Prepared {
  const days = problem.dates.length;
  const endDay = problem.startDay + days;
  const w = problem.weights;
  const r = problem.rules;
  const hIndex = new Map(problem.hospitals.map((h, i) => [h.id, i]));
  const procIndex = new Map(problem.procedures.map((p, i) => [p.id, i]));
  const specIndex = new Map(problem.specialtyIds.map((s, i) => [s, i]));
  const cap: (ProblemHospitalDay | undefined)[][] = problem.hospitals.map(() =>
    new Array(days).fill(undefined),
  );
  for (const hd of problem.hospitalDays) {
    const h = hIndex.get(hd.hospitalId);
    const d = hd.day - problem.startDay;
    if (h !== undefined && d >= 0 && d < days) (cap[h] as (ProblemHospitalDay | undefined)[])[d] = hd;
  }
  const offers = problem.hospitals.map((h) => new Set(h.procedureIds));
  const excluded = new Set(problem.excludedPatientIds);
  const procMeanMin = problem.procedures.map((p) => lognormalMean(p.logMu, p.logSigma));
  const procVar = problem.procedures.map((p) => lognormalVariance(p.logMu, p.logSigma));
  const horizonEnd = endDay + r.untreatedDelayDays;
  const needLevelOf = needLevels(problem);
  const topLevelOf = topLevels(problem);
  const previous = new Map((problem.previousAssignments ?? []).map((a) => [a.patientId, a]));

  const patients = problem.patients.map((p, index): PreparedPatient => {
    const pi = procIndex.get(p.procedureId);
    const listingH = hIndex.get(p.listingHospitalId) ?? -1;
    if (pi === undefined) throw new Error(`patient ${p.id}: unknown procedure ${p.procedureId}`);
    const proc = problem.procedures[pi] as ProblemProcedure;
    const si = specIndex.get(proc.specialtyId) ?? -1;
    const hospitals: number[] = [];
    const extraKm: number[] = [];
    const home = problem.distanceKm[p.homePlaceId] ?? {};
    const kmListing = home[p.listingHospitalId] ?? 0;
    let blockedBy: string | null = null;
    if (excluded.has(p.id)) blockedBy = 'planner exclusion';
    else if (proc.htaDoNotDo && !p.htaOverride) blockedBy = 'HTA do-not-do';
    let reasonNone = 'procedure not offered';
    problem.hospitals.forEach((h, hi) => {
      if (!offers[hi]?.has(p.procedureId)) return;
      if (!h.acute && (proc.needsAcuteBackup || p.asaClass > proc.maxAsaNonAcute)) {
        reasonNone = 'acute back-up required';
        return;
      }
      if (proc.needsIcu && !h.icu) {
        reasonNone = 'ICU required';
        return;
      }
      if (hi !== listingH) {
        if (!p.consentElsewhere) return;
        const km = home[h.id];
        if (km === undefined || km > p.maxTravelKm) return;
        hospitals.push(hi);
        extraKm.push(Math.max(0, km - kmListing));
        return;
      }
      hospitals.push(hi);
      extraKm.push(0);
    });
    if (blockedBy === null && hospitals.length === 0) blockedBy = reasonNone;
    const dayMask = emptyDaySet(days);
    for (let d = 0; d < days; d++) {
      const day = problem.startDay + d;
      if (day < p.earliestDay) continue;
      if (p.excludedPeriods.some((e) => day >= e.fromDay && day <= e.toDay)) continue;
      if (p.mustTreatByDay !== undefined && day > p.mustTreatByDay) continue;
      dayMask[d] = 1;
    }
    const mustTreat = p.mustTreatByDay !== undefined && p.mustTreatByDay < endDay && !excluded.has(p.id);
    if (
      blockedBy === null &&
      isEmptyDaySet(dayMask) &&
      p.mustTreatByDay !== undefined &&
      p.mustTreatByDay < problem.startDay &&
      p.earliestDay <= p.mustTreatByDay
    ) {
      blockedBy = 'must-treat date before the horizon';
    } else if (
      blockedBy === null &&
      isEmptyDaySet(dayMask) &&
      p.earliestDay > (p.mustTreatByDay ?? Infinity)
    ) {
      blockedBy = 'before pre-op release';
    } else if (blockedBy === null && isEmptyDaySet(dayMask)) {
      blockedBy = problem.startDay + days <= p.earliestDay ? 'before pre-op release' : 'excluded period';
    }
    const gd = firstDayPastGuarantee(p, r.guaranteeDays);
    const daysPastTarget = Math.max(0, horizonEnd - p.targetDay);
    const daysPastGuarantee = Math.max(0, horizonEnd - gd);
    const waitIndex = waitIndexOf(w, daysPastTarget, daysPastGuarantee);
    const needLevel = needLevelOf(p);
    const urgencyLevel = liftedLevel(w, needLevel, topLevelOf(p), daysPastGuarantee);
    const rate = Math.pow(w.needRateFactor, urgencyLevel) * (1 + w.waitRateMax * waitIndex);
    const theatreMin = Math.round(procMeanMin[pi] ?? 0) + proc.turnoverMin;
    const prev = previous.get(p.id);
    const prevH = prev === undefined ? -1 : (hIndex.get(prev.hospitalId) ?? -1);
    const prevD = prev === undefined ? -1 : prev.day - problem.startDay;
    return {
      index,
      patient: p,
      proc,
      procIndex: pi,
      specIndex: si,
      listingH,
      hospitals,
      extraKm,
      dayMask,
      guaranteeBreachDay: gd,
      needLevel,
      urgencyLevel,
      daysPastTarget,
      daysPastGuarantee,
      waitIndex,
      rate,
      theatreMin,
      value: w.pointsPerTheatreMin * theatreMin * rate,
      prevH,
      prevD: prevH >= 0 && prevD >= 0 && prevD < days ? prevD : -1,
      prevTheatreId: prev?.theatreId ?? '',
      meanMin: procMeanMin[pi] ?? 0,
      blockedBy,
      mustTreat,
    };
  });
  const patientById = new Map(patients.map((pp) => [pp.patient.id, pp]));
  const prep: Prepared = {
    problem,
    days,
    endDay,
    hIndex,
    patientById,
    procIndex,
    specIndex,
    cap,
    patients,
    procMeanMin,
    procVar,
  };
  if ((problem.surgeons ?? []).length > 0) restrictTiedPatients(prep);
  return prep;
}

/**
 * Medical need level of a patient: in the priority grid of their home region, how many distinct
 * target lengths are longer than their group's (P4 of a 14/30/90/180-day grid → 0, P1 → 3). A
 * region without a grid, or a group missing from it, is level 0: need is data, never a name.
 */
export function needLevels(problem: PlanningProblem): (p: ProblemPatient) => number {
  const grids = new Map<string, Map<string, number>>();
  for (const g of problem.priorityGrids ?? []) {
    if (grids.has(g.regionId)) continue;
    const lengths = [...new Set(g.groups.map((x) => x.maxDays))];
    const level = new Map<string, number>();
    for (const x of g.groups)
      if (!level.has(x.group)) level.set(x.group, lengths.filter((m) => m > x.maxDays).length);
    grids.set(g.regionId, level);
  }
  return (p) => grids.get(p.homeRegionId)?.get(p.priorityGroup) ?? 0;
}

/** The top need level of each region's grid (distinct target lengths − 1); −1 without a grid. */
export function topLevels(problem: PlanningProblem): (p: ProblemPatient) => number {
  const tops = new Map<string, number>();
  for (const g of problem.priorityGrids ?? []) {
    if (!tops.has(g.regionId)) tops.set(g.regionId, new Set(g.groups.map((x) => x.maxDays)).size - 1);
  }
  return (p) => tops.get(p.homeRegionId) ?? -1;
}

/**
 * Urgency level (ADR 0018): need plus one per whole guaranteeLiftStepDays past the care guarantee,
 * at most guaranteeLiftMaxLevels, and below the top level (so the most urgent group stays its own);
 * a patient already at the top, or of a region without a grid (top −1), keeps its need level.
 */
export function liftedLevel(w: Weights, need: number, top: number, daysPastGuarantee: number): number {
  const step = w.guaranteeLiftStepDays ?? 0;
  const max = w.guaranteeLiftMaxLevels ?? 0;
  if (step <= 0 || max <= 0 || need >= top) return need;
  const lift = Math.min(max, Math.floor(Math.max(0, daysPastGuarantee) / step));
  return Math.max(need, Math.min(top - 1, need + lift));
}

/**
 * Waiting index in [0, 1): whole steps of days past target (capped) first, then whole steps of days
 * past the guarantee (capped) as the tie-break, so it increases strictly in that order.
 */
export function waitIndexOf(w: Weights, daysPastTarget: number, daysPastGuarantee: number): number {
  const steps = (days: number, step: number, cap: number): [number, number] => {
    const n = step > 0 ? Math.floor(cap / step) : 0;
    return [step > 0 ? Math.min(n, Math.floor(Math.max(0, days) / step)) : 0, n];
  };
  const [t, nt] = steps(daysPastTarget, w.waitStepDays, w.waitCapDays);
  const [g, ng] = steps(daysPastGuarantee, w.guaranteeStepDays, w.guaranteeCapDays);
  return (t * (ng + 1) + g) / ((nt + 1) * (ng + 1));
}

/**
 * The urgency order (most urgent first): a must-treat date in the horizon, then the urgency level
 * (need, lifted past the guarantee; ADR 0018), then days past target (earlier target date), then
 * days past the guarantee (earlier breach day); ties by input order. Construction, improvement and
 * repair fill lists in this order.
 */
export function compareUrgency(a: PreparedPatient, b: PreparedPatient): number {
  return (
    Number(b.mustTreat) - Number(a.mustTreat) ||
    b.urgencyLevel - a.urgencyLevel ||
    a.patient.targetDay - b.patient.targetDay ||
    a.guaranteeBreachDay - b.guaranteeBreachDay ||
    a.index - b.index
  );
}

/** Value of treating patient pp at hospital hospitals[k] on horizon day d (benefit; higher is better). */
export function benefit(prep: Prepared, pp: PreparedPatient, k: number, d: number): number {
  const w = prep.problem.weights;
  const p = pp.patient;
  const hi = pp.hospitals[k] ?? -1;
  const h = prep.problem.hospitals[hi];
  const cross = h !== undefined && h.regionId !== p.homeRegionId ? pp.proc.priceSek : 0;
  const keep = hi === pp.prevH && d === pp.prevD ? w.keepPreviousShare * pp.value : 0;
  return (
    pp.value * (1 - w.dayDiscountPerDay * d) +
    keep -
    w.travelPointsPerKm * (pp.extraKm[k] ?? 0) -
    w.crossRegionPointsPerSek * cross
  );
}
