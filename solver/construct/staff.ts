// Sessions and named surgeons in construction (ADR 0023). Every list gets a session (theatre, start,
// length) where its hospital-day has a session plan, and a named surgeon where named surgeons
// govern its specialty at its hospital: one who may do the specialty's procedures, is available
// that day, may operate at the hospital, is at one hospital per day and in at most
// maxParallelTheatres lists at a time. The ledger keeps each surgeon within maxMinPerDay as cases
// are added (lists.ts `fits` asks it).
import type { Prepared, PreparedPatient } from '../eligibility/index.ts';
import { sessionServes, staffIndex, type StaffIndex } from '../eligibility/staff.ts';
import type { ProblemSession } from '../model/problem.ts';
import type { WorkList } from './lists.ts';
import { maxCoverMin, type CoverEntry } from './covered.ts';

export interface Window {
  startMin: number;
  endMin: number;
}

export class SurgeonLedger {
  readonly idx: StaffIndex;
  private readonly usedMin = new Map<string, number>();
  private readonly placeOf = new Map<string, number>();
  private readonly windows = new Map<string, Window[]>();

  /** Minutes of plannable patients tied to each surgeon not yet matched by a list of theirs. */
  private readonly tiedDemandMin: number[];

  /**
   * Case minutes the aggregate plan chose per "h|s|period" and procedure, not yet covered by a
   * list's surgeon (setDemand): a new list's surgeon is the one who can do most of what is left.
   */
  private readonly demandMin = new Map<string, Map<number, number>>();
  private periodDays = 1;
  /** Per "i|d": the hospital the day's matching (reserve) sends surgeon i to. */
  private readonly reservedAt = new Map<string, number>();
  /** Per "h|s|period": the lists handed out so far, each as the demand keys and minutes it can cover. */
  private readonly entries = new Map<string, CoverEntry[]>();
  /** Per "i|d": minutes of the surgeon's day already promised to chosen cases by their lists. */
  private readonly promisedMin = new Map<string, number>();

  constructor(private readonly prep: Prepared) {
    this.idx = staffIndex(prep);
    this.tiedDemandMin = this.idx.surgeons.map(() => 0);
    for (const pp of prep.patients) {
      const i =
        pp.patient.surgeonId === undefined ? undefined : this.idx.surgeonIndex.get(pp.patient.surgeonId);
      if (i === undefined || pp.blockedBy !== null) continue;
      this.tiedDemandMin[i] = (this.tiedDemandMin[i] ?? 0) + pp.theatreMin;
    }
  }

  /**
   * The aggregate plan's chosen case minutes per hospital, specialty, period and procedure; a
   * patient tied to surgeon i counts under key −1 − i (only i can take it), others under the
   * procedure index.
   */
  setDemand(
    periodDays: number,
    add: (put: (h: number, s: number, w: number, key: number, min: number) => void) => void,
  ): void {
    this.periodDays = periodDays;
    add((h, s, w, key, min) => {
      const k = `${h}|${s}|${w}`;
      let m = this.demandMin.get(k);
      if (!m) this.demandMin.set(k, (m = new Map()));
      m.set(key, (m.get(key) ?? 0) + min);
    });
  }

