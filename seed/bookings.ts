// Existing bookings of the Södra seed: what a real hospital has already booked for the two weeks
// after the snapshot date. Each hospital staffs its lists as its roster says (calendar, overrides,
// closures), gives each list to the specialty of its most urgent own patient with a surgeon free,
// and fills it with its own waiting patients, most urgent (earliest medical target date) first,
// while the planned minutes fit and a ward bed is free for every night of the stay. In the first
// week every staffed list is booked; in the second about three lists in four (the rest are still
// open when the planner looks). Booked patients get status "scheduled".
import { addDays, epochDay, fromEpochDay, isoWeekday } from '../src/calendar/isoWeek.ts';
import { capacityFactorOn } from '../src/calendar/summer.ts';
import type {
  Booking,
  CalendarSettings,
  Closure,
  Hospital,
  Procedure,
  RosterOverride,
  RosterTemplate,
  Theatre,
  WaitingListEntry,
  WardBedOverride,
  WardBedTemplate,
} from '../src/domain/snapshot.ts';
import type { Rng } from './rng.ts';

export const BOOKED_DAYS = 14;
const SECOND_WEEK_BOOKED_SHARE = 0.75;

export interface BookingInput {
  asOfDate: string;
  calendar: CalendarSettings;
  hospitals: readonly Hospital[];
  theatres: readonly Theatre[];
  procedures: readonly Procedure[];
  rosterTemplates: readonly RosterTemplate[];
  rosterOverrides: readonly RosterOverride[];
  closures: readonly Closure[];
  wardBeds: readonly WardBedTemplate[];
  wardBedOverrides: readonly WardBedOverride[];
  waitingList: readonly WaitingListEntry[];
  rng: Rng;
}

