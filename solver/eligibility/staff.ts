// Named surgeons and sessions (ADR 0023), indexed once per solve for the formulation and
// construction: sessions per hospital-day, surgeons per home hospital and specialty, where and when
// each surgeon may operate, and which specialties at which hospitals named surgeons govern.
import type { ProblemSession, ProblemSurgeon } from '../model/problem.ts';
import type { Prepared } from './index.ts';

export interface StaffIndex {
  surgeons: ProblemSurgeon[];
  surgeonIndex: Map<string, number>;
  /** Per surgeon: horizon day indices they may operate. */
  availableDays: Set<number>[];
  /** Per surgeon: hospital indices they may operate at (home first). */
  hospitals: number[][];
  /** Per surgeon: specialty index. */
  specIndex: number[];
  /** Per surgeon: procedure indices they may do. */
  procs: Set<number>[];
  /** "h|s": named surgeons of specialty s have hospital h as home, so they govern s there. */
  governed: Set<string>;
  /** Sessions per "h|d" (day index), in theatre and start order. */
  sessionsByHd: Map<string, ProblemSession[]>;
  /** Longest list per hospital index: max(listMin, longest session there). */
  listCapMin: number[];
  /** Does the problem have named surgeons or sessions at all? */
  active: boolean;
}

const cache = new WeakMap<Prepared, StaffIndex>();

export function staffIndex(prep: Prepared): StaffIndex {
  const hit = cache.get(prep);
  if (hit) return hit;
  const { problem } = prep;
  const surgeons = problem.surgeons ?? [];
  const sessions = problem.sessions ?? [];
  const surgeonIndex = new Map(surgeons.map((s, i) => [s.id, i]));
  const availableDays = surgeons.map(
    (s) => new Set(s.availableDays.map((d) => d - problem.startDay).filter((d) => d >= 0 && d < prep.days)),
  );
  const hospitals = surgeons.map((s) =>
    [s.homeHospitalId, ...s.visitingHospitalIds]
      .map((id) => prep.hIndex.get(id))
      .filter((h): h is number => h !== undefined)
      .filter((h, i, a) => a.indexOf(h) === i),
  );
  const specIndex = surgeons.map((s) => prep.specIndex.get(s.specialtyId) ?? -1);
  const procs = surgeons.map(
    (s) =>
      new Set(s.procedureIds.map((p) => prep.procIndex.get(p)).filter((p): p is number => p !== undefined)),
  );
  const governed = new Set<string>();
  surgeons.forEach((s, i) => {
    const h = prep.hIndex.get(s.homeHospitalId);
    if (h !== undefined) governed.add(`${h}|${specIndex[i]}`);
  });
  const sessionsByHd = new Map<string, ProblemSession[]>();
  const listCapMin = problem.hospitals.map((h) => h.listMin);
  for (const s of sessions) {
    const h = prep.hIndex.get(s.hospitalId);
    const d = s.day - problem.startDay;
    if (h === undefined || d < 0 || d >= prep.days) continue;
    const c = prep.cap[h]?.[d];
    if (!c || !c.openTheatreIds.includes(s.theatreId)) continue;
    const key = `${h}|${d}`;
    const l = sessionsByHd.get(key) ?? [];
    // A surgeon's session serves their specialty.
    const si = s.surgeonId === undefined ? undefined : surgeonIndex.get(s.surgeonId);
    const spec = si === undefined ? s.specialtyId : surgeons[si]?.specialtyId;
    l.push(spec === undefined ? s : { ...s, specialtyId: spec });
    sessionsByHd.set(key, l);
    listCapMin[h] = Math.max(listCapMin[h] ?? 0, s.lengthMin);
  }
  for (const l of sessionsByHd.values())
    l.sort(
      (a, b) =>
        (a.theatreId < b.theatreId ? -1 : a.theatreId > b.theatreId ? 1 : 0) || a.startMin - b.startMin,
    );
  const index: StaffIndex = {
    surgeons,
    surgeonIndex,
    availableDays,
    hospitals,
    specIndex,
    procs,
    governed,
    sessionsByHd,
    listCapMin,
    active: surgeons.length > 0 || sessionsByHd.size > 0,
  };
  cache.set(prep, index);
  return index;
}

/**
 * Lists the hospital-day can hold: its sessions plus its idle rooms where it has a session plan,
 * else its open theatres. An idle room holds a list only when a regional team staffs it (the
 * "staffed teams" row).
 */
export function listSlots(prep: Prepared, h: number, d: number): number {
  const c = prep.cap[h]?.[d];
  if (!c) return 0;
  const sessions = staffIndex(prep).sessionsByHd.get(`${h}|${d}`);
  return sessions === undefined ? c.openTheatreIds.length : sessions.length + idleRooms(prep, h, d).length;
}

const idleCache = new WeakMap<Prepared, Map<string, string[]>>();

/**
 * Idle rooms of a session hospital-day (ADR 0023): open theatres (not closed, not booked) without
 * any session that day. Only a regional team may staff one, with a full-day list at the hospital's
 * list start and listMin. Empty on roster days.
 */
export function idleRooms(prep: Prepared, h: number, d: number): readonly string[] {
  let byHd = idleCache.get(prep);
  if (!byHd) idleCache.set(prep, (byHd = new Map()));
  const key = `${h}|${d}`;
  const hit = byHd.get(key);
  if (hit) return hit;
  const c = prep.cap[h]?.[d];
  const sessions = staffIndex(prep).sessionsByHd.get(key);
  const out =
    !c || sessions === undefined
      ? []
      : c.openTheatreIds.filter((t) => !sessions.some((x) => x.theatreId === t));
  byHd.set(key, out);
  return out;
}

/** May a session hold a list of specialty s? Its own specialty, a surgeon of s, or open. */
export function sessionServes(session: ProblemSession, specialtyId: string): boolean {
  return session.specialtyId === undefined || session.specialtyId === specialtyId;
}

/** blockedBy of a tied patient whose surgeon may not operate anywhere or any day the patient may. */
export const TIED_SURGEON_UNAVAILABLE = 'tied surgeon unavailable';

/**
 * Continuity (ADR 0023): a patient tied to a named surgeon may be operated only at hospitals and on
 * days that surgeon may operate. Narrows the patient's eligible hospitals and days in place; a tied
 * patient left with none is blocked with TIED_SURGEON_UNAVAILABLE.
 */
export function restrictTiedPatients(prep: Prepared): void {
  const idx = staffIndex(prep);
  for (const pp of prep.patients) {
    const id = pp.patient.surgeonId;
    if (id === undefined || pp.blockedBy !== null) continue;
    const si = idx.surgeonIndex.get(id);
    const allowedH = new Set(si === undefined ? [] : (idx.hospitals[si] ?? []));
    const days = si === undefined ? new Set<number>() : (idx.availableDays[si] ?? new Set<number>());
    const mayDo = si !== undefined && (idx.procs[si]?.has(pp.procIndex) ?? false);
    const keep = pp.hospitals.map((h) => mayDo && allowedH.has(h));
    pp.hospitals = pp.hospitals.filter((_, k) => keep[k]);
    pp.extraKm = pp.extraKm.filter((_, k) => keep[k]);
    for (let d = 0; d < prep.days; d++) if (!days.has(d)) pp.dayMask[d] = 0;
    if (pp.hospitals.length === 0 || !pp.dayMask.some((v) => v === 1))
      pp.blockedBy = TIED_SURGEON_UNAVAILABLE;
  }
}
