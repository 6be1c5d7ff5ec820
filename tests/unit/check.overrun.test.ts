// The checker's own duration-risk maths: normal tail, Fenton–Wilkinson overrun probability and
// expected overtime.
import { describe, expect, it } from 'vitest';
import { erfc, normalCdf, normalSf } from '../../solver/check/normal.ts';
import {
  caseMeanMin,
  expectedOvertimeMin,
  overrunProbability,
  plannedCaseMin,
} from '../../solver/check/overrun.ts';

describe('normal distribution', () => {
  it('matches reference erfc and Φ values', () => {
    // Reference values (Abramowitz & Stegun tables / high-precision software).
    expect(erfc(0)).toBe(1);
    expect(erfc(0.5)).toBeCloseTo(0.4795001221869535, 14);
    expect(erfc(1)).toBeCloseTo(0.1572992070502851, 14);
    expect(erfc(3) / 2.209049699858544e-5).toBeCloseTo(1, 12);
    expect(erfc(5) / 1.537459794428035e-12).toBeCloseTo(1, 12);
    expect(erfc(-1)).toBeCloseTo(1.842700792949715, 14);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 13);
    expect(normalCdf(-1.2815515655446004)).toBeCloseTo(0.1, 13);
    expect(normalSf(6) / 9.865876450376946e-10).toBeCloseTo(1, 10);
  });
});

describe('overrunProbability (Fenton–Wilkinson)', () => {
  it('is exact for a single lognormal case: P = 1 − Φ((ln a − μ)/σ), a = listMin − turnover', () => {
    const c = { logMu: Math.log(100), logSigma: 0.4, turnoverMin: 20 };
    // a = 150 − 20 = 130; z = ln(1.3)/0.4 = 0.65591; 1 − Φ(z) = 0.25595.
    const z = (Math.log(130) - Math.log(100)) / 0.4;
    expect(overrunProbability(150, [c])).toBeCloseTo(1 - normalCdf(z), 14);
    expect(overrunProbability(150, [c])).toBeCloseTo(0.25595, 4);
    // The median exactly fits: probability one half.
    expect(overrunProbability(120, [c])).toBeCloseTo(0.5, 14);
  });

  it('matches a hand computation for two cases', () => {
    // Two hips, mean 90 each, σ = 0.3: V = 2·90²·(e^0.09 − 1), s² = ln(1 + V/180²), μ = ln 180 − s²/2.
    const hip = { logMu: Math.log(90) - 0.045, logSigma: 0.3, turnoverMin: 30 };
    const v = 2 * 8100 * Math.expm1(0.09);
    const s2 = Math.log(1 + v / (180 * 180));
    const mu = Math.log(180) - s2 / 2;
    const expected = 1 - normalCdf((Math.log(300 - 60) - mu) / Math.sqrt(s2));
    expect(overrunProbability(300, [hip, hip])).toBeCloseTo(expected, 12);
    expect(expected).toBeGreaterThan(0.05);
    expect(expected).toBeLessThan(0.2);
  });

  it('handles the edges: empty list, no time left, zero variance', () => {
    expect(overrunProbability(480, [])).toBe(0);
    expect(overrunProbability(30, [{ logMu: 3, logSigma: 0.2, turnoverMin: 30 }])).toBe(1);
    expect(overrunProbability(100, [{ logMu: Math.log(50), logSigma: 0, turnoverMin: 10 }])).toBe(0);
    expect(overrunProbability(55, [{ logMu: Math.log(50), logSigma: 0, turnoverMin: 10 }])).toBe(1);
  });

  it('planned case minutes are the rounded lognormal mean', () => {
    expect(caseMeanMin(Math.log(90) - 0.045, 0.3)).toBeCloseTo(90, 10);
    expect(plannedCaseMin(4, 0.5)).toBe(Math.round(Math.exp(4.125)));
  });
});

describe('expectedOvertimeMin', () => {
  it('matches numerical integration of E[max(0, X − a)] for a single lognormal case', () => {
    const mu = Math.log(100);
    const sigma = 0.4;
    const a = 130;
    // Simpson's rule on (x − a)·f(x) over x ∈ [a, a + 2000].
    const f = (x: number): number =>
      Math.exp(-((Math.log(x) - mu) ** 2) / (2 * sigma * sigma)) / (x * sigma * Math.sqrt(2 * Math.PI));
    const n = 20_000;
    const h = 2000 / n;
    let sum = 0;
    for (let i = 0; i <= n; i++) {
      const x = a + i * h;
      const w = i === 0 || i === n ? 1 : i % 2 === 1 ? 4 : 2;
      sum += w * (x - a) * f(x);
    }
    const numeric = (sum * h) / 3;
    expect(expectedOvertimeMin(150, [{ logMu: mu, logSigma: sigma, turnoverMin: 20 }])).toBeCloseTo(
      numeric,
      6,
    );
  });

  it('is E[S] − a when no time is left, and 0 for an empty list', () => {
    expect(expectedOvertimeMin(20, [{ logMu: Math.log(100), logSigma: 0.4, turnoverMin: 20 }])).toBeCloseTo(
      100 * Math.exp(0.08),
      10,
    );
    expect(expectedOvertimeMin(480, [])).toBe(0);
  });
});
