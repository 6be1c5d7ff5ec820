// Weekly plans for the rolling-horizon simulation (ADR 0011), where the plan is made 26 times per
// replication and must cost about a second. Two planners over the same PlanningProblem:
//
// - planWeekFast: the engine's own pipeline (eligibility → groups → aggregate model → construction
//   → improvement) at weekly resolution with LP-and-round, and without what solve() adds for a
//   planner's eyes: the independent checker, the status-quo baseline beside the plan and the
//   "never worse than the baseline" fallback, reasons and explanations. Its objective is the
//   engine's objective (whatever formulate/ optimises), and its gap against the LP bound is
//   reported per week so the loss of the fast mode is measured, not assumed.
// - planWeekBaseline: the status quo (each hospital its own list, most urgent first, own staff).
//
// Pure like the rest of solver/: same problem, same plan.
import { BACKENDS, type BackendName } from '../backends/index.ts';
import { prepare } from '../eligibility/index.ts';
import { buildGroups } from '../formulate/groups.ts';
import { formulate } from '../formulate/index.ts';
import { roundIntegers } from '../construct/round.ts';
import { openLists, placePatients } from '../construct/index.ts';
import { improve } from '../improve/index.ts';
import { baselineLists } from '../baseline/index.ts';
import { toPlan } from '../construct/output.ts';
import { planCost } from '../check/index.ts';
import type { PlanningProblem } from '../model/problem.ts';
import type { PlanForCheck } from '../model/result.ts';

export interface WeeklyPlan extends PlanForCheck {
  /** Cost of the plan in the engine's objective (lower is better; NaN when not computed). */
  objective: number;
  /** Proven lower bound (the aggregate LP), when the planner has one. */
  bound: number | null;
  /** (objective − bound) / |bound|, when there is a bound. */
  gap: number | null;
  /** Phase timings when a clock was given (build, lp, construct, improve, cost). */
  timingsMs?: Record<string, number>;
}

export interface FastOptions {
  backend: BackendName;
  timeLimitS: number;
  /** Improvement effort (the full solve uses 4000 and 2). */
  maxScanPerList: number;
  swapRounds: number;
  /**
   * Re-solve the LP with the rounded lists fixed to choose the patients (as solve() does). Off, the
   * first LP's patient values are packed into the rounded lists directly: one LP instead of two.
   */
  resolveAfterRounding: boolean;
  /** Monotonic milliseconds, for timings only (never changes the plan). */
  clock?: () => number;
}

export const DEFAULT_FAST_OPTIONS: FastOptions = {
  backend: 'highs',
  timeLimitS: 30,
  maxScanPerList: 1000,
  // Fill only: on the Södra week measured in ADR 0011 the swap round bought one patient past the
  // guarantee less at a third of the plan's time.
  swapRounds: 0,
  resolveAfterRounding: false,
};

function gapOf(objective: number, bound: number): number {
  return Math.abs(objective - bound) < 1e-9 ? 0 : (objective - bound) / Math.max(1e-9, Math.abs(bound));
}

export async function planWeekFast(
  problem: PlanningProblem,
  options: Partial<FastOptions> = {},
): Promise<WeeklyPlan> {
  const opt = { ...DEFAULT_FAST_OPTIONS, ...options };
  const now = opt.clock ?? (() => 0);
  const t0 = now();
  const prep = prepare(problem);
  const pinnedIds = new Set(problem.pins.map((p) => p.patientId));
  const groups = buildGroups(prep, pinnedIds);
  const agg = formulate(prep, groups, 7);
  const backend = BACKENDS[opt.backend];
  const t1 = now();
  const lp = await backend.solve(agg.model, { relax: true, timeLimitS: opt.timeLimitS, mipRelGap: 0 });
  if (lp.status !== 'optimal') {
    // No LP optimum in time: the status quo is still a plan (the simulation must go on).
    return planWeekBaseline(problem);
  }
  const fixed = roundIntegers(prep, agg, lp.x);
  let x = fixed;
  if (opt.resolveAfterRounding) {
    const colLower = [...agg.model.colLower];
    const colUpper = [...agg.model.colUpper];
    for (const v of [...agg.zs, ...agg.ks, ...agg.ms, ...agg.ys]) {
      colLower[v.col] = fixed[v.col] ?? 0;
      colUpper[v.col] = fixed[v.col] ?? 0;
    }
    const second = await backend.solve(
      { ...agg.model, colLower, colUpper },
      { relax: true, timeLimitS: opt.timeLimitS, mipRelGap: 0 },
    );
    if (second.status === 'optimal') x = second.x;
  }
  const t2 = now();
  const con = openLists(prep, agg, x);
  placePatients(prep, groups, agg, x, con);
  const pinnedIdx = new Set(prep.patients.filter((p) => pinnedIds.has(p.patient.id)).map((p) => p.index));
  const t3 = now();
  improve(prep, con.lists, con.assigned, pinnedIdx, {
    maxScanPerList: opt.maxScanPerList,
    swapRounds: opt.swapRounds,
  });
  const t4 = now();
  const plan = toPlan(prep, con.lists, con.teamPlacements, con.lent, new Set());
  const objective = planCost(problem, plan);
  const t5 = now();
  return {
    ...plan,
    objective,
    bound: lp.objective,
    gap: gapOf(objective, lp.objective),
    timingsMs: { build: t1 - t0, lp: t2 - t1, construct: t3 - t2, improve: t4 - t3, cost: t5 - t4 },
  };
}

/** The status quo. `withObjective: false` skips costing the plan (the simulation does not need it). */
export function planWeekBaseline(problem: PlanningProblem, withObjective = true): WeeklyPlan {
  const prep = prepare(problem);
  const base = baselineLists(prep);
  const plan = toPlan(prep, base.lists, [], [], new Set());
  return { ...plan, objective: withObjective ? planCost(problem, plan) : Number.NaN, bound: null, gap: null };
}
