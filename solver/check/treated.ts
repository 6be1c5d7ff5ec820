import type { PlanningProblem, ProblemPatient } from '../model/problem.ts';
import type { Assignment, PlanForCheck } from '../model/result.ts';

export interface Treated {
  patient: ProblemPatient;
  assignment: Assignment;
}

/**
 * The treated patients: known patients with an assignment. A (double-booked, hence infeasible)
 * patient with several assignments counts once, at the earliest day (first in plan order on ties),
 * so the KPIs and the cost of an infeasible plan stay defined.
 */
export function treatedPatients(problem: PlanningProblem, plan: PlanForCheck): Map<string, Treated> {
  const patients = new Map<string, ProblemPatient>();
  for (const p of problem.patients) if (!patients.has(p.id)) patients.set(p.id, p);
  const treated = new Map<string, Treated>();
  for (const a of plan.assignments) {
    const patient = patients.get(a.patientId);
    if (!patient) continue;
    const cur = treated.get(a.patientId);
    if (!cur || a.day < cur.assignment.day) treated.set(a.patientId, { patient, assignment: a });
  }
  return treated;
}
