// Scenarios under named surgeons and a session plan (ADR 0028). The roster path gives a hospital-date
// min(open theatres, staffed teams) lists; a hospital-date with sessions has exactly its sessions,
// and named surgeons of a specialty replace the roster's surgeon-list counts. So that a capacity
// change means the same on both paths:
// - sessions: on every hospital-date of the week that has sessions in the base, the number of
//   theatres with sessions moves by exactly as many lists as the roster path moves (theatres,
//   closures, staffing, calendar), dropping the last theatres' sessions or adding sessions in free
//   open theatres (sessions of a closed theatre move first, then full-day sessions at the hospital's
//   list start and list minutes, in the scenario's rooms first);
// - surgeons: a surgeon-list change of a specialty governed by named surgeons adds scenario
//   surgeons or makes the last available surgeons (by id) unavailable on the change's dates.
// Pure: no clock, no I/O, inputs never mutated; the same inputs give the same output.
import type { RegionSnapshot, Session, Surgeon } from '../domain/snapshot.ts';
import { isoWeekday } from '../calendar/isoWeek.ts';
import { capacityFactorOn } from '../calendar/summer.ts';

const EMITTED: Session[] = [];

/** Surgeon ids a scenario adds: `<hospital>-<specialty>-scen<k>`. */
export const addedSurgeonId = (hospitalId: string, specialtyId: string, k: number): string =>
  `${hospitalId}-${specialtyId}-scen${k}`;

/** Does the surgeon's roster (weekdays ± dated overrides) have them operating on this date? */
export function surgeonWorks(s: Surgeon, date: string): boolean {
  if (s.unavailableDates.includes(date)) return false;
  return s.weekdays.includes(isoWeekday(date)) || s.extraDates.includes(date);
}

/** Named surgeons of the specialty at their home hospital decide its surgeon capacity there (ADR 0023). */
export function isGoverned(surgeons: readonly Surgeon[], hospitalId: string, specialtyId: string): boolean {
  return surgeons.some((s) => s.homeHospitalId === hospitalId && s.specialtyId === specialtyId);
}

/**
 * A surgeon-list change on a governed specialty: `changeOf(n, date)` is the wanted number of
 * available home surgeons on `date` given n available now (undefined = no change that date). Returns
 * the new surgeon list and the surgeon-dates made unavailable. Added surgeons operate the hospital's
 * procedures of the specialty, the hospital's list minutes a day, at home only, on the dates where
 * the change needs them; removed ones are the last available by id.
 */
export function changeNamedSurgeons(
  snap: Pick<RegionSnapshot, 'hospitals' | 'procedures'>,
  surgeons: readonly Surgeon[],
  hospitalId: string,
  specialtyId: string,
  dates: readonly string[],
  changeOf: (available: number, date: string) => number | undefined,
): { surgeons: Surgeon[]; removed: string[] } {
  const hospital = snap.hospitals.find((h) => h.id === hospitalId);
  const specialtyOf = new Map(snap.procedures.map((p) => [p.id, p.specialtyId]));
  const procedureIds = (hospital?.procedureIds ?? []).filter((p) => specialtyOf.get(p) === specialtyId);
  const out = surgeons.map((s) => s);
  const removed: string[] = [];
  const extra = new Map<number, string[]>(); // k-th added surgeon of this change → its dates
  for (const date of dates) {
    const available = out
      .map((s, i) => ({ s, i }))
      .filter(
        ({ s }) => s.homeHospitalId === hospitalId && s.specialtyId === specialtyId && surgeonWorks(s, date),
      )
      .toSorted((a, b) => (a.s.id < b.s.id ? -1 : a.s.id > b.s.id ? 1 : 0));
    const wanted = changeOf(available.length, date);
    if (wanted === undefined) continue;
    const diff = Math.max(0, wanted) - available.length;
    for (let k = 1; k <= diff; k++) extra.set(k, [...(extra.get(k) ?? []), date]);
    // Fewer: the last available by id (a slice of nothing when diff ≥ 0).
    for (const { s, i } of available.slice(available.length + Math.min(0, diff))) {
      out[i] = {
        ...s,
        unavailableDates: [...s.unavailableDates, date],
        extraDates: s.extraDates.filter((d) => d !== date),
      };
      removed.push(`${s.id}|${date}`);
    }
  }
  if (procedureIds.length === 0 || hospital === undefined) return { surgeons: out, removed };
  const prefix = addedSurgeonId(hospitalId, specialtyId, 0).slice(0, -1);
  let k0 = out.filter((s) => s.id.startsWith(prefix)).length;
  for (const [, extraDates] of [...extra.entries()].toSorted((a, b) => a[0] - b[0])) {
    k0 += 1;
    out.push({
      id: addedSurgeonId(hospitalId, specialtyId, k0),
      name: `Scenariooperatör ${k0}`,
      homeHospitalId: hospitalId,
      specialtyId,
      procedureIds,
      maxMinPerDay: hospital.listMin,
      weekdays: [],
      unavailableDates: [],
      extraDates,
      visitingHospitalIds: [],
      maxParallelTheatres: 1,
    });
  }
  return { surgeons: out, removed };
}

