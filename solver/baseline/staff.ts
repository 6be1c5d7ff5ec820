// The status quo on the session plan and named surgeons (ADR 0023): a list of specialty s at
// hospital h on day d takes one of the hospital-day's sessions (the specialty's own, a named
// surgeon's of s, or an open one) where the day has a session plan, never an idle room (the status
// quo has no regional team), and, where named surgeons govern s at h or the session names one, one
// of the hospital's own surgeons (home h) who is free for the list's window. Built on the
// construction's SurgeonLedger and takeSession; no travelling surgeons.
import type { Prepared, PreparedPatient } from '../eligibility/index.ts';
import type { ProblemSession } from '../model/problem.ts';
import { surgeonMay, takeSession, type SurgeonLedger, type Window } from '../construct/staff.ts';

export interface OwnSlot {
  session?: ProblemSession;
  surgeon?: number;
}

/**
 * The session and surgeon for the status quo's next list of specialty s at h on d, or undefined
 * when none is left. `waiting` are the specialty's own waiting patients, most urgent first: of the
 * free own surgeons, the one who may do the most urgent of them, then the most of them, then the
 * most minutes left. Takes the session from sessionsLeft and the surgeon's window in the ledger.
 */
export function ownSlot(
  prep: Prepared,
  staff: SurgeonLedger,
  h: number,
  d: number,
  s: number,
  sessionsLeft: ProblemSession[] | undefined,
  waiting: readonly PreparedPatient[],
): OwnSlot | undefined {
  const idx = staff.idx;
  const governed = idx.governed.has(`${h}|${s}`);
  const hosp = prep.problem.hospitals[h];
  const roster: Window = {
    startMin: hosp?.listStartMin ?? 0,
    endMin: (hosp?.listStartMin ?? 0) + (hosp?.listMin ?? 0),
  };
  const windowOf = (x: ProblemSession | undefined): Window =>
    x === undefined ? roster : { startMin: x.startMin, endMin: x.startMin + x.lengthMin };
  const own = (i: number, w: Window): boolean =>
    idx.hospitals[i]?.[0] === h && idx.specIndex[i] === s && staff.canTake(i, h, d, w);
  // The surgeon a list in window w would get: undefined = none needed, -1 = none free.
  const surgeonFor = (w: Window, x: ProblemSession | undefined): number | undefined => {
    if (x?.surgeonId !== undefined) {
      const i = idx.surgeonIndex.get(x.surgeonId);
      return i !== undefined && own(i, w) ? i : -1;
    }
    if (!governed) return undefined;
    let best = -1;
    let bestKey: number[] = [];
    for (let i = 0; i < idx.surgeons.length; i++) {
      if (!own(i, w)) continue;
      let n = 0;
      for (const pp of waiting) if (surgeonMay(idx, i, pp)) n++;
      const first = waiting[0] !== undefined && surgeonMay(idx, i, waiting[0]) ? 1 : 0;
      const key = [first, n, staff.minutesLeft(i, d)];
      if (best < 0 || lexGreater(key, bestKey)) {
        best = i;
        bestKey = key;
      }
    }
    return best;
  };
  let session: ProblemSession | undefined;
  if (sessionsLeft !== undefined) {
    session = takeSession(
      sessionsLeft,
      prep.problem.specialtyIds[s] ?? '',
      (x) => surgeonFor(windowOf(x), x) !== -1,
    );
    if (session === undefined) return undefined;
  }
  const w = windowOf(session);
  const surgeon = surgeonFor(w, session);
  if (surgeon === -1) {
    if (session) sessionsLeft?.unshift(session);
    return undefined;
  }
  if (surgeon !== undefined) staff.take(surgeon, h, d, w);
  return { ...(session ? { session } : {}), ...(surgeon !== undefined ? { surgeon } : {}) };
}

function lexGreater(a: readonly number[], b: readonly number[]): boolean {
  for (let k = 0; k < a.length; k++) if ((a[k] ?? 0) !== (b[k] ?? 0)) return (a[k] ?? 0) > (b[k] ?? 0);
  return false;
}
