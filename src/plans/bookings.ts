// Existing bookings, lead time and ward beds: the parts of a planning problem that come from what is
// already decided (ADR 0009). buildProblem.ts calls these; they read only the snapshot and dates.
//
// - A theatre with a booking on a day is taken for the whole day: the plan gets no list there, and
//   the day's staffed teams and surgeon lists of the booked specialty shrink by one (the booked list
//   uses them). Booked patients are never planned again.
// - Lead time: days before the first workday at least leadDays after the snapshot date have no
//   capacity for the plan (lists are published that far ahead; the days before are already booked).
// - Ward beds: the weekday template or the date's override per hospital; bookings' patients hold a
//   bed from their surgery day for their procedure's length of stay, also when the stay began before
//   the horizon.
import type { RegionSnapshot } from '../domain/snapshot.ts';
import { addDays, epochDay, fromEpochDay, isoWeekday, isoWeekStringOf } from '../calendar/isoWeek.ts';
import { capacityFactorOn } from '../calendar/summer.ts';
import type {
  EpochDay,
  ProblemBooking,
  ProblemHospitalDay,
  ProblemWardBeds,
} from '../../solver/model/problem.ts';
import { ValidationError } from '../errors.ts';

/** Default lead time: lists are fixed two weeks ahead. */
export const DEFAULT_LEAD_DAYS = 14;
export const MAX_LEAD_DAYS = 180;
/** Weeks after the snapshot date beyond which its waiting list says too little to plan. */
export const MAX_WEEKS_AHEAD = 26;

