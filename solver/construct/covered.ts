// How many of the cases an aggregate plan chose can a set of surgeons' lists cover? A small
// bipartite max-flow (ADR 0023, "Travelling surgeons in construction"): each list offers up to its
// minutes to the demand keys its surgeon can serve (procedures, their own tied patients), each key
// takes up to its chosen minutes. Construction picks a list's surgeon by the gain in this flow.

/** One list: the demand keys its surgeon can serve and the minutes it can give them. */
export interface CoverEntry {
  keys: readonly number[];
  capMin: number;
}

const EPS = 1e-9;

/** Max-flow value from the entries to the demand (minutes per key), by augmenting paths (BFS). */
export function maxCoverMin(demandMin: ReadonlyMap<number, number>, entries: readonly CoverEntry[]): number {
  const keyList = [...demandMin.entries()].filter(([, v]) => v > EPS).map(([k]) => k);
  const keyIdx = new Map(keyList.map((k, j) => [k, j]));
  const sinkLeft = keyList.map((k) => demandMin.get(k) ?? 0);
  const srcLeft = entries.map((e) => Math.max(0, e.capMin));
  const adj = entries.map((e) =>
    e.keys.map((k) => keyIdx.get(k)).filter((j): j is number => j !== undefined),
  );
  // flow[e][j]: minutes entry e gives key j (the reverse edge's residual).
  const flow = entries.map(() => new Map<number, number>());
  const byKey = keyList.map(() => new Set<number>());
  let total = 0;
  for (;;) {
    // BFS over entries; parents to trace the path back.
    const parentOfKey = new Map<number, number>();
    const parentOfEntry = new Map<number, number>();
    const queue: number[] = [];
    srcLeft.forEach((c, e) => {
      if (c > EPS) {
        queue.push(e);
        parentOfEntry.set(e, -1);
      }
    });
    let end = -1;
    for (let q = 0; q < queue.length && end < 0; q++) {
      const e = queue[q] as number;
      for (const j of adj[e] ?? []) {
        if (parentOfKey.has(j)) continue;
        parentOfKey.set(j, e);
        if ((sinkLeft[j] ?? 0) > EPS) {
          end = j;
          break;
        }
        for (const e2 of byKey[j] ?? []) {
          if (parentOfEntry.has(e2) || (flow[e2]?.get(j) ?? 0) <= EPS) continue;
          parentOfEntry.set(e2, j);
          queue.push(e2);
        }
      }
    }
    if (end < 0) return total;
    // Bottleneck: the sink edge, reverse edges on the path, the source edge.
    let amount = sinkLeft[end] ?? 0;
    let j = end;
    for (;;) {
      const e = parentOfKey.get(j) as number;
      const back = parentOfEntry.get(e) as number;
      if (back < 0) {
        amount = Math.min(amount, srcLeft[e] ?? 0);
        break;
      }
      amount = Math.min(amount, flow[e]?.get(back) ?? 0);
      j = back;
    }
    j = end;
    sinkLeft[end] = (sinkLeft[end] ?? 0) - amount;
    for (;;) {
      const e = parentOfKey.get(j) as number;
      const f = flow[e] as Map<number, number>;
      f.set(j, (f.get(j) ?? 0) + amount);
      byKey[j]?.add(e);
      const back = parentOfEntry.get(e) as number;
      if (back < 0) {
        srcLeft[e] = (srcLeft[e] ?? 0) - amount;
        break;
      }
      f.set(back, (f.get(back) ?? 0) - amount);
      j = back;
    }
    total += amount;
  }
}
