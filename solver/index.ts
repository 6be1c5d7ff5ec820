// solve(problem, options) -> PlanningResult: the single public entry of the optimisation core.
// Pure: the backend, time limit and (optional) clock for timings are arguments.
import { BACKENDS, type BackendName, type MipBackend, type MipSolution } from './backends/index.ts';
import { roundIntegers } from './construct/round.ts';
import { PricingLp } from './backends/pricing.ts';
import { pricingStartColumns } from './formulate/pricingStart.ts';
import { diveOnPatterns } from './construct/patternDive.ts';
import type { AggregateModel } from './formulate/index.ts';
import { prepare, type Prepared } from './eligibility/index.ts';
import { buildGroups } from './formulate/groups.ts';
import { formulate } from './formulate/index.ts';
import { keepPreviousTheatres, openLists, placePatients } from './construct/index.ts';
import { toPlan } from './construct/output.ts';
import { addCase, fits, removeCase, type WorkList } from './construct/lists.ts';
import { honourPreferences } from './construct/staff.ts';
import { improve } from './improve/index.ts';
import { baselineLists } from './baseline/index.ts';
import { waitingExplanations } from './explain/index.ts';
import { bedOccupancy, checkPlan, evaluateKpis, planCost } from './check/index.ts';
import { evaluateFairness } from './check/fairness.ts';
import type { PlanningProblem } from './model/problem.ts';
import type {
  Assignment,
  MustTreatUnmet,
  PlanChanges,
  PlanForCheck,
  PlanningResult,
  SolveStatus,
} from './model/result.ts';
import { mustTreatBlocked, mustTreatReport } from './explain/mustTreat.ts';

export type { PlanningProblem } from './model/problem.ts';
export type { PlanningResult } from './model/result.ts';
export { DEFAULT_RULES, DEFAULT_WEIGHTS } from './model/defaults.ts';
export type { BackendName } from './backends/index.ts';
export { editPlan, type EditOp, type EditOutcome, type EditRefusal } from './edit/index.ts';

export interface SolveOptions {
  backend: BackendName;
  timeLimitS: number;
  /** Relative gap at which the MIP may stop. */
  mipRelGap: number;
  /** Monotonic milliseconds, for timings only (never changes the plan). */
  clock?: () => number;
  /** 'mip' solves the aggregate MIP; 'lp-round' its LP and rounds; 'auto' picks by size. */
  aggregate: 'auto' | 'mip' | 'lp-round';
  /** 'auto' uses the MIP up to this many columns. */
  mipMaxColumns: number;
  /**
   * Time resolution of the aggregate model: 7 plans patients per week and leaves days to
   * construction; 1 plans per day — a tighter bound (Södra: gap 0.5 % vs 1.2 %) at ~3x the solve
   * time. 'auto' (default) takes days while the daily model stays within dailyMaxColumns.
   */
  periodDays: 1 | 7 | 'auto';
  /** 'auto' resolution uses days up to this many patient columns (Södra ≈ 350,000). */
  dailyMaxColumns: number;
  /**
   * Time limit of the fallback weekly LP when the daily LP stops at its limit (ADR 0018); default:
   * timeLimitS.
   */
  fallbackTimeLimitS?: number;
  /**
   * Solve the LP relaxation by pricing (column generation, ADR 0025) when the backend supports it:
   * the same optimum and bound as the full LP, faster on large models. Off: the full LP.
   */
  pricing: boolean;
  /** Pricing starts from each group's patient columns at this many of its best hospitals ('auto': by resolution). */
  pricingStartHospitals: number | 'auto';
  /**
   * With pricing: LP re-solves of the dive over list patterns before the final rounding (ADR
   * 0025); 0 rounds the first LP's patterns directly.
   */
  patternDiveSteps: number;
  /** Progress callback: phase names in order. */
  onProgress?: (p: { phase: string; bound?: number; objective?: number; gap?: number }) => void;
}

