// Duration risk of a theatre list, computed independently of construction.
//
// Case durations are independent lognormals, ln X_i ~ N(logMu_i, logSigma_i²). Their sum S is
// approximated by one lognormal with the same mean and variance (Fenton–Wilkinson):
//   m_i = e^{μ_i + σ_i²/2},  v_i = (e^{σ_i²} − 1)·m_i²,  M = Σ m_i,  V = Σ v_i,
//   s² = ln(1 + V/M²),  μ = ln M − s²/2.
// Turnovers are constants: every case's turnover (the last one too — the room is cleaned before
// the session ends) is subtracted from the list minutes, so the time available to surgery is
// a = listMin − Σ turnover_i, and P(overrun) = P(S > a) = 1 − Φ((ln a − μ)/s).
// For a single case the approximation is exact: s = σ, μ = logMu.
import { normalCdf, normalSf } from './normal.ts';

export interface CaseDistribution {
  logMu: number;
  logSigma: number;
  turnoverMin: number;
}

/** Mean of one lognormal case duration, in minutes. */
export function caseMeanMin(logMu: number, logSigma: number): number {
  return Math.exp(logMu + (logSigma * logSigma) / 2);
}

/** Planned duration of a case: its mean rounded to whole minutes (what assignments must carry). */
export function plannedCaseMin(logMu: number, logSigma: number): number {
  return Math.round(caseMeanMin(logMu, logSigma));
}

export interface LognormalSum {
  /** Σ of the case means (minutes). */
  meanMin: number;
  /** Σ of the case variances (minutes²). */
  varianceMin2: number;
  /** Parameters of the moment-matched lognormal. */
  mu: number;
  sigma: number;
  /** listMin − Σ turnovers: minutes left for surgery. */
  availableMin: number;
}

export function lognormalSum(listMin: number, cases: readonly CaseDistribution[]): LognormalSum {
  let meanMin = 0;
  let varianceMin2 = 0;
  let turnoverMin = 0;
  for (const c of cases) {
    const s2 = c.logSigma * c.logSigma;
    const m = Math.exp(c.logMu + s2 / 2);
    meanMin += m;
    varianceMin2 += Math.expm1(s2) * m * m;
    turnoverMin += c.turnoverMin;
  }
  const s2 = meanMin > 0 ? Math.log1p(varianceMin2 / (meanMin * meanMin)) : 0;
  return {
    meanMin,
    varianceMin2,
    mu: meanMin > 0 ? Math.log(meanMin) - s2 / 2 : -Infinity,
    sigma: Math.sqrt(s2),
    availableMin: listMin - turnoverMin,
  };
}

/** P(Σ case durations + Σ turnovers > listMin), Fenton–Wilkinson. 0 for an empty list. */
export function overrunProbability(listMin: number, cases: readonly CaseDistribution[]): number {
  if (cases.length === 0) return 0;
  const s = lognormalSum(listMin, cases);
  if (s.meanMin <= 0) return s.availableMin < 0 ? 1 : 0;
  if (s.availableMin <= 0) return 1;
  if (s.sigma === 0) return s.meanMin > s.availableMin ? 1 : 0;
  return normalSf((Math.log(s.availableMin) - s.mu) / s.sigma);
}

/**
 * Expected overtime E[max(0, S − a)] in minutes, by the lognormal partial expectation:
 *   E[(S − a)+] = e^{μ+s²/2}·Φ((μ + s² − ln a)/s) − a·Φ((μ − ln a)/s),   a > 0,
 * and E[S] − a when a ≤ 0 (the list overruns for sure).
 */
export function expectedOvertimeMin(listMin: number, cases: readonly CaseDistribution[]): number {
  if (cases.length === 0) return Math.max(0, -listMin);
  const s = lognormalSum(listMin, cases);
  const a = s.availableMin;
  if (a <= 0) return s.meanMin - a;
  if (s.meanMin <= 0) return 0;
  if (s.sigma === 0) return Math.max(0, s.meanMin - a);
  const lnA = Math.log(a);
  const d2 = (s.mu - lnA) / s.sigma;
  const value = s.meanMin * normalCdf(d2 + s.sigma) - a * normalCdf(d2);
  return Math.max(0, value);
}
