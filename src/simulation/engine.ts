// One replication of the rolling-horizon simulation (ADR 0011). Each simulated week:
//   1. the policy plans the week from the current list (buildProblem on the scenario's snapshot);
//   2. the plan is carried out: per planned case the patient may decline the date (patient-chosen
//      wait, PvV: the days do not count towards the guarantee), the operation may be cancelled on the
//      day, durations are lognormal, and a list that overruns its session loses its last case to a
//      later week;
//   3. waiting patients may be removed without surgery;
//   4. new decisions to treat arrive (Poisson per hospital and procedure) and join the list;
//   5. the week is counted at its end (next Monday): list, guarantee, target, breakdowns.
// Conservation is checked every week: previous list + arrivals = treated + removed + still waiting.
//
// Common random numbers: every random draw comes from a stream keyed by (seed, replication, purpose,
// entity), e.g. the duration of patient P's second planned operation, or the arrivals at hospital
// H for procedure Q in week 5. Two runs that differ only in policy or scenario therefore see the same
// patients, durations, cancellations and declines wherever their histories coincide, and a scenario
// identical to the base reproduces the base exactly.
import { createRng, type Rng } from '../random/rng.ts';
import { addIsoWeeks, epochDay, fromEpochDay, isoWeekDates, isoWeekStringOf } from '../calendar/isoWeek.ts';
import { buildProblem } from '../plans/buildProblem.ts';
import { arrivalRatesForWeek, patientOverrides, snapshotForWeek } from '../scenarios/apply.ts';
import { withSessionPattern } from './sessionPattern.ts';
import { guaranteeDaysOn } from '../../solver/check/guarantee.ts';
import type { ProblemPatient } from '../../solver/model/problem.ts';
import type { RegionSnapshot } from '../domain/snapshot.ts';
import type { Breakdown, PlanningPolicy, ReplicationResult, SimulationInput, WeekOutcome } from './types.ts';
import { poissonInverse, quantileSorted } from './stats.ts';

/** The snapshot with its bookings dissolved: booked patients waiting again, no theatre-day held. */
export function withoutBookings(snapshot: RegionSnapshot): RegionSnapshot {
  if (snapshot.bookings.length === 0) return snapshot;
  const booked = new Set(snapshot.bookings.map((b) => b.patientId));
  return {
    ...snapshot,
    bookings: [],
    waitingList: snapshot.waitingList.map((p) =>
      booked.has(p.id) && p.status === 'scheduled' ? { ...p, status: 'waiting' as const } : p,
    ),
  };
}

/** The first simulated week: the ISO week of the first Monday on or after the snapshot date. */
export function firstSimulatedWeek(asOfDate: string): string {
  const day = epochDay(asOfDate);
  // Epoch day 4 (1970-01-05) is a Monday.
  const monday = day + ((((4 - day) % 7) + 7) % 7);
  return isoWeekStringOf(fromEpochDay(monday));
}

/** Random streams of one replication, one per purpose. */
class Streams {
  readonly arrivals: Rng;
  readonly attributes: Rng;
  readonly durations: Rng;
  readonly cancellations: Rng;
  readonly declines: Rng;
  readonly removals: Rng;
  readonly consent: Rng;
  constructor(seed: number, replication: number) {
    const root = createRng(seed).fork(`replication:${replication}`);
    this.arrivals = root.fork('arrivals');
    this.attributes = root.fork('attributes');
    this.durations = root.fork('durations');
    this.cancellations = root.fork('cancellations');
    this.declines = root.fork('declines');
    this.removals = root.fork('removals');
    this.consent = root.fork('consent');
  }
}

