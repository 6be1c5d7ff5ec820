// Per-account lockout with back-off, beside the per-address rate limit: guessing one account's
// password from many addresses is slowed too. After LOCK_AFTER consecutive failures the account
// is locked for LOCK_BASE_S, doubling with each further lock up to LOCK_MAX_S; a success resets
// it. While locked every attempt — right password or not — is answered 429 with Retry-After
// (the password is not even checked, so a locked account gives no oracle).
//
// The state is in the database (login_lockouts, migration 015), not in a process: with several
// servers on one database a lock made through one holds on all, and a restart forgets nothing.
// Nothing is cached: a lock must be seen by the very next attempt anywhere, and a login already
// costs a password hash, beside which one indexed read is nothing. A failure updates its row under
// a row lock, so two servers counting failures at once neither lose one nor lock twice. Rows
// untouched for PRUNE_AFTER_MS with no lock running are forgotten (the back-off starts afresh after
// a quiet day).
import { AppError } from '../errors.ts';
import type { Db } from '../db/db.ts';
import {
  deleteLockout,
  getLockout,
  lockLockoutRow,
  pruneLockouts,
  saveLockout,
  type LockoutRow,
} from '../db/lockoutRepo.ts';

export const LOCK_AFTER = 5;
export const LOCK_BASE_S = 30;
export const LOCK_MAX_S = 15 * 60;
const PRUNE_AFTER_MS = 24 * 3600 * 1000;

export class TooManyRequestsError extends AppError {
  readonly retryAfterS: number;
  constructor(message: string, retryAfterS: number) {
    super('rate_limited', 429, message, { details: { retryAfterS } });
    this.retryAfterS = retryAfterS;
  }
}

/** The rule on one account's state: what one more failure at `nowMs` makes of it. */
export function afterFailure(s: LockoutRow, nowMs: number): { next: LockoutRow; lockedForS?: number } {
  const failures = s.failures + 1;
  if (failures < LOCK_AFTER) return { next: { ...s, failures } };
  const lockedForS = Math.min(LOCK_MAX_S, LOCK_BASE_S * 2 ** s.locks);
  return {
    next: { failures: 0, locks: s.locks + 1, lockedUntil: new Date(nowMs + lockedForS * 1000) },
    lockedForS,
  };
}

/** Seconds until the lock ends (≥ 1), or undefined when the account is open at `nowMs`. */
export function retryAfterS(s: LockoutRow | undefined, nowMs: number): number | undefined {
  const until = s?.lockedUntil?.getTime();
  return until !== undefined && until > nowMs ? Math.max(1, Math.ceil((until - nowMs) / 1000)) : undefined;
}

export interface Lockout {
  /** Throws TooManyRequestsError while the account is locked. */
  assertOpen(account: string, nowMs: number): Promise<void>;
  /** Count a failure; returns the lock length in seconds when this failure locked the account. */
  failed(account: string, nowMs: number): Promise<number | undefined>;
  succeeded(account: string): Promise<void>;
}

const key = (account: string): string => account.trim().toLowerCase();

export function createLockout(db: Db): Lockout {
  return {
    async assertOpen(account, nowMs) {
      const retry = retryAfterS(await getLockout(db, key(account)), nowMs);
      if (retry !== undefined)
        throw new TooManyRequestsError(
          `account locked after repeated failed logins; retry in ${retry} s`,
          retry,
        );
    },
    async failed(account, nowMs) {
      const k = key(account);
      const at = new Date(nowMs);
      const lockedForS = await db.transaction(async (tx) => {
        const { next, lockedForS } = afterFailure(await lockLockoutRow(tx, k, at), nowMs);
        await saveLockout(tx, k, next, at);
        return lockedForS;
      });
      await pruneLockouts(db, new Date(nowMs - PRUNE_AFTER_MS), at);
      return lockedForS;
    },
    async succeeded(account) {
      await deleteLockout(db, key(account));
    },
  };
}
