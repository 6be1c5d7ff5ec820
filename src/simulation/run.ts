// Replications, policies and the report. Replication r of every policy (and of every scenario run
// with the same seed) uses the same random streams, so the optimised − baseline difference is
// estimated per replication (paired) and its interval is much narrower than the two apart.
import { runReplication } from './engine.ts';
import { estimate, halfWidth, type Estimate } from './stats.ts';
import type { Breakdown, PlanningPolicy, ReplicationResult, SimulationInput, WeekOutcome } from './types.ts';

/** The week fields reported as {mean, lo, hi}, in output order. */
export const WEEK_METRICS = [
  'waiting',
  'pastGuarantee',
  'pastGuaranteeShare',
  'pastTarget',
  'pastTargetShare',
  'treated',
  'arrivals',
  'removed',
  'guaranteeDaysP50',
  'guaranteeDaysP90',
  'meanWaitingInWeek',
  'meanWaitDaysTreated',
  'utilisation',
  'overtimeMin',
  'patientsMoved',
  'travelKm',
  'settlementSek',
  'planChanges',
  'cancelled',
  'declined',
  'bumped',
  'planGap',
] as const satisfies readonly (keyof WeekOutcome)[];
export type WeekMetric = (typeof WEEK_METRICS)[number];

export interface RunOptions {
  policies: PlanningPolicy[];
  /** Replications to run (at least); with targetHalfwidth, the starting number. */
  replications: number;
  /**
   * Keep adding replications until the 95 % half-width of the share past the guarantee in the last
   * week is at most this (every policy), or maxReplications is reached.
   */
  targetHalfwidth?: number;
  maxReplications: number;
  /** Monotonic milliseconds, for timings only. */
  clock?: () => number;
  onProgress?: (p: { policy: string; replication: number; week: number }) => void;
}

export type WeekEstimate = { week: number; isoWeek: string } & Record<WeekMetric, Estimate> & {
    byHomeRegion: Record<string, BreakdownEstimate>;
    bySpecialty: Record<string, BreakdownEstimate>;
    byHospital: Record<string, BreakdownEstimate>;
  };

export interface BreakdownEstimate {
  waiting: Estimate;
  pastGuarantee: Estimate;
  pastGuaranteeShare: Estimate;
}

export interface PolicyReport {
  replications: number;
  /** True when every replication balanced every week. */
  conservationOk: boolean;
  weeks: WeekEstimate[];
  timingsMs: { total: number; perSimulatedWeek: number };
}

export interface SimulationReport {
  seed: number;
  weeks: number;
  replications: number;
  firstWeek: string;
  scenario: { id: string; name: string; version: number };
  parameters: SimulationInput['scenario']['parameters'];
  policies: Record<string, PolicyReport>;
  /** With two policies: first − second, paired per replication. */
  differences?: {
    minuend: string;
    subtrahend: string;
    weeks: ({ week: number; isoWeek: string } & Record<WeekMetric, Estimate>)[];
  };
}

export interface SimulationRun {
  report: SimulationReport;
  results: Record<string, ReplicationResult[]>;
}

export async function simulate(input: SimulationInput, opts: RunOptions): Promise<SimulationRun> {
  const now = opts.clock ?? (() => 0);
  const results: Record<string, ReplicationResult[]> = {};
  const elapsed: Record<string, number> = {};
  for (const p of opts.policies) {
    results[p.name] = [];
    elapsed[p.name] = 0;
  }
  const runOne = async (r: number): Promise<void> => {
    for (const p of opts.policies) {
      const t0 = now();
      const res = await runReplication(input, p, r, (week) =>
        opts.onProgress?.({ policy: p.name, replication: r, week }),
      );
      elapsed[p.name] = (elapsed[p.name] ?? 0) + (now() - t0);
      results[p.name]?.push(res);
    }
  };
  let r = 0;
  for (; r < opts.replications; r++) await runOne(r);
  if (opts.targetHalfwidth !== undefined) {
    const target = opts.targetHalfwidth;
    const wide = (): boolean =>
      opts.policies.some((p) => {
        const last = (results[p.name] ?? []).map((x) => x.weeks.at(-1)?.pastGuaranteeShare ?? 0);
        return halfWidth(estimate(last)) > target;
      });
    while (r < opts.maxReplications && wide()) await runOne(r++);
  }
  return { report: buildReport(input, results, elapsed), results };
}

