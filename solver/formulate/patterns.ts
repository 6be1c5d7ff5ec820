// List patterns (ADR 0003): the multisets of procedures one theatre list can hold — planned
// minutes within the session and P(overrun) within the cap, exactly the test construction uses.
// The aggregate model chooses how many lists of each pattern a hospital runs for a specialty in a
// week (Gilmore–Gomory, as in cutting stock), so it knows that 3 hips fill a list and 3.4 do not.
//
// Validity: every list construction can accept is either a kept pattern or can be extended, one
// case at a time, through acceptable lists to a kept one (we keep every acceptable multiset with no
// acceptable one-case extension). A kept pattern then dominates the list case by case, so every
// detailed plan maps into the model and the LP bound stays valid. No monotonicity of the
// Fenton–Wilkinson approximation is assumed: only planned minutes prune the enumeration.
import type { Prepared } from '../eligibility/index.ts';
import { staffIndex } from '../eligibility/staff.ts';
import { overrunProbability } from '../model/stats.ts';

export interface ListPattern {
  /** Procedure indices and how many cases of each, parallel arrays. */
  procs: number[];
  counts: number[];
}

/** Enumeration cap per (session length, procedure set); beyond it the caller falls back to cuts. */
const MAX_NODES = 200_000;

export function patternEnumerator(
  prep: Prepared,
): (h: number, procIdx: number[], lengthMin?: number) => ListPattern[] | null {
  const { problem } = prep;
  const alpha = problem.rules.overrunProbabilityMax;
  const cache = new Map<string, ListPattern[] | null>();
  return (h, procIdx, lengthMin) => {
    const base = problem.hospitals[h];
    // The longest list there (a session may be longer than listMin; ADR 0023): valid for all. A
    // caller that knows every list of the period is shorter (a day of half-day sessions) passes
    // that length: valid for those lists, and much tighter (ADR 0023, "Case mix on session days").
    const hosp = base && { ...base, listMin: lengthMin ?? staffIndex(prep).listCapMin[h] ?? base.listMin };
    if (!hosp) return [];
    const sorted = procIdx.toSorted((a, b) => a - b);
    const key = `${hosp.listMin}|${sorted.join(',')}`;
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const items = sorted.map((i) => {
      const p = problem.procedures[i];
      const turn = p?.turnoverMin ?? 0;
      return {
        i,
        planned: Math.round(prep.procMeanMin[i] ?? 0) + turn,
        mean: prep.procMeanMin[i] ?? 0,
        v: prep.procVar[i] ?? 0,
        t: turn,
      };
    });
    const ok = (mean: number, v: number, t: number): boolean =>
      overrunProbability(mean, v, hosp.listMin - t) <= alpha + 1e-12;
    const out: ListPattern[] = [];
    const counts = new Array<number>(items.length).fill(0);
    let nodes = 0;
    let complete = true;
    const dfs = (from: number, planned: number, mean: number, v: number, t: number, n: number): void => {
      if (++nodes > MAX_NODES) {
        complete = false;
        return;
      }
      if (n > 0 && ok(mean, v, t)) {
        const extendable = items.some(
          (it) => planned + it.planned <= hosp.listMin && ok(mean + it.mean, v + it.v, t + it.t),
        );
        if (!extendable) {
          const procs: number[] = [];
          const cs: number[] = [];
          counts.forEach((c, j) => {
            if (c > 0) {
              procs.push((items[j] as (typeof items)[number]).i);
              cs.push(c);
            }
          });
          out.push({ procs, counts: cs });
        }
      }
      for (let j = from; j < items.length && complete; j++) {
        const it = items[j] as (typeof items)[number];
        if (planned + it.planned > hosp.listMin) continue;
        counts[j] = (counts[j] ?? 0) + 1;
        dfs(j, planned + it.planned, mean + it.mean, v + it.v, t + it.t, n + 1);
        counts[j] = (counts[j] ?? 0) - 1;
      }
    };
    dfs(0, 0, 0, 0, 0, 0);
    const result = complete ? out : null;
    cache.set(key, result);
    return result;
  };
}
