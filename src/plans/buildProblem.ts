// Region snapshot + planning horizon -> the solver's pure PlanningProblem. Here the Swedish calendar
// (holidays, weekends, summer reduction), rosters, overrides and closures become hospital-day capacity.
import type { RegionSnapshot, RosterTemplate, RosterOverride } from '../domain/snapshot.ts';
import { addIsoWeeks, epochDay, isoWeekDates, isoWeekday } from '../calendar/isoWeek.ts';
import { capacityFactorOn } from '../calendar/summer.ts';
import type { Pin, PlanningProblem, ProblemHospitalDay, Rules, Weights } from '../../solver/model/problem.ts';
import { effectiveSettings } from '../domain/planningSettings.ts';
import { ValidationError } from '../errors.ts';
import {
  assertPlannableHorizon,
  DEFAULT_LEAD_DAYS,
  netOfBookings,
  problemBookings,
  wardBedsOf,
} from './bookings.ts';
import { applySessions, namedSurgeonLists, problemSurgeons } from './surgeonsSessions.ts';

export interface BuildOptions {
  /** First ISO week, e.g. "2026-W49". */
  week: string;
  /** Consecutive weeks to plan (1–12). */
  weeks?: number;
  pins?: Pin[];
  excludedPatientIds?: string[];
  weights?: Partial<Weights>;
  rules?: Partial<Rules>;
  /**
   * Days from the snapshot date to the first plannable day (the first workday at least this far
   * ahead); default 14. Earlier days of the horizon have no capacity for the plan (bookings.ts).
   */
  leadDays?: number;
}

/** Longest horizon: 12 weeks (a quarter's session plan). */
export const MAX_PLAN_WEEKS = 12;

