// The columns the pricing LP starts from (ADR 0025): every column but the patient columns x, and
// for each patient group its x columns at the `hospitalsPerGroup` hospitals where it is worth most
// (all of its days there). Pricing adds whatever else improves the LP, so this choice changes
// only the time to the optimum, never the bound. Starting from fewer hospitals gave more rounds,
// from one best day per hospital a first restricted LP whose duals priced in nearly every column.
import type { AggregateModel } from './index.ts';

export function pricingStartColumns(agg: AggregateModel, hospitalsPerGroup: number): number[] {
  const n = agg.model.colNames.length;
  const isX = new Uint8Array(n);
  // Best value (−cost) of each group at each hospital, over its days.
  const best = new Map<number, Map<number, number>>();
  for (const x of agg.xs) {
    isX[x.col] = 1;
    const v = -(agg.model.colCost[x.col] ?? 0);
    let m = best.get(x.group);
    if (!m) best.set(x.group, (m = new Map()));
    const old = m.get(x.h);
    if (old === undefined || v > old) m.set(x.h, v);
  }
  const keep = new Map<number, Set<number>>();
  for (const [g, m] of best) {
    const top = [...m.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, hospitalsPerGroup);
    keep.set(g, new Set(top.map((e) => e[0])));
  }
  const cols: number[] = [];
  for (let j = 0; j < n; j++) if (!isX[j]) cols.push(j);
  for (const x of agg.xs) if (keep.get(x.group)?.has(x.h)) cols.push(x.col);
  return cols.sort((a, b) => a - b);
}