export const DEFAULT_SOLVE_OPTIONS: SolveOptions = {
  backend: 'highs',
  timeLimitS: 30,
  mipRelGap: 1e-4,
  aggregate: 'auto',
  mipMaxColumns: 15_000,
  periodDays: 'auto',
  dailyMaxColumns: 400_000,
  pricing: true,
  pricingStartHospitals: 'auto',
  patternDiveSteps: 0,
};

/**
 * 'auto' start of the pricing LP (ADR 0025): 3 hospitals per group for the daily model (Södra W50:
 * 7.0 s CPU vs 8.4 s for the full LP), 1 for the weekly model (12-week Södra: 29.7 s vs 49.6 s with
 * 3 and 115 s for the full LP).
 */
function startHospitals(pricing: PricingChoice, agg: AggregateModel): number {
  if (pricing.hospitalsPerGroup !== 'auto') return pricing.hospitalsPerGroup;
  return agg.periodDays === 1 ? 3 : 1;
}

function pricingOf(opt: SolveOptions): PricingChoice {
  return {
    use: opt.pricing,
    hospitalsPerGroup: opt.pricingStartHospitals,
    patternDiveSteps: opt.patternDiveSteps,
  };
}

/** Patient columns a daily model would have: eligible (group, hospital, open day) triples. */
function dailyColumnEstimate(prep: Prepared, groups: ReturnType<typeof buildGroups>): number {
  const openDays = prep.cap.map(
    (row) => row.filter((c) => c !== undefined && c.openTheatreIds.length > 0).length,
  );
  let n = 0;
  for (const g of groups) for (const h of g.hospitals) n += openDays[h] ?? 0;
  return n;
}

/**
 * Large instances: solve the LP relaxation (its optimum is the bound), round lists, teams and lent
 * lists to integers, then re-solve the LP with those fixed to choose the patients. `boundProven` is
 * false when the first LP stopped before its optimum (time limit): its x is an unfinished iterate
 * and its value no bound. With a backend that keeps a basis, both LPs are solved by pricing over a
 * growing subset of the patient columns (ADR 0025): same optimum, a fraction of the simplex work,
 * and the second LP starts from the first one's basis.
 */
async function solveLpAndRound(
  backend: MipBackend,
  prep: Prepared,
  agg: AggregateModel,
  timeLimitS: number,
  pricing: PricingChoice,
): Promise<MipSolution & { boundProven: boolean }> {
  const intCols = [...agg.zs, ...agg.ks, ...agg.ms, ...agg.ys].map((v) => v.col);
  if (pricing.use && backend.lpSessions) {
    const factory = await backend.lpSessions();
    const lp = new PricingLp(agg.model, pricingStartColumns(agg, startHospitals(pricing, agg)), factory);
    try {
      const first = lp.solve(timeLimitS);
      if (first.status !== 'optimal') return { ...first, bound: first.objective, boundProven: false };
      const fixed = roundIntegers(prep, agg, first.x);
      const hardRows = agg.model.rowLower.some((l) => l > 0);
      if (pricing.patternDiveSteps > 0 && !hardRows) {
        // Lists first, then a dive over the patterns (construct/patternDive.ts); no pin or
        // must-treat row can then become infeasible, as x = 0 satisfies every other row.
        const listCols = [...agg.zs, ...agg.ks, ...agg.ms].map((v) => v.col);
        const lists = listCols.map((j) => fixed[j] ?? 0);
        lp.fix(listCols, lists, lists);
        const listsIn = new Map<string, number>();
        for (const z of agg.zs) {
          const key = `${z.h}|${z.s}|${Math.floor(z.d / agg.periodDays)}`;
          listsIn.set(key, (listsIn.get(key) ?? 0) + (fixed[z.col] ?? 0));
        }
        const withLists = first;
        if (withLists.status === 'optimal') {
          const dived = diveOnPatterns(lp, agg, withLists.x, pricing.patternDiveSteps, timeLimitS, listsIn);
          const again = roundIntegers(prep, agg, dived);
          for (const y of agg.ys) fixed[y.col] = again[y.col] ?? 0;
        }
      }
      const values = intCols.map((j) => fixed[j] ?? 0);
      lp.fix(intCols, values, values);
      const second = lp.solve(timeLimitS);
      if (second.status !== 'optimal') return { ...first, x: fixed, status: 'time_limit', boundProven: true };
      return {
        status: 'optimal',
        objective: second.objective,
        bound: first.objective,
        x: second.x,
        boundProven: true,
      };
    } finally {
      lp.dispose();
    }
  }
  const lp = await backend.solve(agg.model, { relax: true, timeLimitS, mipRelGap: 0 });
  if (lp.status !== 'optimal') return { ...lp, boundProven: false };
  const fixed = roundIntegers(prep, agg, lp.x);
  const colLower = [...agg.model.colLower];
  const colUpper = [...agg.model.colUpper];
  for (const j of intCols) {
    colLower[j] = fixed[j] ?? 0;
    colUpper[j] = fixed[j] ?? 0;
  }
  const second = await backend.solve(
    { ...agg.model, colLower, colUpper },
    { relax: true, timeLimitS, mipRelGap: 0 },
  );
  if (second.status !== 'optimal') return { ...lp, x: fixed, status: 'time_limit', boundProven: true };
  return {
    status: 'optimal',
    objective: second.objective,
    bound: lp.objective,
    x: second.x,
    boundProven: true,
  };
}