function clockToMin(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** The first workday (a day with elective capacity) at least leadDays after the snapshot date. */
export function firstPlannableDate(
  snapshot: Pick<RegionSnapshot, 'asOfDate' | 'calendar'>,
  leadDays: number,
): string {
  let date = addDays(snapshot.asOfDate, leadDays);
  for (let i = 0; i < 60 && capacityFactorOn(date, snapshot.calendar) <= 0; i++) date = addDays(date, 1);
  return date;
}

/**
 * Refuse a horizon that has no plannable day (it ends before the first plannable day) or starts
 * far past the waiting list's date; both name the field and the CLI flag. Returns the first
 * plannable date.
 */
export function assertPlannableHorizon(
  snapshot: Pick<RegionSnapshot, 'asOfDate' | 'calendar'>,
  dates: readonly string[],
  leadDays: number,
): string {
  if (!Number.isInteger(leadDays) || leadDays < 0 || leadDays > MAX_LEAD_DAYS) {
    throw new ValidationError(`leadDays (--lead-days) must be an integer 0–${MAX_LEAD_DAYS}`, [
      { field: 'leadDays', message: `expected an integer 0–${MAX_LEAD_DAYS}` },
    ]);
  }
  const first = firstPlannableDate(snapshot, leadDays);
  const week = isoWeekStringOf(dates[0] as string);
  const last = dates.at(-1) as string;
  if (last < first) {
    throw new ValidationError(
      `week (--week) ${week} ends before the first plannable day ${first} (snapshot date ${snapshot.asOfDate} + ${leadDays} lead days, leadDays / --lead-days): plan week ${isoWeekStringOf(first)} or later, or lower the lead days`,
      [{ field: 'week', message: `ends before the first plannable day ${first} (leadDays ${leadDays})` }],
    );
  }
  const latest = addDays(snapshot.asOfDate, MAX_WEEKS_AHEAD * 7);
  if ((dates[0] as string) > latest) {
    throw new ValidationError(
      `week (--week) ${week} starts more than ${MAX_WEEKS_AHEAD} weeks after the snapshot date ${snapshot.asOfDate}: its waiting list cannot describe that week; plan ${isoWeekStringOf(latest)} or earlier`,
      [{ field: 'week', message: `more than ${MAX_WEEKS_AHEAD} weeks after the snapshot date` }],
    );
  }
  return first;
}

/** Bookings as the solver sees them (all of them: their beds may reach into the horizon). */
export function problemBookings(snapshot: RegionSnapshot): ProblemBooking[] {
  const procOf = new Map(snapshot.waitingList.map((p) => [p.id, p.procedureId]));
  return snapshot.bookings.map((b) => ({
    patientId: b.patientId,
    procedureId: procOf.get(b.patientId) ?? '',
    hospitalId: b.hospitalId,
    theatreId: b.theatreId,
    day: epochDay(b.date),
    startMin: clockToMin(b.startTime),
  }));
}

/**
 * Hospital-day capacity left to the plan: days before the first plannable day dropped, booked
 * theatres removed with one staffed team and one surgeon list of the booked specialty each.
 */
export function netOfBookings(
  snapshot: RegionSnapshot,
  hospitalDays: readonly ProblemHospitalDay[],
  firstPlannableDay: EpochDay,
): ProblemHospitalDay[] {
  const specOfProc = new Map(snapshot.procedures.map((p) => [p.id, p.specialtyId]));
  const procOf = new Map(snapshot.waitingList.map((p) => [p.id, p.procedureId]));
  // Per hospital-day: booked theatre -> specialty of its earliest booking.
  const booked = new Map<string, Map<string, { startTime: string; specialtyId: string }>>();
  for (const b of snapshot.bookings) {
    const key = `${b.hospitalId}|${epochDay(b.date)}`;
    const slots = booked.get(key) ?? new Map<string, { startTime: string; specialtyId: string }>();
    const specialtyId = specOfProc.get(procOf.get(b.patientId) ?? '') ?? '';
    const prev = slots.get(b.theatreId);
    if (!prev || b.startTime < prev.startTime)
      slots.set(b.theatreId, { startTime: b.startTime, specialtyId });
    booked.set(key, slots);
  }
  const out: ProblemHospitalDay[] = [];
  for (const hd of hospitalDays) {
    if (hd.day < firstPlannableDay) continue;
    const slots = booked.get(`${hd.hospitalId}|${hd.day}`);
    if (!slots) {
      out.push(hd);
      continue;
    }
    const openTheatreIds = hd.openTheatreIds.filter((t) => !slots.has(t));
    let staffedTeams = hd.staffedTeams;
    const surgeonLists = { ...hd.surgeonLists };
    for (const t of hd.openTheatreIds) {
      const slot = slots.get(t);
      if (!slot) continue;
      staffedTeams = Math.max(0, staffedTeams - 1);
      surgeonLists[slot.specialtyId] = Math.max(0, (surgeonLists[slot.specialtyId] ?? 0) - 1);
    }
    const lendableSurgeonLists = Object.fromEntries(
      Object.entries(hd.lendableSurgeonLists).map(([s, n]) => [s, Math.min(n, surgeonLists[s] ?? 0)]),
    );
    if (openTheatreIds.length === 0) continue;
    out.push({ ...hd, openTheatreIds, staffedTeams, surgeonLists, lendableSurgeonLists });
  }
  return out;
}

/** Ward beds per hospital and horizon date, with the beds bookings' patients hold. */
export function wardBedsOf(snapshot: RegionSnapshot, dates: readonly string[]): ProblemWardBeds[] {
  if (snapshot.wardBeds.length === 0 && snapshot.wardBedOverrides.length === 0) return [];
  const templates = new Map(snapshot.wardBeds.map((b) => [`${b.hospitalId}|${b.weekday}`, b.beds]));
  const overrides = new Map(snapshot.wardBedOverrides.map((b) => [`${b.hospitalId}|${b.date}`, b.beds]));
  const losOf = new Map(snapshot.procedures.map((p) => [p.id, p.lengthOfStayDays ?? 0]));
  const procOf = new Map(snapshot.waitingList.map((p) => [p.id, p.procedureId]));
  const bookedBeds = new Map<string, number>();
  for (const b of snapshot.bookings) {
    const los = losOf.get(procOf.get(b.patientId) ?? '') ?? 0;
    const from = epochDay(b.date);
    for (let t = from; t < from + los; t++) {
      const key = `${b.hospitalId}|${fromEpochDay(t)}`;
      bookedBeds.set(key, (bookedBeds.get(key) ?? 0) + 1);
    }
  }
  const out: ProblemWardBeds[] = [];
  for (const date of dates) {
    for (const h of snapshot.hospitals) {
      const capacityBeds = overrides.get(`${h.id}|${date}`) ?? templates.get(`${h.id}|${isoWeekday(date)}`);
      if (capacityBeds === undefined) continue;
      out.push({
        hospitalId: h.id,
        day: epochDay(date),
        capacityBeds,
        bookedBeds: bookedBeds.get(`${h.id}|${date}`) ?? 0,
      });
    }
  }
  return out;
}
