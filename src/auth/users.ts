// Login and the demo users. One demo password for every demo account (documented in the README
// and printed by `opflow serve`); real deployments create their own users.
import { UnauthorizedError } from '../errors.ts';
import type { Db } from '../db/db.ts';
import { findUserByEmail, upsertUser } from '../db/userRepo.ts';
import { dummyHash, hashPassword, verifyPassword } from './password.ts';
import { issueToken } from './token.ts';
import type { Principal, Role } from './roles.ts';

export const DEMO_PASSWORD = 'opflow-demo';

export interface LoginResult {
  token: string;
  expiresAt: string;
  user: { id: string; email: string; displayName: string; role: Role; hospitalId?: string };
}

export async function login(
  db: Db,
  creds: { email: string; password: string },
  opts: { secret: string; ttlMin: number; nowMs: number },
): Promise<LoginResult> {
  const user = await findUserByEmail(db, creds.email);
  // Same work whether or not the user exists: no enumeration by timing.
  const ok = await verifyPassword(creds.password, user?.passwordHash ?? (await dummyHash()));
  if (user === undefined || !ok || user.disabled) throw new UnauthorizedError('wrong email or password');
  const { token, expiresAt } = issueToken(
    opts.secret,
    { sub: user.id, role: user.role, hid: user.hospitalId },
    opts.nowMs,
    opts.ttlMin,
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

export interface DemoUser {
  email: string;
  role: Role;
  hospitalId?: string;
}

/**
 * The demo accounts. Coordinators are bound to Ystad and Växjö, found by name in the loaded
 * snapshot (hospital ids are seed data); a coordinator whose hospital is absent is skipped.
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
