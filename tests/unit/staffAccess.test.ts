import { describe, expect, it } from 'vitest';
import { mayImportStaffFor } from '../../src/capacity/access.ts';
import type { Principal } from '../../src/auth/roles.ts';

const who = (role: Principal['role'], hospitalId?: string): Principal => ({ userId: 'u', role, hospitalId });

describe('mayImportStaffFor', () => {
  it('lets a planner import for any hospital', () => {
    expect(mayImportStaffFor(who('planner'), 'h-a')).toBe(true);
  });
  it('lets a coordinator import for their own hospital only', () => {
    expect(mayImportStaffFor(who('coordinator', 'h-a'), 'h-a')).toBe(true);
    expect(mayImportStaffFor(who('coordinator', 'h-a'), 'h-b')).toBe(false);
    expect(mayImportStaffFor(who('coordinator'), 'h-a')).toBe(false);
  });
  it('refuses analysts and admins', () => {
    expect(mayImportStaffFor(who('analyst'), 'h-a')).toBe(false);
    expect(mayImportStaffFor(who('admin'), 'h-a')).toBe(false);
  });
});