/**
 * The roster path's lists on a hospital-date, computed as buildProblem does (closures, calendar,
 * overrides, templates): min(open theatres, staffed teams). Undefined when the hospital-date is not
 * in the plan at all.
 */
export function rosterListsOn(
  snap: RegionSnapshot,
  hospitalId: string,
  date: string,
): { lists: number; openTheatreIds: string[] } | undefined {
  if (snap.closures.some((c) => c.hospitalId === hospitalId && c.date === date && c.theatreId === undefined))
    return undefined;
  const override = snap.rosterOverrides.find((o) => o.hospitalId === hospitalId && o.date === date);
  const factor = override?.operatingDay === true ? 1 : capacityFactorOn(date, snap.calendar);
  if (factor <= 0) return undefined;
  const roster =
    override ??
    snap.rosterTemplates.find((t) => t.hospitalId === hospitalId && t.weekday === isoWeekday(date));
  if (roster === undefined) return undefined;
  const closed = new Set(
    snap.closures.filter((c) => c.date === date && c.theatreId !== undefined).map((c) => c.theatreId),
  );
  const openTheatreIds = snap.theatres
    .filter((t) => t.hospitalId === hospitalId && !closed.has(t.id))
    .map((t) => t.id);
  if (openTheatreIds.length === 0) return undefined;
  const teams = Math.floor(Math.min(roster.anaesthesiaTeams, roster.nursingTeams) * factor + 1e-9);
  return { lists: Math.min(openTheatreIds.length, teams), openTheatreIds };
}

/**
 * The week's session plan under the scenario. `base` is the snapshot before the scenario, `snap` the
 * scenario's snapshot (theatres, closures, rosters, calendar, surgeons already changed);
 * `addedSpecialty` maps a scenario room to the specialty its sessions are allocated to (absent =
 * open); `removed` holds `surgeonId|date` pairs a scenario made unavailable (their sessions go to
 * their specialty).
 */
