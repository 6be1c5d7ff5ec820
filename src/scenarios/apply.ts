// A scenario applied to the base snapshot for one simulated week: the capacity side becomes a
// modified snapshot for buildProblem (rooms, rosters, closures, teams, calendar), the demand side a
// list of weekly arrival rates. Under named surgeons and a session plan the same changes move
// surgeons and sessions so that they mean what they mean on the roster path (staffApply.ts,
// ADR 0028). Pure: no clock, no I/O, inputs never mutated. Changes are applied in
// file order; staffing changes on the same hospital and day accumulate.
import type {
  ArrivalRate,
  Surgeon,
  Closure,
  RegionSnapshot,
  RegionalTeam,
  RosterOverride,
  RosterTemplate,
  Theatre,
} from '../domain/snapshot.ts';
import { isoWeekday } from '../calendar/isoWeek.ts';
import type { Period, Scenario } from './model.ts';
import { changeNamedSurgeons, isGoverned, sessionsForScenario } from './staffApply.ts';

const inPeriod = (date: string, p: Period | undefined, weekdays?: readonly number[]): boolean =>
  (p === undefined || (date >= p.from && date <= p.to)) &&
  (weekdays === undefined || weekdays.includes(isoWeekday(date)));

/** Theatre ids of rooms a scenario opens: `<hospital>-scen<k>`. */
export const addedTheatreId = (hospitalId: string, k: number): string => `${hospitalId}-scen${k}`;

/**
 * The base snapshot as one week of the scenario sees it (the waiting list is left out: the
 * simulation owns the list). `dates` are the week's seven ISO dates.
 */
export function snapshotForWeek(
  base: RegionSnapshot,
  scenario: Scenario,
  dates: readonly string[],
): RegionSnapshot {
  const theatres: Theatre[] = [...base.theatres];
  const closures: Closure[] = [...base.closures];
  const regionalTeams: RegionalTeam[] = base.regionalTeams.map((t) => ({ ...t }));
  let calendar = { ...base.calendar, extraClosureDates: [...base.calendar.extraClosureDates] };
  const templates = new Map<string, RosterTemplate>();
  for (const t of base.rosterTemplates) templates.set(`${t.hospitalId}|${t.weekday}`, t);
  const overrides = new Map<string, RosterOverride>();
  for (const o of base.rosterOverrides) overrides.set(`${o.hospitalId}|${o.date}`, o);
  const touched = new Set<string>();
  // Named surgeons and sessions (ADR 0028): scenario rooms and their specialty, surgeon-dates removed.
  let surgeons: Surgeon[] = base.surgeons;
  const addedSpecialty = new Map<string, string | undefined>();
  const removedSurgeonDates = new Set<string>();
  const meanTeamCost =
    base.regionalTeams.length > 0
      ? base.regionalTeams.reduce((s, t) => s + t.costSekPerDay, 0) / base.regionalTeams.length
      : 0;

  for (const c of scenario.changes) {
    switch (c.kind) {
      case 'theatres': {
        if (c.delta > 0) {
          // Numbered after the rooms earlier changes opened, so two changes never share a room.
          const opened = theatres.filter((t) =>
            t.id.startsWith(addedTheatreId(c.hospitalId, 0).slice(0, -1)),
          ).length;
          for (let k = opened + 1; k <= opened + c.delta; k++) {
            const id = addedTheatreId(c.hospitalId, k);
            theatres.push({ id, hospitalId: c.hospitalId, name: `Scenario ${k}` });
            addedSpecialty.set(id, c.specialtyId);
            for (const date of dates)
              if (!inPeriod(date, c.period, c.weekdays))
                closures.push({ hospitalId: c.hospitalId, theatreId: id, date, reason: 'scenario' });
          }
        } else {
          const own = theatres.filter((t) => t.hospitalId === c.hospitalId);
          for (const t of own.slice(Math.max(0, own.length + c.delta))) {
            for (const date of dates)
              if (inPeriod(date, c.period, c.weekdays))
                closures.push({ hospitalId: c.hospitalId, theatreId: t.id, date, reason: 'scenario' });
          }
        }
        break;
      }
      case 'staffing': {
        const change = (n: number): number =>
          Math.max(0, c.delta !== undefined ? n + c.delta : Math.round(n * (1 + (c.percent ?? 0) / 100)));
        if (c.resource === 'surgeonLists' && isGoverned(surgeons, c.hospitalId, c.specialtyId ?? '')) {
          // Named surgeons give this specialty's capacity here: add or take away surgeons, not counts.
          const next = changeNamedSurgeons(
            base,
            surgeons,
            c.hospitalId,
            c.specialtyId ?? '',
            dates,
            (n, date) => (inPeriod(date, c.period, c.weekdays) ? change(n) : undefined),
          );
          surgeons = next.surgeons;
          for (const r of next.removed) removedSurgeonDates.add(r);
        }
        for (const date of dates) {
          if (!inPeriod(date, c.period, c.weekdays)) continue;
          const key = `${c.hospitalId}|${date}`;
          const roster = overrides.get(key) ?? templates.get(`${c.hospitalId}|${isoWeekday(date)}`);
          if (roster === undefined) continue;
          const next: RosterOverride = {
            hospitalId: c.hospitalId,
            date,
            anaesthesiaTeams: roster.anaesthesiaTeams,
            nursingTeams: roster.nursingTeams,
            surgeonLists: { ...roster.surgeonLists },
            lendableSurgeonLists: { ...roster.lendableSurgeonLists },
          };
          if (c.resource === 'anaesthesia') next.anaesthesiaTeams = change(roster.anaesthesiaTeams);
          else if (c.resource === 'nursing') next.nursingTeams = change(roster.nursingTeams);
          else {
            const s = c.specialtyId ?? '';
            next.surgeonLists[s] = change(roster.surgeonLists[s] ?? 0);
            if (next.lendableSurgeonLists[s] !== undefined)
              next.lendableSurgeonLists[s] = Math.min(next.lendableSurgeonLists[s], next.surgeonLists[s]);
          }
          overrides.set(key, next);
          touched.add(key);
        }
        break;
      }
      case 'regionalTeamAdded': {
        regionalTeams.push({
          id: c.teamId,
          name: c.name ?? c.teamId,
          baseHospitalId: c.baseHospitalId,
          weekdays: c.weekdays ?? [1, 2, 3, 4, 5],
          unavailableDates: dates.filter((d) => !inPeriod(d, c.period)),
          allowedHospitalIds: c.allowedHospitalIds ?? [],
          costSekPerDay: c.costSekPerDay ?? meanTeamCost,
        });
        break;
      }
      case 'regionalTeamRemoved': {
        const t = regionalTeams.find((x) => x.id === c.teamId);
        if (t) t.unavailableDates = [...t.unavailableDates, ...dates.filter((d) => inPeriod(d, c.period))];
        break;
      }
      case 'summer':
        calendar = {
          ...calendar,
          summerFromWeek: c.fromWeek,
          summerToWeek: c.toWeek,
          summerCapacityFactor: c.factor,
        };
        break;
      case 'closureDates':
        if (c.hospitalId === undefined) calendar.extraClosureDates.push(...c.dates);
        else
          for (const date of c.dates) closures.push({ hospitalId: c.hospitalId, date, reason: 'scenario' });
        break;
      default:
        // Demand-side and patient-side changes do not touch the capacity snapshot.
        break;
    }
  }

  const rosterOverrides =
    touched.size === 0
      ? base.rosterOverrides
      : [
          ...base.rosterOverrides.filter((o) => !touched.has(`${o.hospitalId}|${o.date}`)),
          ...[...touched].map((k) => overrides.get(k) as RosterOverride),
        ];
  const snap: RegionSnapshot = {
    ...base,
    waitingList: [],
    theatres,
    closures,
    regionalTeams,
    calendar,
    rosterOverrides,
    surgeons,
  };
  return { ...snap, sessions: sessionsForScenario(base, snap, dates, addedSpecialty, removedSurgeonDates) };
}