const clock = (min: number): string =>
  `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;

/** Bookings, and the waiting list with the booked patients' status set to "scheduled". */
export function generateBookings(input: BookingInput): {
  bookings: Booking[];
  waitingList: WaitingListEntry[];
} {
  const { asOfDate, calendar, rng } = input;
  const proc = new Map(input.procedures.map((p) => [p.id, p]));
  const plannedMin = (p: Procedure): number =>
    Math.round(Math.exp(p.durationLogMu + (p.durationLogSigma * p.durationLogSigma) / 2)) + p.turnoverMin;
  const templates = new Map(input.rosterTemplates.map((t) => [`${t.hospitalId}|${t.weekday}`, t]));
  const overrides = new Map(input.rosterOverrides.map((o) => [`${o.hospitalId}|${o.date}`, o]));
  const closed = new Set(input.closures.map((c) => `${c.hospitalId}|${c.theatreId ?? '*'}|${c.date}`));
  const bedTemplates = new Map(input.wardBeds.map((b) => [`${b.hospitalId}|${b.weekday}`, b.beds]));
  const bedOverrides = new Map(input.wardBedOverrides.map((b) => [`${b.hospitalId}|${b.date}`, b.beds]));
  const bedsUsed = new Map<string, number>();
  const bedsOn = (h: string, date: string): number =>
    bedOverrides.get(`${h}|${date}`) ?? bedTemplates.get(`${h}|${isoWeekday(date)}`) ?? Infinity;
  const bedFree = (h: string, date: string, los: number): boolean => {
    for (let t = 0; t < los; t++) {
      const d = addDays(date, t);
      if ((bedsUsed.get(`${h}|${d}`) ?? 0) + 1 > bedsOn(h, d)) return false;
    }
    return true;
  };
  const takeBed = (h: string, date: string, los: number): void => {
    for (let t = 0; t < los; t++) {
      const key = `${h}|${addDays(date, t)}`;
      bedsUsed.set(key, (bedsUsed.get(key) ?? 0) + 1);
    }
  };
  // Own waiting patients per hospital and specialty, most urgent first.
  const queues = new Map<string, WaitingListEntry[]>();
  for (const p of input.waitingList) {
    if (p.status !== 'waiting' || p.category !== 'elektiv') continue;
    const pr = proc.get(p.procedureId);
    if (!pr || (pr.htaDoNotDo && !p.htaOverride)) continue;
    const key = `${p.listingHospitalId}|${pr.specialtyId}`;
    const q = queues.get(key) ?? [];
    q.push(p);
    queues.set(key, q);
  }
  for (const q of queues.values())
    q.sort(
      (a, b) =>
        (a.medicalTargetDate < b.medicalTargetDate
          ? -1
          : a.medicalTargetDate > b.medicalTargetDate
            ? 1
            : 0) || (a.id < b.id ? -1 : 1),
    );
  const booked = new Set<string>();
  const bookings: Booking[] = [];
  const eligibleOn = (p: WaitingListEntry, date: string, h: Hospital): boolean => {
    const pr = proc.get(p.procedureId) as Procedure;
    if (p.earliestDate > date) return false;
    if (p.excludedPeriods.some((e) => e.from <= date && date <= e.to)) return false;
    return h.acute || (!pr.needsAcuteBackup && p.asaClass <= pr.maxAsaNonAcute);
  };
  for (let off = 0; off < BOOKED_DAYS; off++) {
    const date = fromEpochDay(epochDay(asOfDate) + off);
    const factor = capacityFactorOn(date, calendar);
    if (factor <= 0) continue;
    for (const h of input.hospitals) {
      if (closed.has(`${h.id}|*|${date}`)) continue;
      const roster = overrides.get(`${h.id}|${date}`) ?? templates.get(`${h.id}|${isoWeekday(date)}`);
      if (!roster) continue;
      const theatres = input.theatres.filter(
        (t) => t.hospitalId === h.id && !closed.has(`${h.id}|${t.id}|${date}`),
      );
      let lists = Math.min(
        theatres.length,
        Math.floor(Math.min(roster.anaesthesiaTeams, roster.nursingTeams) * factor + 1e-9),
      );
      const surgeons = new Map(
        Object.entries(roster.surgeonLists).map(([s, n]) => [s, Math.floor(n * factor + 1e-9)] as const),
      );
      const start = Number(h.listStartTime.slice(0, 2)) * 60 + Number(h.listStartTime.slice(3, 5));
      let theatreIndex = 0;
      while (lists > 0) {
        // The specialty whose most urgent bookable own patient is most urgent.
        let bestSpec: string | undefined;
        let bestTarget = '9999-12-31';
        for (const [s, n] of surgeons) {
          if (n <= 0) continue;
          const first = (queues.get(`${h.id}|${s}`) ?? []).find(
            (p) => !booked.has(p.id) && eligibleOn(p, date, h),
          );
          if (first && first.medicalTargetDate < bestTarget) {
            bestTarget = first.medicalTargetDate;
            bestSpec = s;
          }
        }
        if (bestSpec === undefined) break;
        surgeons.set(bestSpec, (surgeons.get(bestSpec) ?? 0) - 1);
        lists--;
        const theatre = theatres[theatreIndex++];
        if (!theatre) break;
        // Week two: some lists are still open.
        if (off >= 7 && !rng.bool(SECOND_WEEK_BOOKED_SHARE)) continue;
        let t = start;
        let scanned = 0;
        for (const p of queues.get(`${h.id}|${bestSpec}`) ?? []) {
          if (scanned++ > 400 || t >= start + h.listMin) break;
          if (booked.has(p.id) || !eligibleOn(p, date, h)) continue;
          const pr = proc.get(p.procedureId) as Procedure;
          if (!h.procedureIds.includes(pr.id)) continue;
          const min = plannedMin(pr);
          const los = pr.lengthOfStayDays ?? 0;
          if (t + min > start + h.listMin || !bedFree(h.id, date, los)) continue;
          bookings.push({
            patientId: p.id,
            hospitalId: h.id,
            theatreId: theatre.id,
            date,
            startTime: clock(t),
          });
          booked.add(p.id);
          takeBed(h.id, date, los);
          t += min;
        }
      }
    }
  }
  const waitingList = input.waitingList.map((p) =>
    booked.has(p.id) ? { ...p, status: 'scheduled' as const } : p,
  );
  return { bookings, waitingList };
}
