// Fallback when the aggregate LP stops at its time limit (ADR 0018): the daily LP given no time
// falls back to the weekly model, whose finished LP gives a proven bound and a checked plan.
import { describe, expect, it } from 'vitest';
import { generateRegion } from '../../seed/generate.ts';
import { buildProblem } from '../../src/plans/buildProblem.ts';
import { solve } from '../../solver/index.ts';

function problem() {
  const snapshot = generateRegion({ seed: 7, scale: 1 });
  snapshot.waitingList = snapshot.waitingList.slice(0, 400);
  return buildProblem(snapshot, { week: '2026-W50' });
}

describe('LP time-limit fallback', () => {
  it('a daily LP that does not finish falls back to the weekly model with an honest gap', async () => {
    const p = problem();
    const opts = { backend: 'highs', periodDays: 1, aggregate: 'lp-round' } as const;
    const hurried = await solve(p, { ...opts, timeLimitS: 1e-6, fallbackTimeLimitS: 60 });
    expect(hurried.fallback).toBe('weekly-model');
    expect(hurried.status).not.toBe('time_limit');
    expect(hurried.check.feasible).toBe(true);
    expect(hurried.diagnostics.aggregateStatus).toBe('optimal');
    // The weekly bound is a relaxation of the daily one, so it is no higher; the plan is above both.
    const calm = await solve(p, { ...opts, timeLimitS: 60 });
    expect(calm.fallback).toBeUndefined();
    expect(hurried.bound).toBeLessThanOrEqual(calm.bound + 1e-6);
    expect(hurried.objective).toBeGreaterThanOrEqual(calm.bound - 1e-6);
    expect(hurried.gap).toBeGreaterThanOrEqual(0);
    expect(hurried.kpis.patientsTreated).toBeGreaterThan(0);
  });
});
