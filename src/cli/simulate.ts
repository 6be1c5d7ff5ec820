// `opflow simulate`: what-if scenarios as a rolling-horizon simulation of the waiting list with
// replications and intervals (ADR 0011). This file is a composition root: it picks the snapshot,
// the scenario file, the seed generator's patient factory and the policies, and hands them to the
// pure core in src/simulation.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { parseFlags } from './args.ts';
import type { Command } from './main.ts';
import { loadSnapshotSource } from './plan.ts';
import type { PolicyName } from '../scenarios/model.ts';
import { baseScenario, checkScenarioRefs, type Scenario } from '../scenarios/model.ts';
import { readScenarioFile } from '../scenarios/file.ts';
import { simulate, WEEK_METRICS, type SimulationReport, type WeekEstimate } from '../simulation/run.ts';
import { findLeastCapacity, type CapacityKind } from '../simulation/inverse.ts';
import { DEFAULT_CANDIDATE_FACTOR, policyByName } from '../simulation/policies.ts';
import type { Estimate } from '../simulation/stats.ts';
import type { SimulationInput } from '../simulation/types.ts';
import type { RegionSnapshot } from '../domain/snapshot.ts';
import { ValidationError } from '../errors.ts';
import { loadConfig } from '../config.ts';

export const MAX_WEEKS = 104;

const int = (min: number, max: number) =>
  z.coerce
    .number({ message: 'expected an integer' })
    .int('expected an integer')
    .min(min, `expected ${min}–${max}`)
    .max(max, `expected ${min}–${max}`);

const flags = {
  seed: {
    type: 'string',
    schema: z.coerce.number({ message: 'expected an integer' }).int('expected an integer').default(7),
  },
  weeks: { type: 'string', schema: int(1, MAX_WEEKS).default(26) },
  scale: {
    type: 'string',
    schema: z.coerce
      .number({ message: 'expected a number' })
      .positive('must be positive')
      .max(10, 'at most 10')
      .default(1),
  },
  snapshot: { type: 'string', schema: z.string().min(1).optional() },
  scenario: { type: 'string', schema: z.string().min(1).optional() },
  replications: { type: 'string', schema: int(1, 1000).default(1) },
  'target-halfwidth': {
    type: 'string',
    schema: z.coerce
      .number({ message: 'expected a share such as 0.01' })
      .positive('must be positive')
      .max(1)
      .optional(),
  },
  'max-replications': { type: 'string', schema: int(2, 1000).default(100) },
  policy: {
    type: 'string',
    schema: z
      .enum(['optimised', 'baseline', 'both'], { message: 'expected optimised, baseline or both' })
      .optional(),
  },
  mode: {
    type: 'string',
    schema: z.enum(['fast', 'full'], { message: 'expected fast or full' }).default('fast'),
  },
  backend: {
    type: 'string',
    schema: z.enum(['highs', 'jsl'], { message: 'expected highs or jsl' }).default('highs'),
  },
  'time-limit-s': {
    type: 'string',
    schema: z.coerce.number().positive('must be positive').max(3600).default(30),
  },
  'candidate-factor': {
    type: 'string',
    schema: z.coerce
      .number({ message: 'expected a number' })
      .min(0, 'must be >= 0')
      .max(100)
      .default(DEFAULT_CANDIDATE_FACTOR),
  },
  find: {
    type: 'string',
    schema: z
      .enum(['regional-team-days', 'extra-lists'], { message: 'expected regional-team-days or extra-lists' })
      .optional(),
  },
  hospital: { type: 'string', schema: z.string().min(1).optional() },
  specialty: { type: 'string', schema: z.string().min(1).optional() },
  'target-share': {
    type: 'string',
    schema: z.coerce
      .number({ message: 'expected a share such as 0.1' })
      .min(0)
      .max(1, 'a share is at most 1')
      .optional(),
  },
  'max-units': { type: 'string', schema: int(1, 200).default(20) },
  json: { type: 'boolean', schema: z.boolean().default(false) },
  'on-queue': { type: 'boolean', schema: z.boolean().default(false) },
  csv: { type: 'string', schema: z.string().min(1).optional() },
} as const;

function required(flag: string, why: string): never {
  throw new ValidationError(`--${flag}: required ${why}`, [
    { field: `--${flag}`, message: `required ${why}` },
  ]);
}