  /**
   * Travelling surgeons: before lists open, share the day's surgeons of specialty s among the lists
   * the plan opens at the governed hospitals (need: hospital → lists), across hospitals at once:
   * repeatedly the surgeon and hospital where one list of theirs covers most of the cases chosen
   * there and not yet covered (home surgeons on ties), one list each. A visitor this sends away
   * from home is kept for that hospital: pick() prefers them there and takes them elsewhere only
   * when no one else is free, so a visitor is not used up at home on a list a colleague could run.
   */
  reserve(d: number, s: number, need: ReadonlyMap<number, number>): void {
    const idx = this.idx;
    const w = Math.floor(d / this.periodDays);
    const left = new Map(need);
    const chosen = new Map<number, CoverEntry[]>();
    const day: Window = { startMin: 0, endMin: 1 };
    const cands = idx.surgeons.map((_, i) => i).filter((i) => idx.specIndex[i] === s);
    const used = new Set<number>();
    const gain = (i: number, h: number): number => {
      const m = this.demandMin.get(`${h}|${s}|${w}`);
      if (!m) return 0;
      const now = chosen.get(h) ?? [];
      const cap = Math.min(idx.listCapMin[h] ?? 0, idx.surgeons[i]?.maxMinPerDay ?? 0);
      return maxCoverMin(m, [...now, { keys: this.keysOf(i), capMin: cap }]) - maxCoverMin(m, now);
    };
    for (;;) {
      // Largest gain; on ties the surgeon with fewer hospitals to go to, then home.
      let best: { i: number; h: number; key: number[] } | undefined;
      for (const i of cands) {
        if (used.has(i)) continue;
        const opts: { h: number; v: number }[] = [];
        for (const [h, n] of left) {
          if (n <= 0 || !this.canTake(i, h, d, day)) continue;
          const v = Math.floor(gain(i, h) / 15);
          if (v > 0) opts.push({ h, v });
        }
        for (const { h, v } of opts) {
          const key = [v, -opts.length, idx.hospitals[i]?.[0] === h ? 1 : 0];
          if (!best || lexGreater(key, best.key)) best = { i, h, key };
        }
      }
      if (!best) break;
      const { i, h } = best;
      used.add(i);
      left.set(h, (left.get(h) ?? 0) - 1);
      if (idx.hospitals[i]?.[0] !== h) this.reservedAt.set(`${i}|${d}`, h);
      const cap = Math.min(idx.listCapMin[h] ?? 0, idx.surgeons[i]?.maxMinPerDay ?? 0);
      chosen.set(h, [...(chosen.get(h) ?? []), { keys: this.keysOf(i), capMin: cap }]);
    }
  }

  /** Demand keys surgeon i can serve: their procedures and their own tied patients. */
  private keysOf(i: number): number[] {
    return [...(this.idx.procs[i] ?? []), -1 - i];
  }

  /** Chosen, not yet covered minutes at h of specialty s in d's period that surgeon i can do. */
  private demandFor(i: number, h: number, d: number, s: number): number {
    const m = this.demandMin.get(`${h}|${s}|${Math.floor(d / this.periodDays)}`);
    if (!m) return 0;
    let t = 0;
    for (const p of this.keysOf(i)) t += m.get(p) ?? 0;
    return t;
  }

  /** Minutes one more list of surgeon i in window w can hold for the chosen cases. */
  private listCapMin(i: number, d: number, w: Window): number {
    return Math.max(
      0,
      Math.min(
        w.endMin - w.startMin,
        this.minutesLeft(i, d),
        (this.idx.surgeons[i]?.maxMinPerDay ?? 0) - (this.promisedMin.get(`${i}|${d}`) ?? 0),
      ),
    );
  }

  /**
   * How many more of the chosen, not yet covered minutes at h of specialty s in d's period a list
   * of surgeon i in window w covers: the gain in a small max-flow from the lists handed out there
   * (each up to its minutes) to the chosen minutes per procedure (covered.ts maxCoverMin), so a
   * colleague's list may shift to other procedures to make room.
   */
  private coverMin(i: number, h: number, d: number, s: number, w: Window): number {
    const k = `${h}|${s}|${Math.floor(d / this.periodDays)}`;
    const m = this.demandMin.get(k);
    if (!m) return 0;
    const cap = this.listCapMin(i, d, w);
    if (cap <= 0) return 0;
    const now = this.entries.get(k) ?? [];
    return maxCoverMin(m, [...now, { keys: this.keysOf(i), capMin: cap }]) - maxCoverMin(m, now);
  }

  /** Records the list of surgeon i at h as covering chosen cases. */
  private cover(i: number, h: number, d: number, s: number, w: Window): void {
    const k = `${h}|${s}|${Math.floor(d / this.periodDays)}`;
    if (!this.demandMin.has(k)) return;
    const gain = this.coverMin(i, h, d, s, w);
    const cap = this.listCapMin(i, d, w);
    this.promisedMin.set(`${i}|${d}`, (this.promisedMin.get(`${i}|${d}`) ?? 0) + gain);
    const l = this.entries.get(k) ?? [];
    l.push({ keys: this.keysOf(i), capMin: cap });
    this.entries.set(k, l);
  }

  minutesLeft(i: number, d: number): number {
    return (this.idx.surgeons[i]?.maxMinPerDay ?? 0) - (this.usedMin.get(`${i}|${d}`) ?? 0);
  }

