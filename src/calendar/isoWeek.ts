// ISO 8601 weeks and day arithmetic on civil dates `YYYY-MM-DD`. Swedish planners speak in ISO
// weeks ("vecka 48"), so every planning horizon starts on an ISO Monday. Dates are plain strings
// (the Europe/Stockholm civil date); arithmetic goes through an integer day number so there is no
// time of day, no time zone and no DST anywhere in this file.
import { ValidationError } from '../errors.ts';

/** An ISO week: the ISO week-numbering year (may differ from the calendar year) and week 1–53. */
export interface IsoWeek {
  year: number;
  week: number;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const WEEK_RE = /^(\d{4})-W(\d{2})$/;
const MS_PER_DAY = 86_400_000;

function invalid(field: string, message: string): ValidationError {
  return new ValidationError(`${field}: ${message}`, [{ field, message }]);
}

/** Days since 1970-01-01 (negative before). Throws a ValidationError on a malformed or unreal date. */
export function epochDay(date: string): number {
  const m = DATE_RE.exec(date);
  if (m === null) throw invalid('date', `expected a date YYYY-MM-DD, got "${date}"`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  // setUTCFullYear rather than Date.UTC: Date.UTC maps years 0–99 to 1900–1999.
  const t = new Date(0);
  t.setUTCFullYear(year, month - 1, day);
  if (t.getUTCFullYear() !== year || t.getUTCMonth() !== month - 1 || t.getUTCDate() !== day) {
    throw invalid('date', `"${date}" is not a real calendar date`);
  }
  return Math.round(t.getTime() / MS_PER_DAY);
}

/** The civil date `YYYY-MM-DD` of a day number (inverse of `epochDay`) for years 0000–9999. */
export function fromEpochDay(dayNumber: number): string {
  if (!Number.isInteger(dayNumber)) throw invalid('epochDay', `expected an integer, got ${dayNumber}`);
  const t = new Date(dayNumber * MS_PER_DAY);
  const year = t.getUTCFullYear();
  if (!(year >= 0 && year <= 9999)) throw invalid('epochDay', `${dayNumber} is outside years 0000–9999`);
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(year, 4)}-${pad(t.getUTCMonth() + 1, 2)}-${pad(t.getUTCDate(), 2)}`;
}

export function isIsoDate(value: string): boolean {
  try {
    epochDay(value);
    return true;
  } catch {
    return false;
  }
}

export function addDays(date: string, days: number): string {
  return fromEpochDay(epochDay(date) + days);
}

/** Calendar days from `a` to `b` (positive when `b` is later): daysBetween(d, addDays(d, n)) === n. */
export function daysBetween(a: string, b: string): number {
  return epochDay(b) - epochDay(a);
}

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  // 1970-01-01 was a Thursday (ISO weekday 4); the double modulo keeps negative days in 0–6.
  return ((((epochDay(date) + 3) % 7) + 7) % 7) + 1;
}

/** Day number of the Monday of ISO week 1: the week that contains 4 January. */
function week1MondayDay(isoYear: number): number {
  const jan4 = epochDay(`${String(isoYear).padStart(4, '0')}-01-04`);
  return jan4 - (isoWeekday(fromEpochDay(jan4)) - 1);
}

/** 53 when the year starts on a Thursday, or is a leap year starting on a Wednesday; else 52. */
export function isoWeeksInYear(isoYear: number): 52 | 53 {
  return week1MondayDay(isoYear + 1) - week1MondayDay(isoYear) === 53 * 7 ? 53 : 52;
}

/** The ISO week containing a date, e.g. 2027-01-01 -> { year: 2026, week: 53 }. */
export function isoWeekOf(date: string): IsoWeek {
  const day = epochDay(date);
  // The Thursday of a date's week decides its ISO year (ISO 8601's "week with the year's first Thursday").
  const thursday = day - (isoWeekday(date) - 1) + 3;
  const year = Number(fromEpochDay(thursday).slice(0, 4));
  return { year, week: Math.floor((thursday - week1MondayDay(year)) / 7) + 1 };
}

export function formatIsoWeek(week: IsoWeek): string {
  return `${String(week.year).padStart(4, '0')}-W${String(week.week).padStart(2, '0')}`;
}

/** `isoWeekOf` as text, e.g. "2026-W49". */
export function isoWeekStringOf(date: string): string {
  return formatIsoWeek(isoWeekOf(date));
}

/**
 * Parse "YYYY-Www" (e.g. "2026-W49"). Throws a ValidationError on a bad form or a week the year
 * does not have (W00, W54, or W53 of a 52-week year).
 */
export function parseIsoWeek(text: string, field = 'week'): IsoWeek {
  const m = WEEK_RE.exec(text);
  if (m === null) throw invalid(field, `expected an ISO week such as 2026-W49, got "${text}"`);
  const year = Number(m[1]);
  const week = Number(m[2]);
  // Year 0000 has no week-1 Monday inside the supported date range.
  if (year < 1) throw invalid(field, `year must be 0001–9999, got "${text}"`);
  const weeks = isoWeeksInYear(year);
  if (week < 1 || week > weeks) {
    throw invalid(field, `${year} has ISO weeks 01–${weeks}, got "${text}"`);
  }
  return { year, week };
}

function toWeek(week: string | IsoWeek): IsoWeek {
  return typeof week === 'string' ? parseIsoWeek(week) : parseIsoWeek(formatIsoWeek(week));
}

/** Monday of an ISO week: "2026-W49" -> "2026-11-30". */
export function isoWeekMonday(week: string | IsoWeek): string {
  const w = toWeek(week);
  return fromEpochDay(week1MondayDay(w.year) + (w.week - 1) * 7);
}

/** The seven dates Monday … Sunday of an ISO week. */
export function isoWeekDates(week: string | IsoWeek): string[] {
  const monday = epochDay(isoWeekMonday(week));
  return Array.from({ length: 7 }, (_, i) => fromEpochDay(monday + i));
}

/** The ISO week `n` weeks after (negative: before) `week`, crossing year ends correctly. */
export function addIsoWeeks(week: string | IsoWeek, n: number): string {
  return isoWeekStringOf(addDays(isoWeekMonday(week), n * 7));
}
