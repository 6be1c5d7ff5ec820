// The rolling-horizon simulation (issue 11, ADR 0011) on a small Södra seed (scale 0.05, a few
// weeks): same seed same bytes, conservation every week, common random numbers, more capacity never
// worse in expectation, Little's law, and the --json layout of `opflow simulate`.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateRegion } from '../../seed/generate.ts';
import { seedPatientFactory } from '../../seed/arrivals.ts';
import { main } from '../../src/cli/main.ts';
import { baseScenario, parseScenario, type ScenarioChange } from '../../src/scenarios/model.ts';
import { runReplication, withoutBookings } from '../../src/simulation/engine.ts';
import { baselinePolicy, optimisedPolicy } from '../../src/simulation/policies.ts';
import { simulate } from '../../src/simulation/run.ts';
import { findLeastCapacity } from '../../src/simulation/inverse.ts';
import { candidatePatients } from '../../src/simulation/candidates.ts';
import { buildProblem } from '../../src/plans/buildProblem.ts';
import { firstDayPastGuarantee } from '../../solver/check/guarantee.ts';
import { estimate } from '../../src/simulation/stats.ts';
import type { SimulationInput } from '../../src/simulation/types.ts';
import type { RegionSnapshot } from '../../src/domain/snapshot.ts';

const BASE = generateRegion({ seed: 7, scale: 0.05 });

function input(over: Partial<SimulationInput> = {}, base: RegionSnapshot = BASE): SimulationInput {
  return {
    base,
    scenario: baseScenario(),
    seed: 11,
    weeks: 3,
    patientFactory: seedPatientFactory(base),
    ...over,
  };
}

function scenarioWith(changes: ScenarioChange[], id = 'what-if') {
  return parseScenario({ schemaVersion: 1, id, name: id, changes });
}

/** Every hospital's anaesthesia teams scaled by `percent` (a region-wide staffing cut or gain). */
function staffing(percent: number): ScenarioChange[] {
  return BASE.hospitals.map((h) => ({
    kind: 'staffing',
    hospitalId: h.id,
    resource: 'anaesthesia',
    percent,
  }));
}

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** The JSON without keys that hold timings (the only part allowed to differ between runs). */
function withoutTimings(text: string): string {
  return JSON.stringify(JSON.parse(text), (k, v: unknown) => (k === 'timingsMs' ? undefined : v));
}

