// Roles and the authenticated principal. Permissions are decided here, by role, in one place.
import { z } from 'zod';
import { ForbiddenError } from '../errors.ts';

export const Role = z.enum(['planner', 'coordinator', 'analyst', 'admin']);
export type Role = z.infer<typeof Role>;

export interface Principal {
  userId: string;
  role: Role;
  /** The coordinator's hospital; undefined for region-wide roles. */
  hospitalId: string | undefined;
  /** The login session the request came with (absent for signed links and internal callers). */
  sessionId?: string | undefined;
  /**
   * An admin's stated reason to see identities (break-the-glass, X-Break-Glass-Reason): without
   * it an admin sees patients pseudonymised; with it the reason is audited with the request.
   */
  breakGlassReason?: string | undefined;
}

export function requireRole(p: Principal, roles: readonly Role[], what: string): void {
  if (!roles.includes(p.role)) throw new ForbiddenError(`${what}: not allowed for role ${p.role}`);
}

/** Planners edit any hospital's data; a coordinator only their own hospital's. */
export function requireHospitalWrite(p: Principal, hospitalId: string, what: string): void {
  if (p.role === 'planner') return;
  if (p.role === 'coordinator' && p.hospitalId === hospitalId) return;
  throw new ForbiddenError(
    `${what}: ${p.role === 'coordinator' ? `only for your hospital (${p.hospitalId})` : `not allowed for role ${p.role}`}`,
  );
}
