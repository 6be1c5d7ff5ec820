// The inverse question (ADR 0011): the least extra capacity of one kind that brings the share past
// the guarantee in a given week to at most a target, found by bisection over whole units, each
// candidate simulated with the same replications (common random numbers, so the curve over units is
// smooth and differences between neighbours are real). Bisection assumes more capacity never
// raises the share, which the tests check on a fixed seed set. The result's interval: the least
// units whose 95 % interval lies wholly at or below the target (surely enough) and the least whose
// interval reaches it (possibly enough).
import type { ScenarioChange } from '../scenarios/model.ts';
import { simulate } from './run.ts';
import { estimate, type Estimate } from './stats.ts';
import type { PlanningPolicy, SimulationInput } from './types.ts';

export type CapacityKind =
  | { kind: 'regional-team-days'; hospitalId: string }
  | { kind: 'extra-lists'; hospitalId: string; specialtyId: string };

/** Scenario changes adding `units` of capacity per week (Monday first). */
export function capacityChanges(kind: CapacityKind, units: number): ScenarioChange[] {
  const out: ScenarioChange[] = [];
  if (units <= 0) return out;
  if (kind.kind === 'regional-team-days') {
    for (let j = 0; j * 5 < units; j++) {
      const days = Math.min(5, units - j * 5);
      out.push({
        kind: 'regionalTeamAdded',
        teamId: `rt-extra-${j + 1}`,
        baseHospitalId: kind.hospitalId,
        weekdays: [1, 2, 3, 4, 5].slice(0, days),
      });
    }
    return out;
  }
  // An extra list needs a room, an anaesthesia team, a nursing team and a surgeon of the specialty.
  const everyDay = Math.floor(units / 5);
  const rest = units % 5;
  const parts: { delta: number; weekdays: number[] }[] = [];
  if (everyDay > 0) parts.push({ delta: everyDay, weekdays: [1, 2, 3, 4, 5] });
  if (rest > 0) parts.push({ delta: 1, weekdays: [1, 2, 3, 4, 5].slice(0, rest) });
  for (const p of parts) {
    out.push({ kind: 'theatres', hospitalId: kind.hospitalId, delta: p.delta, weekdays: p.weekdays });
    for (const resource of ['anaesthesia', 'nursing'] as const)
      out.push({
        kind: 'staffing',
        hospitalId: kind.hospitalId,
        resource,
        delta: p.delta,
        weekdays: p.weekdays,
      });
    out.push({
      kind: 'staffing',
      hospitalId: kind.hospitalId,
      resource: 'surgeonLists',
      specialtyId: kind.specialtyId,
      delta: p.delta,
      weekdays: p.weekdays,
    });
  }
  return out;
}

export interface InverseOptions {
  capacity: CapacityKind;
  /** Share past the guarantee to reach (0–1). */
  targetShare: number;
  /** 1-based week whose share counts (default: the last simulated week). */
  week?: number;
  maxUnits: number;
  replications: number;
  onEvaluation?: (units: number, share: Estimate) => void;
}

export interface InverseResult {
  targetShare: number;
  week: number;
  /** Least units whose mean share is at or below the target; null if maxUnits is not enough. */
  units: number | null;
  /** [surely, possibly]: see the file comment; null when not reached within maxUnits. */
  unitsInterval: { lo: number | null; hi: number | null };
  share: Estimate | null;
  evaluations: { units: number; share: Estimate }[];
}

export async function findLeastCapacity(
  input: SimulationInput,
  policy: PlanningPolicy,
  opts: InverseOptions,
): Promise<InverseResult> {
  const week = opts.week ?? input.weeks;
  const cache = new Map<number, Estimate>();
  const shareAt = async (units: number): Promise<Estimate> => {
    const hit = cache.get(units);
    if (hit) return hit;
    const scenario = {
      ...input.scenario,
      changes: [...input.scenario.changes, ...capacityChanges(opts.capacity, units)],
    };
    const run = await simulate(
      { ...input, scenario, weeks: week },
      { policies: [policy], replications: opts.replications, maxReplications: opts.replications },
    );
    const rows = run.results[policy.name] ?? [];
    const e = estimate(rows.map((r) => r.weeks[week - 1]?.pastGuaranteeShare ?? 0));
    cache.set(units, e);
    opts.onEvaluation?.(units, e);
    return e;
  };
  /** Least units in [0, maxUnits] with ok(share), or null. */
  const least = async (ok: (e: Estimate) => boolean): Promise<number | null> => {
    if (!ok(await shareAt(opts.maxUnits))) return null;
    let lo = -1; // known not ok (or below the range)
    let hi = opts.maxUnits; // known ok
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (ok(await shareAt(mid))) hi = mid;
      else lo = mid;
    }
    return hi;
  };
  const t = opts.targetShare;
  const units = await least((e) => e.mean <= t);
  const surely = await least((e) => (e.hi ?? e.mean) <= t);
  const possibly = await least((e) => (e.lo ?? e.mean) <= t);
  return {
    targetShare: t,
    week,
    units,
    unitsInterval: { lo: possibly, hi: surely },
    share: units === null ? null : (cache.get(units) ?? null),
    evaluations: [...cache.entries()].sort((a, b) => a[0] - b[0]).map(([u, share]) => ({ units: u, share })),
  };
}
