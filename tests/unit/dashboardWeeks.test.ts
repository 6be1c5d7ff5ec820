// The dashboard's ISO-week helpers (it may not import server code) agree with the server's
// calendar module on every date and week.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { datesOf, weekNumber, weekOf, addDays } from '../../dashboard/src/lib/weeks.ts';
import { addDays as addDaysServer, isoWeekDates, isoWeekStringOf } from '../../src/calendar/isoWeek.ts';

const date = fc
  .integer({ min: Date.UTC(1990, 0, 1) / 86_400_000, max: Date.UTC(2060, 11, 31) / 86_400_000 })
  .map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10));

describe('dashboard ISO weeks', () => {
  it('weekOf, datesOf and addDays equal the server calendar', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: -400, max: 400 }), (d, n) => {
        const w = weekOf(d);
        expect(w).toBe(isoWeekStringOf(d));
        expect(datesOf(w)).toEqual(isoWeekDates(w));
        expect(datesOf(w)).toContain(d);
        expect(addDays(d, n)).toBe(addDaysServer(d, n));
      }),
    );
  });
  it('a 53-week year and the week across New Year', () => {
    expect(weekOf('2026-12-31')).toBe('2026-W53');
    expect(weekOf('2027-01-03')).toBe('2026-W53');
    expect(datesOf('2026-W01')[0]).toBe('2025-12-29');
    expect(weekNumber('2026-W49')).toBe(49);
  });
});
