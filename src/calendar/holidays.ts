// Swedish public holidays (allmänna helgdagar, lag (1989:253); the names are spelled as in that law,
// e.g. "Kristi himmelsfärdsdag") and the de-facto closure days around
// them, on which elective theatres do not run. The rule set is today's law (since 2005: nationaldagen
// added, annandag pingst removed) applied to every supported year; opflow plans the present and the
// future, so the historical rule changes (1953, 2005) are deliberately not modelled.
import { ValidationError } from '../errors.ts';
import { addDays, epochDay, fromEpochDay, isoWeekday } from './isoWeek.ts';

export type ClosureKind = 'public_holiday' | 'closure_day';

export interface ClosureDay {
  date: string;
  nameSv: string;
  nameEn: string;
  /** `public_holiday` by law; `closure_day` by custom (eves on which hospitals run as on a holiday). */
  kind: ClosureKind;
}

export const MIN_HOLIDAY_YEAR = 1900;
export const MAX_HOLIDAY_YEAR = 2200;

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_HOLIDAY_YEAR || year > MAX_HOLIDAY_YEAR) {
    const message = `expected a year ${MIN_HOLIDAY_YEAR}–${MAX_HOLIDAY_YEAR}, got ${year}`;
    throw new ValidationError(`year: ${message}`, [{ field: 'year', message }]);
  }
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const ymd = (year: number, month: number, day: number) => `${year}-${pad2(month)}-${pad2(day)}`;

/**
 * Easter Sunday (Gregorian), by the anonymous Gregorian computus: the first Sunday after the
 * ecclesiastical full moon on or after 21 March. Integer arithmetic only; exact for every Gregorian year.
 */
export function easterSunday(year: number): string {
  checkYear(year);
  const golden = year % 19; // position in the 19-year Metonic cycle
  const century = Math.floor(year / 100);
  const yearInCentury = year % 100;
  const centuryLeaps = Math.floor(century / 4); // century years that stay leap years (1600, 2000, …)
  const centuryRest = century % 4;
  const lunarCorrection = Math.floor((century + 8) / 25);
  const solarLunarShift = Math.floor((century - lunarCorrection + 1) / 3);
  // Days from 21 March to the ecclesiastical full moon (epact-derived).
  const fullMoonOffset = (19 * golden + century - centuryLeaps - solarLunarShift + 15) % 30;
  const leapCycle = Math.floor(yearInCentury / 4);
  const yearRest = yearInCentury % 4;
  // Days from the full moon to the following Sunday.
  const toSunday = (32 + 2 * centuryRest + 2 * leapCycle - fullMoonOffset - yearRest) % 7;
  // Two historical exceptions of the Gregorian tables (the 25/26 April corrections).
  const exception = Math.floor((golden + 11 * fullMoonOffset + 22 * toSunday) / 451);
  const marchDay = fullMoonOffset + toSunday - 7 * exception + 114; // day counted as month*31 + day - 1
  const month = Math.floor(marchDay / 31);
  const day = (marchDay % 31) + 1;
  return ymd(year, month, day);
}

/** The Saturday in [fromDate, fromDate + 6]. */
function saturdayFrom(fromDate: string): string {
  return addDays(fromDate, (6 - isoWeekday(fromDate) + 7) % 7);
}

function entry(date: string, nameSv: string, nameEn: string, kind: ClosureKind): ClosureDay {
  return { date, nameSv, nameEn, kind };
}

function computeClosureDays(year: number): readonly ClosureDay[] {
  const easter = easterSunday(year);
  const midsummerDay = saturdayFrom(ymd(year, 6, 20));
  const allSaints = saturdayFrom(ymd(year, 10, 31));
  const H = 'public_holiday' as const;
  const C = 'closure_day' as const;
  const days = [
    entry(ymd(year, 1, 1), 'nyårsdagen', "New Year's Day", H),
    entry(ymd(year, 1, 6), 'trettondedag jul', 'Epiphany', H),
    entry(addDays(easter, -2), 'långfredagen', 'Good Friday', H),
    entry(addDays(easter, -1), 'påskafton', 'Easter Eve', C),
    entry(easter, 'påskdagen', 'Easter Sunday', H),
    entry(addDays(easter, 1), 'annandag påsk', 'Easter Monday', H),
    entry(ymd(year, 5, 1), 'första maj', 'May Day', H),
    entry(addDays(easter, 39), 'Kristi himmelsfärdsdag', 'Ascension Day', H),
    entry(addDays(easter, 49), 'pingstdagen', 'Whit Sunday', H),
    entry(ymd(year, 6, 6), 'nationaldagen', 'National Day of Sweden', H),
    entry(addDays(midsummerDay, -1), 'midsommarafton', 'Midsummer Eve', C),
    entry(midsummerDay, 'midsommardagen', 'Midsummer Day', H),
    entry(allSaints, 'alla helgons dag', "All Saints' Day", H),
    entry(ymd(year, 12, 24), 'julafton', 'Christmas Eve', C),
    entry(ymd(year, 12, 25), 'juldagen', 'Christmas Day', H),
    entry(ymd(year, 12, 26), 'annandag jul', 'Boxing Day', H),
    entry(ymd(year, 12, 31), 'nyårsafton', "New Year's Eve", C),
  ];
  // Stable sort keeps the legal order above when two fall on one date (e.g. 2008-05-01 is both
  // första maj and Kristi himmelsfärdsdag), so output is deterministic.
  return Object.freeze(days.toSorted((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)));
}

// The list of a year never changes, and `isClosureDay` is asked once per date per hospital.
const cache = new Map<number, readonly ClosureDay[]>();
function cached(year: number): readonly ClosureDay[] {
  checkYear(year);
  let days = cache.get(year);
  if (days === undefined) {
    days = computeClosureDays(year);
    cache.set(year, days);
  }
  return days;
}

/**
 * Public holidays and de-facto closure days of a year, sorted by date. A date may appear twice when
 * two holidays coincide; use `closureDates` for distinct dates. Fresh objects: callers may keep them.
 */
export function closureDays(year: number): ClosureDay[] {
  return cached(year).map((d) => ({ ...d }));
}

/** Only the statutory public holidays (kind `public_holiday`). */
export function publicHolidays(year: number): ClosureDay[] {
  return closureDays(year).filter((d) => d.kind === 'public_holiday');
}

/** Distinct closure dates of a year, ascending. */
export function closureDates(year: number): string[] {
  return [...new Set(cached(year).map((d) => d.date))];
}

/** The holidays / closure days falling on a date (empty on an ordinary day); explains a zero capacity. */
export function closureDaysOn(date: string): ClosureDay[] {
  epochDay(date); // validates the date before its year is read
  return cached(Number(date.slice(0, 4)))
    .filter((d) => d.date === date)
    .map((d) => ({ ...d }));
}

/** True on a Swedish public holiday or de-facto closure day (weekends are not closure days here). */
export function isClosureDay(date: string): boolean {
  epochDay(date);
  return cached(Number(date.slice(0, 4))).some((d) => d.date === date);
}

/** Distinct closure dates in [fromDate, toDate] inclusive, possibly spanning several years. */
export function closureDatesBetween(fromDate: string, toDate: string): string[] {
  const from = epochDay(fromDate);
  const to = epochDay(toDate);
  if (to < from) return [];
  const out: string[] = [];
  for (let y = Number(fromEpochDay(from).slice(0, 4)); y <= Number(fromEpochDay(to).slice(0, 4)); y++) {
    for (const d of closureDates(y)) if (d >= fromDate && d <= toDate) out.push(d);
  }
  return out;
}
