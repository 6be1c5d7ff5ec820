// zod schemas of the users slice: login, the signed-in user, user and session administration.
import { z } from 'zod';
import { Id } from '../domain/snapshot.ts';
import { Role } from '../auth/roles.ts';
import { safeText } from '../domain/safeText.ts';

export const LoginBody = z.object({
  email: z.string().email().max(254),
  password: safeText(z.string().min(1).max(1024)),
});
export const LoginResponse = z.object({
  token: z.string(),
  expiresAt: z.string(),
  user: z.object({
    id: z.string(),
    email: z.string(),
    displayName: z.string(),
    role: Role,
    hospitalId: z.string().optional(),
  }),
});
export type LoginResponse = z.infer<typeof LoginResponse>;

const Password = safeText(z.string().min(12, 'at least 12 characters').max(1024));
export const UserIdParams = z.object({ id: Id });
export const SessionParams = z.object({
  id: Id,
  sessionId: z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'a session id (22 characters of base64url)'),
});
export const CreateUserBody = z.object({
  email: z.string().email().max(254),
  displayName: safeText(z.string().trim().min(1).max(100)),
  role: Role,
  hospitalId: Id.optional(),
  password: Password,
});
export const PatchUserBody = z
  .object({
    disabled: z.boolean().optional(),
    role: Role.optional(),
    hospitalId: Id.nullable().optional(),
  })
  .strict()
  .refine((b) => b.disabled !== undefined || b.role !== undefined || b.hospitalId !== undefined, {
    message: 'nothing to change: give disabled, role or hospitalId',
  });
export const PasswordBody = z.object({ password: Password });

/** A user as the API shows it: never the password hash or token version. */
export const PublicUserResponse = z.strictObject({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: Role,
  hospitalId: z.string().optional(),
  disabled: z.boolean(),
});
export type PublicUserResponse = z.infer<typeof PublicUserResponse>;
/** A user in the admin's list: with the start of their newest session, when they have one. */
export const ListedUserResponse = PublicUserResponse.extend({ lastLoginAt: z.string().optional() });
export type ListedUserResponse = z.infer<typeof ListedUserResponse>;
export const UsersResponse = z.array(ListedUserResponse);
export const SessionResponse = z.object({
  id: z.string(),
  userId: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().optional(),
  revokedBy: z.string().optional(),
});
export const SessionsResponse = z.array(SessionResponse);
export const RevokedResponse = z.object({ revoked: z.number().int().nonnegative() });
