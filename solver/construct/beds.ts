// The bed ledger of construction and improvement: ward beds left per hospital and horizon day, and
// the beds each placed case takes (its procedure's length of stay from its surgery day). Every
// place that adds a case to a list asks it first (through fits() in lists.ts), so no plan built
// here exceeds the beds; stays running past the horizon's end are not limited (no data there).
import type { Prepared } from '../eligibility/index.ts';

export class BedLedger {
  /** Beds left per hospital index and horizon day; Infinity where the problem has no bed data. */
  private readonly left: Float64Array[];
  private readonly days: number;

  constructor(prep: Prepared) {
    const { problem } = prep;
    this.days = prep.days;
    this.left = problem.hospitals.map(() => new Float64Array(prep.days).fill(Infinity));
    for (const b of problem.wardBeds ?? []) {
      const h = prep.hIndex.get(b.hospitalId);
      const d = b.day - problem.startDay;
      if (h === undefined || d < 0 || d >= prep.days) continue;
      (this.left[h] as Float64Array)[d] = Math.max(0, b.capacityBeds - b.bookedBeds);
    }
  }

  /** Could one more stay of `losDays` start at hospital h on day d, after freeing one of `freeLosDays`? */
  canAdd(h: number, d: number, losDays: number, freeLosDays = 0): boolean {
    const row = this.left[h];
    if (!row) return true;
    for (let t = d; t < Math.min(d + losDays, this.days); t++) {
      const freed = t < d + freeLosDays ? 1 : 0;
      if ((row[t] ?? Infinity) + freed < 1) return false;
    }
    return true;
  }

  add(h: number, d: number, losDays: number): void {
    this.shift(h, d, losDays, -1);
  }

  remove(h: number, d: number, losDays: number): void {
    this.shift(h, d, losDays, +1);
  }

  private shift(h: number, d: number, losDays: number, by: number): void {
    const row = this.left[h];
    if (!row) return;
    for (let t = d; t < Math.min(d + losDays, this.days); t++) row[t] = (row[t] ?? Infinity) + by;
  }
}

/** Length of stay (whole days ≥ 0) of a procedure index. */
export function losDays(prep: Prepared, procIndex: number): number {
  return Math.max(0, Math.round(prep.problem.procedures[procIndex]?.lengthOfStayDays ?? 0));
}
