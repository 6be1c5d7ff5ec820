// The named access predicates of src/auth/access.ts, one block each.
import { describe, expect, it } from 'vitest';
import {
  canChangeStatus,
  canDecideCase,
  canDecideOnPlan,
  canEditPlan,
  canPublish,
  canResolvePlan,
  canSeeDecisions,
  canSeePlan,
  canStartPlan,
  hospitalScope,
  planCan,
  type PlanStatusName,
} from '../../src/auth/access.ts';
import type { Principal } from '../../src/auth/roles.ts';

const planner: Principal = { userId: 'u-p', role: 'planner', hospitalId: undefined };
const ystad: Principal = { userId: 'u-y', role: 'coordinator', hospitalId: 'h-ystad' };
const analyst: Principal = { userId: 'u-a', role: 'analyst', hospitalId: undefined };
const admin: Principal = { userId: 'u-ad', role: 'admin', hospitalId: undefined };
const ALL: PlanStatusName[] = ['running', 'failed', 'draft', 'proposed', 'published', 'superseded'];
const plan = (status: PlanStatusName) => ({ status });

describe('canSeePlan', () => {
  it('coordinators see proposed, published and superseded plans only; others every plan', () => {
    expect(ALL.filter((s) => canSeePlan(ystad, plan(s)))).toEqual(['proposed', 'published', 'superseded']);
    for (const who of [planner, analyst, admin])
      expect(ALL.every((s) => canSeePlan(who, plan(s)))).toBe(true);
  });
});

describe('canStartPlan', () => {
  it('planners only', () => {
    expect([planner, ystad, analyst, admin].map(canStartPlan)).toEqual([true, false, false, false]);
  });
});

describe('canEditPlan', () => {
  it('planners, on draft and proposed plans', () => {
    expect(ALL.filter((s) => canEditPlan(planner, plan(s)))).toEqual(['draft', 'proposed']);
    for (const who of [ystad, analyst, admin]) expect(ALL.some((s) => canEditPlan(who, plan(s)))).toBe(false);
  });
});

describe('canResolvePlan', () => {
  it('planners, from any finished plan', () => {
    expect(ALL.filter((s) => canResolvePlan(planner, plan(s)))).toEqual([
      'draft',
      'proposed',
      'published',
      'superseded',
    ]);
    expect(canResolvePlan(ystad, plan('published'))).toBe(false);
  });
});

describe('canChangeStatus', () => {
  it('follows the workflow draft -> proposed -> draft | published, planners only', () => {
    const moves = ALL.flatMap((from) =>
      ALL.filter((to) => canChangeStatus(planner, plan(from), to)).map((to) => `${from}->${to}`),
    );
    expect(moves).toEqual(['draft->proposed', 'proposed->draft', 'proposed->published']);
    expect(canChangeStatus(ystad, plan('draft'), 'proposed')).toBe(false);
  });
});

describe('canPublish', () => {
  it('a proposed plan, by a planner', () => {
    expect(ALL.filter((s) => canPublish(planner, plan(s)))).toEqual(['proposed']);
    expect(canPublish(admin, plan('proposed'))).toBe(false);
  });
});

describe('canDecideOnPlan', () => {
  it('coordinators, on proposed and published plans', () => {
    expect(ALL.filter((s) => canDecideOnPlan(ystad, plan(s)))).toEqual(['proposed', 'published']);
    expect(canDecideOnPlan(planner, plan('proposed'))).toBe(false);
  });
});

describe('canDecideCase', () => {
  it('only cases proposed to the coordinator’s own hospital from another hospital’s list', () => {
    const p = plan('proposed');
    expect(canDecideCase(ystad, p, { hospitalId: 'h-ystad', listingHospitalId: 'h-lund' })).toBe(true);
    expect(canDecideCase(ystad, p, { hospitalId: 'h-ystad', listingHospitalId: 'h-ystad' })).toBe(false);
    expect(canDecideCase(ystad, p, { hospitalId: 'h-lund', listingHospitalId: 'h-ystad' })).toBe(false);
    expect(canDecideCase(ystad, plan('draft'), { hospitalId: 'h-ystad', listingHospitalId: 'h-lund' })).toBe(
      false,
    );
    expect(canDecideCase(planner, p, { hospitalId: 'h-ystad', listingHospitalId: 'h-lund' })).toBe(false);
  });
});

describe('canSeeDecisions', () => {
  it('planners and admins every hospital, coordinators their own, analysts none', () => {
    const p = plan('published');
    expect(canSeeDecisions(planner, p, 'h-lund')).toBe(true);
    expect(canSeeDecisions(admin, p)).toBe(true);
    expect(canSeeDecisions(ystad, p, 'h-ystad')).toBe(true);
    expect(canSeeDecisions(ystad, p)).toBe(true);
    expect(canSeeDecisions(ystad, p, 'h-lund')).toBe(false);
    expect(canSeeDecisions(ystad, plan('draft'), 'h-ystad')).toBe(false);
    expect(canSeeDecisions(analyst, p)).toBe(false);
  });
});

describe('hospitalScope', () => {
  it('a coordinator’s hospital, undefined for region-wide roles', () => {
    expect(hospitalScope(ystad)).toBe('h-ystad');
    expect(hospitalScope(planner)).toBeUndefined();
  });
});

describe('planCan', () => {
  it('is the predicates’ answers for the principal and plan', () => {
    expect(planCan(planner, plan('proposed'))).toEqual({
      edit: true,
      resolve: true,
      propose: false,
      withdraw: true,
      publish: true,
      decide: false,
      seeDecisions: true,
    });
    expect(planCan(ystad, plan('proposed'))).toEqual({
      edit: false,
      resolve: false,
      propose: false,
      withdraw: false,
      publish: false,
      decide: true,
      seeDecisions: true,
    });
  });
});
