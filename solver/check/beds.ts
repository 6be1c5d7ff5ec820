// Ward-bed occupancy of a plan, recomputed from the raw problem (checker side: no code shared with
// the formulation or construction). A case of a procedure with length of stay L > 0 operated on day
// d occupies one bed on days d … d + L − 1; existing bookings' beds come with the problem.
import type { EpochDay, PlanningProblem } from '../model/problem.ts';
import type { Assignment, BedOccupancy } from '../model/result.ts';

const SEP = '\u0001';

/** Occupancy per hospital and horizon day that has ward-bed data, in problem order. */
export function bedOccupancy(
  problem: PlanningProblem,
  assignments: readonly Pick<Assignment, 'patientId' | 'hospitalId' | 'day'>[],
): BedOccupancy[] {
  const beds = problem.wardBeds ?? [];
  if (beds.length === 0) return [];
  const losOf = new Map<string, number>();
  for (const p of problem.procedures) losOf.set(p.id, Math.max(0, Math.round(p.lengthOfStayDays ?? 0)));
  const procOf = new Map<string, string>();
  for (const p of problem.patients) procOf.set(p.id, p.procedureId);
  const endDay = problem.startDay + problem.dates.length;
  const planned = new Map<string, number>();
  for (const a of assignments) {
    const proc = procOf.get(a.patientId);
    const los = proc === undefined ? 0 : (losOf.get(proc) ?? 0);
    for (let t: EpochDay = Math.max(a.day, problem.startDay); t < Math.min(a.day + los, endDay); t++) {
      const key = `${a.hospitalId}${SEP}${t}`;
      planned.set(key, (planned.get(key) ?? 0) + 1);
    }
  }
  return beds.map((b) => ({
    hospitalId: b.hospitalId,
    day: b.day,
    date: problem.dates[b.day - problem.startDay] ?? '',
    capacityBeds: b.capacityBeds,
    bookedBeds: b.bookedBeds,
    plannedBeds: planned.get(`${b.hospitalId}${SEP}${b.day}`) ?? 0,
  }));
}

/** Beds the plan may use on a hospital-day: what bookings leave, never below zero. */
export function bedsLeftForPlan(b: { capacityBeds: number; bookedBeds: number }): number {
  return Math.max(0, b.capacityBeds - b.bookedBeds);
}
