// Properties of the small security primitives: safe text, canonical base64url, pseudonyms,
// lockout back-off, the log extract's filter.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSafeText, unsafeTextIssues } from '../../src/domain/safeText.ts';
import { decodeCanonicalBase64url, issueToken, verifyToken } from '../../src/auth/token.ts';
import { configurePseudonyms, pseudonym, pseudonymiseText } from '../../src/auth/scoping.ts';
import { afterFailure, LOCK_AFTER, LOCK_BASE_S, LOCK_MAX_S, retryAfterS } from '../../src/auth/lockout.ts';
import type { LockoutRow } from '../../src/db/lockoutRepo.ts';
import { onlyPatient } from '../../src/audit/service.ts';

describe('safe text', () => {
  it('is exactly the text that survives UTF-8 unchanged and has no NUL', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (s) => {
        const roundTrips = Buffer.from(s, 'utf8').toString('utf8') === s;
        expect(isSafeText(s)).toBe(roundTrips && !s.includes('\u0000'));
      }),
      { numRuns: 500 },
    );
  });
  it('names the field of every unsafe string, keys included', () => {
    expect(unsafeTextIssues({ a: ['ok', 'x\ud800'], b: { c: 'nul\u0000' }, 'k\udc00': 1 }, 'body')).toEqual([
      { field: 'body.a[1]', message: expect.any(String) },
      { field: 'body.b.c', message: expect.any(String) },
      { field: 'body.(key)', message: expect.any(String) },
    ]);
  });
});

describe('canonical base64url', () => {
  it('accepts the encoding of any bytes and only that spelling', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 48 }), fc.string({ maxLength: 8 }), (bytes, junk) => {
        const text = Buffer.from(bytes).toString('base64url');
        expect(decodeCanonicalBase64url(text)?.equals(Buffer.from(bytes))).toBe(true);
        for (const other of [`${text}=`, `${text}${junk}`, text.replace(/-/g, '+').replace(/_/g, '/')]) {
          const d = decodeCanonicalBase64url(other);
          if (d !== undefined) expect(d.toString('base64url')).toBe(other);
        }
      }),
    );
  });
});

describe('pseudonyms', () => {
  it('are stable per role, differ between roles and keys, and never contain the id', () => {
    configurePseudonyms('k'.repeat(40));
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,20}$/), (id) => {
        const a = pseudonym('analyst', id);
        expect(pseudonym('analyst', id)).toBe(a);
        expect(pseudonym('admin', id)).not.toBe(a);
        expect(a).toMatch(/^ps-[\w-]{16}$/);
        expect(a.slice(3)).not.toBe(id);
      }),
    );
    const before = pseudonym('analyst', 'w-1');
    configurePseudonyms('j'.repeat(40));
    expect(pseudonym('analyst', 'w-1')).not.toBe(before);
  });
  it('coarsen exact dates to the month and drop personnummer in free text', () => {
    expect(pseudonymiseText('Beslut 2026-03-02, pnr 19500101-9801, mål 2026-04-15')).toBe(
      'Beslut 2026-03, pnr [borttaget], mål 2026-04',
    );
  });
});

describe('account lockout', () => {
  it(`locks after ${LOCK_AFTER} failures, doubling per lock up to the cap; open again when the lock ends`, () => {
    let s: LockoutRow = { failures: 0, locks: 0, lockedUntil: undefined };
    let now = 0;
    const lengths: number[] = [];
    for (let lock = 0; lock < 8; lock++) {
      let got: number | undefined;
      for (let i = 0; i < LOCK_AFTER; i++) {
        expect(retryAfterS(s, now)).toBeUndefined();
        const r = afterFailure(s, now);
        s = r.next;
        got = r.lockedForS;
        if (i < LOCK_AFTER - 1) expect(got).toBeUndefined();
      }
      lengths.push(got as number);
      expect(retryAfterS(s, now + 1000)).toBe((got as number) - 1);
      now += (got as number) * 1000;
    }
    expect(lengths.slice(0, 3)).toEqual([LOCK_BASE_S, 2 * LOCK_BASE_S, 4 * LOCK_BASE_S]);
    expect(Math.max(...lengths)).toBe(LOCK_MAX_S);
    expect(retryAfterS(undefined, now)).toBeUndefined();
  });
});

describe('log extract', () => {
  it('keeps only the requested patient of a list-read row', () => {
    const row = {
      id: 1,
      at: '2026-03-02T08:00:00.000Z',
      userId: 'u-p',
      role: 'planner',
      action: 'patient.list',
      patientId: undefined,
      hospitalId: undefined,
      details: {
        patientIds: ['a', 'b', 'c'],
        filter: { limit: 3 },
        moves: [{ patientId: 'b' }, { patientId: 'a' }],
        note: 'c',
      },
    };
    expect(onlyPatient(row, 'a').details).toEqual({
      patientIds: ['a'],
      patientsShown: 3,
      filter: { limit: 3 },
      moves: [{ patientId: 'a' }],
    });
  });
});

describe('token spelling', () => {
  const SECRET = 't'.repeat(40);
  /** Genuine tokens until one whose signature has a `-` or `_` (so the alphabet swap changes it). */
  const genuine = (): string => {
    for (let i = 0; ; i++) {
      const { token } = issueToken(SECRET, { sub: 'u-1', role: 'planner', sid: `s${i}`, ver: 0 }, 0, 60);
      if (/[-_]/.test(token.split('.')[2]!)) return token;
    }
  };
  /** The same bytes with a non-zero value in the unused low bits of the last character. */
  const strayBits = (part: string): string => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(part.at(-1)!);
    return part.slice(0, -1) + alphabet[last ^ 1];
  };

  it('refuses every other spelling of a genuine token (padding, standard alphabet, stray bits)', () => {
    const t = genuine();
    const [v, body, sig] = t.split('.') as [string, string, string];
    expect(verifyToken(SECRET, t, 1000).sub).toBe('u-1');
    // 32 signature bytes → 43 characters whose last carries 2 unused bits.
    expect(sig).toHaveLength(43);
    const others = [
      `${v}.${body}.${sig}=`,
      `${v}.${body}.${sig.replace(/-/g, '+').replace(/_/g, '/')}`,
      `${v}.${body}.${strayBits(sig)}`,
      `${v}.${body}=.${sig}`,
      ` ${t}`,
    ];
    for (const o of others) {
      expect(o).not.toBe(t);
      // Each decodes to the same bytes in a lenient decoder: only the spelling differs.
      expect(Buffer.from(o.split('.')[2]!.trim(), 'base64').equals(Buffer.from(sig, 'base64url'))).toBe(true);
      expect(() => verifyToken(SECRET, o, 1000)).toThrow(/malformed/);
    }
  });
});
