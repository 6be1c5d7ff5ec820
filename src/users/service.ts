// Login, user administration and the demo users. Every change here is a `withAudit` transaction;
// every change that must end a user's current access bumps their token version (or revokes the
// session) and tells the session guard, which drops its cache and disconnects live sockets.
import { randomBytes } from 'node:crypto';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnauthorizedError,
  ValidationError,
} from '../errors.ts';
import type { Db } from '../db/db.ts';
import {
  findUserByEmail,
  findUserById,
  insertSession,
  insertUser,
  listSessions,
  revokeSessions,
  updateUserAccess,
  upsertUser,
  type PublicUser,
  type SessionRecord,
} from './repo.ts';
import { hospitalExists } from '../reference/repo.ts';
import { dummyHash, hashPassword, verifyPassword } from '../auth/password.ts';
import { issueToken } from '../auth/token.ts';
import { withAudit, type Auditor } from '../auth/audit.ts';
import type { Lockout } from '../auth/lockout.ts';
import type { SessionGuard } from '../auth/sessions.ts';
import { requireRole, type Principal, type Role } from '../auth/roles.ts';

export const DEMO_PASSWORD = 'opflow-demo';

export interface LoginResult {
  token: string;
  expiresAt: string;
  user: { id: string; email: string; displayName: string; role: Role; hospitalId?: string };
}

export interface LoginDeps {
  db: Db;
  auditor: Auditor;
  lockout: Lockout;
  secret: string;
  ttlMin: number;
  clock: () => Date;
}

const newId = (bytes: number): string => randomBytes(bytes).toString('base64url');

/**
 * Check the password, then open a session and write the `login` row in one transaction. A
 * failure is audited (`login.failed`, with the user when the address is known); the failure that
 * locks the account is audited as `login.locked`; attempts while locked are refused unchecked.
 */
export async function login(d: LoginDeps, creds: { email: string; password: string }): Promise<LoginResult> {
  const now = d.clock();
  try {
    await d.lockout.assertOpen(creds.email, now.getTime());
  } catch (e) {
    await d.auditor.log(d.db, undefined, {
      action: 'login.failed',
      details: { email: creds.email.toLowerCase(), reason: 'locked' },
    });
    throw e;
  }
  const user = await findUserByEmail(d.db, creds.email);
  // Same work whether or not the user exists: no enumeration by timing.
  const ok = await verifyPassword(creds.password, user?.passwordHash ?? (await dummyHash()));
  if (user === undefined || !ok || user.disabled) {
    const lockedForS = await d.lockout.failed(creds.email, now.getTime());
    const who =
      user === undefined ? undefined : { userId: user.id, role: user.role, hospitalId: user.hospitalId };
    const reason = user === undefined ? 'unknown email' : user.disabled ? 'disabled' : 'wrong password';
    await d.auditor.log(d.db, who, {
      action: 'login.failed',
      details: { email: creds.email.toLowerCase(), reason },
    });
    if (lockedForS !== undefined)
      await d.auditor.log(d.db, who, {
        action: 'login.locked',
        details: { email: creds.email.toLowerCase(), lockedForS },
      });
    throw new UnauthorizedError('wrong email or password');
  }
  await d.lockout.succeeded(creds.email);
  const sid = newId(16);
  const { token, expiresAt } = issueToken(
    d.secret,
    { sub: user.id, role: user.role, hid: user.hospitalId, sid, ver: user.tokenVersion },
    now.getTime(),
    d.ttlMin,
  );
  await withAudit(
    d.db,
    d.auditor,
    { userId: user.id, role: user.role, hospitalId: user.hospitalId },
    { action: 'login', details: { sessionId: sid } },
    (tx) => insertSession(tx, { id: sid, userId: user.id, createdAt: now, expiresAt: new Date(expiresAt) }),
  );
  return {
    token,
    expiresAt,
    user: {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      role: user.role,
      ...(user.hospitalId !== undefined ? { hospitalId: user.hospitalId } : {}),
    },
  };
}

export interface NewUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  hospitalId?: string | undefined;
  password: string;
}

