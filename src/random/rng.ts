// A small seeded pseudo-random number generator shared by the seed generator and the simulation.
// Never Math.random: the same seed must give the same bytes, on every machine and Node version.
//
// Core: sfc32 (Chris Doty-Humphrey's "small fast counting" generator, 128-bit state, passes
// PractRand for far more numbers than a seed ever draws), its state filled by splitmix32 from the
// seed. `fork(label)` derives an independent stream from the seed and a label, so one table's
// generator (say, one hospital's waiting list) does not shift when another table draws more numbers.

const TWO_POW_32 = 4_294_967_296;

/** splitmix32 step: a well-mixed 32-bit output from a 32-bit counter state. */
function splitmix32(state: number): number {
  let z = (state + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** FNV-1a over the UTF-16 code units of a label: turns a stream label into 32 bits. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Fold an arbitrary safe integer seed into 32 bits (both halves count, the sign too). */
function seedTo32(seed: number): number {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
  const lo = seed >>> 0;
  const hi = Math.floor(seed / TWO_POW_32) >>> 0;
  return (lo ^ splitmix32(hi ^ 0x5bd1e995)) >>> 0;
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private readonly key: number;

  /** `key` is the 32-bit stream key; use `createRng(seed)` or `fork(label)` rather than this. */
  constructor(key: number) {
    this.key = key >>> 0;
    let s = this.key;
    const next = (): number => {
      s = (s + 0x9e3779b9) | 0;
      return splitmix32(s);
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = 1; // sfc32's counter; starting it at 1 is the reference seeding
    // Discard the first outputs so that nearby keys have decorrelated streams.
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** A uniformly distributed 32-bit unsigned integer. */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1), 32 bits of resolution. */
  next(): number {
    return this.uint32() / TWO_POW_32;
  }

  /** Uniform real in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
      throw new RangeError(`int(${min}, ${max}): expected integers with min <= max`);
    }
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability p. */
  bool(p: number): boolean {
    return this.next() < p;
  }

  /** Normal(mean, sd) by Box–Muller (no cached second value: the stream stays easy to reason about). */
  normal(mean = 0, sd = 1): number {
    const u1 = 1 - this.next(); // (0, 1]: log stays finite
    const u2 = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** Lognormal: exp(Normal(mu, sigma)); the median is exp(mu). */
  lognormal(mu: number, sigma: number): number {
    return Math.exp(this.normal(mu, sigma));
  }

  /**
   * Poisson(lambda). Knuth's product method for small lambda; for lambda >= 30 the rounded normal
   * approximation, which is accurate enough for counts in a synthetic data set.
   */
  poisson(lambda: number): number {
    if (!(lambda >= 0)) throw new RangeError(`poisson(${lambda}): lambda must be >= 0`);
    if (lambda === 0) return 0;
    if (lambda < 30) {
      const limit = Math.exp(-lambda);
      let k = 0;
      let p = this.next();
      while (p > limit) {
        k++;
        p *= this.next();
      }
      return k;
    }
    return Math.max(0, Math.round(this.normal(lambda, Math.sqrt(lambda))));
  }

  /** Exponential with the given mean, truncated to [0, max): inverse-CDF sampling, no rejection. */
  truncatedExponential(mean: number, max: number): number {
    const tail = 1 - Math.exp(-max / mean);
    return -mean * Math.log(1 - this.next() * tail);
  }

  /** One element, uniformly. */
  choice<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('choice() of an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Index drawn with probability proportional to its (non-negative) weight. */
  weightedIndex(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    if (!(total > 0)) throw new RangeError('weightedIndex() needs a positive total weight');
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i] as number;
      if (r < 0) return i;
    }
    // Floating-point rest: the last index with a positive weight.
    for (let i = weights.length - 1; i >= 0; i--) if ((weights[i] as number) > 0) return i;
    return weights.length - 1;
  }

  /** Element drawn with probability proportional to its weight. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    if (items.length !== weights.length)
      throw new RangeError('weighted(): items and weights differ in length');
    return items[this.weightedIndex(weights)] as T;
  }

  /** An independent stream keyed by this stream's key and a label (does not advance this stream). */
  fork(label: string): Rng {
    return new Rng(splitmix32(this.key ^ fnv1a(label)) ^ fnv1a(`${label}#`));
  }
}

/** The root stream of a seed. */
export function createRng(seed: number): Rng {
  return new Rng(seedTo32(seed));
}

/**
 * A fixed discrete distribution sampled many times: cumulative weights + binary search, so a
 * draw costs O(log n) instead of O(n).
 */
export class WeightedSampler<T> {
  private readonly items: readonly T[];
  private readonly cumulative: Float64Array;

  constructor(items: readonly T[], weights: readonly number[]) {
    if (items.length !== weights.length || items.length === 0) {
      throw new RangeError('WeightedSampler needs as many weights as items, at least one');
    }
    this.items = items;
    this.cumulative = new Float64Array(weights.length);
    let total = 0;
    weights.forEach((w, i) => {
      if (!(w >= 0)) throw new RangeError(`weight ${i} is negative or not a number`);
      total += w;
      this.cumulative[i] = total;
    });
    if (!(total > 0)) throw new RangeError('WeightedSampler needs a positive total weight');
  }

  sample(rng: Rng): T {
    const total = this.cumulative[this.cumulative.length - 1] as number;
    const r = rng.next() * total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.cumulative[mid] as number) > r) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo] as T;
  }
}