describe('opflow simulate --json', () => {
  it('prints the same bytes for the same command, in the documented layout', async () => {
    const args = [
      'simulate',
      '--seed',
      '7',
      '--scale',
      '0.05',
      '--weeks',
      '2',
      '--replications',
      '2',
      '--policy',
      'both',
      '--json',
    ];
    const a = await cli(args);
    const b = await cli(args);
    expect(a.code).toBe(0);
    expect(withoutTimings(a.out)).toBe(withoutTimings(b.out));
    const doc = JSON.parse(a.out);
    for (const policy of ['optimised', 'baseline']) {
      const p = doc.policies[policy];
      expect(p.conservationOk).toBe(true);
      expect(p.weeks).toHaveLength(2);
      for (const w of p.weeks) {
        expect(w.week).toBeTypeOf('number');
        for (const f of ['waiting', 'pastGuarantee', 'pastGuaranteeShare', 'treated']) {
          expect(Object.keys(w[f])).toEqual(['mean', 'lo', 'hi']);
          expect(w[f].lo).toBeLessThanOrEqual(w[f].mean);
          expect(w[f].hi).toBeGreaterThanOrEqual(w[f].mean);
        }
      }
    }
    expect(doc.differences.weeks).toHaveLength(2);
    const d = doc.differences.weeks[1];
    const o = doc.policies.optimised.weeks[1];
    const bl = doc.policies.baseline.weeks[1];
    // The mean of paired differences is the difference of the means.
    expect(d.waiting.mean).toBeCloseTo(o.waiting.mean - bl.waiting.mean, 4);
  });

  it('writes CSV files per policy and the paired differences', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opflow-sim-'));
    try {
      const r = await cli([
        'simulate',
        '--scale',
        '0.05',
        '--weeks',
        '2',
        '--replications',
        '2',
        '--policy',
        'both',
        '--csv',
        dir,
      ]);
      expect(r.code).toBe(0);
      expect(readdirSync(dir).sort()).toEqual([
        'breakdowns-baseline.csv',
        'breakdowns-optimised.csv',
        'differences.csv',
        'weeks-baseline.csv',
        'weeks-optimised.csv',
      ]);
      const weeks = readFileSync(join(dir, 'weeks-baseline.csv'), 'utf8').trim().split('\n');
      expect(weeks).toHaveLength(3);
      expect(weeks[0]!.startsWith('week,isoWeek,waiting_mean,waiting_lo,waiting_hi,')).toBe(true);
      expect(r.out).toMatch(/optimised − baseline, week 2 \(paired\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects a bad flag naming it', async () => {
    const r = await cli(['simulate', '--weeks', '0']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--weeks: expected 1–104/);
  });
});

describe('simulation core', () => {
  it('--target-halfwidth adds replications until the last week is that narrow, up to the cap', async () => {
    const run = (targetHalfwidth: number) =>
      simulate(input({ weeks: 2 }), {
        policies: [baselinePolicy()],
        replications: 2,
        targetHalfwidth,
        maxReplications: 6,
      });
    const wide = await run(1);
    expect(wide.report.replications).toBe(2);
    const narrow = await run(1e-9);
    expect(narrow.report.replications).toBe(6);
  });

  it('consent share 0 moves nobody; consent share 1 with a long travel limit moves patients', async () => {
    const moved = async (changes: ScenarioChange[]) => {
      const r = await runReplication(
        input({ scenario: scenarioWith([...staffing(-60), ...changes]), weeks: 2 }),
        optimisedPolicy(),
        0,
      );
      return r.weeks.reduce((n, w) => n + w.patientsMoved, 0);
    };
    expect(await moved([{ kind: 'consentShare', share: 0 }])).toBe(0);
    expect(
      await moved([
        { kind: 'consentShare', share: 1 },
        { kind: 'travelLimit', maxTravelKm: 400 },
      ]),
    ).toBeGreaterThan(0);
  });

  it('is deterministic: the same seed gives the same outcomes, another seed other ones', async () => {
    const a = await runReplication(input(), baselinePolicy(), 0);
    const b = await runReplication(input(), baselinePolicy(), 0);
    const c = await runReplication(input({ seed: 12 }), baselinePolicy(), 0);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
  });

  it('conserves patients every week (previous list + arrivals = treated + removed + still waiting)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 1000 }),
        fc.double({ min: 0, max: 0.3, noNaN: true }),
        fc.double({ min: 0, max: 0.3, noNaN: true }),
        fc.double({ min: 0, max: 0.05, noNaN: true }),
        fc.double({ min: 0.3, max: 3, noNaN: true }),
        async (seed, cancellationShare, declineShare, removalSharePerWeek, factor) => {
          const scenario = parseScenario({
            schemaVersion: 1,
            id: 'c',
            name: 'c',
            parameters: { cancellationShare, declineShare, removalSharePerWeek },
            changes: [{ kind: 'arrivalMultiplier', factor }, ...staffing(-70)],
          });
          const r = await runReplication(input({ seed, scenario, weeks: 4 }), baselinePolicy(), 0);
          r.weeks.forEach((w, i) => {
            expect(w.balanced).toBe(true);
            expect(w.waitingStart + w.arrivals).toBe(w.treated + w.removed + w.waiting);
            if (i > 0) expect(w.waitingStart).toBe(r.weeks[i - 1]!.waiting);
          });
        },
      ),
      { numRuns: 6 },
    );
  });

  it('common random numbers: a scenario identical to the base gives paired differences of exactly zero', async () => {
    // No-op changes of every demand and staffing kind: the same world, written differently.
    const same = scenarioWith([
      { kind: 'arrivalMultiplier', factor: 1 },
      { kind: 'staffing', hospitalId: BASE.hospitals[0]!.id, resource: 'nursing', percent: 0 },
    ]);
    const policy = optimisedPolicy();
    const base = await simulate(input(), { policies: [policy], replications: 2, maxReplications: 2 });
    const what = await simulate(input({ scenario: same }), {
      policies: [policy],
      replications: 2,
      maxReplications: 2,
    });
    const a = base.results.optimised!;
    const b = what.results.optimised!;
    for (let w = 0; w < 3; w++) {
      for (const m of ['waiting', 'pastGuarantee', 'treated', 'travelKm', 'planChanges'] as const) {
        const diffs = a.map((r, i) => r.weeks[w]![m] - b[i]!.weeks[w]![m]);
        expect(estimate(diffs)).toEqual({ mean: 0, lo: 0, hi: 0 });
      }
    }
    // …and the replications themselves differ (the zero is not a degenerate run).
    expect(a[0]!.weeks[2]!.arrivals).not.toBe(a[1]!.weeks[2]!.arrivals);
  });

  it('more capacity never does worse on the guarantee in expectation (fixed seeds)', async () => {
    // Staff cut hard so that capacity binds at this small scale; "more" restores part of it.
    const less = scenarioWith(staffing(-80), 'less');
    const more = scenarioWith(staffing(-50), 'more');
    for (const policy of [baselinePolicy(), optimisedPolicy()]) {
      const reps = policy.name === 'baseline' ? 4 : 2;
      const opts = { policies: [policy], replications: reps, maxReplications: reps };
      const a = await simulate(input({ scenario: less, weeks: 4 }), opts);
      const b = await simulate(input({ scenario: more, weeks: 4 }), opts);
      const pa = a.report.policies[policy.name]!.weeks[3]!;
      const pb = b.report.policies[policy.name]!.weeks[3]!;
      expect(pb.pastGuarantee.mean).toBeLessThanOrEqual(pa.pastGuarantee.mean);
      // Capacity binds (the test could fail): the larger staff treats more over the four weeks.
      const treated = (r: typeof a) =>
        r.report.policies[policy.name]!.weeks.reduce((n, w) => n + w.treated.mean, 0);
      expect(treated(b)).toBeGreaterThan(treated(a));
    }
  });

  it("agrees with Little's law in a stationary scenario with capacity above demand", async () => {
    // Empty list at the start, arrivals at the seed's rates, the full region's capacity for a list
    // of 5 % size: after a warm-up the list is stationary and L = λ·W must hold.
    // HTA "do not do" procedures are never planned without a clinician's override: such patients
    // would pile up for ever (no stationary list), so this scenario has no new ones.
    const empty: RegionSnapshot = { ...BASE, waitingList: [] };
    const noHta = scenarioWith(
      BASE.procedures
        .filter((p) => p.htaDoNotDo)
        .map((p) => ({ kind: 'arrivalMultiplier', procedureId: p.id, factor: 0 })),
      'stationary',
    );
    const weeks = 18;
    const warmUp = 8;
    const run = await simulate(input({ weeks, seed: 3, scenario: noHta }, empty), {
      policies: [baselinePolicy()],
      replications: 5,
      maxReplications: 5,
    });
    const L: number[] = [];
    const lambdaW: number[] = [];
    for (const r of run.results.baseline!) {
      const window = r.weeks.slice(warmUp);
      const meanL = window.reduce((s, w) => s + w.meanWaitingInWeek, 0) / window.length;
      const arrivalsPerDay = window.reduce((s, w) => s + w.arrivals, 0) / (7 * window.length);
      const treated = window.reduce((s, w) => s + w.treated, 0);
      const meanWaitDays = window.reduce((s, w) => s + w.meanWaitDaysTreated * w.treated, 0) / treated;
      L.push(meanL);
      lambdaW.push(arrivalsPerDay * meanWaitDays);
    }
    const l = estimate(L);
    const diff = estimate(L.map((x, i) => x - lambdaW[i]!));
    expect(l.mean).toBeGreaterThan(10); // a real queue, not an empty one
    // λ·W lies within the simulation's own 95 % interval of the paired difference L − λ·W.
    expect(diff.lo!).toBeLessThanOrEqual(0);
    expect(diff.hi!).toBeGreaterThanOrEqual(0);
    // And within 5 % of L (the interval is not just wide).
    expect(Math.abs(diff.mean)).toBeLessThan(0.05 * l.mean);
  });
});