/** Insert or replace a user by id (demo seeding, tests); not audited — no principal acts. */
export async function createUser(db: Db, u: NewUser): Promise<Principal> {
  await upsertUser(db, {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    role: u.role,
    hospitalId: u.hospitalId,
    passwordHash: await hashPassword(u.password),
  });
  return { userId: u.id, role: u.role, hospitalId: u.hospitalId };
}

export interface AdminDeps {
  db: Db;
  auditor: Auditor;
  sessions: SessionGuard;
  clock: () => Date;
}

/** A coordinator works at one hospital; the region-wide roles at none. */
async function checkScope(db: Db, role: Role, hospitalId: string | undefined): Promise<void> {
  if (role === 'coordinator') {
    if (hospitalId === undefined)
      throw new ValidationError('a coordinator needs a hospital', [
        { field: 'body.hospitalId', message: 'required for role coordinator' },
      ]);
    if (!(await hospitalExists(db, hospitalId)))
      throw new ValidationError(`hospital ${hospitalId} not found`, [
        { field: 'body.hospitalId', message: `no hospital ${hospitalId}` },
      ]);
  } else if (hospitalId !== undefined) {
    throw new ValidationError(`role ${role} is region-wide and has no hospital`, [
      { field: 'body.hospitalId', message: `must be absent (or null) for role ${role}` },
    ]);
  }
}

/** An admin creates a user (also used by `opflow user create` with an internal principal). */
export async function adminCreateUser(
  d: AdminDeps,
  who: Principal | undefined,
  u: Omit<NewUser, 'id'>,
): Promise<PublicUser> {
  if (who !== undefined) requireRole(who, ['admin'], 'user administration');
  await checkScope(d.db, u.role, u.hospitalId);
  const id = `u-${newId(9)}`;
  const passwordHash = await hashPassword(u.password);
  await withAudit(
    d.db,
    d.auditor,
    who,
    {
      action: 'user.create',
      details: { targetUserId: id, email: u.email, role: u.role, hospitalId: u.hospitalId },
    },
    async (tx) => {
      const ok = await insertUser(tx, {
        id,
        email: u.email,
        displayName: u.displayName,
        role: u.role,
        hospitalId: u.hospitalId,
        passwordHash,
      });
      if (!ok) throw new ConflictError(`a user with email ${u.email} exists already`);
    },
  );
  return {
    id,
    email: u.email,
    displayName: u.displayName,
    role: u.role,
    hospitalId: u.hospitalId,
    disabled: false,
  };
}

/** Disable/enable, change role or hospital. Every change ends the user's current tokens. */
export async function adminUpdateUser(
  d: AdminDeps,
  who: Principal,
  id: string,
  c: { disabled?: boolean | undefined; role?: Role | undefined; hospitalId?: string | null | undefined },
): Promise<PublicUser> {
  requireRole(who, ['admin'], 'user administration');
  if (id === who.userId)
    throw new ForbiddenError(
      'admins do not change their own access (ask another admin): no lock-out by mistake',
    );
  const u = await findUserById(d.db, id);
  if (u === undefined) throw new NotFoundError(`user ${id} not found`);
  const role = c.role ?? u.role;
  // Moving to a region-wide role drops the hospital unless one is given (then checkScope refuses it).
  const hospitalId =
    c.hospitalId === null ? undefined : (c.hospitalId ?? (role === 'coordinator' ? u.hospitalId : undefined));
  const disabled = c.disabled ?? u.disabled;
  await checkScope(d.db, role, hospitalId);
  const before = { role: u.role, hospitalId: u.hospitalId, disabled: u.disabled };
  const after = { role, hospitalId, disabled };
  await withAudit(
    d.db,
    d.auditor,
    who,
    { action: 'user.change', details: { targetUserId: id, before, after } },
    async (tx) => {
      await updateUserAccess(tx, id, after);
      // The token version already ends them; closing the rows too keeps the session list truthful.
      await revokeSessions(tx, id, undefined, who.userId, d.clock());
    },
  );
  d.sessions.revoked({ userId: id });
  const { passwordHash: _h, tokenVersion: _v, ...pub } = { ...u, ...after };
  return pub;
}