  addMinutes(i: number, d: number, min: number): void {
    const k = `${i}|${d}`;
    this.usedMin.set(k, (this.usedMin.get(k) ?? 0) + min);
  }

  /** Is surgeon i free to take a list at h on d in this window? */
  canTake(i: number, h: number, d: number, w: Window): boolean {
    const idx = this.idx;
    const sg = idx.surgeons[i];
    if (!sg || !idx.availableDays[i]?.has(d) || !(idx.hospitals[i] ?? []).includes(h)) return false;
    // A visitor's home must have the day in the plan (the aggregate model lends from it).
    const home = idx.hospitals[i]?.[0];
    if (home !== h && (home === undefined || this.prep.cap[home]?.[d] === undefined)) return false;
    const k = `${i}|${d}`;
    const at = this.placeOf.get(k);
    if (at !== undefined && at !== h) return false;
    const ws = this.windows.get(k) ?? [];
    if (ws.length >= 2 * sg.maxParallelTheatres) return false;
    const overlapping = ws.filter((x) => x.startMin < w.endMin && w.startMin < x.endMin).length;
    return overlapping < sg.maxParallelTheatres && this.minutesLeft(i, d) > 0;
  }

  private overlaps(i: number, d: number, w: Window): boolean {
    return (this.windows.get(`${i}|${d}`) ?? []).some((x) => x.startMin < w.endMin && w.startMin < x.endMin);
  }

  take(i: number, h: number, d: number, w: Window): void {
    const s = this.idx.specIndex[i] ?? -1;
    this.cover(i, h, d, s, w);
    const k = `${i}|${d}`;
    this.placeOf.set(k, h);
    this.windows.set(k, [...(this.windows.get(k) ?? []), w]);
    this.tiedDemandMin[i] = Math.max(0, (this.tiedDemandMin[i] ?? 0) - this.minutesLeft(i, d));
  }

  /**
   * The surgeon for a new list of specialty s at h on d: the session's own surgeon, else the free
   * surgeon of s who is at home there (a visitor costs a lent list), then one not already in a list
   * at that time (a parallel theatre costs), then one with patients tied to them still unmatched
   * (continuity), then one who may not travel, then generalists, then most minutes left. Undefined
   * when none is free.
   */
  pick(h: number, d: number, s: number, w: Window, session?: ProblemSession): number | undefined {
    const idx = this.idx;
    if (session?.surgeonId !== undefined) {
      const i = idx.surgeonIndex.get(session.surgeonId);
      return i !== undefined && idx.specIndex[i] === s && this.canTake(i, h, d, w) ? i : undefined;
    }
    const cands = idx.surgeons
      .map((_, i) => i)
      .filter((i) => idx.specIndex[i] === s && this.canTake(i, h, d, w));
    let best: number | undefined;
    let bestKey: number[] = [];
    for (const i of cands) {
      const home = idx.hospitals[i]?.[0] === h ? 1 : 0;
      const tied = (this.tiedDemandMin[i] ?? 0) > 0 ? 1 : 0;
      // A second theatre at once costs parallelTheatrePointsPerDay: only when no one else covers as
      // much of the chosen cases (a case is worth far more than the weight).
      const single = this.overlaps(i, d, w) ? 0 : 1;
      // Subspecialists: the surgeon who can do most of the cases the plan chose here and not yet
      // covered (whole 15-minute steps, up to what the list holds).
      const cover = Math.floor(this.coverMin(i, h, d, s, w) / 15);
      // At home, surgeons who may not travel first: keep the travelling ones for other hospitals.
      const stays = home === 1 && (idx.hospitals[i]?.length ?? 0) <= 1 ? 1 : 0;
      // Then generalists, then most minutes left.
      const range = idx.procs[i]?.size ?? 0;
      // A surgeon who can do some of the chosen cases first, even a visitor (a list without such a
      // surgeon stays empty); among them home surgeons, then as above.
      // The day's matching: not a visitor it sends elsewhere while others are free.
      const at = this.reservedAt.get(`${i}|${d}`);
      const free = at === undefined || at === h ? 1 : 0;
      const key = [
        free,
        cover > 0 ? 1 : 0,
        at === h ? 1 : 0,
        home,
        cover,
        single,
        tied,
        stays,
        range,
        this.minutesLeft(i, d),
      ];
      if (best === undefined || lexGreater(key, bestKey)) {
        bestKey = key;
        best = i;
      }
    }
    return best;
  }
}

