// LruCache (src/lruCache.ts): the least recently used entry goes first, `get` counts as a use, the
// count and weight bounds hold after every call, a value heavier than the whole bound is not stored,
// and over random sequences of get/set/delete the cache behaves exactly like a plain reference model
// (an array of [key, value, weight] in recency order).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LruCache } from '../../src/lruCache.ts';

interface Val {
  n: number;
  w: number;
}
const weighed = (maxEntries: number, maxWeight?: number): LruCache<Val> =>
  new LruCache<Val>({ maxEntries, ...(maxWeight !== undefined ? { maxWeight } : {}), weigh: (v) => v.w });
const v = (n: number, w = 0): Val => ({ n, w });

describe('LruCache', () => {
  it('evicts the least recently used entry when the count bound is passed', () => {
    const c = weighed(2);
    const a = v(1);
    const b = v(2);
    const d = v(3);
    c.set('a', a);
    c.set('b', b);
    c.set('c', d);
    expect(c.size).toBe(2);
    expect(c.get('a')).toBeUndefined();
    expect(c.get('b')).toBe(b);
    expect(c.get('c')).toBe(d);
  });

  it('get refreshes recency: the entry read last survives the next eviction', () => {
    const c = weighed(2);
    const a = v(1);
    c.set('a', a);
    c.set('b', v(2));
    expect(c.get('a')).toBe(a);
    c.set('c', v(3));
    expect(c.get('b')).toBeUndefined();
    expect(c.get('a')).toBe(a);
    expect(c.get('c')?.n).toBe(3);
  });

  it('set of an existing key replaces its value and makes it the most recent', () => {
    const c = weighed(2);
    c.set('a', v(1));
    c.set('b', v(2));
    c.set('a', v(10));
    c.set('c', v(3));
    expect(c.get('b')).toBeUndefined();
    expect(c.get('a')?.n).toBe(10);
    expect(c.size).toBe(2);
  });

  it('keeps the total weight within maxWeight, evicting from the least recently used end', () => {
    const c = weighed(100, 10);
    c.set('a', v(1, 4));
    c.set('b', v(2, 4));
    expect(c.weight).toBe(8);
    c.set('c', v(3, 4));
    expect(c.weight).toBe(8);
    expect(c.size).toBe(2);
    expect(c.get('a')).toBeUndefined();
    // One heavy value may push out several light ones.
    c.set('d', v(4, 9));
    expect(c.size).toBe(1);
    expect(c.weight).toBe(9);
    expect(c.get('d')?.n).toBe(4);
  });

  it('does not store a value heavier than the whole bound, and keeps no stale value under its key', () => {
    const c = weighed(10, 10);
    c.set('a', v(1, 3));
    c.set('b', v(2, 3));
    c.set('big', v(3, 11));
    expect(c.get('big')).toBeUndefined();
    expect(c.size).toBe(2);
    expect(c.weight).toBe(6);
    // Replacing an existing key by a too-heavy value: the old value must not be served any more.
    c.set('a', v(4, 11));
    expect(c.get('a')).toBeUndefined();
    expect(c.get('b')?.n).toBe(2);
    expect(c.weight).toBe(3);
    // Exactly the bound is allowed.
    c.set('full', v(5, 10));
    expect(c.get('full')?.n).toBe(5);
    expect(c.weight).toBe(10);
  });

  it('delete removes the entry and its weight; deleting a missing key changes nothing', () => {
    const c = weighed(5, 100);
    c.set('a', v(1, 7));
    c.set('b', v(2, 5));
    c.delete('a');
    expect(c.get('a')).toBeUndefined();
    expect(c.size).toBe(1);
    expect(c.weight).toBe(5);
    c.delete('nope');
    expect(c.size).toBe(1);
    expect(c.weight).toBe(5);
  });

  it('without weigh every value weighs 0, so only the count bounds it', () => {
    const c = new LruCache<string>({ maxEntries: 3, maxWeight: 0 });
    for (const k of ['a', 'b', 'c', 'd']) c.set(k, k.toUpperCase());
    expect(c.size).toBe(3);
    expect(c.weight).toBe(0);
    expect(c.get('a')).toBeUndefined();
    expect(c.get('d')).toBe('D');
  });

  it('rejects maxEntries below 1 or not a whole number', () => {
    for (const maxEntries of [0, -1, 0.5, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => new LruCache({ maxEntries }), String(maxEntries)).toThrow(RangeError);
    }
    expect(new LruCache({ maxEntries: 1 }).size).toBe(0);
  });

  type Op =
    { kind: 'get'; key: string } | { kind: 'set'; key: string; w: number } | { kind: 'delete'; key: string };

  it('behaves like the reference model over random get/set/delete sequences', () => {
    const key = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g');
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ kind: fc.constant('get' as const), key }),
      fc.record({ kind: fc.constant('set' as const), key, w: fc.integer({ min: 0, max: 14 }) }),
      fc.record({ kind: fc.constant('delete' as const), key }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }),
        fc.boolean(),
        fc.array(op, { maxLength: 60 }),
        (maxEntries, maxWeight, useWeigh, ops) => {
          const cache = new LruCache<Val>({
            maxEntries,
            ...(maxWeight !== undefined ? { maxWeight } : {}),
            ...(useWeigh ? { weigh: (x: Val) => x.w } : {}),
          });
          const bound = maxWeight ?? Number.POSITIVE_INFINITY;
          // Least recently used first.
          let model: [string, Val, number][] = [];
          const sum = (): number => model.reduce((s, [, , w]) => s + w, 0);
          let n = 0;
          for (const o of ops) {
            if (o.kind === 'get') {
              const i = model.findIndex(([k]) => k === o.key);
              const hit = i >= 0 ? model.splice(i, 1)[0] : undefined;
              if (hit !== undefined) model.push(hit);
              expect(cache.get(o.key)).toBe(hit?.[1]);
            } else if (o.kind === 'set') {
              const value = v(n++, o.w);
              cache.set(o.key, value);
              model = model.filter(([k]) => k !== o.key);
              const w = useWeigh ? o.w : 0;
              if (w <= bound) {
                model.push([o.key, value, w]);
                while (model.length > maxEntries || sum() > bound) model.shift();
              }
            } else {
              cache.delete(o.key);
              model = model.filter(([k]) => k !== o.key);
            }
            expect(cache.size).toBe(model.length);
            expect(cache.size).toBeLessThanOrEqual(maxEntries);
            expect(cache.weight).toBeLessThanOrEqual(bound);
            expect(cache.weight).toBe(sum());
          }
          // Finally every key reads as the model says (oldest first, so reads do not reorder what
          // is still to be checked: each get moves its key behind the ones not yet read).
          for (const [k, val] of [...model]) expect(cache.get(k)).toBe(val);
          for (const k of ['a', 'b', 'c', 'd', 'e', 'f', 'g'])
            if (!model.some(([m]) => m === k)) expect(cache.get(k)).toBeUndefined();
        },
      ),
      { numRuns: 500 },
    );
  });
});
