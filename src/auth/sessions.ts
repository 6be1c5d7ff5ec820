// Is this token still good? The signature (token.ts) only proves a token was issued; this checks,
// per request and per live socket, that its session is not revoked and that the user is enabled
// and unchanged since (token_version, role, hospital). The database is the one truth every server
// shares; the answer is cached per process for SESSION_CACHE_MS per session (the check is one
// indexed join, ≈ 1–1.5 ms a request measured under load, which the cache spares busy dashboards).
// Changes made through this process drop the cache and disconnect sockets at once, so a
// revocation takes effect immediately on the server that made it and within SESSION_CACHE_MS on
// every other server on the database (or after SQL by hand). Live sockets are re-checked every
// SESSION_CACHE_MS past the cache, so they end within that time too.
import { UnauthorizedError } from '../errors.ts';
import type { Db } from '../db/db.ts';
import { sessionAccess, type SessionAccess } from '../users/repo.ts';
import type { Principal } from './roles.ts';
import type { TokenPayload } from './token.ts';

export const SESSION_CACHE_MS = 500;
const MAX_CACHED = 10_000;

/** Who lost access: every session of a user, or one session. */
export type Revocation = { userId: string; sessionId?: string };

export interface SessionGuard {
  /** The principal a verified token stands for now, or an UnauthorizedError; `fresh` skips the cache. */
  check(t: TokenPayload, opts?: { fresh?: boolean }): Promise<Principal>;
  /** Is the user still enabled with this role and hospital? (signed links, which carry no session) */
  checkUser(p: Principal): Promise<void>;
  /** Forget cached answers and tell listeners (live sockets) at once. */
  revoked(r: Revocation): void;
  onRevoked(listener: (r: Revocation) => void): () => void;
}

export function createSessionGuard(db: Db, clock: () => Date): SessionGuard {
  const cache = new Map<string, { atMs: number; access: SessionAccess | undefined }>();
  const listeners = new Set<(r: Revocation) => void>();

  const access = async (sid: string, fresh: boolean): Promise<SessionAccess | undefined> => {
    const now = clock().getTime();
    const hit = cache.get(sid);
    if (!fresh && hit !== undefined && now - hit.atMs >= 0 && now - hit.atMs < SESSION_CACHE_MS)
      return hit.access;
    const a = await sessionAccess(db, sid);
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(sid, { atMs: now, access: a });
    return a;
  };

  return {
    async check(t, opts = {}) {
      const a = await access(t.sid, opts.fresh === true);
      if (a === undefined || a.userId !== t.sub) throw new UnauthorizedError('unknown session; log in again');
      if (a.revoked) throw new UnauthorizedError('session revoked; log in again');
      if (a.disabled) throw new UnauthorizedError('account disabled');
      if (a.tokenVersion !== t.ver || a.role !== t.role || a.hospitalId !== t.hid)
        throw new UnauthorizedError('account changed since login; log in again');
      return { userId: a.userId, role: a.role, hospitalId: a.hospitalId, sessionId: t.sid };
    },
    async checkUser(p) {
      const { rows } = await db.query<{ role: string; hospital_id: string | null; disabled: boolean }>(
        'SELECT role, hospital_id, disabled FROM users WHERE id = $1',
        [p.userId],
      );
      const u = rows[0];
      if (u === undefined || u.disabled || u.role !== p.role || (u.hospital_id ?? undefined) !== p.hospitalId)
        throw new UnauthorizedError('account disabled or changed since the link was made');
    },
    revoked(r) {
      for (const [sid, v] of cache)
        if (r.sessionId !== undefined ? sid === r.sessionId : v.access?.userId === r.userId)
          cache.delete(sid);
      for (const l of listeners) l(r);
    },
    onRevoked(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