describe('the inverse question', () => {
  it('finds the least extra lists whose mean share past the guarantee reaches the target', async () => {
    // Capacity cut hard; extra lists at the hospital with the longest list, in its largest specialty.
    const counts = new Map<string, number>();
    for (const p of BASE.waitingList)
      counts.set(p.listingHospitalId, (counts.get(p.listingHospitalId) ?? 0) + 1);
    const hospital = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
    const specialty = BASE.hospitals.find((h) => h.id === hospital)!.specialtyIds[0]!;
    const cut = scenarioWith(staffing(-80), 'cut');
    const inp = input({ scenario: cut, weeks: 3 });
    const capacity = { kind: 'extra-lists', hospitalId: hospital, specialtyId: specialty } as const;
    const opts = { capacity, maxUnits: 12, replications: 2 };
    // The target halfway between no extra lists and the most: reachable, and not at 0.
    const probe = await findLeastCapacity(inp, baselinePolicy(), { ...opts, targetShare: 1 });
    const at = (u: number) => probe.evaluations.find((e) => e.units === u)?.share.mean;
    expect(at(12)).toBeDefined();
    const r0 = await findLeastCapacity(inp, baselinePolicy(), { ...opts, maxUnits: 0, targetShare: 1 });
    const s0 = r0.evaluations[0]!.share.mean;
    const s12 = at(12)!;
    expect(s12).toBeLessThan(s0);
    const target = (s0 + s12) / 2;
    const r = await findLeastCapacity(inp, baselinePolicy(), { ...opts, targetShare: target });
    expect(r.units).not.toBeNull();
    const share = (u: number) => r.evaluations.find((e) => e.units === u)!.share.mean;
    expect(share(r.units!)).toBeLessThanOrEqual(target);
    expect(share(r.units! - 1)).toBeGreaterThan(target); // least: one unit fewer is not enough
    if (r.unitsInterval.lo !== null) expect(r.unitsInterval.lo).toBeLessThanOrEqual(r.units!);
    if (r.unitsInterval.hi !== null) expect(r.unitsInterval.hi).toBeGreaterThanOrEqual(r.units!);
  });
});

