// Which patient may go where and when, and what it is worth. Computed once per solve into flat
// indexed structures the formulation, construction and baseline share.
import type {
  PlanningProblem,
  ProblemHospitalDay,
  ProblemPatient,
  ProblemProcedure,
} from '../model/problem.ts';

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
  /** Bit i set = the patient may be operated on horizon day i (release date, excluded periods). */
  dayMask: number;
  /** First epoch day on which the patient is past the care guarantee. */
  guaranteeBreachDay: number;
  /** Value of treating in the horizon at all (before day/hospital costs). */
  untreatedValue: number;
  /** Days past the target date at the horizon start credited to the long-wait bonus (stepped, capped). */
  longWaitDays: number;
  meanMin: number;
  /** Why the patient cannot be planned at all, when so (stable rule name). */
  blockedBy: string | null;
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
    let dayMask = 0;
    for (let d = 0; d < days; d++) {
      const day = problem.startDay + d;
      if (day < p.earliestDay) continue;
      if (p.excludedPeriods.some((e) => day >= e.fromDay && day <= e.toDay)) continue;
      dayMask |= 1 << d;
    }
    if (blockedBy === null && dayMask === 0) {
      blockedBy = problem.startDay + days <= p.earliestDay ? 'before pre-op release' : 'excluded period';
    }
    const gd = firstDayPastGuarantee(p, r.guaranteeDays);
    const overdue = Math.max(0, problem.startDay - p.targetDay);
    // Whole steps keep patients groupable; a step ≤ 0 means the overdue days themselves.
    const stepped =
      w.longWaitStepDays > 0 ? Math.floor(overdue / w.longWaitStepDays) * w.longWaitStepDays : overdue;
    const longWaitDays = Math.min(w.longWaitCapDays, stepped);
    // Breach terms follow the KPI: a patient counts as past the guarantee at the horizon's end
    // (endDay ≥ gd) unless treated, whenever in the horizon; treating late still costs per day.
    const untreatedValue =
      w.latePointsPerDay * Math.max(0, horizonEnd - p.targetDay) +
      (endDay >= gd ? w.breachPointsPerPatient : horizonEnd >= gd ? w.soonBreachPointsPerPatient : 0) +
      w.breachPointsPerDay * Math.max(0, horizonEnd - gd) +
      w.treatPointsPerPatient +
      w.longWaitPointsPerDay * longWaitDays;
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
      untreatedValue,
      longWaitDays,
      meanMin: procMeanMin[pi] ?? 0,
      blockedBy,
    };
  });
  const patientById = new Map(patients.map((pp) => [pp.patient.id, pp]));
  return {
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
}

/** Value of treating patient pp at hospital hospitals[k] on horizon day d (benefit; higher is better). */
export function benefit(prep: Prepared, pp: PreparedPatient, k: number, d: number): number {
  const w = prep.problem.weights;
  const day = prep.problem.startDay + d;
  const p = pp.patient;
  const hi = pp.hospitals[k] ?? -1;
  const h = prep.problem.hospitals[hi];
  const cross = h !== undefined && h.regionId !== p.homeRegionId ? pp.proc.priceSek : 0;
  const cost =
    w.latePointsPerDay * Math.max(0, day - p.targetDay) +
    w.breachPointsPerDay * Math.max(0, day - pp.guaranteeBreachDay) +
    w.travelPointsPerKm * (pp.extraKm[k] ?? 0) +
    w.crossRegionPointsPerSek * cross;
  return pp.untreatedValue - cost;
}
