// From work lists to the plan the API, the checker and the dashboard see: each list sequenced,
// its cases given start times back to back from the list start, and its overrun probability
// computed from the same running sums `fits` uses. A solved plan and an edited plan both come
// out of `listOutput`, so an edit can never leave a stale start time or overrun figure behind.
import type { Prepared, PreparedPatient } from '../eligibility/index.ts';
import { assignmentReason } from '../explain/index.ts';
import type { Assignment, PlanForCheck, TheatreList } from '../model/result.ts';
import { listLengthMin, listOverrun, listStartMin, plannedMin, sequence, type WorkList } from './lists.ts';

export function clockTime(min: number): string {
  return `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;
}

/**
 * One work list as a TheatreList and its assignments, in sequence order. `reasonOf` lets an edit
 * keep the reason a case already had (or say it was moved by a planner); by default the
 * construction's own explanation.
 */
export function listOutput(
  prep: Prepared,
  l: WorkList,
  pinnedIds: ReadonlySet<string>,
  reasonOf?: (pp: PreparedPatient) => Pick<Assignment, 'reason' | 'reasonCode' | 'reasonParams'> | undefined,
): { list: TheatreList; assignments: Assignment[] } {
  const { problem } = prep;
  const h = problem.hospitals[l.h];
  if (!h) throw new Error(`list on unknown hospital index ${l.h}`);
  const day = problem.startDay + l.d;
  const date = problem.dates[l.d] ?? '';
  const assignments: Assignment[] = [];
  const start = listStartMin(prep, l);
  let t = start;
  // Named surgeons and sessions (ADR 0023): null where the problem has none there.
  const surgeonId = l.surgeon === undefined ? null : (prep.problem.surgeons?.[l.surgeon]?.id ?? null);
  const sessionId = l.session?.id ?? null;
  const seq = sequence(prep, l);
  for (const pp of seq) {
    const durationMin = plannedMin(prep, pp);
    assignments.push({
      patientId: pp.patient.id,
      hospitalId: h.id,
      theatreId: l.theatreId,
      day,
      date,
      startMin: t,
      startTime: clockTime(t),
      durationMin,
      turnoverMin: pp.proc.turnoverMin,
      ...(reasonOf?.(pp) ?? assignmentReason(prep, pp, l.h, l.d)),
      pinned: pinnedIds.has(pp.patient.id),
      surgeonId,
      sessionId,
    });
    t += durationMin + pp.proc.turnoverMin;
  }
  const list: TheatreList = {
    hospitalId: h.id,
    theatreId: l.theatreId,
    day,
    date,
    specialtyId: problem.specialtyIds[l.s] ?? '',
    staffedBy: l.staffedBy,
    surgeonFromHospitalId: problem.hospitals[l.surgeonFromH]?.id ?? h.id,
    patientIds: seq.map((p) => p.patient.id),
    plannedEndMin: t,
    listEndMin: start + listLengthMin(prep, l),
    listStartMin: start,
    sessionId,
    surgeonId,
    overrunProbability: listOverrun(prep, l),
  };
  return { list, assignments };
}

/** Lists in the order plans report them: day, hospital, theatre. */
export function compareWorkLists(a: WorkList, b: WorkList): number {
  return a.d - b.d || a.h - b.h || (a.theatreId < b.theatreId ? -1 : a.theatreId > b.theatreId ? 1 : 0);
}

export function toPlan(
  prep: Prepared,
  lists: WorkList[],
  teams: { team: number; h: number; d: number; theatreId: string }[],
  lent: { from: number; to: number; d: number; s: number; theatreId: string }[],
  pinnedIds: ReadonlySet<string>,
): PlanForCheck {
  const { problem } = prep;
  const assignments: Assignment[] = [];
  const outLists: TheatreList[] = [];
  const used = lists.filter((l) => l.cases.length > 0);
  const usedKeys = new Set(used.map((l) => `${l.h}|${l.d}|${l.theatreId}`));
  for (const l of used.toSorted(compareWorkLists)) {
    if (!problem.hospitals[l.h]) continue;
    const out = listOutput(prep, l, pinnedIds);
    assignments.push(...out.assignments);
    outLists.push(out.list);
  }
  // Team placements and lent lists only where the list is used.
  const teamPlacements = teams
    .filter((t) => usedKeys.has(`${t.h}|${t.d}|${t.theatreId}`))
    .map((t) => ({
      teamId: problem.regionalTeams[t.team]?.id ?? '',
      hospitalId: problem.hospitals[t.h]?.id ?? '',
      theatreId: t.theatreId,
      day: problem.startDay + t.d,
      date: problem.dates[t.d] ?? '',
    }));
  const lentLists = lent
    .filter((m) => usedKeys.has(`${m.to}|${m.d}|${m.theatreId}`))
    .map((m) => ({
      fromHospitalId: problem.hospitals[m.from]?.id ?? '',
      toHospitalId: problem.hospitals[m.to]?.id ?? '',
      specialtyId: problem.specialtyIds[m.s] ?? '',
      theatreId: m.theatreId,
      day: problem.startDay + m.d,
      date: problem.dates[m.d] ?? '',
    }));
  return { assignments, lists: outLists, teamPlacements, lentLists };
}