function weekEstimates(rows: WeekOutcome[]): Record<WeekMetric, Estimate> {
  const out = {} as Record<WeekMetric, Estimate>;
  for (const m of WEEK_METRICS) {
    const values = rows.map((w) => w[m]).filter((v): v is number => typeof v === 'number');
    out[m] = estimate(values);
  }
  return out;
}

function breakdownEstimates(maps: Record<string, Breakdown>[]): Record<string, BreakdownEstimate> {
  const keys = [...new Set(maps.flatMap((m) => Object.keys(m)))].sort();
  const out: Record<string, BreakdownEstimate> = {};
  for (const k of keys) {
    const rows = maps.map((m) => m[k] ?? { waiting: 0, pastGuarantee: 0 });
    out[k] = {
      waiting: estimate(rows.map((b) => b.waiting)),
      pastGuarantee: estimate(rows.map((b) => b.pastGuarantee)),
      pastGuaranteeShare: estimate(rows.map((b) => (b.waiting > 0 ? b.pastGuarantee / b.waiting : 0))),
    };
  }
  return out;
}

export function buildReport(
  input: SimulationInput,
  results: Record<string, ReplicationResult[]>,
  elapsedMs: Record<string, number> = {},
): SimulationReport {
  const names = Object.keys(results);
  const policies: Record<string, PolicyReport> = {};
  for (const name of names) {
    const reps = results[name] ?? [];
    const weeks: WeekEstimate[] = [];
    for (let w = 0; w < input.weeks; w++) {
      const rows = reps.map((r) => r.weeks[w]).filter((x): x is WeekOutcome => x !== undefined);
      weeks.push({
        week: w + 1,
        isoWeek: rows[0]?.isoWeek ?? '',
        ...weekEstimates(rows),
        byHomeRegion: breakdownEstimates(rows.map((x) => x.byHomeRegion)),
        bySpecialty: breakdownEstimates(rows.map((x) => x.bySpecialty)),
        byHospital: breakdownEstimates(rows.map((x) => x.byHospital)),
      });
    }
    const total = elapsedMs[name] ?? 0;
    policies[name] = {
      replications: reps.length,
      conservationOk: reps.every((r) => r.weeks.every((w) => w.balanced)),
      weeks,
      timingsMs: {
        total: Math.round(total),
        perSimulatedWeek: Math.round(total / Math.max(1, reps.length * input.weeks)),
      },
    };
  }
  const report: SimulationReport = {
    seed: input.seed,
    weeks: input.weeks,
    replications: Math.min(...names.map((n) => results[n]?.length ?? 0)),
    firstWeek: results[names[0] ?? '']?.[0]?.weeks[0]?.isoWeek ?? '',
    scenario: { id: input.scenario.id, name: input.scenario.name, version: input.scenario.version },
    parameters: input.scenario.parameters,
    policies,
  };
  if (names.length === 2) {
    const [a, b] = names as [string, string];
    report.differences = {
      minuend: a,
      subtrahend: b,
      weeks: pairedDifferences(results[a] ?? [], results[b] ?? [], input.weeks),
    };
  }
  return report;
}

/** a − b per replication and week (paired by replication number). */
export function pairedDifferences(
  a: ReplicationResult[],
  b: ReplicationResult[],
  weeks: number,
): ({ week: number; isoWeek: string } & Record<WeekMetric, Estimate>)[] {
  const out: ({ week: number; isoWeek: string } & Record<WeekMetric, Estimate>)[] = [];
  const n = Math.min(a.length, b.length);
  for (let w = 0; w < weeks; w++) {
    const row = {} as Record<WeekMetric, Estimate>;
    for (const m of WEEK_METRICS) {
      const d: number[] = [];
      for (let r = 0; r < n; r++) {
        const x = a[r]?.weeks[w]?.[m];
        const y = b[r]?.weeks[w]?.[m];
        if (typeof x === 'number' && typeof y === 'number') d.push(x - y);
      }
      row[m] = estimate(d);
    }
    out.push({ week: w + 1, isoWeek: a[0]?.weeks[w]?.isoWeek ?? '', ...row });
  }
  return out;
}
