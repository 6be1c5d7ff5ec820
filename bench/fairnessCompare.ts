// Side-by-side figures for objective settings (ADR 0018): `npx tsx bench/fairnessCompare.ts
// [--seed 7] [--week 2026-W50] [--scale 1] [--weights '{"needRateFactor":2}'] [--resolution auto]`.
// Prints one JSON line with the fairness figures the issue asks for (P1 coverage, P4 booked, long
// share, past guarantee at week end, hips/knees/cataracts) for the plan and the status-quo baseline,
// plus gap and CPU time (CPU, not wall: the shared machine's load makes wall time meaningless).
import { parseArgs } from 'node:util';
import { generateRegion } from '../seed/generate.ts';
import { buildProblem } from '../src/plans/buildProblem.ts';
import { solve } from '../solver/index.ts';
import type { Weights } from '../solver/model/problem.ts';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    seed: { type: 'string', default: '7' },
    week: { type: 'string', default: '2026-W50' },
    weights: { type: 'string', default: '{}' },
    resolution: { type: 'string', default: 'auto' },
    timeLimit: { type: 'string', default: '120' },
  },
  strict: true,
});
const PROCS = { hip: 'p-nfb49', knee: 'p-ngb49', cataract: 'p-cje20' } as const;
const snapshot = generateRegion({ seed: Number(values.seed), scale: Number(values.scale) });
const problem0 = buildProblem(snapshot, { week: values.week });
const overrides = JSON.parse(values.weights) as Partial<Weights>;
const problem = { ...problem0, weights: { ...problem0.weights, ...overrides } };
const cpu0 = process.cpuUsage();
const r = await solve(problem, {
  periodDays: values.resolution === 'day' ? 1 : values.resolution === 'week' ? 7 : 'auto',
  timeLimitS: Number(values.timeLimit),
  clock: () => performance.now(),
});
const cpu = process.cpuUsage(cpu0);
const side = (f: typeof r.fairness | undefined, pastGuarantee: number, treated: number) => ({
  treated,
  p1Coverage: f?.topNeedCoverage,
  booked: Object.fromEntries(Object.entries(f?.byPriorityGroup ?? {}).map(([k, v]) => [k, v.booked])),
  longShare: f?.longProcedureMinShare,
  pastGuaranteeAtEnd: pastGuarantee,
  hip: f?.byProcedure[PROCS.hip]?.booked,
  knee: f?.byProcedure[PROCS.knee]?.booked,
  cataract: f?.byProcedure[PROCS.cataract]?.booked,
  pastGuaranteeDaysAvoided: f?.pastGuaranteeDaysAvoided,
});
process.stdout.write(
  `${JSON.stringify({
    seed: Number(values.seed),
    week: values.week,
    weights: overrides,
    status: r.status,
    fallback: r.fallback ?? null,
    columns: r.diagnostics.columns,
    feasible: r.check.feasible,
    gap: r.gap,
    bound: r.bound,
    objective: r.objective,
    aggregate: r.diagnostics.aggregateObjective,
    overtakings: r.fairness?.overtakings,
    overtakingShare: r.fairness?.overtakingShare,
    p1PassedOver: r.fairness?.topNeedPassedOver,
    plan: side(r.fairness, r.kpis.pastGuaranteeAtEnd, r.kpis.patientsTreated),
    baseline: side(r.baseline.fairness, r.baseline.kpis.pastGuaranteeAtEnd, r.baseline.kpis.patientsTreated),
    cpuS: Math.round((cpu.user + cpu.system) / 1e5) / 10,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    timingsMs: Object.fromEntries(Object.entries(r.timingsMs).map(([k, v]) => [k, Math.round(v)])),
  })}\n`,
);
