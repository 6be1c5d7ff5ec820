// Care-guarantee (vårdgaranti) day counting, the checker's own implementation.
//
// Guarantee days on day D = (D − decisionDay) − the number of distinct days in [decisionDay, D)
// that lie in some excluded period (PvV, MoV or SoV; periods are inclusive fromDay..toDay and may
// overlap — an overlapped day is excluded once). So the count is 0 on the decision day and, without
// exclusions, 90 on decisionDay + 90. A patient is past the guarantee on D when the count on D
// exceeds the limit (rules.guaranteeDays): operated on decisionDay + 90 is in time, + 91 is not.
// Invalid input, the same in every implementation of this count (src/domain/careGuarantee.ts, the
// waiting-list SQL, solver/eligibility): a period with toDay < fromDay is refused (RangeError); an
// open-ended period (toDay = +Infinity) excludes every day from fromDay on, so its patient never
// passes the guarantee once it starts before the limit is reached (firstDayPastGuarantee = +Infinity).
// A patient who waived the guarantee for this referral (guaranteeWaived) is never past it.
import type { EpochDay, ProblemPatient } from '../model/problem.ts';

export type GuaranteePatient = Pick<ProblemPatient, 'decisionDay' | 'excludedPeriods' | 'guaranteeWaived'>;

/** Excluded periods as sorted, disjoint half-open ranges [start, end), clipped to start ≥ fromDay. */
function excludedRanges(patient: GuaranteePatient, fromDay: EpochDay): [number, number][] {
  const ranges: [number, number][] = [];
  for (const p of patient.excludedPeriods) {
    if (!(p.toDay >= p.fromDay)) {
      throw new RangeError(
        `excluded period ${p.kind} ends (day ${p.toDay}) before it starts (day ${p.fromDay})`,
      );
    }
    const start = Math.max(p.fromDay, fromDay);
    const end = p.toDay + 1;
    if (end > start) ranges.push([start, end]);
  }
  if (ranges.length <= 1) return ranges;
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last !== undefined && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** Guarantee days counted on `day` (0 on or before the decision day). */
export function guaranteeDaysOn(patient: GuaranteePatient, day: EpochDay): number {
  const from = patient.decisionDay;
  if (day <= from) return 0;
  let excluded = 0;
  for (const [start, end] of excludedRanges(patient, from)) {
    if (start >= day) break;
    excluded += Math.min(end, day) - start;
  }
  return day - from - excluded;
}

/** Is the patient past the guarantee on `day` (count > limitDays, and the guarantee not waived)? */
export function isPastGuarantee(patient: GuaranteePatient, day: EpochDay, limitDays: number): boolean {
  return patient.guaranteeWaived !== true && guaranteeDaysOn(patient, day) > limitDays;
}

/**
 * The first day D whose count exceeds limitDays: operating on D is already past the guarantee,
 * on D − 1 it is not. Linear in the number of periods.
 */
export function firstDayPastGuarantee(patient: GuaranteePatient, limitDays: number): EpochDay {
  if (patient.guaranteeWaived === true) return Number.POSITIVE_INFINITY;
  // D − 1 must be the (limitDays + 1)-th counted day on or after the decision day.
  let need = Math.max(0, Math.floor(limitDays)) + 1;
  let cur = patient.decisionDay;
  for (const [start, end] of excludedRanges(patient, patient.decisionDay)) {
    const free = start - cur;
    if (need <= free) return cur + need;
    need -= Math.max(0, free);
    cur = Math.max(cur, end);
  }
  return cur + need;
}
