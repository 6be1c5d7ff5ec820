// Users of the planning service (the only code that knows the users table).
import type { Db } from './db.ts';

export interface UserRecord {
  id: string;
  email: string;
  displayName: string;
  role: 'planner' | 'coordinator' | 'analyst' | 'admin';
  hospitalId: string | undefined;
  passwordHash: string;
  disabled: boolean;
}

interface Row {
  id: string;
  email: string;
  display_name: string;
  role: UserRecord['role'];
  hospital_id: string | null;
  password_hash: string;
  disabled: boolean;
}

const toUser = (r: Row): UserRecord => ({
  id: r.id,
  email: r.email,
  displayName: r.display_name,
  role: r.role,
  hospitalId: r.hospital_id ?? undefined,
  passwordHash: r.password_hash,
  disabled: r.disabled,
});

const COLS = 'id, email, display_name, role, hospital_id, password_hash, disabled';

export async function findUserByEmail(db: Db, email: string): Promise<UserRecord | undefined> {
  const { rows } = await db.query<Row>(`SELECT ${COLS} FROM users WHERE lower(email) = lower($1)`, [email]);
  return rows[0] === undefined ? undefined : toUser(rows[0]);
}

export async function findUserById(db: Db, id: string): Promise<UserRecord | undefined> {
  const { rows } = await db.query<Row>(`SELECT ${COLS} FROM users WHERE id = $1`, [id]);
  return rows[0] === undefined ? undefined : toUser(rows[0]);
}

export async function listUsers(db: Db): Promise<Omit<UserRecord, 'passwordHash'>[]> {
  const { rows } = await db.query<Row>(`SELECT ${COLS} FROM users ORDER BY id`);
  return rows.map((r) => {
    const { passwordHash: _omit, ...u } = toUser(r);
    return u;
  });
}

/** Insert or replace a user by id (demo seeding and admin tooling). */
export async function upsertUser(
  db: Db,
  u: Omit<UserRecord, 'disabled'> & { disabled?: boolean },
): Promise<void> {
  await db.query(
    `INSERT INTO users (id, email, display_name, role, hospital_id, password_hash, disabled)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (id) DO UPDATE SET email = EXCLUDED.email, display_name = EXCLUDED.display_name,
       role = EXCLUDED.role, hospital_id = EXCLUDED.hospital_id, password_hash = EXCLUDED.password_hash,
       disabled = EXCLUDED.disabled`,
    [u.id, u.email, u.displayName, u.role, u.hospitalId ?? null, u.passwordHash, u.disabled ?? false],
  );
}

export async function countUsers(db: Db): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::integer AS n FROM users');
  return rows[0]?.n ?? 0;
}