export const run: Command = async (args, io) => {
  const f = parseFlags(args, flags);
  const snapshot = await loadSnapshotSource({ snapshot: f.snapshot, seed: f.seed, scale: f.scale });
  const scenario: Scenario = f.scenario === undefined ? baseScenario() : await readScenarioFile(f.scenario);
  checkScenarioRefs(scenario, knownIds(snapshot));
  const { seedPatientFactory } = await import('../../seed/arrivals.ts');
  const input: SimulationInput = {
    base: snapshot,
    scenario,
    seed: f.seed,
    weeks: f.weeks,
    patientFactory: seedPatientFactory(snapshot),
  };
  const policyOptions = {
    mode: f.mode,
    backend: f.backend,
    timeLimitS: f['time-limit-s'],
    candidateFactor: f['candidate-factor'],
  };
  const names: PolicyName[] = f.policy === 'both' ? ['optimised', 'baseline'] : [f.policy ?? scenario.policy];
  const policies = names.map((n) => policyByName(n, policyOptions));
  const bar = progressBar();

  if (f.find !== undefined) {
    if (f['target-share'] === undefined) required('target-share', 'with --find');
    if (f.hospital === undefined) required('hospital', 'with --find');
    if (!snapshot.hospitals.some((h) => h.id === f.hospital))
      throw new ValidationError(`--hospital: unknown hospital "${f.hospital}"`, [
        { field: '--hospital', message: 'unknown hospital' },
      ]);
    let capacity: CapacityKind;
    if (f.find === 'extra-lists') {
      if (f.specialty === undefined) required('specialty', 'with --find extra-lists');
      if (!snapshot.specialties.some((s) => s.id === f.specialty))
        throw new ValidationError(`--specialty: unknown specialty "${f.specialty}"`, [
          { field: '--specialty', message: 'unknown specialty' },
        ]);
      capacity = { kind: 'extra-lists', hospitalId: f.hospital, specialtyId: f.specialty };
    } else capacity = { kind: 'regional-team-days', hospitalId: f.hospital };
    const policy = policies[0] ?? policyByName('optimised', policyOptions);
    const result = await findLeastCapacity(input, policy, {
      capacity,
      targetShare: f['target-share'],
      maxUnits: f['max-units'],
      replications: f.replications,
      onEvaluation: (units, share) => {
        if (!f.json) io.err(`  ${units} units: share past the guarantee ${fmtEstimate(share, true)}`);
      },
    });
    if (f.json)
      io.out(
        JSON.stringify({ policy: policy.name, capacity, replications: f.replications, ...result }, null, 2),
      );
    else
      io.out(
        result.units === null
          ? `not reached with ${f['max-units']} units (--max-units)`
          : `least ${f.find}: ${result.units} per week (95 % interval ${result.unitsInterval.lo ?? '?'}–${result.unitsInterval.hi ?? `>${f['max-units']}`}); share past the guarantee in week ${result.week}: ${fmtEstimate(result.share as Estimate, true)}`,
      );
    return 0;
  }

  let report: SimulationReport;
  if (f['on-queue']) {
    const databaseUrl = loadConfig().databaseUrl;
    if (databaseUrl === undefined)
      throw new ValidationError('--on-queue: needs DATABASE_URL (the queue the workers share)', [
        { field: '--on-queue', message: 'needs DATABASE_URL' },
      ]);
    if (f['target-halfwidth'] !== undefined)
      throw new ValidationError('--target-halfwidth: not with --on-queue (a queued run has a fixed size)', [
        { field: '--target-halfwidth', message: 'not with --on-queue' },
      ]);
    const { simulateOnQueue } = await import('./simulateOnQueue.ts');
    ({ report } = await simulateOnQueue(
      databaseUrl,
      input,
      { scenario, policies: names, replications: f.replications, policyOptions },
      (d, t) => bar?.update(d, t, 'replications'),
    ));
  } else report = await simulateHere();
  bar?.done();
  if (f.csv !== undefined) await writeCsv(f.csv, report);
  if (f.json) io.out(JSON.stringify(report, null, 2));
  else printSummary(io.out, report);
  return Object.values(report.policies).every((p) => p.conservationOk) ? 0 : 3;

  async function simulateHere(): Promise<SimulationReport> {
    const total = () => f.replications * names.length * f.weeks;
    let done = 0;
    const { report } = await simulate(input, {
      policies,
      replications: f.replications,
      ...(f['target-halfwidth'] !== undefined ? { targetHalfwidth: f['target-halfwidth'] } : {}),
      maxReplications: Math.max(f['max-replications'], f.replications),
      clock: () => performance.now(),
      onProgress: () => bar?.update(++done, Math.max(done, total())),
    });
    return report;
  }
};

function knownIds(s: RegionSnapshot) {
  return {
    hospitalIds: new Set(s.hospitals.map((h) => h.id)),
    specialtyIds: new Set(s.specialties.map((x) => x.id)),
    procedureIds: new Set(s.procedures.map((p) => p.id)),
    teamIds: new Set(s.regionalTeams.map((t) => t.id)),
  };
}

