// Named surgeons and the session plan (ADR 0023) as the solver sees them: the snapshot's surgeons
// become ProblemSurgeons with their available horizon days, its sessions become ProblemSessions, and
// a hospital-day with sessions gets exactly that theatre time. Where a hospital has named surgeons
// of a specialty, they (not the roster's counts) give that specialty's surgeon lists there.
import type { RegionSnapshot } from '../domain/snapshot.ts';
import { epochDay, isoWeekday } from '../calendar/isoWeek.ts';
import type {
  PlanningProblem,
  ProblemHospitalDay,
  ProblemSession,
  ProblemSurgeon,
} from '../../solver/model/problem.ts';

/**
 * Lists one named surgeon may run on one day in the aggregate counts: two sequential half-day
 * sessions, times the theatres they may run in parallel. An upper bound, so the aggregate model's
 * "surgeon lists" row stays a relaxation; the surgeon's minutes are bounded separately.
 */
function listsPerSurgeonDay(maxParallelTheatres: number): number {
  return 2 * maxParallelTheatres;
}

function clockToMin(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** Does the surgeon's roster (weekdays ± overrides) have them operating on this date? */
function surgeonWorks(s: RegionSnapshot['surgeons'][number], date: string): boolean {
  if (s.unavailableDates.includes(date)) return false;
  return s.weekdays.includes(isoWeekday(date)) || s.extraDates.includes(date);
}

/**
 * Surgeon lists per specialty of a hospital on a date from its named surgeons (home hospital),
 * for the specialties that have named surgeons there; roster counts remain for the others.
 */
export function namedSurgeonLists(
  snapshot: RegionSnapshot,
  hospitalId: string,
  date: string,
): { governed: Set<string>; surgeonLists: Record<string, number>; lendable: Record<string, number> } {
  const governed = new Set<string>();
  const surgeonLists: Record<string, number> = {};
  const lendable: Record<string, number> = {};
  for (const s of snapshot.surgeons) {
    if (s.homeHospitalId !== hospitalId) continue;
    governed.add(s.specialtyId);
    surgeonLists[s.specialtyId] ??= 0;
    lendable[s.specialtyId] ??= 0;
    if (!surgeonWorks(s, date)) continue;
    const n = listsPerSurgeonDay(s.maxParallelTheatres);
    surgeonLists[s.specialtyId] = (surgeonLists[s.specialtyId] ?? 0) + n;
    if (s.visitingHospitalIds.some((h) => h !== hospitalId))
      lendable[s.specialtyId] = (lendable[s.specialtyId] ?? 0) + n;
  }
  return { governed, surgeonLists, lendable };
}

/**
 * Sessions of the horizon's open hospital-days (after closures, calendar and bookings: a session in
 * a theatre the day does not have open is dropped), and those hospital-days with exactly their
 * sessions' theatres open and one staffed team per session. A hospital-day whose sessions all fall
 * away is closed to the plan.
 */
export function applySessions(
  snapshot: RegionSnapshot,
  hospitalDays: readonly ProblemHospitalDay[],
  dates: readonly string[],
): { hospitalDays: ProblemHospitalDay[]; sessions: ProblemSession[] } {
  const inHorizon = new Set(dates);
  const byHd = new Map<string, RegionSnapshot['sessions']>();
  for (const s of snapshot.sessions) {
    if (!inHorizon.has(s.date)) continue;
    const key = `${s.hospitalId}|${epochDay(s.date)}`;
    const l = byHd.get(key) ?? [];
    l.push(s);
    byHd.set(key, l);
  }
  const surgeonSpec = new Map(snapshot.surgeons.map((s) => [s.id, s.specialtyId]));
  const out: ProblemHospitalDay[] = [];
  const sessions: ProblemSession[] = [];
  for (const hd of hospitalDays) {
    const planned = byHd.get(`${hd.hospitalId}|${hd.day}`);
    if (planned === undefined) {
      out.push(hd);
      continue;
    }
    const open = new Set(hd.openTheatreIds);
    const kept = planned
      .filter((s) => open.has(s.theatreId))
      .filter((s) => s.allocation.kind !== 'surgeon' || surgeonSpec.has(s.allocation.surgeonId))
      .toSorted(
        (a, b) =>
          (a.theatreId < b.theatreId ? -1 : a.theatreId > b.theatreId ? 1 : 0) ||
          (a.startTime < b.startTime ? -1 : 1),
      );
    if (kept.length === 0) continue;
    for (const s of kept) {
      const a = s.allocation;
      sessions.push({
        id: s.id,
        hospitalId: s.hospitalId,
        theatreId: s.theatreId,
        day: hd.day,
        part: s.part,
        startMin: clockToMin(s.startTime),
        lengthMin: s.lengthMin,
        ...(a.kind === 'specialty' ? { specialtyId: a.specialtyId } : {}),
        ...(a.kind === 'surgeon'
          ? { surgeonId: a.surgeonId, specialtyId: surgeonSpec.get(a.surgeonId) as string }
          : {}),
      });
    }
    // An open theatre without any session stays open as an idle room: only a regional team may
    // staff it (staffedTeams counts the sessions' teams alone), with a full-day list (ADR 0023).
    const theatres = hd.openTheatreIds.filter(
      (t) => kept.some((s) => s.theatreId === t) || !planned.some((s) => s.theatreId === t),
    );
    out.push({ ...hd, openTheatreIds: theatres, staffedTeams: kept.length });
  }
  return { hospitalDays: out, sessions };
}

/**
 * Named surgeons with their available horizon days: roster weekdays − unavailable dates + extra
 * dates, and only days their home hospital operates in the plan; visiting hospitals only within
 * rules.maxLendKm of home.
 */
export function problemSurgeons(
  snapshot: RegionSnapshot,
  problem: Pick<PlanningProblem, 'dates' | 'hospitalDays' | 'distanceKm' | 'rules'>,
): ProblemSurgeon[] {
  const operating = new Set(problem.hospitalDays.map((hd) => `${hd.hospitalId}|${hd.day}`));
  return snapshot.surgeons.map((s) => ({
    id: s.id,
    homeHospitalId: s.homeHospitalId,
    specialtyId: s.specialtyId,
    procedureIds: [...s.procedureIds],
    maxMinPerDay: s.maxMinPerDay,
    availableDays: problem.dates
      .filter((d) => surgeonWorks(s, d) && operating.has(`${s.homeHospitalId}|${epochDay(d)}`))
      .map(epochDay),
    visitingHospitalIds: s.visitingHospitalIds.filter((h) => {
      if (h === s.homeHospitalId) return false;
      const km = problem.distanceKm[s.homeHospitalId]?.[h];
      return km !== undefined && km <= problem.rules.maxLendKm;
    }),
    maxParallelTheatres: s.maxParallelTheatres,
  }));
}
