import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  closureDates,
  closureDatesBetween,
  closureDays,
  closureDaysOn,
  easterSunday,
  isClosureDay,
  publicHolidays,
} from '../../src/calendar/holidays.ts';
import { isoWeekday } from '../../src/calendar/isoWeek.ts';
import { ValidationError } from '../../src/errors.ts';

const year = fc.integer({ min: 1900, max: 2200 });

describe('Easter (Gregorian computus)', () => {
  it.each([
    [1900, '1900-04-15'],
    [1943, '1943-04-25'],
    [2000, '2000-04-23'],
    [2008, '2008-03-23'],
    [2011, '2011-04-24'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
    [2100, '2100-03-28'],
    [2160, '2160-03-23'],
  ])('Easter Sunday %i is %s', (y, date) => {
    expect(easterSunday(y)).toBe(date);
  });

  it('property: Easter is a Sunday between 22 March and 25 April', () => {
    fc.assert(
      fc.property(year, (y) => {
        const e = easterSunday(y);
        return isoWeekday(e) === 7 && e >= `${y}-03-22` && e <= `${y}-04-25`;
      }),
    );
  });
});

describe('Swedish closure days', () => {
  it('lists 2026 completely, sorted by date', () => {
    expect(closureDays(2026).map((d) => `${d.date} ${d.nameSv} ${d.kind}`)).toEqual([
      '2026-01-01 nyårsdagen public_holiday',
      '2026-01-06 trettondedag jul public_holiday',
      '2026-04-03 långfredagen public_holiday',
      '2026-04-04 påskafton closure_day',
      '2026-04-05 påskdagen public_holiday',
      '2026-04-06 annandag påsk public_holiday',
      '2026-05-01 första maj public_holiday',
      '2026-05-14 Kristi himmelsfärdsdag public_holiday',
      '2026-05-24 pingstdagen public_holiday',
      '2026-06-06 nationaldagen public_holiday',
      '2026-06-19 midsommarafton closure_day',
      '2026-06-20 midsommardagen public_holiday',
      '2026-10-31 alla helgons dag public_holiday',
      '2026-12-24 julafton closure_day',
      '2026-12-25 juldagen public_holiday',
      '2026-12-26 annandag jul public_holiday',
      '2026-12-31 nyårsafton closure_day',
    ]);
  });

  it('midsommarafton 2026 is Friday 2026-06-19 and a closure day', () => {
    expect(closureDaysOn('2026-06-19')).toEqual([
      { date: '2026-06-19', nameSv: 'midsommarafton', nameEn: 'Midsummer Eve', kind: 'closure_day' },
    ]);
    expect(isClosureDay('2026-06-19')).toBe(true);
  });

  it('places långfredagen 2027 on 2027-03-26 and alla helgons dag on the Saturday 31 Oct–6 Nov', () => {
    expect(closureDaysOn('2027-03-26').map((d) => d.nameSv)).toEqual(['långfredagen']);
    expect(closureDaysOn('2027-11-06').map((d) => d.nameSv)).toEqual(['alla helgons dag']);
    expect(closureDaysOn('2026-10-31').map((d) => d.nameSv)).toEqual(['alla helgons dag']);
  });

  it('keeps both names when two holidays share a date (2008-05-01), but the date once', () => {
    expect(closureDaysOn('2008-05-01').map((d) => d.nameSv)).toEqual([
      'första maj',
      'Kristi himmelsfärdsdag',
    ]);
    expect(closureDays(2008)).toHaveLength(17);
    expect(closureDates(2008)).toHaveLength(16);
  });

  it('separates statutory public holidays from de-facto closure days', () => {
    const names = publicHolidays(2026).map((d) => d.nameSv);
    expect(names).toHaveLength(13);
    expect(names).not.toContain('midsommarafton');
    expect(names).not.toContain('julafton');
  });

  it('does not treat ordinary days (or plain weekends) as closure days', () => {
    expect(isClosureDay('2026-11-30')).toBe(false);
    expect(isClosureDay('2026-12-05')).toBe(false);
    expect(closureDaysOn('2026-11-30')).toEqual([]);
  });

  it('collects closure dates across a year boundary', () => {
    expect(closureDatesBetween('2026-12-20', '2027-01-10')).toEqual([
      '2026-12-24',
      '2026-12-25',
      '2026-12-26',
      '2026-12-31',
      '2027-01-01',
      '2027-01-06',
    ]);
  });

  it('returns copies: mutating a result does not change the next answer', () => {
    const first = closureDays(2026);
    first[0]!.nameSv = 'changed';
    first.pop();
    expect(closureDays(2026)[0]!.nameSv).toBe('nyårsdagen');
    expect(closureDays(2026)).toHaveLength(17);
  });

  it('rejects years outside 1900–2200 and bad dates', () => {
    expect(() => closureDays(1899)).toThrow(ValidationError);
    expect(() => closureDays(2201)).toThrow(/1900–2200/);
    expect(() => closureDays(2026.5)).toThrow(ValidationError);
    expect(() => isClosureDay('2026-02-30')).toThrow(ValidationError);
  });

  it('property: midsommar and alla helgons dag fall on their Saturdays, the eve on the Friday before', () => {
    fc.assert(
      fc.property(year, (y) => {
        const byName = new Map(closureDays(y).map((d) => [d.nameSv, d.date]));
        const midsummer = byName.get('midsommardagen')!;
        const eve = byName.get('midsommarafton')!;
        const allSaints = byName.get('alla helgons dag')!;
        return (
          isoWeekday(midsummer) === 6 &&
          midsummer >= `${y}-06-20` &&
          midsummer <= `${y}-06-26` &&
          isoWeekday(eve) === 5 &&
          eve >= `${y}-06-19` &&
          eve <= `${y}-06-25` &&
          isoWeekday(allSaints) === 6 &&
          allSaints >= `${y}-10-31` &&
          allSaints <= `${y}-11-06`
        );
      }),
    );
  });

  it('property: 17 entries per year, sorted, all inside the year', () => {
    fc.assert(
      fc.property(year, (y) => {
        const days = closureDays(y);
        return (
          days.length === 17 &&
          days.every((d, i) => d.date.startsWith(`${y}-`) && (i === 0 || days[i - 1]!.date <= d.date))
        );
      }),
    );
  });
});
