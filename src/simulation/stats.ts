// Interval estimates over independent replications: the sample mean with a 95 % Student-t
// interval. Paired differences use the same function on per-replication differences (common random
// numbers make those far less variable than the two means apart).

/** Two-sided 95 % quantiles of Student's t for 1–30 degrees of freedom. */
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131,
  2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/** t quantile (0.975) for `df` degrees of freedom; beyond 30 the Cornish–Fisher expansion around 1.96. */
export function tQuantile975(df: number): number {
  if (df < 1) return Number.NaN;
  if (df <= 30) return T975[df - 1] as number;
  const z = 1.959964;
  return z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df * df);
}

/** Mean with its 95 % interval; lo/hi are null with fewer than two values (no spread to estimate). */
export interface Estimate {
  mean: number;
  lo: number | null;
  hi: number | null;
}

/** Rounded to 6 significant decimals so the printed JSON does not carry float noise. */
const tidy = (x: number): number => (Number.isFinite(x) ? Math.round(x * 1e6) / 1e6 : x);

export function estimate(values: readonly number[]): Estimate {
  const n = values.length;
  if (n === 0) return { mean: Number.NaN, lo: null, hi: null };
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / n;
  if (n < 2) return { mean: tidy(mean), lo: null, hi: null };
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  const half = tQuantile975(n - 1) * Math.sqrt(ss / (n - 1) / n);
  return { mean: tidy(mean), lo: tidy(mean - half), hi: tidy(mean + half) };
}

export function halfWidth(e: Estimate): number {
  return e.lo === null || e.hi === null ? Number.POSITIVE_INFINITY : (e.hi - e.lo) / 2;
}

/** Nearest-rank quantile of an ascending array (0 for an empty one). */
export function quantileSorted(sortedAsc: readonly number[], q: number): number {
  if (sortedAsc.length === 0) return 0;
  const rank = Math.max(1, Math.ceil(q * sortedAsc.length));
  return sortedAsc[rank - 1] as number;
}

/** Poisson(λ) by inversion of one uniform: monotone in λ, so a higher rate never gives fewer arrivals on the same draw. */
export function poissonInverse(u: number, lambda: number): number {
  if (!(lambda > 0)) return 0;
  if (lambda > 500) {
    // exp(-λ) underflows long before this matters; the normal approximation is exact enough here.
    return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * normalQuantile(u)));
  }
  let k = 0;
  let p = Math.exp(-lambda);
  let cdf = p;
  while (u > cdf && k < 100_000) {
    k++;
    p *= lambda / k;
    cdf += p;
    if (p < 1e-300 && k > lambda) break;
  }
  return k;
}

/** Standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const q0 = Math.min(Math.max(p, 1e-300), 1 - 1e-16);
  const lowP = 0.02425;
  const poly = (k: number[], x: number): number => k.reduce((s, v) => s * x + v, 0);
  if (q0 < lowP) {
    const q = Math.sqrt(-2 * Math.log(q0));
    return poly(c, q) / (poly(d, q) * q + 1);
  }
  if (q0 > 1 - lowP) {
    const q = Math.sqrt(-2 * Math.log(1 - q0));
    return -poly(c, q) / (poly(d, q) * q + 1);
  }
  const q = q0 - 0.5;
  const r = q * q;
  return (poly(a, r) * q) / (poly(b, r) * r + 1);
}
