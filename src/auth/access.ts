// Who may do what with a plan, as named predicates. Every plan use case asks these (instead of
// comparing roles itself), and plan responses carry the answers as `can` flags so the dashboard
// shows exactly the actions the server will accept. Each predicate has its own unit test
// (tests/unit/access.test.ts).
import type { Principal } from './roles.ts';

export type PlanStatusName = 'running' | 'failed' | 'draft' | 'proposed' | 'published' | 'superseded';

export interface PlanLike {
  status: PlanStatusName;
}

/** A case as the decision rules see it: where it is planned and where the patient is listed. */
export interface CaseLike {
  hospitalId: string;
  listingHospitalId: string;
}

/** Statuses a coordinator may see: OpTi's drafts are work in progress. */
export const COORDINATOR_VISIBLE: readonly PlanStatusName[] = ['proposed', 'published', 'superseded'];
/** Statuses in which pins, exclusions and moves are allowed (later: re-solve for a new version). */
export const EDITABLE: readonly PlanStatusName[] = ['draft', 'proposed'];
/** Statuses in which coordinators decide on incoming cases. */
export const DECIDABLE: readonly PlanStatusName[] = ['proposed', 'published'];
/** The plan workflow: which status may follow which. */
export const TRANSITIONS: Readonly<Partial<Record<PlanStatusName, readonly PlanStatusName[]>>> = {
  draft: ['proposed'],
  proposed: ['draft', 'published'],
};

export function canSeePlan(who: Principal, plan: PlanLike): boolean {
  return who.role !== 'coordinator' || COORDINATOR_VISIBLE.includes(plan.status);
}

export function canStartPlan(who: Principal): boolean {
  return who.role === 'planner';
}

export function canEditPlan(who: Principal, plan: PlanLike): boolean {
  return who.role === 'planner' && EDITABLE.includes(plan.status);
}

/** A re-solve makes a new version from any finished plan (its pins, exclusions and decisions). */
export function canResolvePlan(who: Principal, plan: PlanLike): boolean {
  return who.role === 'planner' && plan.status !== 'running' && plan.status !== 'failed';
}

export function canChangeStatus(who: Principal, plan: PlanLike, to: PlanStatusName): boolean {
  return who.role === 'planner' && (TRANSITIONS[plan.status] ?? []).includes(to);
}

export function canPublish(who: Principal, plan: PlanLike): boolean {
  return canChangeStatus(who, plan, 'published');
}

/** May this principal decide on some case of the plan (the plan is open for decisions)? */
export function canDecideOnPlan(who: Principal, plan: PlanLike): boolean {
  return who.role === 'coordinator' && who.hospitalId !== undefined && DECIDABLE.includes(plan.status);
}

/**
 * A coordinator decides on cases proposed to their own hospital from another hospital's waiting
 * list (a hospital's own patients are not "incoming").
 */
export function canDecideCase(who: Principal, plan: PlanLike, c: CaseLike): boolean {
  return (
    canDecideOnPlan(who, plan) && c.hospitalId === who.hospitalId && c.listingHospitalId !== c.hospitalId
  );
}

/**
 * A patient's answer to an offered slot is recorded by planners, or by a coordinator of the
 * hospital that offers the slot or of the hospital that lists the patient.
 */
export function canRecordOffer(who: Principal, c: CaseLike): boolean {
  return (
    who.role === 'planner' ||
    (who.role === 'coordinator' &&
      who.hospitalId !== undefined &&
      (who.hospitalId === c.hospitalId || who.hospitalId === c.listingHospitalId))
  );
}

/** The decision inbox: planners and admins for every hospital, coordinators for their own. */
export function canSeeDecisions(who: Principal, plan: PlanLike, hospitalId?: string): boolean {
  if (!canSeePlan(who, plan)) return false;
  if (who.role === 'planner' || who.role === 'admin') return true;
  return who.role === 'coordinator' && (hospitalId === undefined || hospitalId === who.hospitalId);
}

/** Only the hospital a coordinator works for; undefined = every hospital. */
export function hospitalScope(who: Principal): string | undefined {
  return who.role === 'coordinator' ? who.hospitalId : undefined;
}

export interface PlanCan {
  edit: boolean;
  resolve: boolean;
  propose: boolean;
  withdraw: boolean;
  publish: boolean;
  decide: boolean;
  seeDecisions: boolean;
}

/** The flags a plan response carries. */
export function planCan(who: Principal, plan: PlanLike): PlanCan {
  return {
    edit: canEditPlan(who, plan),
    resolve: canResolvePlan(who, plan),
    propose: canChangeStatus(who, plan, 'proposed'),
    withdraw: plan.status === 'proposed' && canChangeStatus(who, plan, 'draft'),
    publish: canPublish(who, plan),
    decide: canDecideOnPlan(who, plan),
    seeDecisions: canSeeDecisions(who, plan),
  };
}

/** Scenarios and their runs: analysts and planners read them (no patient data is in them). */
export const SCENARIO_ROLES = ['analyst', 'planner'] as const;

export function canSeeScenarios(who: Principal): boolean {
  return (SCENARIO_ROLES as readonly string[]).includes(who.role);
}

/** Saving, deleting and running scenarios, and cancelling runs: the same two roles. */
export function canChangeScenarios(who: Principal): boolean {
  return who.role === 'analyst' || who.role === 'planner';
}
