// ISO weeks on the screen and in forms: "2026-W11" <-> its seven dates, and "v. 11" for people.
// Pure date arithmetic in UTC (dates are calendar days; no time zone is involved).
import type { I18n } from './i18n.ts';

const DAY_MS = 86_400_000;

const utc = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);
const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The Monday of an ISO week "YYYY-Www". */
function mondayOf(week: string): string {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  if (m === null) throw new Error(`not an ISO week: ${week}`);
  const year = Number(m[1]);
  const jan4 = Date.UTC(year, 0, 4);
  const jan4Weekday = (new Date(jan4).getUTCDay() + 6) % 7; // Monday = 0
  return iso(jan4 - jan4Weekday * DAY_MS + (Number(m[2]) - 1) * 7 * DAY_MS);
}

/** The seven dates (Monday first) of an ISO week. */
export function datesOf(week: string): string[] {
  const mon = utc(mondayOf(week));
  return Array.from({ length: 7 }, (_, k) => iso(mon + k * DAY_MS));
}

/** The ISO week "YYYY-Www" a date lies in. */
export function weekOf(date: string): string {
  const ms = utc(date);
  const weekday = (new Date(ms).getUTCDay() + 6) % 7;
  const thursday = ms + (3 - weekday) * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  const n = Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(n).padStart(2, '0')}`;
}

/** The week number alone, for "v. 11". */
export const weekNumber = (week: string): number => Number(week.slice(-2));

export const addDays = (date: string, n: number): string => iso(utc(date) + n * DAY_MS);

/** "v. 12" (Swedish) / "wk 12" for an ISO week "2026-W12"; anything else as given. */
export function weekLabel(i: Pick<I18n, 't'>, week: string): string {
  return /^\d{4}-W\d{2}$/.test(week) ? i.t('week.label', { n: weekNumber(week) }) : week;
}

/** A plan as people name it: "v. 12, version 2" (never its internal id); "ny plan" before it is known. */
export function planLabel(
  i: Pick<I18n, 't'>,
  p: { week?: unknown; version?: unknown } | null | undefined,
): string {
  if (typeof p?.week !== 'string') return i.t('plan.unnamed');
  const week = weekLabel(i, p.week);
  return typeof p.version === 'number' ? i.t('plan.weekVersion', { week, version: p.version }) : week;
}
