// Theatre lists under construction: which cases, whether one more fits, sequencing, start times.
import type { Prepared, PreparedPatient } from '../eligibility/index.ts';
import { overrunProbability } from '../model/stats.ts';
import { losDays, type BedLedger } from './beds.ts';
import { surgeonMay, type SurgeonLedger } from './staff.ts';

export interface WorkList {
  h: number;
  d: number;
  s: number;
  theatreId: string;
  staffedBy: 'own' | { regionalTeamId: string };
  surgeonFromH: number;
  cases: PreparedPatient[];
  /** Running sums of the cases' mean minutes, variances, turnovers and planned minutes. */
  meanSumMin: number;
  varSumMin2: number;
  turnSumMin: number;
  plannedSumMin: number;
  /** Ward beds shared by all lists of one plan (beds.ts); absent = beds not limited. */
  beds?: BedLedger;
  /** The session the list runs in (ADR 0023): its id, start and length; absent = the hospital's list. */
  session?: { id: string; startMin: number; lengthMin: number };
  /** Named surgeons (staff.ts): the ledger of the plan and this list's surgeon index, if any. */
  surgeons?: SurgeonLedger;
  surgeon?: number;
}

/** Usable minutes of a list: its session's length, else the hospital's listMin. */
export function listLengthMin(prep: Prepared, l: WorkList): number {
  return l.session?.lengthMin ?? prep.problem.hospitals[l.h]?.listMin ?? 0;
}

/** Start of a list, minutes since midnight: its session's start, else the hospital's list start. */
export function listStartMin(prep: Prepared, l: WorkList): number {
  return l.session?.startMin ?? prep.problem.hospitals[l.h]?.listStartMin ?? 0;
}

export function newList(
  h: number,
  d: number,
  s: number,
  theatreId: string,
  staffedBy: WorkList['staffedBy'],
  surgeonFromH: number,
): WorkList {
  return {
    h,
    d,
    s,
    theatreId,
    staffedBy,
    surgeonFromH,
    cases: [],
    meanSumMin: 0,
    varSumMin2: 0,
    turnSumMin: 0,
    plannedSumMin: 0,
  };
}

/** Planned minutes of a case: mean duration rounded to whole minutes. */
export function plannedMin(prep: Prepared, pp: PreparedPatient): number {
  return Math.round(prep.procMeanMin[pp.procIndex] ?? 0);
}

/**
 * Would the list still be acceptable with `add` and without `remove`? Acceptable = planned cases and
 * turnovers end within the session, and P(overrun) ≤ the cap (all turnovers count: the room is
 * cleaned before the session ends).
 */
export function fits(
  prep: Prepared,
  l: WorkList,
  add: PreparedPatient | null,
  remove: PreparedPatient | null = null,
): boolean {
  const listMin = listLengthMin(prep, l);
  let mean = l.meanSumMin;
  let v = l.varSumMin2;
  let turn = l.turnSumMin;
  let planned = l.plannedSumMin;
  if (add) {
    mean += prep.procMeanMin[add.procIndex] ?? 0;
    v += prep.procVar[add.procIndex] ?? 0;
    turn += add.proc.turnoverMin;
    planned += plannedMin(prep, add) + add.proc.turnoverMin;
  }
  if (remove) {
    mean -= prep.procMeanMin[remove.procIndex] ?? 0;
    v -= prep.procVar[remove.procIndex] ?? 0;
    turn -= remove.proc.turnoverMin;
    planned -= plannedMin(prep, remove) + remove.proc.turnoverMin;
  }
  if (planned > listMin + 1e-9) return false;
  // Named surgeons (ADR 0023): the list's surgeon may do the case, a tied patient only with theirs,
  // and the surgeon's minutes that day stay within maxMinPerDay.
  if (add && l.surgeons) {
    if (!surgeonMay(l.surgeons.idx, l.surgeon, add)) return false;
    if (l.surgeon !== undefined) {
      const delta =
        plannedMin(prep, add) +
        add.proc.turnoverMin -
        (remove ? plannedMin(prep, remove) + remove.proc.turnoverMin : 0);
      if (delta > l.surgeons.minutesLeft(l.surgeon, l.d)) return false;
    }
  }
  // Ward beds: the added case's stay must find a bed on each of its days (a swap frees the removed one's).
  if (
    add &&
    l.beds &&
    !l.beds.canAdd(l.h, l.d, losDays(prep, add.procIndex), remove ? losDays(prep, remove.procIndex) : 0)
  )
    return false;
  return (
    overrunProbability(mean, Math.max(0, v), listMin - turn) <=
    prep.problem.rules.overrunProbabilityMax + 1e-12
  );
}

export function addCase(prep: Prepared, l: WorkList, pp: PreparedPatient): void {
  l.cases.push(pp);
  l.meanSumMin += prep.procMeanMin[pp.procIndex] ?? 0;
  l.varSumMin2 += prep.procVar[pp.procIndex] ?? 0;
  l.turnSumMin += pp.proc.turnoverMin;
  l.plannedSumMin += plannedMin(prep, pp) + pp.proc.turnoverMin;
  l.beds?.add(l.h, l.d, losDays(prep, pp.procIndex));
  if (l.surgeon !== undefined)
    l.surgeons?.addMinutes(l.surgeon, l.d, plannedMin(prep, pp) + pp.proc.turnoverMin);
}

export function removeCase(prep: Prepared, l: WorkList, pp: PreparedPatient): void {
  const i = l.cases.indexOf(pp);
  if (i < 0) return;
  l.cases.splice(i, 1);
  l.meanSumMin -= prep.procMeanMin[pp.procIndex] ?? 0;
  l.varSumMin2 -= prep.procVar[pp.procIndex] ?? 0;
  l.turnSumMin -= pp.proc.turnoverMin;
  l.plannedSumMin -= plannedMin(prep, pp) + pp.proc.turnoverMin;
  l.beds?.remove(l.h, l.d, losDays(prep, pp.procIndex));
  if (l.surgeon !== undefined)
    l.surgeons?.addMinutes(l.surgeon, l.d, -(plannedMin(prep, pp) + pp.proc.turnoverMin));
}

export function listOverrun(prep: Prepared, l: WorkList): number {
  const listMin = listLengthMin(prep, l);
  return overrunProbability(l.meanSumMin, Math.max(0, l.varSumMin2), listMin - l.turnSumMin);
}

/**
 * Sequence a list: higher ASA class first (anaesthesia risk is best handled early, with the full
 * team fresh), then longer cases first (a long case late in the day is what overruns), then id.
 */
export function sequence(prep: Prepared, l: WorkList): PreparedPatient[] {
  return l.cases.toSorted(
    (a, b) =>
      b.patient.asaClass - a.patient.asaClass ||
      plannedMin(prep, b) - plannedMin(prep, a) ||
      (a.patient.id < b.patient.id ? -1 : a.patient.id > b.patient.id ? 1 : 0),
  );
}