/** A one-line bar on stderr, only when stderr is a terminal (never in pipes, files or tests). */
function progressBar():
  { update: (done: number, total: number, unit?: string) => void; done: () => void } | undefined {
  if (!process.stderr.isTTY) return undefined;
  return {
    update: (done, total, unit = 'weeks') => {
      const width = 30;
      const filled = Math.round((done / Math.max(1, total)) * width);
      process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${unit}`);
    },
    done: () => process.stderr.write('\n'),
  };
}

function fmtEstimate(e: Estimate, share = false): string {
  const f = (x: number) => (share ? `${(x * 100).toFixed(1)} %` : Math.round(x).toString());
  return e.lo === null || e.hi === null ? f(e.mean) : `${f(e.mean)} [${f(e.lo)}, ${f(e.hi)}]`;
}

function printSummary(out: (l: string) => void, r: SimulationReport): void {
  out(
    `opflow simulate — scenario "${r.scenario.name}" v${r.scenario.version}, seed ${r.seed}, ${r.weeks} weeks from ${r.firstWeek}, ${r.replications} replication(s); 95 % intervals in brackets`,
  );
  for (const [name, p] of Object.entries(r.policies)) {
    out('');
    out(
      `${name}: conservation ${p.conservationOk ? 'ok every week' : 'BROKEN'}; ${(p.timingsMs.total / 1000).toFixed(1)} s`,
    );
    out('week  ISO week    waiting                 past guarantee (share)        treated');
    for (const w of p.weeks) {
      out(
        `${String(w.week).padStart(4)}  ${w.isoWeek}  ${fmtEstimate(w.waiting).padEnd(22)}  ${fmtEstimate(w.pastGuaranteeShare, true).padEnd(28)}  ${fmtEstimate(w.treated)}`,
      );
    }
  }
  const d = r.differences?.weeks.at(-1);
  if (d !== undefined && r.differences !== undefined) {
    out('');
    out(
      `${r.differences.minuend} − ${r.differences.subtrahend}, week ${d.week} (paired): past guarantee ${fmtEstimate(d.pastGuarantee)}, share ${fmtEstimate(d.pastGuaranteeShare, true)}, treated ${fmtEstimate(d.treated)}`,
    );
  }
}

const csvCell = (v: number | string | null): string =>
  v === null ? '' : typeof v === 'number' ? String(v) : v;

function weekRows(weeks: ({ week: number; isoWeek: string } & Record<string, unknown>)[]): string {
  const header = ['week', 'isoWeek', ...WEEK_METRICS.flatMap((m) => [`${m}_mean`, `${m}_lo`, `${m}_hi`])];
  const lines = [header.join(',')];
  for (const w of weeks) {
    const cells: (number | string | null)[] = [w.week, w.isoWeek];
    for (const m of WEEK_METRICS) {
      const e = w[m] as Estimate;
      cells.push(Number.isFinite(e.mean) ? e.mean : null, e.lo, e.hi);
    }
    lines.push(cells.map(csvCell).join(','));
  }
  return `${lines.join('\n')}\n`;
}

function breakdownRows(weeks: WeekEstimate[]): string {
  const lines = [
    'week,isoWeek,dimension,key,waiting_mean,pastGuarantee_mean,pastGuaranteeShare_mean,pastGuaranteeShare_lo,pastGuaranteeShare_hi',
  ];
  for (const w of weeks) {
    for (const dim of ['byHomeRegion', 'bySpecialty', 'byHospital'] as const) {
      for (const [k, b] of Object.entries(w[dim])) {
        lines.push(
          [
            w.week,
            w.isoWeek,
            dim.slice(2).replace(/^./, (c) => c.toLowerCase()),
            k,
            b.waiting.mean,
            b.pastGuarantee.mean,
            b.pastGuaranteeShare.mean,
            b.pastGuaranteeShare.lo,
            b.pastGuaranteeShare.hi,
          ]
            .map(csvCell)
            .join(','),
        );
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

async function writeCsv(dir: string, r: SimulationReport): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    for (const [name, p] of Object.entries(r.policies)) {
      await writeFile(join(dir, `weeks-${name}.csv`), weekRows(p.weeks));
      await writeFile(join(dir, `breakdowns-${name}.csv`), breakdownRows(p.weeks));
    }
    if (r.differences) await writeFile(join(dir, 'differences.csv'), weekRows(r.differences.weeks));
  } catch (e) {
    throw new ValidationError(
      `--csv: cannot write to ${dir} (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
      [{ field: '--csv', message: 'cannot write' }],
    );
  }
}
