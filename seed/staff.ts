// Named surgeons (operatörer) and the session plan (salsfördelning) of the Södra seed (ADR 0024).
//
// Surgeons: per hospital and specialty, enough surgeons that each operates about three weekdays
// and every weekday has exactly the roster template's surgeon-list count rostered. Leave (a week or
// single days) is covered by an extra date of a colleague not rostered that day where one exists,
// and the roster's dated overrides (a surgeon short, an extra list) are reproduced by leave and extra
// dates, so that on every operating date of the horizon the number of available surgeons of a
// specialty equals the roster's count (scaled by the calendar) whenever the surgeons allow it.
//
// Sessions: for every hospital and operating date from asOfDate to asOfDate + SESSION_WEEKS weeks,
// one full-day session per staffed, open theatre (the same number of lists the roster gives), its
// total length the hospital's list minutes, apportioned to specialties by the day's surgeon-list
// counts. Some are allocated to a named surgeon available that day, a few are open, and some theatre
// days are split into a morning and an afternoon session.
//
// Deterministic: only the rng forks passed in, fixed iteration orders.
import { epochDay, fromEpochDay, isoWeekday } from '../src/calendar/isoWeek.ts';
import { capacityFactorOn } from '../src/calendar/summer.ts';
import type {
  CalendarSettings,
  Closure,
  Hospital,
  RosterOverride,
  RosterTemplate,
  Session,
  SessionAllocation,
  Surgeon,
  Theatre,
  WaitingListEntry,
} from '../src/domain/snapshot.ts';
import type { HospitalSeed } from './data/hospitals.ts';
import { FEMALE_NAMES, MALE_NAMES } from './data/names.ts';
import type { ProcedureSeed } from './data/procedures.ts';
import {
  LENDING,
  PARALLEL_THEATRE_MIN_THEATRES,
  SUBSPECIALTY_GROUPS,
  SURGEON_FAMILY_NAMES,
} from './data/staff.ts';
import type { Rng } from './rng.ts';

/** Weeks of session plan from the snapshot date. */
export const SESSION_WEEKS = 14;
/** Weekdays a surgeon operates on average (the rest: clinic, ward, on call). */
const OPERATING_DAYS_PER_WEEK = 3;
/** Share of surgeons with a leave week in the horizon, and per-day chance of a single leave day. */
const LEAVE_WEEK_SHARE = 0.3;
const LEAVE_DAY_SHARE = 0.02;
const FEMALE_SURGEON_SHARE = 0.45;
/** Session plan mix. */
const SURGEON_SESSION_SHARE = 0.15;
const OPEN_SESSION_SHARE = 0.04;
const SPLIT_DAY_SHARE = 0.12;
/** Waiting-list continuity and preference. */
export const TIED_SURGEON_SHARE = 0.02;
export const PREFERRED_SURGEON_SHARE = 0.05;

export interface StaffHospital {
  seed: HospitalSeed;
  hospital: Hospital;
  procedures: readonly ProcedureSeed[];
  /** Maps a seed hospital key to the id in the same copy of the region set. */
  hospitalIdOf: (key: string) => string;
}

export interface StaffInput {
  asOfDate: string;
  calendar: CalendarSettings;
  hospitals: readonly StaffHospital[];
  theatres: readonly Theatre[];
  rosterTemplates: readonly RosterTemplate[];
  rosterOverrides: readonly RosterOverride[];
  closures: readonly Closure[];
  procedureIdOf: (kva: string) => string;
  rng: Rng;
}

