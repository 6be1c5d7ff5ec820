// Date, week and number fields read what is typed in the app's language (dashboard/src/lib/fieldParse.ts).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  parseDate,
  parseNumber,
  parseWeek,
  showNumber,
} from '../../dashboard/src/lib/fieldParse.ts';

describe('date, week and number fields', () => {
  it('reads ISO dates with or without leading zeros and dashes, refuses impossible ones', () => {
    expect(parseDate('2026-03-02')).toBe('2026-03-02');
    expect(parseDate(' 2026-3-2 ')).toBe('2026-03-02');
    expect(parseDate('20260302')).toBe('2026-03-02');
    expect(parseDate('')).toBe('');
    expect(parseDate('2026-02-30')).toBeUndefined();
    expect(parseDate('03/02/2026')).toBeUndefined();
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
  });

  it('reads ISO weeks in either case, 1–53 only', () => {
    expect(parseWeek('2026-w3')).toBe('2026-W03');
    expect(parseWeek('2026W11')).toBe('2026-W11');
    expect(parseWeek('2026-W54')).toBeUndefined();
    expect(parseWeek('v. 11')).toBeUndefined();
  });

  it('reads Swedish decimal commas, spaces and the typographic minus; English thousands commas', () => {
    expect(parseNumber('1,5', 'sv')).toBe(1.5);
    expect(parseNumber('1 234,5', 'sv')).toBe(1234.5);
    expect(parseNumber('−2', 'sv')).toBe(-2);
    expect(parseNumber('1.5', 'sv')).toBe(1.5);
    expect(parseNumber('1,234.5', 'en')).toBe(1234.5);
    expect(parseNumber('', 'en')).toBeNull();
    expect(parseNumber('1,5,5', 'sv')).toBeUndefined();
    expect(parseNumber('abc', 'en')).toBeUndefined();
    expect(showNumber(-1.5, 'sv')).toBe('−1,5');
    expect(showNumber(1.5, 'en')).toBe('1.5');
  });

  it('reads back every number it shows, in both languages', () => {
    fc.assert(
      fc.property(
        // Figures as forms meet them: up to four decimals.
        fc
          .tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 4 }))
          .map(([m, k]) => m / 10 ** k)
          .filter((n) => !Object.is(n, -0)),
        fc.constantFrom('sv' as const, 'en' as const),
        (n, lang) => parseNumber(showNumber(n, lang), lang) === n,
      ),
    );
  });
});
