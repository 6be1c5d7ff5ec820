// Signed day-list links: valid for their one export and five minutes, bound to the secret, never
// interchangeable with login tokens.
import { describe, expect, it } from 'vitest';
import { issueLinkToken, LINK_TTL_S, verifyLinkToken, type DayListScope } from '../../src/auth/linkToken.ts';
import { issueToken } from '../../src/auth/token.ts';
import { ForbiddenError, UnauthorizedError } from '../../src/errors.ts';

const SECRET = 's'.repeat(40);
const NOW = Date.parse('2026-03-02T08:00:00Z');
const who = { userId: 'u-1', role: 'coordinator' as const, hospitalId: 'h-vaxjo' };
const scope: DayListScope = { kind: 'day-list', planId: 7, hospitalId: 'h-vaxjo', date: '2026-03-10' };

describe('day-list link tokens', () => {
  it('give back the principal for the same export until they expire', () => {
    const { token, expiresAt } = issueLinkToken(SECRET, who, scope, NOW);
    expect(Date.parse(expiresAt)).toBe(NOW + LINK_TTL_S * 1000);
    expect(verifyLinkToken(SECRET, token, scope, NOW + LINK_TTL_S * 1000 - 1)).toEqual(who);
    expect(() => verifyLinkToken(SECRET, token, scope, NOW + LINK_TTL_S * 1000)).toThrow(/expired/);
  });

  it('refuse another plan, hospital or date (403), another secret or a login token (401)', () => {
    const { token } = issueLinkToken(SECRET, who, scope, NOW);
    for (const other of [
      { planId: 8 },
      { hospitalId: 'h-ystad' },
      { date: undefined },
      { date: '2026-03-11' },
    ])
      expect(() => verifyLinkToken(SECRET, token, { ...scope, ...other }, NOW)).toThrow(ForbiddenError);
    expect(() => verifyLinkToken('t'.repeat(40), token, scope, NOW)).toThrow(UnauthorizedError);
    const login = issueToken(SECRET, { sub: 'u-1', role: 'planner', sid: 's-1', ver: 0 }, NOW, 60).token;
    expect(() => verifyLinkToken(SECRET, login, scope, NOW)).toThrow(UnauthorizedError);
  });
});
