// "must treat": every member of a must-treat group (patients whose must-treat date lies in the
// horizon; their day sets end at that date) is planned: Σ x over the group's hospitals and periods
// equals its size. Groups that no plan can fit (solver/explain/mustTreat.ts) get no row: they are
// reported instead of making the whole model infeasible.
import type { ModelBuilder } from '../backends/model.ts';
import type { PatientGroup } from './groups.ts';
import type { XVar } from './index.ts';

export function addMustTreat(
  b: ModelBuilder,
  groups: readonly PatientGroup[],
  xs: readonly XVar[],
  unfittable: ReadonlySet<number>,
): void {
  const cols = new Map<number, number[]>();
  for (const x of xs) {
    const l = cols.get(x.group);
    if (l) l.push(x.col);
    else cols.set(x.group, [x.col]);
  }
  for (const g of groups) {
    if (!g.mustTreat || g.pinned) continue;
    const fit = g.members.filter((m) => !unfittable.has(m.index)).length;
    const c = cols.get(g.index) ?? [];
    if (fit === 0 || c.length === 0) continue;
    b.addRow(
      `must_treat_${g.index}`,
      c,
      c.map(() => 1),
      fit,
      Infinity,
    );
  }
}
