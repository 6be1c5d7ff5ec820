// The scenario predicates of src/auth/access.ts, one block each.
import { describe, expect, it } from 'vitest';
import { canChangeScenarios, canSeeScenarios } from '../../src/auth/access.ts';
import type { Principal } from '../../src/auth/roles.ts';

const who = (role: Principal['role'], hospitalId?: string): Principal => ({
  userId: `u-${role}`,
  role,
  hospitalId,
});
const roles = [who('planner'), who('analyst'), who('coordinator', 'h-ystad'), who('admin')];

describe('canSeeScenarios', () => {
  it('analysts and planners read scenarios and runs; coordinators and admins do not', () => {
    expect(roles.filter(canSeeScenarios).map((p) => p.role)).toEqual(['planner', 'analyst']);
  });
});

describe('canChangeScenarios', () => {
  it('analysts and planners save, delete and run scenarios; coordinators and admins do not', () => {
    expect(roles.filter(canChangeScenarios).map((p) => p.role)).toEqual(['planner', 'analyst']);
  });
});
