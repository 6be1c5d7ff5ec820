// Normal distribution helpers and the lognormal-sum (Fenton–Wilkinson) overrun probability used
// by construction. (The checker has its own, independent implementation.)

/** Standard normal CDF via the Abramowitz–Stegun 7.1.26 erf approximation (|error| < 1.5e-7). */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** Standard normal quantile by bisection on normalCdf (used once per solve, so speed is moot). */
export function normalQuantile(p: number): number {
  let lo = -10;
  let hi = 10;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (normalCdf(mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * P(sum of independent lognormal case durations > availableMin), by moment-matching the sum to a
 * lognormal (Fenton–Wilkinson). meanSum/varSum are the sums of the cases' means and variances.
 */
export function overrunProbability(meanSumMin: number, varSumMin2: number, availableMin: number): number {
  if (meanSumMin <= 0) return 0;
  if (availableMin <= 0) return 1;
  const s2 = Math.log(1 + varSumMin2 / (meanSumMin * meanSumMin));
  if (s2 <= 0) return meanSumMin > availableMin ? 1 : 0;
  const mu = Math.log(meanSumMin) - s2 / 2;
  return 1 - normalCdf((Math.log(availableMin) - mu) / Math.sqrt(s2));
}