function clockToMin(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

export function buildProblem(snapshot: RegionSnapshot, opts: BuildOptions): PlanningProblem {
  const weeks = opts.weeks ?? 1;
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > MAX_PLAN_WEEKS) {
    throw new ValidationError(`weeks must be an integer 1–${MAX_PLAN_WEEKS}`, [
      { field: 'weeks', message: `expected 1–${MAX_PLAN_WEEKS}` },
    ]);
  }
  const dates: string[] = [];
  for (let w = 0; w < weeks; w++) dates.push(...isoWeekDates(addIsoWeeks(opts.week, w)));
  const startDay = epochDay(dates[0] as string);
  const firstPlannable = assertPlannableHorizon(snapshot, dates, opts.leadDays ?? DEFAULT_LEAD_DAYS);

  const templates = new Map<string, RosterTemplate>();
  for (const t of snapshot.rosterTemplates) templates.set(`${t.hospitalId}|${t.weekday}`, t);
  const overrides = new Map<string, RosterOverride>();
  for (const o of snapshot.rosterOverrides) overrides.set(`${o.hospitalId}|${o.date}`, o);
  const closedTheatres = new Set<string>();
  const closedHospitals = new Set<string>();
  for (const c of snapshot.closures) {
    if (c.theatreId === undefined) closedHospitals.add(`${c.hospitalId}|${c.date}`);
    else closedTheatres.add(`${c.theatreId}|${c.date}`);
  }
  const theatresOf = new Map<string, string[]>();
  for (const t of snapshot.theatres) {
    const l = theatresOf.get(t.hospitalId) ?? [];
    l.push(t.id);
    theatresOf.set(t.hospitalId, l);
  }

  const hospitalDays: ProblemHospitalDay[] = [];
  for (const date of dates) {
    const calendarFactor = capacityFactorOn(date, snapshot.calendar);
    for (const h of snapshot.hospitals) {
      if (closedHospitals.has(`${h.id}|${date}`)) continue;
      const override = overrides.get(`${h.id}|${date}`);
      // An override marked as an operating day opens a date the calendar closes, at its own staffing.
      const factor = override?.operatingDay === true ? 1 : calendarFactor;
      if (factor <= 0) continue;
      const roster = override ?? templates.get(`${h.id}|${isoWeekday(date)}`);
      if (!roster) continue;
      const openTheatreIds = (theatresOf.get(h.id) ?? []).filter((t) => !closedTheatres.has(`${t}|${date}`));
      if (openTheatreIds.length === 0) continue;
      const scale = (n: number): number => Math.floor(n * factor + 1e-9);
      const surgeonLists: Record<string, number> = Object.fromEntries(
        Object.entries(roster.surgeonLists).map(([s, n]) => [s, scale(n)]),
      );
      const lendableSurgeonLists: Record<string, number> = Object.fromEntries(
        Object.entries(roster.lendableSurgeonLists).map(([s, n]) => [
          s,
          Math.min(scale(n), surgeonLists[s] ?? 0),
        ]),
      );
      // Named surgeons of a specialty replace the roster's counts for it (ADR 0023).
      const named = namedSurgeonLists(snapshot, h.id, date);
      for (const s of named.governed) {
        surgeonLists[s] = named.surgeonLists[s] ?? 0;
        lendableSurgeonLists[s] = named.lendable[s] ?? 0;
      }
      hospitalDays.push({
        hospitalId: h.id,
        day: epochDay(date),
        openTheatreIds,
        staffedTeams: scale(Math.min(roster.anaesthesiaTeams, roster.nursingTeams)),
        surgeonLists,
        lendableSurgeonLists,
      });
    }
  }

  const distanceKm: Record<string, Record<string, number>> = {};
  for (const d of snapshot.distances) (distanceKm[d.fromId] ??= {})[d.toId] = d.km;

  const waived = new Set((snapshot.guaranteeWaivers ?? []).map((w) => `${w.patientId}|${w.decisionDate}`));
  // Booked patients are never planned again, whatever their status says.
  const booked = new Set(snapshot.bookings.map((b) => b.patientId));
  const patients = snapshot.waitingList
    .filter((p) => p.status === 'waiting' && p.category === 'elektiv' && !booked.has(p.id))
    .map((p) => ({
      id: p.id,
      homeRegionId: p.homeRegionId,
      homePlaceId: p.homePlaceId,
      listingHospitalId: p.listingHospitalId,
      procedureId: p.procedureId,
      asaClass: p.asaClass,
      priorityGroup: p.priorityGroup,
      decisionDay: epochDay(p.decisionDate),
      targetDay: epochDay(p.medicalTargetDate),
      earliestDay: epochDay(p.earliestDate),
      consentElsewhere: p.consentElsewhere,
      maxTravelKm: p.maxTravelKm,
      excludedPeriods: p.excludedPeriods.map((e) => ({
        kind: e.kind,
        fromDay: epochDay(e.from),
        toDay: epochDay(e.to),
      })),
      htaOverride: p.htaOverride,
      // Declined care elsewhere for this referral: out of the guarantee KPIs and breach terms.
      ...(waived.has(`${p.id}|${p.decisionDate}`) ? { guaranteeWaived: true } : {}),
      ...(p.mustTreatBy === undefined ? {} : { mustTreatByDay: epochDay(p.mustTreatBy) }),
      ...(p.surgeonId === undefined ? {} : { surgeonId: p.surgeonId }),
      ...(p.preferredSurgeonId === undefined ? {} : { preferredSurgeonId: p.preferredSurgeonId }),
    }));
  const settings = effectiveSettings(snapshot.planningSettings, { weights: opts.weights, rules: opts.rules });
  const withSessions = applySessions(
    snapshot,
    netOfBookings(snapshot, hospitalDays, epochDay(firstPlannable)),
    dates,
  );

  return {
    startDay,
    dates,
    specialtyIds: snapshot.specialties.map((s) => s.id),
    procedures: snapshot.procedures.map((p) => ({
      id: p.id,
      specialtyId: p.specialtyId,
      logMu: p.durationLogMu,
      logSigma: p.durationLogSigma,
      turnoverMin: p.turnoverMin,
      needsAcuteBackup: p.needsAcuteBackup,
      needsIcu: p.needsIcu,
      maxAsaNonAcute: p.maxAsaNonAcute,
      priceSek: p.priceSek,
      htaDoNotDo: p.htaDoNotDo,
      ...(p.lengthOfStayDays === undefined ? {} : { lengthOfStayDays: p.lengthOfStayDays }),
    })),
    hospitals: snapshot.hospitals.map((h) => ({
      id: h.id,
      regionId: h.regionId,
      acute: h.acute,
      icu: h.icu,
      procedureIds: h.procedureIds,
      listMin: h.listMin,
      listStartMin: clockToMin(h.listStartTime),
    })),
    hospitalDays: withSessions.hospitalDays,
    regionalTeams: snapshot.regionalTeams.map((t) => ({
      id: t.id,
      baseHospitalId: t.baseHospitalId,
      availableDays: dates
        .filter(
          (d) =>
            t.weekdays.includes(isoWeekday(d)) &&
            !t.unavailableDates.includes(d) &&
            d >= firstPlannable &&
            capacityFactorOn(d, snapshot.calendar) > 0,
        )
        .map(epochDay),
      allowedHospitalIds: t.allowedHospitalIds,
      costSekPerDay: t.costSekPerDay,
    })),
    distanceKm,
    patients,
    pins: opts.pins ?? [],
    excludedPatientIds: opts.excludedPatientIds ?? [],
    ...settings,
    priorityGrids: snapshot.priorityGrids.map((g) => ({
      regionId: g.regionId,
      groups: g.groups.map((x) => ({ group: x.group, maxDays: x.maxDays })),
    })),
    ...bookingsAndBeds(snapshot, dates),
    ...(snapshot.surgeons.length > 0
      ? {
          surgeons: problemSurgeons(snapshot, {
            dates,
            hospitalDays: withSessions.hospitalDays,
            distanceKm,
            rules: settings.rules,
          }),
        }
      : {}),
    ...(withSessions.sessions.length > 0 ? { sessions: withSessions.sessions } : {}),
  };
}

/** The optional booking and bed fields, present only when the snapshot has such data. */
function bookingsAndBeds(
  snapshot: RegionSnapshot,
  dates: readonly string[],
): Pick<PlanningProblem, 'bookings' | 'wardBeds'> {
  const bookings = problemBookings(snapshot);
  const wardBeds = wardBedsOf(snapshot, dates);
  return {
    ...(bookings.length > 0 ? { bookings } : {}),
    ...(wardBeds.length > 0 ? { wardBeds } : {}),
  };
}
