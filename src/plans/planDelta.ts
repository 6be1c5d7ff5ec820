// What an action changed in a stored plan, so a screen can update itself without fetching the
// whole plan again: the lists and assignments that changed (new state), those that went away, and
// the plan's new headline numbers and etag. Also the stored shape of a plan's result as the
// lifecycle extends it (cases taken off for re-planning).
import type { Assignment, PlanningResult, TheatreList } from '../../solver/model/result.ts';

/** A case a coordinator rejected: off the lists, to be planned again by the next re-solve. */
export interface ReplanEntry {
  patientId: string;
  /** Where it was planned when it was rejected. */
  hospitalId: string;
  theatreId: string;
  day: number;
  date: string;
  startMin: number;
  /** The coordinator's reason. */
  reason: string | null;
  decidedAt: string;
}

/** A stored result: a solve's result, possibly edited, with the cases rejected for re-planning. */
export type StoredResult = PlanningResult & { edited?: true; replan?: ReplanEntry[] };

export interface SlotRef {
  hospitalId: string;
  theatreId: string;
  day: number;
}

export interface PlanDelta {
  planId: number;
  etag: number;
  status: string;
  version: number;
  week: string;
  /** New state of every list that changed or appeared. */
  lists: TheatreList[];
  /** Lists that no longer exist. */
  removedSlots: SlotRef[];
  /** New state of every assignment that changed or appeared. */
  assignments: Assignment[];
  /** Cases no longer scheduled in the plan, with the hospital they were at. */
  removed: { patientId: string; hospitalId: string }[];
  replan: ReplanEntry[];
  kpis: PlanningResult['kpis'];
  objective: number;
  bound: number;
  gap: number;
  check: PlanningResult['check'];
  request?: { pins: unknown[]; excludedPatientIds: string[] };
}

const slotKey = (l: SlotRef): string => `${l.hospitalId}|${l.theatreId}|${l.day}`;

const sameAssignment = (a: Assignment, b: Assignment): boolean =>
  a.hospitalId === b.hospitalId &&
  a.theatreId === b.theatreId &&
  a.day === b.day &&
  a.startMin === b.startMin &&
  a.pinned === b.pinned &&
  a.reason === b.reason;

const sameList = (a: TheatreList, b: TheatreList): boolean =>
  a.plannedEndMin === b.plannedEndMin &&
  a.overrunProbability === b.overrunProbability &&
  a.patientIds.length === b.patientIds.length &&
  a.patientIds.every((p, i) => b.patientIds[i] === p);

/** The lists and assignments of `after` that differ from `before` (headline fields from `after`). */
export function diffResults(
  meta: { planId: number; etag: number; status: string; version: number; week: string },
  before: StoredResult,
  after: StoredResult,
): PlanDelta {
  const beforeLists = new Map(before.lists.map((l) => [slotKey(l), l]));
  const afterLists = new Map(after.lists.map((l) => [slotKey(l), l]));
  const beforeA = new Map(before.assignments.map((a) => [a.patientId, a]));
  const afterA = new Map(after.assignments.map((a) => [a.patientId, a]));
  return {
    ...meta,
    lists: after.lists.filter((l) => {
      const b = beforeLists.get(slotKey(l));
      return b === undefined || !sameList(b, l);
    }),
    removedSlots: before.lists
      .filter((l) => !afterLists.has(slotKey(l)))
      .map((l) => ({ hospitalId: l.hospitalId, theatreId: l.theatreId, day: l.day })),
    assignments: after.assignments.filter((a) => {
      const b = beforeA.get(a.patientId);
      return b === undefined || !sameAssignment(b, a);
    }),
    removed: before.assignments
      .filter((a) => !afterA.has(a.patientId))
      .map((a) => ({ patientId: a.patientId, hospitalId: a.hospitalId })),
    replan: after.replan ?? [],
    kpis: after.kpis,
    objective: after.objective,
    bound: after.bound,
    gap: after.gap,
    check: after.check,
  };
}
