// Per-account lockout with back-off, beside the per-address rate limit: guessing one account's
// password from many addresses is slowed too. After LOCK_AFTER consecutive failures the account
// is locked for LOCK_BASE_S, doubling with each further lock up to LOCK_MAX_S; a success resets
// it. While locked every attempt — right password or not — is answered 429 with Retry-After
// (the password is not even checked, so a locked account gives no oracle). Kept in memory: one
// process serves the API (a restart forgets locks, which only ever helps the owner).
import { AppError } from '../errors.ts';

export const LOCK_AFTER = 5;
export const LOCK_BASE_S = 30;
export const LOCK_MAX_S = 15 * 60;

export class TooManyRequestsError extends AppError {
  readonly retryAfterS: number;
  constructor(message: string, retryAfterS: number) {
    super('rate_limited', 429, message, { details: { retryAfterS } });
    this.retryAfterS = retryAfterS;
  }
}

interface State {
  failures: number;
  locks: number;
  lockedUntilMs: number;
}

export interface Lockout {
  /** Throws TooManyRequestsError while the account is locked. */
  assertOpen(account: string, nowMs: number): void;
  /** Count a failure; returns the lock length in seconds when this failure locked the account. */
  failed(account: string, nowMs: number): number | undefined;
  succeeded(account: string): void;
}

export function createLockout(): Lockout {
  const states = new Map<string, State>();
  const key = (account: string): string => account.trim().toLowerCase();
  return {
    assertOpen(account, nowMs) {
      const s = states.get(key(account));
      if (s !== undefined && s.lockedUntilMs > nowMs) {
        const retry = Math.max(1, Math.ceil((s.lockedUntilMs - nowMs) / 1000));
        throw new TooManyRequestsError(
          `account locked after repeated failed logins; retry in ${retry} s`,
          retry,
        );
      }
    },
    failed(account, nowMs) {
      const k = key(account);
      const s = states.get(k) ?? { failures: 0, locks: 0, lockedUntilMs: 0 };
      s.failures += 1;
      let lockedForS: number | undefined;
      if (s.failures >= LOCK_AFTER) {
        lockedForS = Math.min(LOCK_MAX_S, LOCK_BASE_S * 2 ** s.locks);
        s.locks += 1;
        s.failures = 0;
        s.lockedUntilMs = nowMs + lockedForS * 1000;
      }
      if (states.size > 100_000) states.clear();
      states.set(k, s);
      return lockedForS;
    },
    succeeded(account) {
      states.delete(key(account));
    },
  };
}