function lexGreater(a: readonly number[], b: readonly number[]): boolean {
  for (let k = 0; k < a.length; k++) if ((a[k] ?? 0) !== (b[k] ?? 0)) return (a[k] ?? 0) > (b[k] ?? 0);
  return false;
}

/** May surgeon i operate this patient (procedure, tie)? */
export function surgeonMay(idx: StaffIndex, i: number | undefined, pp: PreparedPatient): boolean {
  const tied = pp.patient.surgeonId;
  if (i === undefined) return tied === undefined;
  if (tied !== undefined && idx.surgeons[i]?.id !== tied) return false;
  return idx.procs[i]?.has(pp.procIndex) ?? false;
}

/**
 * Picks the session for a new list of specialty s from the hospital-day's remaining sessions: the
 * specialty's named surgeons' sessions first, then the specialty's, then open ones; of equal rank
 * the longest (a full day before a half: the plan's lists were sized for the longest). Removes it.
 */
export function takeSession(
  remaining: ProblemSession[],
  specialtyId: string,
  accept: (s: ProblemSession) => boolean,
  /** Sessions in theatres a pin of this specialty names come first. */
  pinned: (s: ProblemSession) => boolean = () => false,
  /** Open sessions no other specialty's lists of the day need: they rank with the specialty's own. */
  openSpare = false,
): ProblemSession | undefined {
  const rank = (x: ProblemSession): number =>
    (pinned(x) ? 0 : 3) + (x.surgeonId !== undefined ? 0 : x.specialtyId !== undefined || openSpare ? 1 : 2);
  const order = remaining
    .map((x, i) => ({ x, i }))
    .filter(({ x }) => sessionServes(x, specialtyId))
    .sort((a, b) => rank(a.x) - rank(b.x) || b.x.lengthMin - a.x.lengthMin || a.i - b.i);
  for (const { x, i } of order) {
    if (!accept(x)) continue;
    remaining.splice(i, 1);
    return x;
  }
  return undefined;
}

/**
 * Preferred surgeons (soft, ADR 0023), after construction and improvement: a booked patient whose
 * list's surgeon is not the one they prefer moves to a list of that surgeon at the same hospital
 * and day where the case fits, or swaps with a case of the same procedure there whose patient is
 * neither tied nor preferring that surgeon. Hospital, day and minutes stay the same, so the
 * objective and every rule the lists keep are unchanged.
 */
export function honourPreferences(
  prep: Prepared,
  lists: readonly WorkList[],
  fits: (l: WorkList, add: PreparedPatient) => boolean,
  move: (from: WorkList, to: WorkList, pp: PreparedPatient) => void,
): void {
  const idx = staffIndex(prep);
  if (idx.surgeons.length === 0) return;
  const pinned = new Set(prep.problem.pins.map((p) => p.patientId));
  const byHd = new Map<string, WorkList[]>();
  for (const l of lists) {
    if (l.surgeon === undefined) continue;
    const k = `${l.h}|${l.d}|${l.s}`;
    pushTo(byHd, k, l);
  }
  for (const from of lists) {
    for (const pp of [...from.cases]) {
      const want = pp.patient.preferredSurgeonId;
      if (want === undefined || pp.patient.surgeonId !== undefined || pinned.has(pp.patient.id)) continue;
      if (from.surgeon !== undefined && idx.surgeons[from.surgeon]?.id === want) continue;
      for (const to of byHd.get(`${from.h}|${from.d}|${from.s}`) ?? []) {
        if (to === from || to.surgeon === undefined || idx.surgeons[to.surgeon]?.id !== want) continue;
        if (fits(to, pp)) {
          move(from, to, pp);
          break;
        }
        const partner = to.cases.find(
          (c) =>
            c.procIndex === pp.procIndex &&
            c.patient.surgeonId === undefined &&
            c.patient.preferredSurgeonId !== want &&
            !pinned.has(c.patient.id) &&
            surgeonMay(idx, from.surgeon, c),
        );
        if (partner && surgeonMay(idx, to.surgeon, pp)) {
          move(to, from, partner);
          move(from, to, pp);
          break;
        }
      }
    }
  }
}

/** Appends to a map of arrays in place (no copying: these maps hold hundreds of thousands). */
function pushTo<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}