/**
 * Expected decisions to treat in the week per (hospital, procedure), in the base snapshot's order
 * (so random streams keyed by position stay aligned across scenarios).
 */
export function arrivalRatesForWeek(
  base: RegionSnapshot,
  scenario: Scenario,
  dates: readonly string[],
): ArrivalRate[] {
  const specialtyOf = new Map(base.procedures.map((p) => [p.id, p.specialtyId]));
  const matches = (
    r: ArrivalRate,
    f: {
      hospitalId?: string | undefined;
      specialtyId?: string | undefined;
      procedureId?: string | undefined;
    },
  ): boolean =>
    (f.hospitalId === undefined || f.hospitalId === r.hospitalId) &&
    (f.procedureId === undefined || f.procedureId === r.procedureId) &&
    (f.specialtyId === undefined || f.specialtyId === specialtyOf.get(r.procedureId));
  const rates = base.arrivals.map((r) => ({ ...r }));
  for (const c of scenario.changes) {
    if (c.kind === 'arrivalMultiplier') {
      // Share of the week inside the period: a period ending mid-week scales that week pro rata.
      const share = dates.filter((d) => inPeriod(d, c.period)).length / dates.length;
      if (share === 0) continue;
      for (const r of rates) if (matches(r, c)) r.perWeek *= 1 + (c.factor - 1) * share;
    } else if (c.kind === 'arrivalSurge') {
      if (!dates.includes(c.date)) continue;
      const hit = rates.filter((r) => matches(r, c));
      const total = hit.reduce((s, r) => s + r.perWeek, 0);
      for (const r of hit) r.perWeek += c.extraPatients * (total > 0 ? r.perWeek / total : 1 / hit.length);
    }
  }
  return rates;
}

/** Patient-side changes: consent share (redrawn per patient) and the travel limit. */
export function patientOverrides(scenario: Scenario): { consentShare?: number; maxTravelKm?: number } {
  const out: { consentShare?: number; maxTravelKm?: number } = {};
  for (const c of scenario.changes) {
    if (c.kind === 'consentShare') out.consentShare = c.share;
    if (c.kind === 'travelLimit') out.maxTravelKm = c.maxTravelKm;
  }
  return out;
}