interface PricingChoice {
  use: boolean;
  hospitalsPerGroup: number | 'auto';
  patternDiveSteps: number;
}

export async function solve(
  problem: PlanningProblem,
  options: Partial<SolveOptions> = {},
): Promise<PlanningResult> {
  const opt = { ...DEFAULT_SOLVE_OPTIONS, ...options };
  const now = opt.clock ?? (() => 0);
  const progress = opt.onProgress ?? (() => undefined);
  const t0 = now();
  progress({ phase: 'build' });
  const prep = prepare(problem);
  const pinnedIds = new Set(problem.pins.map((p) => p.patientId));
  const groups = buildGroups(prep, pinnedIds);
  const periodDays =
    opt.periodDays === 'auto'
      ? dailyColumnEstimate(prep, groups) <= opt.dailyMaxColumns
        ? 1
        : 7
      : opt.periodDays;
  let agg = formulate(prep, groups, periodDays);
  const t1 = now();
  progress({ phase: 'aggregate' });
  const backend = BACKENDS[opt.backend];
  const useMip =
    opt.aggregate === 'mip' || (opt.aggregate === 'auto' && agg.model.colNames.length <= opt.mipMaxColumns);
  let sol = useMip
    ? {
        ...(await backend.solve(agg.model, {
          relax: false,
          timeLimitS: opt.timeLimitS,
          mipRelGap: opt.mipRelGap,
        })),
        boundProven: true,
      }
    : await solveLpAndRound(backend, prep, agg, opt.timeLimitS, pricingOf(opt));
  // Fallback (ADR 0018): a plan built from an unfinished LP iterate is poor and its value no bound.
  // If the daily LP stopped at its limit, solve the weekly model (about a fifth of the columns);
  // if no LP finished, the plan below also tries the status quo improved and keeps the better.
  let fallback: PlanningResult['fallback'];
  if (!useMip && !sol.boundProven && periodDays === 1) {
    const weekly = formulate(prep, groups, 7);
    const wsol = await solveLpAndRound(
      backend,
      prep,
      weekly,
      opt.fallbackTimeLimitS ?? opt.timeLimitS,
      pricingOf(opt),
    );
    if (wsol.boundProven) {
      agg = weekly;
      sol = wsol;
      fallback = 'weekly-model';
    }
  }
  if (sol.status === 'infeasible' || sol.status === 'error') {
    return infeasibleResult(
      problem,
      prep,
      opt.backend,
      sol.status,
      agg.model.colNames.length,
      agg.model.rowNames.length,
      groups.length,
    );
  }
  progress({ phase: 'construct', bound: sol.bound, objective: sol.objective });
  const t2 = now();
  const con = openLists(prep, agg, sol.x, groups);
  placePatients(prep, groups, agg, sol.x, con);
  const t3 = now();
  progress({ phase: 'improve', bound: sol.bound });
  const pinnedIdx = new Set(prep.patients.filter((p) => pinnedIds.has(p.patient.id)).map((p) => p.index));
  improve(prep, con.lists, con.assigned, pinnedIdx, {
    maxScanPerList: 4000,
    swapRounds: 6,
    relocateRounds: 3,
  });
  keepPreviousTheatres(prep, con);
  honourPreferences(
    prep,
    con.lists,
    (l, pp) => fits(prep, l, pp),
    (from, to, pp) => {
      removeCase(prep, from, pp);
      addCase(prep, to, pp);
    },
  );
  const t4 = now();
  progress({ phase: 'check', bound: sol.bound });
  let plan = toPlan(prep, con.lists, con.teamPlacements, con.lent, pinnedIds);
  let kpis = evaluateKpis(problem, plan);
  let objective = planCost(problem, plan);
  let assigned: ReadonlySet<number> = con.assigned;
  let finalLists: WorkList[] = con.lists;
  const t5 = now();
  progress({ phase: 'baseline' });
  const base = baselineLists(prep);
  const basePlan = toPlan(prep, base.lists, [], [], new Set());
  const baseline = {
    objective: planCost(problem, basePlan),
    kpis: evaluateKpis(problem, basePlan),
    check: checkPlan(problem, basePlan),
    assignments: basePlan.assignments,
    fairness: evaluateFairness(problem, basePlan),
  };
  // The plan must never be worse than the status quo under its own (need-first) objective. The
  // baseline is itself a feasible plan, so if the optimised one costs more, start again from the
  // baseline's lists and improve them, and keep whichever is better (ADR 0008: the former
  // head-count criterion here, "no more patients past the guarantee", rewarded short cases).
  // Not with must-treat dates: the baseline does not honour them, a plan that does is kept.
  const hasMustTreat = prep.patients.some((p) => p.mustTreat);
  // Nor with named surgeons or sessions: the status quo names neither (ADR 0023).
  const staffed = (problem.surgeons ?? []).length > 0 || (problem.sessions ?? []).length > 0;
  if (
    (objective > baseline.objective || !sol.boundProven) &&
    problem.pins.length === 0 &&
    !hasMustTreat &&
    !staffed
  ) {
    const alt = baselineLists(prep);
    const altAssigned = new Set(alt.assigned);
    improve(prep, alt.lists, altAssigned, pinnedIdx, { maxScanPerList: 4000, swapRounds: 6 });
    const altPlan = toPlan(prep, alt.lists, [], [], pinnedIds);
    const altCost = planCost(problem, altPlan);
    const better =
      altCost < baseline.objective
        ? { plan: altPlan, cost: altCost, a: altAssigned, l: alt.lists }
        : { plan: basePlan, cost: baseline.objective, a: base.assigned, l: base.lists };
    if (better.cost < objective) {
      plan = better.plan;
      kpis = evaluateKpis(problem, better.plan);
      objective = better.cost;
      assigned = better.a;
      finalLists = better.l;
      if (!sol.boundProven) fallback = 'status-quo';
    }
  }
  const check = checkPlan(problem, plan);
  const t6 = now();
  // Not clamped: a plan cheaper than the bound would expose an invalid relaxation (a test checks).
  const bound = sol.bound;
  const gap = Math.abs(objective - bound) < 1e-9 ? 0 : (objective - bound) / Math.max(1e-9, Math.abs(bound));
  // A plan the independent checker rejects is never reported as a valid one.
  const status: SolveStatus = !check.feasible
    ? 'infeasible'
    : sol.status === 'time_limit'
      ? 'time_limit'
      : gap <= 1e-6
        ? 'optimal'
        : 'feasible';
  progress({ phase: 'done', bound, objective, gap });
  return {
    status,
    backend: opt.backend,
    objective,
    bound,
    gap,
    ...plan,
    waitingPastGuarantee: waitingExplanations(prep, finalLists, assigned),
    kpis,
    check,
    fairness: evaluateFairness(problem, plan),
    baseline,
    ...(fallback !== undefined ? { fallback } : {}),
    ...(problem.previousAssignments && problem.previousAssignments.length > 0
      ? { changes: planChanges(problem, plan.assignments) }
      : {}),
    diagnostics: {
      groups: groups.length,
      columns: agg.model.colNames.length,
      rows: agg.model.rowNames.length,
      aggregateObjective: sol.objective,
      aggregateStatus: sol.status,
    },
    timingsMs: {
      build: t1 - t0,
      aggregate: t2 - t1,
      construct: t3 - t2,
      improve: t4 - t3,
      check: t5 - t4,
      baseline: t6 - t5,
      total: t6 - t0,
    },
    ...bedsOf(problem, plan),
    ...(hasMustTreat ? { mustTreatUnmet: mustTreatUnmetOf(prep, plan) } : {}),
  };
}

