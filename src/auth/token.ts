// Signed, expiring bearer tokens: `v1.<payload>.<signature>`, where payload is the base64url JSON
// {sub, role, hid?, sid, ver, iat, exp} (seconds) and signature is base64url HMAC-SHA256 over
// "v1.<payload>". Deliberately tiny (no JWT library, no algorithm negotiation): one format, one
// algorithm, one encoding — a token whose parts are not canonical base64url (padding, `+`/`/`,
// stray trailing bits) is refused, so one token has exactly one spelling. The signature proves
// the claims were issued; `sid` and `ver` are then checked against the database on every request
// (sessions.ts), which is what makes revocation immediate.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { UnauthorizedError } from '../errors.ts';
import { Role } from './roles.ts';

export const TokenPayload = z.object({
  sub: z.string().min(1),
  role: Role,
  hid: z.string().min(1).optional(),
  /** The session (sessions.id) the token belongs to. */
  sid: z.string().min(1).max(64),
  /** users.token_version when the token was issued. */
  ver: z.number().int().nonnegative(),
  iat: z.number().int(),
  exp: z.number().int(),
});
export type TokenPayload = z.infer<typeof TokenPayload>;

const PREFIX = 'v1';

function sign(secret: string, data: string): Buffer {
  return createHmac('sha256', secret).update(data).digest();
}

/**
 * Decode base64url only when `text` is the one canonical encoding of its bytes: the alphabet
 * without padding, and re-encoding gives the same text (so unused trailing bits are zero).
 */
export function decodeCanonicalBase64url(text: string): Buffer | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : undefined;
}

export function issueToken(
  secret: string,
  claims: { sub: string; role: Role; hid?: string | undefined; sid: string; ver: number },
  nowMs: number,
  ttlMin: number,
): { token: string; expiresAt: string } {
  const iat = Math.floor(nowMs / 1000);
  const exp = iat + ttlMin * 60;
  const payload: TokenPayload = {
    sub: claims.sub,
    role: claims.role,
    ...(claims.hid !== undefined ? { hid: claims.hid } : {}),
    sid: claims.sid,
    ver: claims.ver,
    iat,
    exp,
  };
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const signed = `${PREFIX}.${body}`;
  return {
    token: `${signed}.${sign(secret, signed).toString('base64url')}`,
    expiresAt: new Date(exp * 1000).toISOString(),
  };
}

/** The verified payload, or an UnauthorizedError saying why (never which part of the secret). */
export function verifyToken(secret: string, token: string, nowMs: number): TokenPayload {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== PREFIX) throw new UnauthorizedError('malformed token');
  const [, body, sig] = parts as [string, string, string];
  const given = decodeCanonicalBase64url(sig);
  const payloadBytes = decodeCanonicalBase64url(body);
  if (given === undefined || payloadBytes === undefined) throw new UnauthorizedError('malformed token');
  const expected = sign(secret, `${PREFIX}.${body}`);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new UnauthorizedError('invalid token signature');
  }
  let json: unknown;
  try {
    json = JSON.parse(payloadBytes.toString('utf8'));
  } catch {
    throw new UnauthorizedError('malformed token');
  }
  const p = TokenPayload.safeParse(json);
  if (!p.success) throw new UnauthorizedError('malformed token');
  if (p.data.exp * 1000 <= nowMs) throw new UnauthorizedError('token expired');
  return p.data;
}
