import { describe, expect, it } from 'vitest';
import {
  localDateOf,
  localDayLengthMin,
  localTimeOf,
  localToInstant,
  minutesBetweenLocal,
  minutesSinceLocalMidnight,
} from '../../src/calendar/stockholm.ts';
import { ValidationError } from '../../src/errors.ts';

describe('Europe/Stockholm wall clock', () => {
  it('converts a local time to an instant with the right offset', () => {
    expect(localToInstant('2026-01-15', '07:30')).toBe('2026-01-15T07:30:00+01:00');
    expect(localToInstant('2026-07-15', '07:30')).toBe('2026-07-15T07:30:00+02:00');
    expect(localToInstant('2026-07-15', '07:30', 90)).toBe('2026-07-15T09:00:00+02:00');
  });

  it('spring change 2026-03-29: the day has 23 hours and 02:xx does not exist', () => {
    expect(localDayLengthMin('2026-03-29')).toBe(23 * 60);
    expect(minutesSinceLocalMidnight('2026-03-29', '07:30')).toBe(390);
    expect(minutesSinceLocalMidnight('2026-03-29', '03:00')).toBe(120);
    // 180 real minutes after midnight is 04:00 summer time, not 03:00.
    expect(localToInstant('2026-03-29', '00:00', 180)).toBe('2026-03-29T04:00:00+02:00');
    expect(() => localToInstant('2026-03-29', '02:30')).toThrow(/does not exist/);
  });

  it('autumn change 2026-10-25: the day has 25 hours and 02:30 resolves to its first occurrence', () => {
    expect(localDayLengthMin('2026-10-25')).toBe(25 * 60);
    expect(minutesSinceLocalMidnight('2026-10-25', '07:30')).toBe(510);
    expect(localToInstant('2026-10-25', '02:30')).toBe('2026-10-25T02:30:00+02:00');
    expect(localToInstant('2026-10-25', '02:30', 60)).toBe('2026-10-25T02:30:00+01:00');
    expect(minutesBetweenLocal('2026-10-25', '02:30', '2026-10-25', '03:00')).toBe(90);
  });

  it('ordinary days have 1440 minutes and a Monday-to-next-Monday week spans a DST change correctly', () => {
    expect(localDayLengthMin('2026-11-30')).toBe(1440);
    expect(minutesSinceLocalMidnight('2026-11-30', '07:30')).toBe(450);
    expect(minutesBetweenLocal('2026-03-23', '00:00', '2026-03-30', '00:00')).toBe(7 * 1440 - 60);
  });

  it('gives the Stockholm date and time of an instant', () => {
    expect(localDateOf('2026-10-24T23:30:00Z')).toBe('2026-10-25');
    expect(localTimeOf('2026-10-24T23:30:00Z')).toBe('01:30');
    expect(localDateOf('2026-03-28T23:30:00Z')).toBe('2026-03-29');
    expect(localTimeOf('2026-03-29T01:30:00Z')).toBe('03:30');
    expect(localDateOf(localToInstant('2026-03-29', '23:59'))).toBe('2026-03-29');
  });

  it('rejects bad times and instants without an offset', () => {
    expect(() => localToInstant('2026-01-15', '7:30')).toThrow(ValidationError);
    expect(() => localToInstant('2026-01-15', '24:00')).toThrow(/HH:MM/);
    expect(() => localToInstant('2026-02-30', '07:30')).toThrow(ValidationError);
    expect(() => localDateOf('2026-10-25T02:30:00')).toThrow(/with offset/);
    expect(() => localDateOf('not a dateZ')).toThrow(ValidationError);
  });
});
