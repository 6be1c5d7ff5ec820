// Daily capacity factor of the region's elective theatres, as data: Swedish closure days and
// weekends give 0, the summer weeks (semester) a reduced share, every other weekday full capacity.
// The numbers are settings of a snapshot (`CalendarSettings`), these are only the Swedish defaults.
import type { CalendarSettings } from '../domain/snapshot.ts';
import { closureDaysOn } from './holidays.ts';
import { isoWeekday, isoWeekOf } from './isoWeek.ts';

/** Weeks 27–32 at 40 % staffing, no extra closure dates. Frozen: a shared default must not drift. */
export const DEFAULT_CALENDAR_SETTINGS: CalendarSettings = Object.freeze({
  summerFromWeek: 27,
  summerToWeek: 32,
  summerCapacityFactor: 0.4,
  extraClosureDates: Object.freeze([]) as unknown as string[],
});

export type CapacityReason = 'closure_day' | 'extra_closure' | 'weekend' | 'summer' | 'normal';

export interface CapacityOnDate {
  factor: number;
  reason: CapacityReason;
  /** Swedish names of the holidays / closure days on the date (empty unless reason is closure_day). */
  closureNamesSv: string[];
}

/**
 * True when the date's ISO week lies in the summer range. A range with from > to wraps the year
 * end (e.g. 52–1 for a Christmas reduction), so settings need no special case for it.
 */
export function isSummerWeek(date: string, settings: CalendarSettings): boolean {
  const { week } = isoWeekOf(date);
  const { summerFromWeek: from, summerToWeek: to } = settings;
  return from <= to ? week >= from && week <= to : week >= from || week <= to;
}

/** The capacity factor of a date with the reason behind it (for "why is this day empty?"). */
export function explainCapacityOn(date: string, settings: CalendarSettings): CapacityOnDate {
  const closures = closureDaysOn(date);
  if (closures.length > 0)
    return { factor: 0, reason: 'closure_day', closureNamesSv: closures.map((c) => c.nameSv) };
  if (settings.extraClosureDates.includes(date))
    return { factor: 0, reason: 'extra_closure', closureNamesSv: [] };
  if (isoWeekday(date) >= 6) return { factor: 0, reason: 'weekend', closureNamesSv: [] };
  if (isSummerWeek(date, settings)) {
    return { factor: settings.summerCapacityFactor, reason: 'summer', closureNamesSv: [] };
  }
  return { factor: 1, reason: 'normal', closureNamesSv: [] };
}

/** Share (0–1) of a normal weekday's elective capacity available on `date`. */
export function capacityFactorOn(date: string, settings: CalendarSettings): number {
  return explainCapacityOn(date, settings).factor;
}