function mustTreatUnmetOf(prep: Prepared, plan: PlanForCheck): MustTreatUnmet[] {
  return mustTreatReport(
    prep,
    mustTreatBlocked(prep),
    new Map(plan.assignments.map((a) => [a.patientId, a.day])),
  );
}

/** The result's bed occupancy, only when the problem has ward beds (keeps results without beds unchanged). */
function bedsOf(problem: PlanningProblem, plan: PlanForCheck): Pick<PlanningResult, 'bedOccupancy'> {
  return (problem.wardBeds ?? []).length > 0 ? { bedOccupancy: bedOccupancy(problem, plan.assignments) } : {};
}

function infeasibleResult(
  problem: PlanningProblem,
  prep: Prepared,
  backend: string,
  why: string,
  columns: number,
  rows: number,
  groups: number,
): PlanningResult {
  const empty: PlanForCheck = { assignments: [], lists: [], teamPlacements: [], lentLists: [] };
  const hasMustTreat = prep.patients.some((p) => p.mustTreat);
  const kpis = evaluateKpis(problem, empty);
  const check = checkPlan(problem, empty);
  return {
    status: 'infeasible',
    backend,
    objective: 0,
    bound: 0,
    gap: 0,
    ...empty,
    waitingPastGuarantee: waitingExplanations(prep, [], new Set()),
    kpis,
    fairness: evaluateFairness(problem, empty),
    check: {
      feasible: false,
      violations: [
        ...check.violations,
        hasMustTreat
          ? {
              rule: 'must treat',
              message: `the pinned and must-treat patients cannot all be fitted by their dates (${why})`,
            }
          : { rule: 'pin broken', message: `the pinned patients cannot all be kept at their pins (${why})` },
      ],
    },
    baseline: { objective: 0, kpis, check, assignments: [], fairness: evaluateFairness(problem, empty) },
    diagnostics: { groups, columns, rows, aggregateObjective: NaN, aggregateStatus: why },
    timingsMs: { build: 0, aggregate: 0, construct: 0, improve: 0, check: 0, baseline: 0, total: 0 },
    ...(hasMustTreat ? { mustTreatUnmet: mustTreatUnmetOf(prep, empty) } : {}),
  };
}

/**
 * Changes against the previous version, one kind per patient, most serious first: hospital or day,
 * else theatre, else start time; added and removed patients. Patients of the previous version that
 * are not in this problem (treated meanwhile, or removed from the list) are not counted.
 */
function planChanges(problem: PlanningProblem, assignments: readonly Assignment[]): PlanChanges {
  const known = new Set(problem.patients.map((p) => p.id));
  const prev = new Map((problem.previousAssignments ?? []).map((a) => [a.patientId, a]));
  const now = new Map(assignments.map((a) => [a.patientId, a]));
  const changes: PlanChanges = { hospitalOrDay: 0, theatre: 0, startTime: 0, added: 0, removed: 0 };
  for (const [id, p] of prev) {
    if (!known.has(id)) continue;
    const a = now.get(id);
    if (!a) changes.removed++;
    else if (a.hospitalId !== p.hospitalId || a.day !== p.day) changes.hospitalOrDay++;
    else if (a.theatreId !== p.theatreId) changes.theatre++;
    else if (a.startMin !== p.startMin) changes.startTime++;
  }
  for (const id of now.keys()) if (!prev.has(id)) changes.added++;
  return changes;
}