export async function runReplication(
  input: SimulationInput,
  policy: PlanningPolicy,
  replication: number,
  onWeek?: (week: number) => void,
): Promise<ReplicationResult> {
  const { scenario, seed, weeks, patientFactory } = input;
  // The simulation plans every patient on the list week by week; the snapshot's existing bookings
  // (the real fortnight already called in, ADR 0009) are not modelled separately: their patients
  // stay on the list and the policy plans them like the rest.
  const base = withoutBookings(input.base);
  const params = scenario.parameters;
  const rng = new Streams(seed, replication);
  const overrides = patientOverrides(scenario);
  const procedures = new Map(base.procedures.map((p) => [p.id, p]));
  const hospitals = new Map(base.hospitals.map((h) => [h.id, h]));
  const distanceKm = new Map<string, number>();
  for (const d of base.distances) distanceKm.set(`${d.fromId}|${d.toId}`, d.km);
  // The list: insertion order is the patient order of every problem (deterministic).
  // Each simulated week is planned as it is operated: the lead time of real planning (ADR 0009) is
  // behind the rolling plan, so every week plans from its first day (leadDays 0).
  const initial = buildProblem(base, { week: firstSimulatedWeek(base.asOfDate), leadDays: 0 });
  const guaranteeLimit = initial.rules.guaranteeDays;
  const list = new Map<string, ProblemPatient>();
  for (const p of initial.patients) list.set(p.id, p);
  const attempts = new Map<string, number>();
  // One uniform per patient for the whole replication: a consent share redraws consent monotonely.
  const consentDraws = new Map<string, number>();
  const consentU = (id: string): number => {
    let u = consentDraws.get(id);
    if (u === undefined) {
      u = rng.consent.fork(id).next();
      consentDraws.set(id, u);
    }
    return u;
  };

  const firstWeek = firstSimulatedWeek(base.asOfDate);
  const out: WeekOutcome[] = [];
  for (let w = 0; w < weeks; w++) {
    const isoWeek = addIsoWeeks(firstWeek, w);
    const dates = isoWeekDates(isoWeek);
    const startDay = epochDay(dates[0] as string);
    const endDay = startDay + 7;
    const waitingStart = list.size;

    // 1. Plan.
    // Past the session plan's end its weekday pattern repeats (sessionPattern.ts, ADR 0028).
    const snap = snapshotForWeek(withSessionPattern(base, dates), scenario, dates);
    const problem = buildProblem(snap, { week: isoWeek, weights: scenario.weights, leadDays: 0 });
    const patients = [...list.values()];
    problem.patients =
      overrides.consentShare === undefined && overrides.maxTravelKm === undefined
        ? patients
        : patients.map((p) => ({
            ...p,
            consentElsewhere:
              overrides.consentShare === undefined
                ? p.consentElsewhere
                : consentU(p.id) < overrides.consentShare,
            maxTravelKm: overrides.maxTravelKm ?? p.maxTravelKm,
          }));
    const plan = await policy.plan(problem);

    // 2. Carry it out.
    const exitDay = new Map<string, number>();
    let treated = 0;
    let cancelled = 0;
    let declined = 0;
    let bumped = 0;
    let usedMin = 0;
    let listMinTotal = 0;
    let overtimeMin = 0;
    let moved = 0;
    let travelKm = 0;
    let settlementSek = 0;
    let waitDaysTreated = 0;
    for (const l of plan.lists) {
      const hospital = hospitals.get(l.hospitalId);
      if (hospital === undefined) continue;
      const performed: { p: ProblemPatient; minutes: number }[] = [];
      for (const id of l.patientIds) {
        const p = list.get(id);
        if (p === undefined || exitDay.has(id)) continue;
        const attempt = (attempts.get(id) ?? 0) + 1;
        attempts.set(id, attempt);
        const key = `${id}#${attempt}`;
        if (rng.declines.fork(key).next() < params.declineShare) {
          declined++;
          const to = l.day + params.declineWaitDays - 1;
          list.set(id, {
            ...p,
            earliestDay: Math.max(p.earliestDay, to + 1),
            excludedPeriods: [...p.excludedPeriods, { kind: 'PvV', fromDay: l.day, toDay: to }],
          });
          continue;
        }
        if (rng.cancellations.fork(key).next() < params.cancellationShare) {
          cancelled++;
          continue;
        }
        const proc = procedures.get(p.procedureId);
        if (proc === undefined) continue;
        const minutes =
          rng.durations.fork(key).lognormal(proc.durationLogMu, proc.durationLogSigma) + proc.turnoverMin;
        performed.push({ p, minutes });
      }
      let total = performed.reduce((s, c) => s + c.minutes, 0);
      if (total > hospital.listMin && performed.length > 0) {
        // The session ran out: its last case goes back to the list for a later week.
        const last = performed.pop() as { p: ProblemPatient; minutes: number };
        total -= last.minutes;
        bumped++;
      }
      listMinTotal += hospital.listMin;
      usedMin += total;
      overtimeMin += Math.max(0, total - hospital.listMin);
      for (const { p } of performed) {
        treated++;
        exitDay.set(p.id, l.day);
        waitDaysTreated += l.day - p.decisionDay;
        if (l.hospitalId !== p.listingHospitalId) {
          moved++;
          travelKm += distanceKm.get(`${p.homePlaceId}|${l.hospitalId}`) ?? 0;
        }
        const price = procedures.get(p.procedureId)?.priceSek ?? 0;
        if (hospital.regionId !== p.homeRegionId) settlementSek += price;
      }
    }
    // The time-average list size over the week needs each patient's days on the list this week.
    let patientDays = 0;
    for (const p of list.values()) {
      const from = Math.max(startDay, p.decisionDay);
      patientDays += Math.max(0, (exitDay.get(p.id) ?? endDay) - from);
    }
    for (const id of exitDay.keys()) list.delete(id);

    // 3. Removals without surgery (at the week's end).
    let removed = 0;
    if (params.removalSharePerWeek > 0) {
      for (const id of [...list.keys()]) {
        if (rng.removals.fork(`${id}#${w}`).next() < params.removalSharePerWeek) {
          list.delete(id);
          removed++;
        }
      }
    }

    // 4. Arrivals: decisions to treat made during the week join the list at its end.
    let arrivals = 0;
    const rates = arrivalRatesForWeek(base, scenario, dates);
    for (const r of rates) {
      const label = `${w}|${r.hospitalId}|${r.procedureId}`;
      const n = poissonInverse(rng.arrivals.fork(label).next(), r.perWeek);
      for (let i = 0; i < n; i++) {
        const id = `S${w + 1}.${r.hospitalId}.${r.procedureId}.${i + 1}`;
        const draw = rng.attributes.fork(`${label}|${i}`);
        const decisionDay = startDay + Math.floor(draw.next() * 7);
        const p = patientFactory(draw, {
          id,
          hospitalId: r.hospitalId,
          procedureId: r.procedureId,
          decisionDay,
        });
        list.set(id, p);
        patientDays += endDay - decisionDay;
        arrivals++;
      }
    }

    // 5. Count at the week's end.
    const byHomeRegion: Record<string, Breakdown> = {};
    const bySpecialty: Record<string, Breakdown> = {};
    const byHospital: Record<string, Breakdown> = {};
    const bump = (m: Record<string, Breakdown>, k: string, past: boolean): void => {
      const b = (m[k] ??= { waiting: 0, pastGuarantee: 0 });
      b.waiting++;
      if (past) b.pastGuarantee++;
    };
    const gdays: number[] = [];
    let pastGuarantee = 0;
    let pastTarget = 0;
    for (const p of list.values()) {
      const g =
        p.excludedPeriods.length === 0 ? Math.max(0, endDay - p.decisionDay) : guaranteeDaysOn(p, endDay);
      gdays.push(g);
      const past = g > guaranteeLimit;
      if (past) pastGuarantee++;
      if (endDay > p.targetDay) pastTarget++;
      bump(byHomeRegion, p.homeRegionId, past);
      bump(bySpecialty, procedures.get(p.procedureId)?.specialtyId ?? '?', past);
      bump(byHospital, p.listingHospitalId, past);
    }
    gdays.sort((a, b) => a - b);
    const waiting = list.size;
    out.push({
      week: w + 1,
      isoWeek,
      waitingStart,
      arrivals,
      treated,
      removed,
      waiting,
      pastGuarantee,
      pastGuaranteeShare: waiting > 0 ? pastGuarantee / waiting : 0,
      pastTarget,
      pastTargetShare: waiting > 0 ? pastTarget / waiting : 0,
      guaranteeDaysP50: quantileSorted(gdays, 0.5),
      guaranteeDaysP90: quantileSorted(gdays, 0.9),
      meanWaitingInWeek: patientDays / 7,
      meanWaitDaysTreated: treated > 0 ? waitDaysTreated / treated : 0,
      utilisation: listMinTotal > 0 ? usedMin / listMinTotal : 0,
      overtimeMin,
      patientsMoved: moved,
      travelKm,
      settlementSek,
      planChanges: cancelled + declined + bumped,
      cancelled,
      declined,
      bumped,
      planGap: plan.gap,
      byHomeRegion: sortKeys(byHomeRegion),
      bySpecialty: sortKeys(bySpecialty),
      byHospital: sortKeys(byHospital),
      balanced: waitingStart + arrivals === treated + removed + waiting,
    });
    onWeek?.(w + 1);
  }
  return { replication, weeks: out };
}

function sortKeys<T>(m: Record<string, T>): Record<string, T> {
  return Object.fromEntries(
    Object.keys(m)
      .sort()
      .map((k) => [k, m[k] as T]),
  );
}
