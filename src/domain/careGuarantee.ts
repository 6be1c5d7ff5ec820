// Vårdgaranti (the 90 in 0-3-90-90) and the medical target date (medicinskt måldatum).
//
// Counting rule, as reported to SKR: guarantee days on a date = calendar days elapsed since the
// decision to treat (beslutsdatum) minus the days covered by excluded periods (PvV, MoV, SoV).
// Precisely, the days counted on `onDate` are the days d with decisionDate <= d < onDate that lie in
// no excluded period (periods are inclusive `from`..`to`; overlaps are counted once). So
//   - on the decision date itself the count is 0, on the next day 1;
//   - without exclusions, decision + 90 days has count 90.
// A patient operated on (or still waiting on) a date whose count is <= the limit (90) is within the
// guarantee; the guarantee is breached on a date whose count is > the limit. Hence, without
// exclusions, decision 2026-01-01 -> last date within the guarantee 2026-04-01, breached from 2026-04-02.
//
// Invalid input gets one answer in every implementation of this count (here, the waiting-list SQL
// in src/waiting-list/repo.ts, the checker's solver/check/guarantee.ts and the solver's
// solver/eligibility): a period that ends before it starts is refused (here a ValidationError; the
// database cannot store one); a period without an end (open-ended, `to` absent or null: e.g. a
// patient-chosen wait "until further notice") excludes every day from `from` on.
import { epochDay, fromEpochDay, addDays } from '../calendar/isoWeek.ts';
import { ValidationError } from '../errors.ts';
import type { ExcludedPeriod, PriorityGrid } from './snapshot.ts';

export const CARE_GUARANTEE_DAYS = 90;

/** An excluded period as the counting rules take it: `to` absent or null = open-ended. */
export type GuaranteePeriod = Pick<ExcludedPeriod, 'from'> & { to?: string | null | undefined };

/** Half-open day-number interval [start, end). */
interface DayRange {
  start: number;
  end: number;
}

/** Excluded periods as sorted, disjoint day ranges, clipped to start no earlier than `fromDay`. */
function mergedExclusions(periods: readonly GuaranteePeriod[], fromDay: number): DayRange[] {
  const ranges = periods.map((p, i) => {
    const start = epochDay(p.from);
    const end = p.to === undefined || p.to === null ? Number.POSITIVE_INFINITY : epochDay(p.to) + 1;
    if (end <= start) {
      const message = `from ${p.from} is after to ${p.to}`;
      throw new ValidationError(`excludedPeriods[${i}]: ${message}`, [
        { field: `excludedPeriods[${i}]`, row: i + 1, message },
      ]);
    }
    return { start: Math.max(start, fromDay), end };
  });
  const merged: DayRange[] = [];
  for (const r of ranges.filter((r) => r.end > r.start).toSorted((a, b) => a.start - b.start)) {
    const last = merged.at(-1);
    if (last !== undefined && r.start <= last.end) {
      merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, r.end) };
    } else {
      merged.push(r);
    }
  }
  return merged;
}

function checkLimit(limitDays: number): void {
  if (!Number.isInteger(limitDays) || limitDays < 0) {
    const message = `expected a non-negative whole number of days, got ${limitDays}`;
    throw new ValidationError(`limitDays: ${message}`, [{ field: 'limitDays', message }]);
  }
}

/**
 * Guarantee days counted on `onDate` (see the file comment). 0 when `onDate` is on or before the
 * decision date.
 */
export function guaranteeDays(
  decisionDate: string,
  onDate: string,
  excludedPeriods: readonly GuaranteePeriod[] = [],
): number {
  const from = epochDay(decisionDate);
  const to = epochDay(onDate);
  if (to <= from) return 0;
  let excluded = 0;
  for (const r of mergedExclusions(excludedPeriods, from)) {
    excluded += Math.max(0, Math.min(r.end, to) - r.start);
  }
  return to - from - excluded;
}

/**
 * The last date within the guarantee: the latest date whose guarantee-day count is still
 * `limitDays` (the next day's count is limitDays + 1). Operating on this date is on time; the day
 * after is a breach. An excluded period that starts when the count reaches the limit pushes the date
 * to the day after the period, since the count does not grow during it. null when an open-ended
 * period starts before the count passes the limit: while it lasts there is no such date.
 */
export function guaranteeDate(
  decisionDate: string,
  excludedPeriods: readonly GuaranteePeriod[] = [],
  limitDays: number = CARE_GUARANTEE_DAYS,
): string | null {
  checkLimit(limitDays);
  // The answer is the (limitDays + 1)-th counted day: on it the count is limitDays, after it limitDays + 1.
  let day = epochDay(decisionDate);
  let countedToSkip = limitDays;
  for (const r of mergedExclusions(excludedPeriods, day)) {
    if (r.end <= day) continue;
    const countedBefore = r.start - day;
    if (countedToSkip < countedBefore) break;
    countedToSkip -= Math.max(0, countedBefore);
    day = r.end;
  }
  return day === Number.POSITIVE_INFINITY ? null : fromEpochDay(day + countedToSkip);
}

/** True when a patient operated on, or still waiting on, `onDate` is past the guarantee. */
export function isBreached(
  decisionDate: string,
  onDate: string,
  excludedPeriods: readonly GuaranteePeriod[] = [],
  limitDays: number = CARE_GUARANTEE_DAYS,
): boolean {
  checkLimit(limitDays);
  return guaranteeDays(decisionDate, onDate, excludedPeriods) > limitDays;
}

/**
 * Guarantee days still left on `onDate` (limitDays minus the count); negative = days past the
 * guarantee. This is counted days, not calendar days: for calendar days to the deadline use
 * daysBetween(onDate, guaranteeDate(...)), which also honours excluded periods planned ahead.
 */
export function guaranteeDaysLeft(
  decisionDate: string,
  onDate: string,
  excludedPeriods: readonly GuaranteePeriod[] = [],
  limitDays: number = CARE_GUARANTEE_DAYS,
): number {
  checkLimit(limitDays);
  return limitDays - guaranteeDays(decisionDate, onDate, excludedPeriods);
}

/**
 * Medicinskt måldatum: decision date + the priority group's maxDays in the region's grid (calendar
 * days; the surgeon's target is clinical, so PvV/MoV/SoV do not move it). The case is late on any
 * date after it, even when still inside the care guarantee.
 */
export function medicalTargetDate(decisionDate: string, priorityGroup: string, grid: PriorityGrid): string {
  const group = grid.groups.find((g) => g.group === priorityGroup);
  if (group === undefined) {
    const known = grid.groups.map((g) => g.group).join(', ');
    const message = `unknown priority group "${priorityGroup}" in the grid of region ${grid.regionId} (known: ${known})`;
    throw new ValidationError(`priorityGroup: ${message}`, [{ field: 'priorityGroup', message }]);
  }
  return addDays(decisionDate, group.maxDays);
}
