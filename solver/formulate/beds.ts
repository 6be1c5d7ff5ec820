// "ward beds" in the aggregate model. A case of length of stay L operated on day d takes a bed on
// days d … d+L−1 (inside the horizon; stays past its end are not limited, as in construction).
//
// Daily x (periodDays 1): one row per hospital and day, Σ over cases whose stay covers the day ≤
// beds left by bookings — exactly the detailed rule, so the bound stays valid.
// Weekly x: the day of a case is not known, so per hospital and horizon prefix [0, T] (T = the last
// day of each week) Σ_x c·x ≤ Σ_{t ≤ T} beds left, where c is the fewest bed-days inside [0, T]
// the case can take on any day it may be operated in its week (min over allowed days d of
// min(L, T − d + 1)). Every detailed plan satisfies it (its per-day occupancy summed over the
// prefix is at least Σ c·x), so it is a valid aggregated relaxation.
import type { ModelBuilder } from '../backends/model.ts';
import type { Prepared } from '../eligibility/index.ts';
import type { PatientGroup } from './groups.ts';
import { hasDay } from '../eligibility/days.ts';

interface BedX {
  col: number;
  group: number;
  h: number;
  w: number;
}

/** Beds left per hospital index and horizon day; NaN where the problem has no bed data. */
function bedsLeft(prep: Prepared): Float64Array[] {
  const { problem } = prep;
  const left = problem.hospitals.map(() => new Float64Array(prep.days).fill(NaN));
  for (const b of problem.wardBeds ?? []) {
    const h = prep.hIndex.get(b.hospitalId);
    const d = b.day - problem.startDay;
    if (h === undefined || d < 0 || d >= prep.days) continue;
    (left[h] as Float64Array)[d] = Math.max(0, b.capacityBeds - b.bookedBeds);
  }
  return left;
}

export function addWardBeds(
  b: ModelBuilder,
  prep: Prepared,
  groups: PatientGroup[],
  xs: readonly BedX[],
  periodDays: number,
): void {
  if ((prep.problem.wardBeds ?? []).length === 0) return;
  const { days } = prep;
  const left = bedsLeft(prep);
  const los = (g: PatientGroup): number =>
    Math.max(0, Math.round(prep.problem.procedures[g.procIndex]?.lengthOfStayDays ?? 0));
  const open = (h: number, d: number): boolean => (prep.cap[h]?.[d]?.openTheatreIds.length ?? 0) > 0;
  const byH = new Map<number, BedX[]>();
  for (const x of xs) {
    const g = groups[x.group] as PatientGroup;
    if (los(g) <= 0) continue;
    const l = byH.get(x.h) ?? [];
    l.push(x);
    byH.set(x.h, l);
  }
  for (const [h, hx] of [...byH.entries()].sort((a, c) => a[0] - c[0])) {
    const row = left[h] as Float64Array;
    if (periodDays === 1) {
      for (let t = 0; t < days; t++) {
        const cap = row[t] ?? NaN;
        if (Number.isNaN(cap)) continue;
        const cols = hx
          .filter((x) => x.w <= t && t < x.w + los(groups[x.group] as PatientGroup))
          .map((x) => x.col);
        if (cols.length === 0) continue;
        b.addRow(
          `ward_beds_${h}|${t}`,
          cols,
          cols.map(() => 1),
          -Infinity,
          cap,
        );
      }
      continue;
    }
    let prefixCap = 0;
    for (let t = 0; t < days; t++) {
      prefixCap += row[t] ?? NaN;
      // One row at the end of each week (and of the horizon); none once a day lacks bed data.
      if (Number.isNaN(prefixCap)) break;
      if ((t + 1) % periodDays !== 0 && t !== days - 1) continue;
      const cols: number[] = [];
      const vals: number[] = [];
      for (const x of hx) {
        const g = groups[x.group] as PatientGroup;
        const from = x.w * periodDays;
        if (from > t) continue;
        let c = Infinity;
        for (let d = from; d < Math.min(days, from + periodDays); d++) {
          if (!hasDay(g.dayMask, d) || !open(h, d)) continue;
          c = Math.min(c, d > t ? 0 : Math.min(los(g), t - d + 1));
        }
        if (!Number.isFinite(c) || c <= 0) continue;
        cols.push(x.col);
        vals.push(c);
      }
      if (cols.length > 0) b.addRow(`ward_beds_${h}|${t}`, cols, vals, -Infinity, prefixCap);
    }
  }
}