const clock = (min: number): string =>
  `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;
const minutesOf = (t: string): number => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

/** ISO weekday of a date, memoised (the loops below ask for the same 98 dates many times). */
const weekdayMemo = new Map<string, number>();
const weekdayOf = (date: string): number => {
  let wd = weekdayMemo.get(date);
  if (wd === undefined) {
    wd = isoWeekday(date);
    weekdayMemo.set(date, wd);
  }
  return wd;
};

/** The calendar's capacity factor per date, memoised per call. */
function calendarFactors(calendar: CalendarSettings): (date: string) => number {
  const memo = new Map<string, number>();
  return (date) => {
    let f = memo.get(date);
    if (f === undefined) {
      f = capacityFactorOn(date, calendar);
      memo.set(date, f);
    }
    return f;
  };
}

/** The staffing in force at a hospital on a date (override, else the weekday template). */
function rosterLookup(
  input: StaffInput,
): (hospitalId: string, date: string) => RosterTemplate | RosterOverride | undefined {
  const templates = new Map(input.rosterTemplates.map((t) => [`${t.hospitalId}|${t.weekday}`, t]));
  const overrides = new Map(input.rosterOverrides.map((o) => [`${o.hospitalId}|${o.date}`, o]));
  return (h, date) => overrides.get(`${h}|${date}`) ?? templates.get(`${h}|${weekdayOf(date)}`);
}

function horizonDates(asOfDate: string): string[] {
  const first = epochDay(asOfDate);
  return Array.from({ length: SESSION_WEEKS * 7 }, (_, i) => fromEpochDay(first + i));
}

/** Calendar factor of a hospital-date, honouring an override that opens a closed date. */
function factorOn(
  calendarFactor: (date: string) => number,
  roster: RosterTemplate | RosterOverride | undefined,
  date: string,
): number {
  if (roster !== undefined && 'operatingDay' in roster && roster.operatingDay === true) return 1;
  return calendarFactor(date);
}

interface Draft {
  surgeon: Surgeon;
  weekdays: Set<number>;
  leave: Set<string>;
  extra: Set<string>;
}

const available = (d: Draft, date: string): boolean =>
  !d.leave.has(date) && (d.extra.has(date) || d.weekdays.has(weekdayOf(date)));

class NameFactory {
  private readonly used = new Set<string>();
  make(rng: Rng): string {
    const female = rng.bool(FEMALE_SURGEON_SHARE);
    for (let attempt = 0; ; attempt++) {
      const given = rng.choice(female ? FEMALE_NAMES : MALE_NAMES);
      const family = rng.choice(SURGEON_FAMILY_NAMES);
      const name =
        attempt < 20 ? `${given} ${family}` : `${given} ${family}-${rng.choice(SURGEON_FAMILY_NAMES)}`;
      if (!this.used.has(name)) {
        this.used.add(name);
        return name;
      }
    }
  }
}

/**
 * The subspecialty group of each of a unit's `count` surgeons, in proportion to the theatre minutes
 * its waiting list asks of each group (list mix × (median + turnover) minutes; a procedure shared by
 * several groups split between them), at least one surgeon per group (largest remainders), spread
 * so that consecutive surgeons (and so each weekday's roster) mix the groups. Equal head counts per
 * group would leave the long arthroplasty cases with a third of orthopaedics' surgeons.
 */
function surgeonGroups(groups: string[][], procs: readonly ProcedureSeed[], count: number): string[][] {
  const shared = new Map<string, number>();
  for (const g of groups) for (const k of g) shared.set(k, (shared.get(k) ?? 0) + 1);
  const demand = groups.map((g) =>
    g.reduce((sum, k) => {
      const p = procs.find((x) => x.kva === k);
      return p === undefined ? sum : sum + (p.listMix * (p.medianMin + p.turnoverMin)) / (shared.get(k) ?? 1);
    }, 0),
  );
  const total = demand.reduce((a, b) => a + b, 0);
  const spare = count - groups.length;
  const quota = demand.map((d) => (total > 0 ? (d / total) * spare : spare / groups.length));
  const n = quota.map((q) => 1 + Math.floor(q));
  const byRemainder = quota
    .map((q, i) => ({ i, r: q - Math.floor(q) }))
    .sort((a, b) => b.r - a.r || a.i - b.i);
  for (let j = 0; n.reduce((a, b) => a + b, 0) < count; j++) {
    const g = byRemainder[j % byRemainder.length]?.i ?? 0;
    n[g] = (n[g] ?? 0) + 1;
  }
  // Interleave: the j-th surgeon of group g sits at position (j + 0.5) / n_g.
  return groups
    .flatMap((g, gi) =>
      Array.from({ length: n[gi] ?? 0 }, (_, j) => ({ g, at: (j + 0.5) / (n[gi] ?? 1), gi })),
    )
    .sort((a, b) => a.at - b.at || a.gi - b.gi)
    .map((x) => x.g);
}

/** Named surgeons of every hospital and specialty, with rosters reproducing the surgeon-list counts. */
export function generateSurgeons(input: StaffInput): Surgeon[] {
  const { rng } = input;
  const names = new NameFactory();
  const roster = rosterLookup(input);
  const dates = horizonDates(input.asOfDate);
  const calendarFactor = calendarFactors(input.calendar);
  const drafts: Draft[] = [];
  const lendingFrom = (key: string, sp: string): string[] => {
    const to: string[] = [];
    for (const l of LENDING)
      if (l.fromHospitalKeys.includes(key) && l.specialtyIds.includes(sp)) to.push(...l.toHospitalKeys);
    return to;
  };

  const specialtiesOf = new Map(input.hospitals.map((r) => [r.hospital.id, r.hospital.specialtyIds]));
  for (const row of input.hospitals) {
    const h = row.hospital;
    const template = (sp: string, wd: number): number =>
      input.rosterTemplates.find((t) => t.hospitalId === h.id && t.weekday === wd)?.surgeonLists[sp] ?? 0;
    for (const sp of h.specialtyIds) {
      const spProcs = row.procedures.filter((p) => p.specialtyId === sp);
      if (spProcs.length === 0) continue;
      const perWeekday = [1, 2, 3, 4, 5, 6, 7].map((wd) => template(sp, wd));
      const total = perWeekday.reduce((a, b) => a + b, 0);
      const most = Math.max(...perWeekday);
      if (total === 0) continue;
      const count = Math.max(most + 1, Math.ceil(total / OPERATING_DAYS_PER_WEEK));
      const groups = (SUBSPECIALTY_GROUPS[sp] ?? [])
        .map((g) => g.kvas.filter((k) => spProcs.some((p) => p.kva === k)))
        .filter((g) => g.length > 0);
      const subspecialise = groups.length >= 2 && count >= 2 * groups.length;
      const groupOf = subspecialise ? surgeonGroups(groups, spProcs, count) : [];
      const own: Draft[] = [];
      for (let i = 0; i < count; i++) {
        const kvas = subspecialise ? (groupOf[i] as string[]) : spProcs.map((p) => p.kva);
        own.push({
          surgeon: {
            id: `op-${h.id.replace(/^h-/, '')}-${sp}-${String(i + 1).padStart(2, '0')}`,
            name: names.make(rng),
            homeHospitalId: h.id,
            specialtyId: sp,
            procedureIds: kvas.map(input.procedureIdOf),
            maxMinPerDay: Math.round((h.listMin + rng.int(-3, 6) * 5) / 5) * 5,
            weekdays: [],
            unavailableDates: [],
            extraDates: [],
            visitingHospitalIds: [],
            maxParallelTheatres: 1,
          },
          weekdays: new Set(),
          leave: new Set(),
          extra: new Set(),
        });
      }
      // Every procedure of the hospital's specialty has at least one surgeon.
      for (const p of spProcs) {
        const pid = input.procedureIdOf(p.kva);
        if (!own.some((d) => d.surgeon.procedureIds.includes(pid)))
          for (const d of own) d.surgeon.procedureIds.push(pid);
      }
      // Weekday rosters: round robin, so weekday wd has exactly perWeekday[wd] surgeons.
      let next = rng.int(0, count - 1);
      for (let wd = 1; wd <= 7; wd++) {
        for (let k = 0; k < (perWeekday[wd - 1] ?? 0); k++) {
          (own[next % count] as Draft).weekdays.add(wd);
          next++;
        }
      }
      // One arthroplasty surgeon at a large hospital may run two theatres on one day.
      if (sp === 'ortho' && row.seed.theatres >= PARALLEL_THEATRE_MIN_THEATRES && subspecialise) {
        const d = own[0] as Draft;
        d.surgeon.maxParallelTheatres = 2;
        d.surgeon.maxMinPerDay = Math.round((h.listMin * 1.4) / 5) * 5;
      }
      // Lending: the roster's lendable count (at least one for a documented lender).
      const to = lendingFrom(row.seed.key, sp)
        .map(row.hospitalIdOf)
        .filter((id) => id !== h.id && specialtiesOf.get(id)?.includes(sp) === true);
      if (to.length > 0) {
        const lenders = Math.max(1, row.seed.specialties[sp]?.lendable ?? 0);
        for (let i = 0; i < Math.min(lenders, count); i++)
          (own[count - 1 - i] as Draft).surgeon.visitingHospitalIds = [...to];
      }
      // Leave: a week for some, single days for others.
      for (const d of own) {
        if (rng.bool(LEAVE_WEEK_SHARE)) {
          const week = rng.int(0, SESSION_WEEKS - 1);
          for (let k = 0; k < 5; k++) {
            const date = dates[week * 7 + k];
            if (date !== undefined) d.leave.add(date);
          }
        }
        for (const date of dates) if (weekdayOf(date) <= 5 && rng.bool(LEAVE_DAY_SHARE)) d.leave.add(date);
      }
      // Reconcile with the roster on every operating date: cover leave, follow overrides.
      for (const date of dates) {
        const r = roster(h.id, date);
        const factor = factorOn(calendarFactor, r, date);
        if (factor <= 0) continue;
        const target = Math.floor((r?.surgeonLists[sp] ?? 0) * factor + 1e-9);
        let avail = own.filter((d) => available(d, date));
        while (avail.length > target) {
          const d = avail[avail.length - 1] as Draft;
          d.leave.add(date);
          avail = avail.slice(0, -1);
        }
        const from = rng.int(0, count - 1);
        for (let k = 0; k < count; k++) {
          const d = own[(from + k) % count] as Draft;
          if (avail.length >= target) break;
          if (available(d, date) || d.leave.has(date)) continue;
          d.extra.add(date);
          avail.push(d);
        }
      }
      drafts.push(...own);
    }
  }

  return drafts.map((d) => {
    const s = d.surgeon;
    const weekdays = [...d.weekdays].sort((a, b) => a - b);
    // Leave on a day the surgeon is not rostered anyway is not an override.
    const unavailableDates = [...d.leave].filter((date) => d.weekdays.has(weekdayOf(date))).sort();
    return {
      ...s,
      weekdays,
      unavailableDates,
      extraDates: [...d.extra].sort(),
    };
  });
}

const isAvailable = (s: Surgeon, date: string): boolean =>
  !s.unavailableDates.includes(date) && (s.extraDates.includes(date) || s.weekdays.includes(weekdayOf(date)));

/**
 * Largest-remainder apportionment of `lists` among specialties weighted by their surgeon-list
 * counts, never more than a specialty's count; lists beyond the surgeons' total stay unallocated.
 */
export function apportionLists(lists: number, counts: ReadonlyArray<[string, number]>): string[] {
  const total = counts.reduce((a, [, n]) => a + n, 0);
  const give = Math.min(lists, total);
  if (give <= 0) return [];
  const quota = counts.map(([sp, n]) => ({ sp, n, q: (give * n) / total }));
  const got = quota.map((x) => Math.min(x.n, Math.floor(x.q)));
  let left = give - got.reduce((a, b) => a + b, 0);
  const order = quota
    .map((x, i) => ({ i, frac: x.q - Math.floor(x.q) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  while (left > 0) {
    let moved = false;
    for (const { i } of order) {
      if (left === 0) break;
      if ((got[i] as number) < (quota[i] as { n: number }).n) {
        got[i] = (got[i] as number) + 1;
        left--;
        moved = true;
      }
    }
    if (!moved) break;
  }
  return quota.flatMap((x, i) => Array.from({ length: got[i] as number }, () => x.sp));
}

/** The session plan of every hospital for SESSION_WEEKS weeks from the snapshot date. */
export function generateSessions(input: StaffInput, surgeons: readonly Surgeon[]): Session[] {
  const { rng } = input;
  const roster = rosterLookup(input);
  const closed = new Set(input.closures.map((c) => `${c.hospitalId}|${c.theatreId ?? '*'}|${c.date}`));
  const theatresOf = new Map<string, Theatre[]>();
  for (const t of input.theatres) theatresOf.set(t.hospitalId, [...(theatresOf.get(t.hospitalId) ?? []), t]);
  const surgeonsAt = new Map<string, Surgeon[]>();
  for (const s of surgeons) {
    const key = `${s.homeHospitalId}|${s.specialtyId}`;
    surgeonsAt.set(key, [...(surgeonsAt.get(key) ?? []), s]);
  }
  const calendarFactor = calendarFactors(input.calendar);
  const sessions: Session[] = [];
  for (const date of horizonDates(input.asOfDate)) {
    for (const row of input.hospitals) {
      const h = row.hospital;
      if (closed.has(`${h.id}|*|${date}`)) continue;
      const r = roster(h.id, date);
      if (r === undefined) continue;
      const factor = factorOn(calendarFactor, r, date);
      if (factor <= 0) continue;
      const open = (theatresOf.get(h.id) ?? []).filter((t) => !closed.has(`${h.id}|${t.id}|${date}`));
      const lists = Math.min(
        open.length,
        Math.floor(Math.min(r.anaesthesiaTeams, r.nursingTeams) * factor + 1e-9),
      );
      const counts = h.specialtyIds.map(
        (sp) => [sp, Math.floor((r.surgeonLists[sp] ?? 0) * factor + 1e-9)] as [string, number],
      );
      const mix = apportionLists(lists, counts);
      const usedSurgeons = new Set<string>();
      const surgeonFor = (sp: string): Surgeon | undefined =>
        (surgeonsAt.get(`${h.id}|${sp}`) ?? []).find((s) => !usedSurgeons.has(s.id) && isAvailable(s, date));
      const allocate = (sp: string | undefined): SessionAllocation => {
        if (sp === undefined || rng.bool(OPEN_SESSION_SHARE)) return { kind: 'open' };
        if (rng.bool(SURGEON_SESSION_SHARE)) {
          const s = surgeonFor(sp);
          if (s !== undefined) {
            usedSurgeons.add(s.id);
            return { kind: 'surgeon', surgeonId: s.id };
          }
        }
        return { kind: 'specialty', specialtyId: sp };
      };
      const start = minutesOf(h.listStartTime);
      for (let i = 0; i < lists; i++) {
        const theatre = open[i] as Theatre;
        const sp = mix[i];
        const base = `se-${theatre.id.replace(/^h-/, '')}-${date}`;
        if (rng.bool(SPLIT_DAY_SHARE)) {
          const amMin = Math.round(h.listMin / 2 / 5) * 5;
          sessions.push({
            id: `${base}-am`,
            hospitalId: h.id,
            theatreId: theatre.id,
            date,
            part: 'am',
            startTime: h.listStartTime,
            lengthMin: amMin,
            allocation: allocate(sp),
          });
          sessions.push({
            id: `${base}-pm`,
            hospitalId: h.id,
            theatreId: theatre.id,
            date,
            part: 'pm',
            startTime: clock(start + amMin),
            lengthMin: h.listMin - amMin,
            allocation: allocate(sp),
          });
        } else {
          sessions.push({
            id: `${base}-day`,
            hospitalId: h.id,
            theatreId: theatre.id,
            date,
            part: 'day',
            startTime: h.listStartTime,
            lengthMin: h.listMin,
            allocation: allocate(sp),
          });
        }
      }
    }
  }
  return sessions;
}

/** Ties a few waiting patients to a surgeon (continuity) and gives some a preferred surgeon. */
export function tieWaitingList(
  waitingList: readonly WaitingListEntry[],
  surgeons: readonly Surgeon[],
  rng: Rng,
): WaitingListEntry[] {
  const able = new Map<string, Surgeon[]>();
  for (const s of surgeons)
    for (const p of s.procedureIds) {
      const key = `${s.homeHospitalId}|${p}`;
      able.set(key, [...(able.get(key) ?? []), s]);
    }
  return waitingList.map((e) => {
    const u = rng.next();
    const pick = rng.next();
    if (e.status !== 'waiting') return e;
    const candidates = able.get(`${e.listingHospitalId}|${e.procedureId}`) ?? [];
    if (candidates.length === 0) return e;
    const s = candidates[Math.floor(pick * candidates.length)] as Surgeon;
    if (u < TIED_SURGEON_SHARE) return { ...e, surgeonId: s.id };
    if (u < TIED_SURGEON_SHARE + PREFERRED_SURGEON_SHARE) return { ...e, preferredSurgeonId: s.id };
    return e;
  });
}
