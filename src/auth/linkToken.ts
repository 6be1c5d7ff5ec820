// Short-lived, single-purpose signed links: a page the browser opens as a plain link (the print-
// friendly day list) cannot send an Authorization header, so the URL carries a token that names
// the user, their role and exactly one export — plan, hospital, date — and expires in minutes.
// Format `l1.<base64url JSON>.<base64url HMAC-SHA256 over "l1.<payload>">`: the prefix differs
// from login tokens (`v1`, token.ts), so a link token is never accepted as a bearer token and a
// bearer token never as a link.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { ForbiddenError, UnauthorizedError } from '../errors.ts';
import { Role, type Principal } from './roles.ts';
import { decodeCanonicalBase64url } from './token.ts';

/** Link lifetime: long enough to open a print dialog, short enough to be useless when leaked. */
export const LINK_TTL_S = 300;

export const DayListScope = z.object({
  kind: z.literal('day-list'),
  planId: z.number().int(),
  hospitalId: z.string().min(1),
  date: z.string().optional(),
});
export type DayListScope = z.infer<typeof DayListScope>;

const LinkPayload = z.object({
  sub: z.string().min(1),
  role: Role,
  hid: z.string().min(1).optional(),
  scope: DayListScope,
  exp: z.number().int(),
});

const PREFIX = 'l1';
const sign = (secret: string, data: string): Buffer => createHmac('sha256', secret).update(data).digest();

export function issueLinkToken(
  secret: string,
  who: Principal,
  scope: DayListScope,
  nowMs: number,
): { token: string; expiresAt: string } {
  const exp = Math.floor(nowMs / 1000) + LINK_TTL_S;
  const payload = {
    sub: who.userId,
    role: who.role,
    ...(who.hospitalId !== undefined ? { hid: who.hospitalId } : {}),
    scope,
    exp,
  };
  const signed = `${PREFIX}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return {
    token: `${signed}.${sign(secret, signed).toString('base64url')}`,
    expiresAt: new Date(exp * 1000).toISOString(),
  };
}

/** The principal the link was issued to, if the token is genuine, current and for `scope`. */
export function verifyLinkToken(
  secret: string,
  token: string,
  scope: DayListScope,
  nowMs: number,
): Principal {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== PREFIX) throw new UnauthorizedError('malformed link token');
  const [, body, sig] = parts as [string, string, string];
  const given = decodeCanonicalBase64url(sig);
  const payloadBytes = decodeCanonicalBase64url(body);
  if (given === undefined || payloadBytes === undefined) throw new UnauthorizedError('malformed link token');
  const expected = sign(secret, `${PREFIX}.${body}`);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new UnauthorizedError('invalid link token signature');
  let json: unknown;
  try {
    json = JSON.parse(payloadBytes.toString('utf8'));
  } catch {
    throw new UnauthorizedError('malformed link token');
  }
  const p = LinkPayload.safeParse(json);
  if (!p.success) throw new UnauthorizedError('malformed link token');
  if (p.data.exp * 1000 <= nowMs) throw new UnauthorizedError('link expired; ask for a new one');
  const s = p.data.scope;
  if (s.planId !== scope.planId || s.hospitalId !== scope.hospitalId || s.date !== scope.date)
    throw new ForbiddenError('this link is for another day list');
  return { userId: p.data.sub, role: p.data.role, hospitalId: p.data.hid };
}
