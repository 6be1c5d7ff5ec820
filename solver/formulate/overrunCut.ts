// Valid "list minutes" cuts for the aggregate model (ADR 0003).
//
// For any nonnegative per-procedure weights w, every list the construction can accept at hospital
// h for specialty s satisfies Σ_cases w(case) ≤ W*(h, s), where W* is the largest weight of any
// acceptable list: planned minutes within the session AND P(overrun) ≤ the cap (Fenton–Wilkinson,
// every turnover counted). Summed over the z lists of (h, s) in the horizon:
//     Σ_groups w(proc)·x[g,h] ≤ W*(h, s) · Σ_days z[h,d,s]
// holds for every detailed plan, so each such row keeps the model a relaxation and the bound valid.
// W* is found by enumerating the multisets of the specialty's procedures offered at h (a few
// thousand at most; capped, falling back to the always-valid plain session length).
//
// We use several weight vectors, each catching a different way lists fill up:
//   minutes:   mean + turnover                 (long cases)
//   risk:      mean + turnover + κ·variance     (high-variance cases; κ from the FW bound below)
//   cases:     1                                (many short cases: turnovers and risk add up)
//   per procedure i: [proc = i]                 (how many of one procedure a list can hold)
// κ: with σ ≤ σmax, exp(zσ − σ²/2) ≥ 1 + (z − σmax/2)σ and σ ≥ c·√V/M, c = √(ln(1+ρmax)/ρmax), and
// √V ≥ V/√Vmax with Vmax = listMin·max(var/mean), giving κ = (z − σmax/2)c/√Vmax. Any κ ≥ 0 is valid
// here (W* is computed, not derived); this one weighs variance in proportion to what it costs.
import type { Prepared } from '../eligibility/index.ts';
import { staffIndex } from '../eligibility/staff.ts';
import { normalQuantile, overrunProbability } from '../model/stats.ts';

export interface ListCut {
  name: string;
  /** Weight of one case of procedure index pi. */
  weight: (pi: number) => number;
  /** W*: the largest total weight of an acceptable list. */
  capacity: number;
}

const MAX_NODES = 300_000;

export function listCuts(prep: Prepared): (h: number, s: number) => ListCut[] {
  const { problem } = prep;
  const S = problem.specialtyIds.length;
  const alpha = problem.rules.overrunProbabilityMax;
  const z = alpha > 0 && alpha < 0.5 ? normalQuantile(1 - alpha) : 0;
  const maxRatio = new Array<number>(S).fill(0);
  const maxCv2 = new Array<number>(S).fill(0);
  problem.procedures.forEach((p, i) => {
    const s = prep.specIndex.get(p.specialtyId);
    if (s === undefined) return;
    const m = prep.procMeanMin[i] ?? 1;
    const v = prep.procVar[i] ?? 0;
    maxRatio[s] = Math.max(maxRatio[s] ?? 0, v / m);
    maxCv2[s] = Math.max(maxCv2[s] ?? 0, v / (m * m));
  });
  const kappa = (listMin: number, s: number): number => {
    const rho = maxCv2[s] ?? 0;
    if (z <= 0 || rho <= 0) return 0;
    const sigmaMax = Math.sqrt(Math.log(1 + rho));
    const zPrime = z - sigmaMax / 2;
    if (zPrime <= 0) return 0;
    const c = Math.sqrt(Math.log(1 + rho) / rho);
    const vMax = listMin * (maxRatio[s] ?? 0);
    return vMax > 0 ? (zPrime * c) / Math.sqrt(vMax) : 0;
  };
  const offered = problem.hospitals.map((h) => new Set(h.procedureIds));
  const cache = new Map<string, ListCut[]>();

  return (h, s) => {
    const base = problem.hospitals[h];
    // The longest list there (a session may be longer than listMin; ADR 0023): valid for all.
    const hosp = base && { ...base, listMin: staffIndex(prep).listCapMin[h] ?? base.listMin };
    if (!hosp) return [];
    const procs = problem.procedures
      .map((p, i) => ({ p, i }))
      .filter(({ p }) => prep.specIndex.get(p.specialtyId) === s && offered[h]?.has(p.id));
    const key = `${hosp.listMin}|${procs.map((x) => x.i).join(',')}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const k = kappa(hosp.listMin, s);
    const items = procs.map(({ p, i }) => ({
      i,
      planned: Math.round(prep.procMeanMin[i] ?? 0) + p.turnoverMin,
      mean: prep.procMeanMin[i] ?? 0,
      v: prep.procVar[i] ?? 0,
      t: p.turnoverMin,
    }));
    const minutesW = new Map(items.map((it) => [it.i, it.mean + it.t]));
    const riskW = new Map(items.map((it) => [it.i, it.mean + it.t + k * it.v]));
    // Best totals over acceptable lists: [minutes, risk, cases, count of each item].
    const best = new Array<number>(3 + items.length).fill(0);
    const counts = new Array<number>(items.length).fill(0);
    let nodes = 0;
    let complete = true;
    const dfs = (from: number, planned: number, mean: number, v: number, t: number, n: number): void => {
      if (++nodes > MAX_NODES) {
        complete = false;
        return;
      }
      if (n > 0 && overrunProbability(mean, v, hosp.listMin - t) <= alpha + 1e-12) {
        best[0] = Math.max(best[0] ?? 0, mean + t);
        best[1] = Math.max(best[1] ?? 0, mean + t + k * v);
        best[2] = Math.max(best[2] ?? 0, n);
        counts.forEach((c, j) => (best[3 + j] = Math.max(best[3 + j] ?? 0, c)));
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
    const cuts: ListCut[] = complete
      ? [
          { name: 'minutes', weight: (pi) => minutesW.get(pi) ?? 0, capacity: best[0] ?? 0 },
          { name: 'risk', weight: (pi) => riskW.get(pi) ?? 0, capacity: best[1] ?? 0 },
          { name: 'cases', weight: (pi) => (minutesW.has(pi) ? 1 : 0), capacity: best[2] ?? 0 },
          ...items.map((it, j) => ({
            name: `proc${it.i}`,
            weight: (pi: number) => (pi === it.i ? 1 : 0),
            capacity: best[3 + j] ?? 0,
          })),
        ]
      : // Enumeration too large: the session length in planned minutes is always valid.
        [{ name: 'minutes', weight: (pi) => minutesW.get(pi) ?? 0, capacity: hosp.listMin }];
    cache.set(key, cuts);
    return cuts;
  };
}
