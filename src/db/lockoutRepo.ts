// The per-account login lockout rows (migration 015). Only reads and writes; the rule (how many
// failures, how long a lock) lives in src/auth/lockout.ts.
import type { Db } from './db.ts';

export interface LockoutRow {
  failures: number;
  locks: number;
  lockedUntil: Date | undefined;
}

interface Raw {
  failures: number;
  locks: number;
  locked_until: Date | string | null;
}

const toRow = (r: Raw): LockoutRow => ({
  failures: r.failures,
  locks: r.locks,
  lockedUntil: r.locked_until === null ? undefined : new Date(r.locked_until),
});

export async function getLockout(db: Db, account: string): Promise<LockoutRow | undefined> {
  const { rows } = await db.query<Raw>(
    'SELECT failures, locks, locked_until FROM login_lockouts WHERE account = $1',
    [account],
  );
  return rows[0] === undefined ? undefined : toRow(rows[0]);
}

/** The account's row, created empty when absent, locked until the caller's transaction ends. */
export async function lockLockoutRow(tx: Db, account: string, at: Date): Promise<LockoutRow> {
  await tx.query(
    'INSERT INTO login_lockouts (account, updated_at) VALUES ($1, $2) ON CONFLICT (account) DO NOTHING',
    [account, at],
  );
  const { rows } = await tx.query<Raw>(
    'SELECT failures, locks, locked_until FROM login_lockouts WHERE account = $1 FOR UPDATE',
    [account],
  );
  return toRow(rows[0]!);
}

export async function saveLockout(tx: Db, account: string, row: LockoutRow, at: Date): Promise<void> {
  await tx.query(
    `UPDATE login_lockouts SET failures = $2, locks = $3, locked_until = $4, updated_at = $5
     WHERE account = $1`,
    [account, row.failures, row.locks, row.lockedUntil ?? null, at],
  );
}

export async function deleteLockout(db: Db, account: string): Promise<void> {
  await db.query('DELETE FROM login_lockouts WHERE account = $1', [account]);
}

/** Forget rows untouched since `before` whose lock (if any) has ended. */
export async function pruneLockouts(db: Db, before: Date, now: Date): Promise<void> {
  await db.query(
    `DELETE FROM login_lockouts
     WHERE updated_at < $1 AND (locked_until IS NULL OR locked_until <= $2)`,
    [before, now],
  );
}
