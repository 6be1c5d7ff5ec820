// Indexes over the raw problem and plan, built once per check in linear time, so every rule is a
// few Map look-ups per assignment/list. Only solver/model types are imported: the checker shares no
// code with the formulation.
import type {
  EpochDay,
  PlanningProblem,
  ProblemHospital,
  ProblemHospitalDay,
  ProblemPatient,
  ProblemProcedure,
  ProblemRegionalTeam,
} from '../model/problem.ts';
import type { Assignment, PlanForCheck, TheatreList } from '../model/result.ts';

/** A patient's place in the plan: from its assignment, or from a list when it has no assignment. */
export interface Placement {
  patientId: string;
  hospitalId: string;
  theatreId: string;
  day: EpochDay;
  source: 'assignment' | 'list';
}

/** A placement whose patient, procedure and hospital are known and whose day is in the horizon. */
export interface ResolvedPlacement extends Placement {
  patient: ProblemPatient;
  procedure: ProblemProcedure;
  hospital: ProblemHospital;
}

export interface CheckContext {
  problem: PlanningProblem;
  plan: PlanForCheck;
  /** First day after the horizon. */
  endDay: EpochDay;
  patients: ReadonlyMap<string, ProblemPatient>;
  procedures: ReadonlyMap<string, ProblemProcedure>;
  hospitals: ReadonlyMap<string, ProblemHospital>;
  /** Key: dayKey(hospitalId, day). */
  hospitalDays: ReadonlyMap<string, ProblemHospitalDay>;
  teams: ReadonlyMap<string, ProblemRegionalTeam>;
  specialties: ReadonlySet<string>;
  offered: ReadonlyMap<string, ReadonlySet<string>>;
  excluded: ReadonlySet<string>;
  placements: readonly Placement[];
  resolved: readonly ResolvedPlacement[];
  /** Key: slotKey(hospitalId, theatreId, day). */
  listsBySlot: ReadonlyMap<string, readonly TheatreList[]>;
  assignmentsBySlot: ReadonlyMap<string, readonly Assignment[]>;
}

const SEP = '\u0001';

export function dayKey(hospitalId: string, day: EpochDay): string {
  return `${hospitalId}${SEP}${day}`;
}

export function slotKey(hospitalId: string, theatreId: string, day: EpochDay): string {
  return `${hospitalId}${SEP}${theatreId}${SEP}${day}`;
}

export function specKey(hospitalId: string, day: EpochDay, specialtyId: string): string {
  return `${hospitalId}${SEP}${day}${SEP}${specialtyId}`;
}

/** Adds to an array-valued map entry (creating it) without exposing mutation to callers. */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

export function increment<K>(map: Map<K, number>, key: K, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

export function inHorizon(ctx: CheckContext, day: EpochDay): boolean {
  return Number.isInteger(day) && day >= ctx.problem.startDay && day < ctx.endDay;
}

/** The horizon's date string for a day, or "day N" outside it (for messages). */
export function dayLabel(ctx: CheckContext, day: EpochDay): string {
  return ctx.problem.dates[day - ctx.problem.startDay] ?? `day ${day}`;
}

/** distanceKm[from][to], undefined when the problem has no such distance. */
export function km(ctx: CheckContext, from: string, to: string): number | undefined {
  return ctx.problem.distanceKm[from]?.[to];
}

function byId<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) if (!map.has(item.id)) map.set(item.id, item);
  return map;
}

export function buildContext(problem: PlanningProblem, plan: PlanForCheck): CheckContext {
  const patients = byId(problem.patients);
  const procedures = byId(problem.procedures);
  const hospitals = byId(problem.hospitals);
  const teams = byId(problem.regionalTeams);
  const hospitalDays = new Map<string, ProblemHospitalDay>();
  for (const hd of problem.hospitalDays) {
    const key = dayKey(hd.hospitalId, hd.day);
    if (!hospitalDays.has(key)) hospitalDays.set(key, hd);
  }
  const offered = new Map<string, ReadonlySet<string>>();
  for (const h of problem.hospitals) offered.set(h.id, new Set(h.procedureIds));

  const listsBySlot = new Map<string, TheatreList[]>();
  for (const l of plan.lists) pushTo(listsBySlot, slotKey(l.hospitalId, l.theatreId, l.day), l);
  const assignmentsBySlot = new Map<string, Assignment[]>();
  for (const a of plan.assignments) pushTo(assignmentsBySlot, slotKey(a.hospitalId, a.theatreId, a.day), a);

  const placements: Placement[] = plan.assignments.map((a) => ({
    patientId: a.patientId,
    hospitalId: a.hospitalId,
    theatreId: a.theatreId,
    day: a.day,
    source: 'assignment',
  }));
  const assigned = new Set(plan.assignments.map((a) => a.patientId));
  for (const l of plan.lists) {
    for (const patientId of l.patientIds) {
      if (assigned.has(patientId)) continue;
      placements.push({
        patientId,
        hospitalId: l.hospitalId,
        theatreId: l.theatreId,
        day: l.day,
        source: 'list',
      });
    }
  }
  const endDay = problem.startDay + problem.dates.length;
  const resolved: ResolvedPlacement[] = [];
  for (const p of placements) {
    const patient = patients.get(p.patientId);
    const procedure = patient && procedures.get(patient.procedureId);
    const hospital = hospitals.get(p.hospitalId);
    const dayOk = Number.isInteger(p.day) && p.day >= problem.startDay && p.day < endDay;
    if (patient && procedure && hospital && dayOk) resolved.push({ ...p, patient, procedure, hospital });
  }

  return {
    problem,
    plan,
    endDay,
    patients,
    procedures,
    hospitals,
    hospitalDays,
    teams,
    specialties: new Set(problem.specialtyIds),
    offered,
    excluded: new Set(problem.excludedPatientIds),
    placements,
    resolved,
    listsBySlot,
    assignmentsBySlot,
  };
}
