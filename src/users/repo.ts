// Users of the planning service (the only code that knows the users table).
import type { Db } from '../db/db.ts';

export interface UserRecord {
  id: string;
  email: string;
  displayName: string;
  role: 'planner' | 'coordinator' | 'analyst' | 'admin';
  hospitalId: string | undefined;
  passwordHash: string;
  disabled: boolean;
  /** Bumped by every change that must end the user's current tokens. */
  tokenVersion: number;
}

interface Row {
  id: string;
  email: string;
  display_name: string;
  role: UserRecord['role'];
  hospital_id: string | null;
  password_hash: string;
  disabled: boolean;
  token_version: number;
}

const toUser = (r: Row): UserRecord => ({
  id: r.id,
  email: r.email,
  displayName: r.display_name,
  role: r.role,
  hospitalId: r.hospital_id ?? undefined,
  passwordHash: r.password_hash,
  disabled: r.disabled,
  tokenVersion: r.token_version,
});

const COLS = 'id, email, display_name, role, hospital_id, password_hash, disabled, token_version';

export async function findUserByEmail(db: Db, email: string): Promise<UserRecord | undefined> {
  const { rows } = await db.query<Row>(`SELECT ${COLS} FROM users WHERE lower(email) = lower($1)`, [email]);
  return rows[0] === undefined ? undefined : toUser(rows[0]);
}

export async function findUserById(db: Db, id: string): Promise<UserRecord | undefined> {
  const { rows } = await db.query<Row>(`SELECT ${COLS} FROM users WHERE id = $1`, [id]);
  return rows[0] === undefined ? undefined : toUser(rows[0]);
}

export type PublicUser = Omit<UserRecord, 'passwordHash' | 'tokenVersion'>;

/** A user as the admin's list shows them: with the last login (their newest session), if any. */
export type ListedUser = PublicUser & { lastLoginAt?: string };

export async function listUsers(db: Db): Promise<ListedUser[]> {
  const { rows } = await db.query<Row & { last_login_at: Date | string | null }>(
    `SELECT ${COLS}, (SELECT max(s.created_at) FROM sessions s WHERE s.user_id = users.id) AS last_login_at
     FROM users ORDER BY id`,
  );
  return rows.map((r) => {
    const { passwordHash: _omit, tokenVersion: _v, ...u } = toUser(r);
    return r.last_login_at === null ? u : { ...u, lastLoginAt: new Date(r.last_login_at).toISOString() };
  });
}

/** Insert or replace a user by id (demo seeding and admin tooling). */
export async function upsertUser(
  db: Db,
  u: Omit<UserRecord, 'disabled' | 'tokenVersion'> & { disabled?: boolean },
): Promise<void> {
  await db.query(
    `INSERT INTO users (id, email, display_name, role, hospital_id, password_hash, disabled)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (id) DO UPDATE SET email = EXCLUDED.email, display_name = EXCLUDED.display_name,
       role = EXCLUDED.role, hospital_id = EXCLUDED.hospital_id, password_hash = EXCLUDED.password_hash,
       disabled = EXCLUDED.disabled, token_version = users.token_version + 1`,
    [u.id, u.email, u.displayName, u.role, u.hospitalId ?? null, u.passwordHash, u.disabled ?? false],
  );
}

export async function countUsers(db: Db): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::integer AS n FROM users');
  return rows[0]?.n ?? 0;
}

/** A new user; false when the email (case-insensitive) or id is taken. */
export async function insertUser(db: Db, u: Omit<UserRecord, 'disabled' | 'tokenVersion'>): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO users (id, email, display_name, role, hospital_id, password_hash, disabled)
     VALUES ($1, $2, $3, $4, $5, $6, false) ON CONFLICT DO NOTHING`,
    [u.id, u.email, u.displayName, u.role, u.hospitalId ?? null, u.passwordHash],
  );
  return rowCount > 0;
}

/** Change access-relevant fields; always bumps token_version (old tokens stop working). */
export async function updateUserAccess(
  db: Db,
  id: string,
  c: { role: UserRecord['role']; hospitalId: string | undefined; disabled: boolean; passwordHash?: string },
): Promise<void> {
  await db.query(
    `UPDATE users SET role = $2, hospital_id = $3, disabled = $4,
       password_hash = coalesce($5, password_hash), token_version = token_version + 1
     WHERE id = $1`,
    [id, c.role, c.hospitalId ?? null, c.disabled, c.passwordHash ?? null],
  );
}

export interface SessionRecord {
  id: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | undefined;
  revokedBy: string | undefined;
}

interface SessionRow {
  id: string;
  user_id: string;
  created_at: Date | string;
  expires_at: Date | string;
  revoked_at: Date | string | null;
  revoked_by: string | null;
}

const iso = (d: Date | string): string => new Date(d).toISOString();

export async function insertSession(
  db: Db,
  s: { id: string; userId: string; createdAt: Date; expiresAt: Date },
): Promise<void> {
  await db.query('INSERT INTO sessions (id, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
    s.id,
    s.userId,
    s.createdAt.toISOString(),
    s.expiresAt.toISOString(),
  ]);
}

export async function listSessions(db: Db, userId: string, limit = 200): Promise<SessionRecord[]> {
  const { rows } = await db.query<SessionRow>(
    `SELECT id, user_id, created_at, expires_at, revoked_at, revoked_by FROM sessions
     WHERE user_id = $1 ORDER BY created_at DESC LIMIT $2`,
    [userId, limit],
  );
  return rows.map((r) => ({
    id: r.id,
    userId: r.user_id,
    createdAt: iso(r.created_at),
    expiresAt: iso(r.expires_at),
    revokedAt: r.revoked_at === null ? undefined : iso(r.revoked_at),
    revokedBy: r.revoked_by ?? undefined,
  }));
}

/** Revoke one session of a user, or all their unrevoked ones (sessionId undefined); how many. */
export async function revokeSessions(
  db: Db,
  userId: string,
  sessionId: string | undefined,
  by: string,
  at: Date,
): Promise<number> {
  const { rowCount } = await db.query(
    `UPDATE sessions SET revoked_at = $3, revoked_by = $4
     WHERE user_id = $1 AND revoked_at IS NULL AND ($2::text IS NULL OR id = $2::text)`,
    [userId, sessionId ?? null, at.toISOString(), by],
  );
  return rowCount;
}

export interface SessionAccess {
  userId: string;
  role: UserRecord['role'];
  hospitalId: string | undefined;
  disabled: boolean;
  tokenVersion: number;
  revoked: boolean;
}

/** What a request with this session may do now (undefined: no such session). */
export async function sessionAccess(db: Db, sessionId: string): Promise<SessionAccess | undefined> {
  const { rows } = await db.query<{
    user_id: string;
    role: UserRecord['role'];
    hospital_id: string | null;
    disabled: boolean;
    token_version: number;
    revoked: boolean;
  }>(
    `SELECT s.user_id, u.role, u.hospital_id, u.disabled, u.token_version, s.revoked_at IS NOT NULL AS revoked
     FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = $1`,
    [sessionId],
  );
  const r = rows[0];
  return r === undefined
    ? undefined
    : {
        userId: r.user_id,
        role: r.role,
        hospitalId: r.hospital_id ?? undefined,
        disabled: r.disabled,
        tokenVersion: r.token_version,
        revoked: r.revoked,
      };
}
