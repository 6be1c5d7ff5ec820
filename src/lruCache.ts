// A small least-recently-used cache bounded by entry count and by total weight (e.g. bytes), for
// values that are valid only under a data version the caller checks (waiting-list totals and
// pages). Map keeps insertion order, so re-inserting on a hit makes the first key the least
// recently used one.

export interface LruCacheOptions<V> {
  maxEntries: number;
  /** Upper bound of the sum of `weigh(value)` over the cached values (default: no bound). */
  maxWeight?: number;
  weigh?: (value: V) => number;
}

export class LruCache<V> {
  readonly #map = new Map<string, { value: V; weight: number }>();
  readonly #maxEntries: number;
  readonly #maxWeight: number;
  readonly #weigh: (value: V) => number;
  #weight = 0;

  constructor(opts: LruCacheOptions<V>) {
    if (!Number.isInteger(opts.maxEntries) || opts.maxEntries < 1)
      throw new RangeError(`maxEntries: expected a whole number >= 1, got ${opts.maxEntries}`);
    this.#maxEntries = opts.maxEntries;
    this.#maxWeight = opts.maxWeight ?? Number.POSITIVE_INFINITY;
    this.#weigh = opts.weigh ?? (() => 0);
  }

  get size(): number {
    return this.#map.size;
  }

  /** The sum of the cached values' weights. */
  get weight(): number {
    return this.#weight;
  }

  get(key: string): V | undefined {
    const hit = this.#map.get(key);
    if (hit === undefined) return undefined;
    this.#map.delete(key);
    this.#map.set(key, hit);
    return hit.value;
  }

  /** Stores the value as the most recent; a value heavier than the whole bound is not stored. */
  set(key: string, value: V): void {
    this.delete(key);
    const weight = this.#weigh(value);
    if (weight > this.#maxWeight) return;
    this.#map.set(key, { value, weight });
    this.#weight += weight;
    while (this.#map.size > this.#maxEntries || this.#weight > this.#maxWeight) {
      const oldest = this.#map.keys().next().value as string;
      this.delete(oldest);
    }
  }

  delete(key: string): void {
    const old = this.#map.get(key);
    if (old === undefined) return;
    this.#map.delete(key);
    this.#weight -= old.weight;
  }
}