export function sessionsForScenario(
  base: RegionSnapshot,
  snap: RegionSnapshot,
  dates: readonly string[],
  addedSpecialty: ReadonlyMap<string, string | undefined>,
  removed: ReadonlySet<string>,
): Session[] {
  const inWeek = new Set(dates);
  const specialtyOfSurgeon = new Map(snap.surgeons.map((s) => [s.id, s.specialtyId]));
  const reallocated = (s: Session): Session =>
    s.allocation.kind === 'surgeon' && removed.has(`${s.allocation.surgeonId}|${s.date}`)
      ? {
          ...s,
          allocation: {
            kind: 'specialty',
            specialtyId: specialtyOfSurgeon.get(s.allocation.surgeonId) as string,
          },
        }
      : s;
  const byHd = new Map<string, Session[]>();
  for (const s of base.sessions) {
    if (!inWeek.has(s.date)) continue;
    const key = `${s.hospitalId}|${s.date}`;
    byHd.set(key, [...(byHd.get(key) ?? []), s]);
  }
  const theatreOrder = new Map(snap.theatres.map((t, i) => [t.id, i]));
  const byTheatreOrder = (a: string, b: string): number =>
    (theatreOrder.get(a) ?? Infinity) - (theatreOrder.get(b) ?? Infinity);
  const hospitals = new Map(snap.hospitals.map((h) => [h.id, h]));
  // Hospital-dates whose sessions change, with their new sessions.
  const replaced = new Map<string, Session[]>();
  for (const [key, planned] of byHd) {
    const [hospitalId, date] = key.split('|') as [string, string];
    const before = rosterListsOn(base, hospitalId, date);
    const after = rosterListsOn(snap, hospitalId, date);
    // Not in the plan before or after: the sessions do not matter; keep them as they were.
    if (before === undefined || after === undefined) continue;
    const openBefore = new Set(before.openTheatreIds);
    const openAfter = new Set(after.openTheatreIds);
    const theatresOf = (pred: (t: string) => boolean): Map<string, Session[]> => {
      const m = new Map<string, Session[]>();
      for (const s of planned) if (pred(s.theatreId)) m.set(s.theatreId, [...(m.get(s.theatreId) ?? []), s]);
      return m;
    };
    const heldBefore = theatresOf((t) => openBefore.has(t));
    const kept = theatresOf((t) => openBefore.has(t) && openAfter.has(t));
    const target = Math.min(
      after.openTheatreIds.length,
      Math.max(0, heldBefore.size + after.lists - before.lists),
    );
    if (kept.size === heldBefore.size && target === kept.size) continue;
    const displaced = [...heldBefore.keys()].filter((t) => !openAfter.has(t)).toSorted(byTheatreOrder);
    // Sessions of theatres closed in the base stay (applySessions drops them as before).
    const result: Session[] = planned.filter((s) => !openBefore.has(s.theatreId));
    const keptTheatres = [...kept.keys()].toSorted(byTheatreOrder);
    for (const t of keptTheatres.slice(0, target)) result.push(...(kept.get(t) as Session[]));
    let missing = target - Math.min(target, keptTheatres.length);
    const free = after.openTheatreIds.filter((t) => !kept.has(t));
    // A closed theatre's sessions move to a free room of the hospital's own first.
    const moveInto = [
      ...free.filter((t) => !addedSpecialty.has(t)),
      ...free.filter((t) => addedSpecialty.has(t)),
    ];
    for (const from of displaced) {
      if (missing === 0) break;
      const to = moveInto.shift() as string;
      result.push(...(heldBefore.get(from) as Session[]).map((s) => ({ ...s, theatreId: to })));
      missing -= 1;
    }
    // New theatre time: the scenario's rooms first, a full day at the hospital's list start.
    const rooms = [
      ...moveInto.filter((t) => addedSpecialty.has(t)),
      ...moveInto.filter((t) => !addedSpecialty.has(t)),
    ];
    const h = hospitals.get(hospitalId);
    if (h !== undefined)
      for (const t of rooms.slice(0, missing)) {
        const specialtyId = addedSpecialty.get(t);
        result.push({
          id: `se-${t}-${date}-scen`,
          hospitalId,
          theatreId: t,
          date,
          part: 'day',
          startTime: h.listStartTime,
          lengthMin: h.listMin,
          allocation: specialtyId === undefined ? { kind: 'open' } : { kind: 'specialty', specialtyId },
        });
      }
    replaced.set(key, result);
  }
  if (replaced.size === 0 && removed.size === 0) return base.sessions;
  const out: Session[] = [];
  for (const s of base.sessions) {
    const key = `${s.hospitalId}|${s.date}`;
    const next = inWeek.has(s.date) ? replaced.get(key) : undefined;
    if (next === undefined) out.push(reallocated(s));
    else if (next !== EMITTED) {
      out.push(...next.map(reallocated));
      replaced.set(key, EMITTED);
    }
  }
  return out;
}
