// Fixed durations (σ = 0): a procedure whose length is known exactly. A list of only fixed cases
// overruns with probability 0 (it fits) or 1 (it does not), in construction and in the checker.
import { describe, expect, it } from 'vitest';
import { overrunProbability as checkerOverrun } from '../../solver/check/overrun.ts';
import { overrunProbability as constructionOverrun } from '../../solver/model/stats.ts';
import { solve, DEFAULT_SOLVE_OPTIONS } from '../../solver/index.ts';
import { buildProblem } from '../../src/plans/buildProblem.ts';
import { validateSnapshot } from '../../src/domain/validateSnapshot.ts';
import { smallSnapshot } from '../helpers/smallSnapshot.ts';

const fixed = (min: number, turnoverMin = 20) => ({ logMu: Math.log(min), logSigma: 0, turnoverMin });

describe('fixed durations', () => {
  it('the checker gives 0 or 1 for a list of fixed cases', () => {
    expect(checkerOverrun(480, [fixed(200), fixed(200)])).toBe(0); // 400 + 40 ≤ 480
    expect(checkerOverrun(480, [fixed(230), fixed(230)])).toBe(1); // 460 + 40 > 480
    expect(checkerOverrun(440, [fixed(200), fixed(200)])).toBe(0); // exactly full
  });

  it('construction agrees', () => {
    expect(constructionOverrun(400, 0, 440)).toBe(0);
    expect(constructionOverrun(460, 0, 440)).toBe(1);
  });

  it('a snapshot may state σ = 0, and a plan of fixed-duration cases passes the checker', async () => {
    const s = smallSnapshot();
    for (const p of s.procedures) p.durationLogSigma = 0;
    expect(validateSnapshot(s).ok).toBe(true);
    const problem = buildProblem(s, { week: '2026-W10', leadDays: 0 });
    const r = await solve(problem, { ...DEFAULT_SOLVE_OPTIONS, backend: 'highs', timeLimitS: 20 });
    expect(r.assignments.length).toBeGreaterThan(0);
    expect(r.check.violations).toEqual([]);
    for (const l of r.lists) expect(l.overrunProbability).toBe(0);
  });

  it('a negative σ is still refused, naming the field', () => {
    const s = smallSnapshot();
    s.procedures[0]!.durationLogSigma = -0.1;
    const v = validateSnapshot(s);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.issues.map((i) => i.field)).toContain('procedures[0].durationLogSigma');
  });
});
