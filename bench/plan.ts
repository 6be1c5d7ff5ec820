// One plan run in this process: `npx tsx bench/plan.ts --scale 1 [--backend highs] [--seed 7]
// [--week 2026-W50] [--weeks 1–12] [--time-limit-s 120] [--patients N] [--pricing on|off]
// [--pricing-start-hospitals auto|N] [--dive-steps 0]`. Prints one JSON line: wall time (seed generation excluded,
// problem build + solve + checker + baseline included), peak RSS, gap and plan vs baseline.
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { generateRegion } from '../seed/generate.ts';
import { buildProblem } from '../src/plans/buildProblem.ts';
import { solve } from '../solver/index.ts';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    backend: { type: 'string', default: 'highs' },
    seed: { type: 'string', default: '7' },
    week: { type: 'string', default: '2026-W50' },
    weeks: { type: 'string', default: '1' },
    'time-limit-s': { type: 'string', default: '120' },
    patients: { type: 'string' },
    aggregate: { type: 'string', default: 'auto' },
    resolution: { type: 'string', default: 'auto' },
    // Which of the seed's named surgeons and session plan to keep (ADR 0023): attribution runs.
    staff: { type: 'string', default: 'all' },
    // 'off' solves the full LP instead of pricing (ADR 0025), for A/B timings.
    pricing: { type: 'string', default: 'on' },
    'pricing-start-hospitals': { type: 'string', default: 'auto' },
    'dive-steps': { type: 'string', default: '0' },
  },
  strict: true,
});
const backend = values.backend === 'jsl' ? 'jsl' : 'highs';
const aggregate = values.aggregate === 'mip' ? 'mip' : values.aggregate === 'lp-round' ? 'lp-round' : 'auto';
const snapshot = generateRegion({ seed: Number(values.seed), scale: Number(values.scale) });
if (values.patients !== undefined) {
  // A small instance for the slow backend: the first N waiting patients of the seed.
  snapshot.waitingList = snapshot.waitingList.slice(0, Number(values.patients));
}
if (values.staff === 'none' || values.staff === 'sessions') snapshot.surgeons = [];
if (values.staff === 'none' || values.staff === 'surgeons') snapshot.sessions = [];
if (snapshot.surgeons.length === 0)
  snapshot.waitingList = snapshot.waitingList.map(({ surgeonId: _t, preferredSurgeonId: _p, ...e }) => e);
const t0 = performance.now();
const problem = buildProblem(snapshot, { week: values.week, weeks: Number(values.weeks) });
const r = await solve(problem, {
  backend,
  aggregate,
  periodDays: values.resolution === 'day' ? 1 : values.resolution === 'week' ? 7 : 'auto',
  timeLimitS: Number(values['time-limit-s']),
  pricing: values.pricing !== 'off',
  pricingStartHospitals:
    values['pricing-start-hospitals'] === 'auto' ? 'auto' : Number(values['pricing-start-hospitals']),
  patternDiveSteps: Number(values['dive-steps']),
  clock: () => performance.now(),
});
const wallMs = performance.now() - t0;
process.stdout.write(
  `${JSON.stringify({
    scale: Number(values.scale),
    staff: values.staff,
    weeks: Number(values.weeks),
    backend,
    patients: problem.patients.length,
    hospitals: problem.hospitals.length,
    wallMs: Math.round(wallMs),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    status: r.status,
    objective: r.objective,
    bound: r.bound,
    aggregateObjective: r.diagnostics.aggregateObjective,
    gap: r.gap,
    feasible: r.check.feasible,
    violations: r.check.violations.length,
    groups: r.diagnostics.groups,
    columns: r.diagnostics.columns,
    rows: r.diagnostics.rows,
    treated: r.kpis.patientsTreated,
    baselineTreated: r.baseline.kpis.patientsTreated,
    pastGuarantee: r.kpis.pastGuaranteeAtEnd,
    baselinePastGuarantee: r.baseline.kpis.pastGuaranteeAtEnd,
    latenessTreated: r.kpis.latenessDaysTreated,
    baselineLatenessTreated: r.baseline.kpis.latenessDaysTreated,
    moved: r.kpis.patientsMoved,
    // The honest twins of the head count (README "Fairness figures"), plan and baseline.
    overtakings: r.fairness?.overtakings ?? null,
    overtakingShare: r.fairness?.overtakingShare ?? null,
    topNeedCoverage: r.fairness?.topNeedCoverage ?? null,
    baselineTopNeedCoverage: r.baseline.fairness?.topNeedCoverage ?? null,
    topNeedPassedOver: r.fairness?.topNeedPassedOver ?? null,
    longProcedureMinShare: r.fairness?.longProcedureMinShare ?? null,
    baselineLongProcedureMinShare: r.baseline.fairness?.longProcedureMinShare ?? null,
    pastGuaranteeDaysAvoided: r.fairness?.pastGuaranteeDaysAvoided ?? null,
    baselinePastGuaranteeDaysAvoided: r.baseline.fairness?.pastGuaranteeDaysAvoided ?? null,
    teamPlacements: r.teamPlacements.length,
    lentLists: r.lentLists.length,
    timingsMs: Object.fromEntries(Object.entries(r.timingsMs).map(([k, v]) => [k, Math.round(v)])),
  })}\n`,
);
