// Who may import staff data (named surgeons, a session plan) for a hospital: a named predicate,
// like the plan predicates in src/auth/access.ts, with its own unit test.
import type { Principal } from '../auth/roles.ts';

/** Planners import for any hospital; a coordinator for their own hospital only; nobody else. */
export function mayImportStaffFor(who: Principal, hospitalId: string): boolean {
  if (who.role === 'planner') return true;
  return who.role === 'coordinator' && who.hospitalId !== undefined && who.hospitalId === hospitalId;
}
