// The simulation benchmark (issue 11, ADR 0011): `npx tsx bench/simulate.ts [--scale 1] [--seed 7]
// [--weeks 26] [--replications 1] [--policy optimised|baseline|both] [--mode fast|full]
// [--candidate-factor X]` (0 = the planner sees the whole list).
// Prints one JSON line: wall time (seed generation excluded), time per simulated week, peak RSS,
// the weekly planner's mean gap, conservation, and for the last week the share past the guarantee
// per policy and the paired difference, each with its 95 % half-width.
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { generateRegion } from '../seed/generate.ts';
import { seedPatientFactory } from '../seed/arrivals.ts';
import { baseScenario } from '../src/scenarios/model.ts';
import { simulate } from '../src/simulation/run.ts';
import { policyByName } from '../src/simulation/policies.ts';
import { halfWidth } from '../src/simulation/stats.ts';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    seed: { type: 'string', default: '7' },
    weeks: { type: 'string', default: '26' },
    replications: { type: 'string', default: '1' },
    policy: { type: 'string', default: 'optimised' },
    mode: { type: 'string', default: 'fast' },
    'candidate-factor': { type: 'string' },
  },
  strict: true,
});
const seed = Number(values.seed);
const weeks = Number(values.weeks);
const replications = Number(values.replications);
const mode = values.mode === 'full' ? 'full' : 'fast';
const names =
  values.policy === 'both'
    ? (['optimised', 'baseline'] as const)
    : ([values.policy === 'baseline' ? 'baseline' : 'optimised'] as const);
const base = generateRegion({ seed, scale: Number(values.scale) });
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const { report } = await simulate(
  {
    base,
    scenario: baseScenario(),
    seed,
    weeks,
    patientFactory: seedPatientFactory(base),
    ...(values['candidate-factor'] !== undefined
      ? { candidateFactor: Number(values['candidate-factor']) }
      : {}),
  },
  {
    policies: names.map((n) =>
      policyByName(n, {
        mode,
        ...(values['candidate-factor'] !== undefined
          ? { candidateFactor: Number(values['candidate-factor']) }
          : {}),
      }),
    ),
    replications,
    maxReplications: replications,
    clock: () => performance.now(),
  },
);
const wallMs = performance.now() - t0;
// CPU time of this process (user + system): on a shared machine a steadier figure than wall time.
const cpu = process.cpuUsage(cpu0);
const cpuMs = Math.round((cpu.user + cpu.system) / 1000);
const pct = (x: number) => Math.round(x * 10000) / 100;
const policies = Object.fromEntries(
  Object.entries(report.policies).map(([name, p]) => {
    const last = p.weeks.at(-1)!;
    const gaps = p.weeks.map((w) => w.planGap.mean).filter((g) => Number.isFinite(g));
    return [
      name,
      {
        wallMs: p.timingsMs.total,
        msPerWeek: p.timingsMs.perSimulatedWeek,
        conservationOk: p.conservationOk,
        meanPlanGapPct: gaps.length > 0 ? pct(gaps.reduce((s, g) => s + g, 0) / gaps.length) : null,
        maxPlanGapPct: gaps.length > 0 ? pct(Math.max(...gaps)) : null,
        lastWeek: {
          waiting: last.waiting,
          pastGuarantee: last.pastGuarantee,
          pastGuaranteeSharePct: pct(last.pastGuaranteeShare.mean),
          pastGuaranteeShareHalfWidthPct: pct(halfWidth(last.pastGuaranteeShare)),
          treatedPerWeekMean: Math.round(p.weeks.reduce((s, w) => s + w.treated.mean, 0) / p.weeks.length),
        },
      },
    ];
  }),
);
const d = report.differences?.weeks.at(-1);
process.stdout.write(
  `${JSON.stringify({
    scale: Number(values.scale),
    seed,
    weeks,
    replications: report.replications,
    mode,
    candidateFactor: values['candidate-factor'] ?? 'default',
    wallMs: Math.round(wallMs),
    cpuMs,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    policies,
    ...(d
      ? {
          difference: {
            pastGuarantee: d.pastGuarantee,
            pastGuaranteeSharePct: pct(d.pastGuaranteeShare.mean),
            pastGuaranteeShareHalfWidthPct: pct(halfWidth(d.pastGuaranteeShare)),
            pastGuaranteeShareLoPct: d.pastGuaranteeShare.lo === null ? null : pct(d.pastGuaranteeShare.lo),
            pastGuaranteeShareHiPct: d.pastGuaranteeShare.hi === null ? null : pct(d.pastGuaranteeShare.hi),
          },
        }
      : {}),
  })}\n`,
);