describe('the candidate set of the fast weekly plan', () => {
  const problem = buildProblem(withoutBookings(BASE), { week: '2026-W49', leadDays: 0 });
  const end = problem.startDay + 7;

  it('keeps everyone already past the target or the guarantee, and no one who cannot be operated this week', () => {
    const kept = candidatePatients(problem, 0.2);
    const ids = new Set(kept.map((p) => p.id));
    expect(kept.length).toBeLessThan(problem.patients.length);
    for (const p of problem.patients) {
      const operable = p.earliestDay < end;
      const due = p.targetDay < end || firstDayPastGuarantee(p, problem.rules.guaranteeDays) < end;
      if (!operable) expect(ids.has(p.id)).toBe(false);
      else if (due) expect(ids.has(p.id)).toBe(true);
    }
  });

  it('grows with the factor, keeps the list order, and is the whole list at factor 0', () => {
    const small = candidatePatients(problem, 0.2);
    const large = candidatePatients(problem, 1);
    const largeIds = new Set(large.map((p) => p.id));
    expect(small.every((p) => largeIds.has(p.id))).toBe(true);
    expect(large.length).toBeGreaterThan(small.length);
    const order = new Map(problem.patients.map((p, i) => [p.id, i]));
    const idx = large.map((p) => order.get(p.id)!);
    expect(idx).toEqual(idx.toSorted((a, b) => a - b));
    expect(candidatePatients(problem, 0)).toBe(problem.patients);
  });
});
