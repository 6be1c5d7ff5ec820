import { describe, expect, it } from 'vitest';
import {
  capacityFactorOn,
  DEFAULT_CALENDAR_SETTINGS,
  explainCapacityOn,
  isSummerWeek,
} from '../../src/calendar/summer.ts';
import { CalendarSettings } from '../../src/domain/snapshot.ts';

describe('capacity factor per date', () => {
  it('the defaults are valid CalendarSettings: weeks 27–32 at 0.4, no extra dates', () => {
    expect(CalendarSettings.parse(DEFAULT_CALENDAR_SETTINGS)).toEqual({
      summerFromWeek: 27,
      summerToWeek: 32,
      summerCapacityFactor: 0.4,
      extraClosureDates: [],
    });
    expect(Object.isFrozen(DEFAULT_CALENDAR_SETTINGS)).toBe(true);
  });

  it('a normal weekday has full capacity, a weekend none', () => {
    expect(capacityFactorOn('2026-11-30', DEFAULT_CALENDAR_SETTINGS)).toBe(1);
    expect(capacityFactorOn('2026-12-05', DEFAULT_CALENDAR_SETTINGS)).toBe(0);
    expect(explainCapacityOn('2026-12-06', DEFAULT_CALENDAR_SETTINGS).reason).toBe('weekend');
  });

  it('summer weeks 27–32 keep the summer factor on weekdays, not on weekends', () => {
    // 2026-W27 starts on Monday 2026-06-29; 2026-W32 ends on Sunday 2026-08-09.
    expect(capacityFactorOn('2026-06-26', DEFAULT_CALENDAR_SETTINGS)).toBe(1);
    expect(capacityFactorOn('2026-06-29', DEFAULT_CALENDAR_SETTINGS)).toBe(0.4);
    expect(capacityFactorOn('2026-08-07', DEFAULT_CALENDAR_SETTINGS)).toBe(0.4);
    expect(capacityFactorOn('2026-08-08', DEFAULT_CALENDAR_SETTINGS)).toBe(0);
    expect(capacityFactorOn('2026-08-10', DEFAULT_CALENDAR_SETTINGS)).toBe(1);
  });

  it('closure days give 0 and say which holiday', () => {
    expect(explainCapacityOn('2026-06-19', DEFAULT_CALENDAR_SETTINGS)).toEqual({
      factor: 0,
      reason: 'closure_day',
      closureNamesSv: ['midsommarafton'],
    });
    expect(capacityFactorOn('2027-03-26', DEFAULT_CALENDAR_SETTINGS)).toBe(0);
    expect(capacityFactorOn('2026-05-14', DEFAULT_CALENDAR_SETTINGS)).toBe(0);
  });

  it('extra closure dates of the settings give 0', () => {
    const settings = { ...DEFAULT_CALENDAR_SETTINGS, extraClosureDates: ['2026-11-30'] };
    expect(explainCapacityOn('2026-11-30', settings)).toEqual({
      factor: 0,
      reason: 'extra_closure',
      closureNamesSv: [],
    });
    expect(capacityFactorOn('2026-12-01', settings)).toBe(1);
  });

  it('a summer range with from > to wraps the year end', () => {
    const winter = { ...DEFAULT_CALENDAR_SETTINGS, summerFromWeek: 52, summerToWeek: 1 };
    expect(isSummerWeek('2026-12-28', winter)).toBe(true); // 2026-W53
    expect(isSummerWeek('2027-01-05', winter)).toBe(true); // 2027-W01
    expect(isSummerWeek('2027-01-12', winter)).toBe(false);
    expect(capacityFactorOn('2026-12-28', winter)).toBe(0.4);
  });
});