export async function adminResetPassword(
  d: AdminDeps,
  who: Principal,
  id: string,
  password: string,
): Promise<void> {
  requireRole(who, ['admin'], 'user administration');
  const u = await findUserById(d.db, id);
  if (u === undefined) throw new NotFoundError(`user ${id} not found`);
  const passwordHash = await hashPassword(password);
  await withAudit(
    d.db,
    d.auditor,
    who,
    { action: 'user.password', details: { targetUserId: id } },
    async (tx) => {
      await updateUserAccess(tx, id, {
        role: u.role,
        hospitalId: u.hospitalId,
        disabled: u.disabled,
        passwordHash,
      });
      await revokeSessions(tx, id, undefined, who.userId, d.clock());
    },
  );
  d.sessions.revoked({ userId: id });
}

export async function adminListSessions(d: AdminDeps, who: Principal, id: string): Promise<SessionRecord[]> {
  requireRole(who, ['admin'], 'user administration');
  if ((await findUserById(d.db, id)) === undefined) throw new NotFoundError(`user ${id} not found`);
  return listSessions(d.db, id);
}

/** Revoke one session (sessionId) or every open session of the user; admins, or a user their own. */
export async function revokeSession(
  d: AdminDeps,
  who: Principal,
  userId: string,
  sessionId: string | undefined,
): Promise<{ revoked: number }> {
  const own = who.userId === userId && sessionId !== undefined && sessionId === who.sessionId;
  if (!(who.role === 'admin' || own)) throw new ForbiddenError('only admins revoke other sessions');
  if ((await findUserById(d.db, userId)) === undefined) throw new NotFoundError(`user ${userId} not found`);
  const revoked = await withAudit<number>(
    d.db,
    d.auditor,
    who,
    (n) => ({
      action: own ? 'logout' : 'session.revoke',
      details: { targetUserId: userId, sessionId: sessionId ?? 'all', revoked: n },
    }),
    async (tx) => {
      const n = await revokeSessions(tx, userId, sessionId, who.userId, d.clock());
      if (sessionId !== undefined && n === 0)
        throw new NotFoundError(`no open session ${sessionId} of ${userId}`);
      return n;
    },
  );
  d.sessions.revoked(sessionId === undefined ? { userId } : { userId, sessionId });
  return { revoked };
}

export interface DemoUser {
  email: string;
  role: Role;
  hospitalId?: string;
}

/**
 * The demo accounts (only with `opflow serve --demo`). Coordinators are bound to Ystad and Växjö,
 * found by name in the loaded snapshot (hospital ids are seed data); a coordinator whose hospital
 * is absent is skipped.
 */
export async function seedDemoUsers(
  db: Db,
  hospitals: readonly { id: string; name: string; shortName: string }[],
  password = DEMO_PASSWORD,
): Promise<DemoUser[]> {
  const find = (re: RegExp): string | undefined =>
    hospitals.find((h) => re.test(h.shortName) || re.test(h.name))?.id;
  const candidates: (NewUser | undefined)[] = [
    {
      id: 'u-planner',
      email: 'planner@opti.example',
      displayName: 'OpTi-planerare',
      role: 'planner',
      password,
    },
    coordinator('u-ystad', 'ystad@opti.example', 'Koordinator Ystad', find(/ystad/i), password),
    coordinator('u-vaxjo', 'vaxjo@opti.example', 'Koordinator Växjö', find(/v[äa]xj[öo]/i), password),
    { id: 'u-analyst', email: 'analyst@opti.example', displayName: 'Analytiker', role: 'analyst', password },
    { id: 'u-admin', email: 'admin@opti.example', displayName: 'Administratör', role: 'admin', password },
  ];
  const out: DemoUser[] = [];
  for (const u of candidates) {
    if (u === undefined) continue;
    await createUser(db, u);
    out.push({
      email: u.email,
      role: u.role,
      ...(u.hospitalId !== undefined ? { hospitalId: u.hospitalId } : {}),
    });
  }
  return out;
}

function coordinator(
  id: string,
  email: string,
  displayName: string,
  hospitalId: string | undefined,
  password: string,
): NewUser | undefined {
  return hospitalId === undefined
    ? undefined
    : { id, email, displayName, role: 'coordinator', hospitalId, password };
}
