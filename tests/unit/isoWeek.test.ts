import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addIsoWeeks,
  daysBetween,
  epochDay,
  formatIsoWeek,
  fromEpochDay,
  isIsoDate,
  isoWeekDates,
  isoWeekday,
  isoWeekMonday,
  isoWeekOf,
  isoWeeksInYear,
  isoWeekStringOf,
  parseIsoWeek,
} from '../../src/calendar/isoWeek.ts';
import { ValidationError } from '../../src/errors.ts';

// Day numbers of 1900-01-01 .. 2200-12-31, the range the planner cares about.
const dayInRange = fc.integer({ min: epochDay('1900-01-01'), max: epochDay('2200-12-31') });
const dateInRange = dayInRange.map(fromEpochDay);

describe('day arithmetic', () => {
  it('numbers days from 1970-01-01', () => {
    expect(epochDay('1970-01-01')).toBe(0);
    expect(epochDay('1970-01-02')).toBe(1);
    expect(epochDay('1969-12-31')).toBe(-1);
    expect(epochDay('2000-03-01')).toBe(11017);
    expect(fromEpochDay(11017)).toBe('2000-03-01');
  });

  it('handles years 0000–0099 without the Date.UTC two-digit-year trap', () => {
    expect(fromEpochDay(epochDay('0050-06-15'))).toBe('0050-06-15');
  });

  it('adds days across month, leap-day and year boundaries', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(daysBetween('2026-01-01', '2026-04-01')).toBe(90);
    expect(daysBetween('2026-04-01', '2026-01-01')).toBe(-90);
  });

  it('gives ISO weekdays 1 = Monday … 7 = Sunday', () => {
    expect(isoWeekday('2026-11-30')).toBe(1);
    expect(isoWeekday('2026-12-06')).toBe(7);
    expect(isoWeekday('1970-01-01')).toBe(4);
    expect(isoWeekday('1969-12-29')).toBe(1);
  });

  it('rejects malformed and unreal dates with a ValidationError', () => {
    for (const bad of ['2026-02-29', '2026-13-01', '2026-1-01', '26-01-01', '2026-01-01T00:00', '']) {
      expect(() => epochDay(bad)).toThrow(ValidationError);
      expect(isIsoDate(bad)).toBe(false);
    }
    expect(() => epochDay('2026-02-30')).toThrow(/not a real calendar date/);
    expect(isIsoDate('2028-02-29')).toBe(true);
  });

  it('property: epochDay and fromEpochDay are inverse', () => {
    fc.assert(fc.property(dayInRange, (n) => epochDay(fromEpochDay(n)) === n));
    fc.assert(fc.property(dateInRange, (d) => fromEpochDay(epochDay(d)) === d));
  });

  it('property: addDays and daysBetween agree', () => {
    fc.assert(
      fc.property(
        dateInRange,
        fc.integer({ min: -5000, max: 5000 }),
        (d, n) => daysBetween(d, addDays(d, n)) === n,
      ),
    );
  });
});

describe('ISO weeks', () => {
  it('finds the Monday of a week: 2026-W49 starts on 2026-11-30', () => {
    expect(isoWeekMonday('2026-W49')).toBe('2026-11-30');
    expect(isoWeekMonday({ year: 2026, week: 49 })).toBe('2026-11-30');
    expect(isoWeekMonday('2026-W01')).toBe('2025-12-29');
    expect(isoWeekMonday('2027-W01')).toBe('2027-01-04');
  });

  it('lists the seven dates Monday … Sunday', () => {
    expect(isoWeekDates('2026-W49')).toEqual([
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
      '2026-12-05',
      '2026-12-06',
    ]);
  });

  it('knows 2026 has 53 ISO weeks (it starts on a Thursday) and 2027 has 52', () => {
    expect(isoWeeksInYear(2026)).toBe(53);
    expect(isoWeeksInYear(2027)).toBe(52);
    expect(isoWeeksInYear(2020)).toBe(53); // leap year starting on a Wednesday
    expect(isoWeeksInYear(2032)).toBe(53); // leap year starting on a Thursday
    expect(isoWeekDates('2026-W53')).toEqual([
      '2026-12-28',
      '2026-12-29',
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
      '2027-01-03',
    ]);
  });

  it('puts dates near the year end in the right ISO year', () => {
    expect(isoWeekOf('2027-01-01')).toEqual({ year: 2026, week: 53 });
    expect(isoWeekStringOf('2027-01-03')).toBe('2026-W53');
    expect(isoWeekStringOf('2027-01-04')).toBe('2027-W01');
    expect(isoWeekStringOf('2024-12-30')).toBe('2025-W01');
    expect(isoWeekStringOf('2025-12-28')).toBe('2025-W52');
    expect(isoWeekStringOf('2021-01-03')).toBe('2020-W53');
    expect(isoWeekStringOf('2026-11-30')).toBe('2026-W49');
  });

  it('parses and formats "YYYY-Www"', () => {
    expect(parseIsoWeek('2026-W09')).toEqual({ year: 2026, week: 9 });
    expect(formatIsoWeek({ year: 2026, week: 9 })).toBe('2026-W09');
  });

  it('rejects weeks a year does not have and malformed strings, naming the problem', () => {
    expect(() => parseIsoWeek('2026-W54')).toThrow(/2026 has ISO weeks 01–53/);
    expect(() => parseIsoWeek('2027-W53')).toThrow(/2027 has ISO weeks 01–52/);
    expect(() => parseIsoWeek('2026-W00')).toThrow(ValidationError);
    for (const bad of ['2026-49', '2026W49', '2026-W4', 'W49', '2026-w49', '']) {
      expect(() => parseIsoWeek(bad)).toThrow(/expected an ISO week such as 2026-W49/);
    }
    expect(() => isoWeekMonday({ year: 2027, week: 53 })).toThrow(ValidationError);
  });

  it('steps weeks across a 53-week year end', () => {
    expect(addIsoWeeks('2026-W52', 1)).toBe('2026-W53');
    expect(addIsoWeeks('2026-W53', 1)).toBe('2027-W01');
    expect(addIsoWeeks('2027-W01', -1)).toBe('2026-W53');
  });

  it('property: every date lies in its ISO week, on its weekday', () => {
    fc.assert(
      fc.property(dateInRange, (d) => {
        const dates = isoWeekDates(isoWeekOf(d));
        return dates.length === 7 && dates[isoWeekday(d) - 1] === d;
      }),
    );
  });

  it('property: week strings round-trip through parse and Monday', () => {
    fc.assert(
      fc.property(dateInRange, (d) => {
        const week = isoWeekStringOf(d);
        const monday = isoWeekMonday(parseIsoWeek(week));
        return (
          isoWeekday(monday) === 1 &&
          isoWeekStringOf(monday) === week &&
          formatIsoWeek(parseIsoWeek(week)) === week
        );
      }),
    );
  });
});
