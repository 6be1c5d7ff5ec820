// Relocation moves (ADR 0018): a booked case moves to another list of its specialty — another
// hospital or day it is allowed — where it is worth more (less travel, no cross-region payment, an
// earlier day) and fits. Nobody is unbooked, so the objective only rises; the room left behind is
// filled and repaired by the caller. A case never moves into a list on a worse term.
import { hasDay } from '../eligibility/days.ts';
import { benefit, type Prepared, type PreparedPatient } from '../eligibility/index.ts';
import { addCase, fits, removeCase, type WorkList } from '../construct/lists.ts';

/** Smallest benefit gain worth a move (points): keeps ties and rounding noise from moving cases. */
const MIN_GAIN = 1e-6;

/** One pass of relocations over every list; returns the number of cases moved. */
export function relocateCases(
  prep: Prepared,
  lists: readonly WorkList[],
  pinned: ReadonlySet<number>,
): number {
  const bySpec = new Map<number, WorkList[]>();
  for (const l of lists) {
    const arr = bySpec.get(l.s) ?? [];
    arr.push(l);
    bySpec.set(l.s, arr);
  }
  let moved = 0;
  for (const l of lists) {
    for (const pp of [...l.cases]) {
      if (pinned.has(pp.index)) continue;
      const here = benefit(prep, pp, pp.hospitals.indexOf(l.h), l.d);
      const target = bestTarget(prep, pp, l, bySpec.get(l.s) ?? [], here);
      if (!target) continue;
      removeCase(prep, l, pp);
      addCase(prep, target, pp);
      moved++;
    }
  }
  return moved;
}

function bestTarget(
  prep: Prepared,
  pp: PreparedPatient,
  from: WorkList,
  candidates: readonly WorkList[],
  here: number,
): WorkList | undefined {
  let best: WorkList | undefined;
  let bestValue = here + MIN_GAIN;
  for (const l of candidates) {
    if (l === from || !hasDay(pp.dayMask, l.d)) continue;
    const k = pp.hospitals.indexOf(l.h);
    if (k < 0) continue;
    const v = benefit(prep, pp, k, l.d);
    if (v <= bestValue || !fits(prep, l, pp)) continue;
    best = l;
    bestValue = v;
  }
  return best;
}
