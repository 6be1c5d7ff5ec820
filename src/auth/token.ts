// Signed, expiring bearer tokens: `v1.<payload>.<signature>`, where payload is the base64url JSON
// {sub, role, hid?, iat, exp} (seconds) and signature is base64url HMAC-SHA256 over "v1.<payload>".
// Deliberately tiny (no JWT library, no algorithm negotiation): one format, one algorithm.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { UnauthorizedError } from '../errors.ts';
import { Role } from './roles.ts';

export const TokenPayload = z.object({
  sub: z.string().min(1),
  role: Role,
  hid: z.string().min(1).optional(),
  iat: z.number().int(),
  exp: z.number().int(),
});
export type TokenPayload = z.infer<typeof TokenPayload>;

const PREFIX = 'v1';

function sign(secret: string, data: string): Buffer {
  return createHmac('sha256', secret).update(data).digest();
}

export function issueToken(
  secret: string,
  claims: { sub: string; role: Role; hid?: string | undefined },
  nowMs: number,
  ttlMin: number,
): { token: string; expiresAt: string } {
  const iat = Math.floor(nowMs / 1000);
  const exp = iat + ttlMin * 60;
  const payload: TokenPayload = {
    sub: claims.sub,
    role: claims.role,
    ...(claims.hid !== undefined ? { hid: claims.hid } : {}),
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
  const expected = sign(secret, `${PREFIX}.${body}`);
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new UnauthorizedError('invalid token signature');
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    throw new UnauthorizedError('malformed token');
  }
  const p = TokenPayload.safeParse(json);
  if (!p.success) throw new UnauthorizedError('malformed token');
  if (p.data.exp * 1000 <= nowMs) throw new UnauthorizedError('token expired');
  return p.data;
}
