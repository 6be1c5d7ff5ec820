import { describe, expect, it } from 'vitest';
import { createRng, WeightedSampler } from '../../seed/rng.ts';

const draw = (n: number, f: () => number): number[] => Array.from({ length: n }, f);
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('seed rng', () => {
  it('repeats its stream for the same seed and differs for another seed', () => {
    const a = createRng(7);
    const b = createRng(7);
    const c = createRng(8);
    const xs = draw(50, () => a.uint32());
    expect(draw(50, () => b.uint32())).toEqual(xs);
    expect(draw(50, () => c.uint32())).not.toEqual(xs);
  });

  it('keeps the whole seed: large and negative seeds give their own streams', () => {
    const first = (seed: number) => createRng(seed).uint32();
    const values = [0, 1, -1, 2 ** 32, 2 ** 32 + 1, Number.MAX_SAFE_INTEGER].map(first);
    expect(new Set(values).size).toBe(values.length);
    expect(() => createRng(1.5)).toThrow(RangeError);
  });

  it('forks independent streams without advancing the parent', () => {
    const r = createRng(3);
    const f1 = r.fork('a');
    const f2 = createRng(3).fork('a');
    expect(draw(20, () => f1.next())).toEqual(draw(20, () => f2.next()));
    expect(createRng(3).fork('a').next()).not.toBe(createRng(3).fork('b').next());
    expect(r.next()).toBe(createRng(3).next());
  });

  it('keeps next() in [0, 1) and int() in its inclusive range', () => {
    const r = createRng(11);
    const xs = draw(10_000, () => r.next());
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const ints = draw(5_000, () => r.int(980, 999));
    expect(Math.min(...ints)).toBe(980);
    expect(Math.max(...ints)).toBe(999);
  });

  it('draws normal, lognormal and poisson values with the right centre', () => {
    const r = createRng(5);
    const normals = draw(20_000, () => r.normal(10, 2));
    expect(mean(normals)).toBeCloseTo(10, 1);
    const sd = Math.sqrt(mean(normals.map((x) => (x - 10) ** 2)));
    expect(sd).toBeGreaterThan(1.9);
    expect(sd).toBeLessThan(2.1);
    const logs = draw(20_000, () => r.lognormal(Math.log(100), 0.25)).sort((a, b) => a - b);
    expect(logs[10_000]).toBeGreaterThan(97);
    expect(logs[10_000]).toBeLessThan(103);
    expect(mean(draw(20_000, () => r.poisson(3.5)))).toBeCloseTo(3.5, 1);
    expect(mean(draw(5_000, () => r.poisson(120)))).toBeGreaterThan(118);
    expect(r.poisson(0)).toBe(0);
  });

  it('truncates the exponential below its bound', () => {
    const r = createRng(9);
    const xs = draw(10_000, () => r.truncatedExponential(200, 540));
    expect(Math.max(...xs)).toBeLessThan(540);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
  });

  it('chooses in proportion to the weights, never a zero weight', () => {
    const r = createRng(1);
    const counts = { a: 0, b: 0, c: 0 };
    const sampler = new WeightedSampler(['a', 'b', 'c'] as const, [1, 0, 3]);
    for (let i = 0; i < 8_000; i++) counts[sampler.sample(r)]++;
    expect(counts.b).toBe(0);
    expect(counts.c / counts.a).toBeGreaterThan(2.7);
    expect(counts.c / counts.a).toBeLessThan(3.3);
    const direct = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 8_000; i++) direct[r.weighted(['a', 'b', 'c'] as const, [1, 0, 3])]++;
    expect(direct.b).toBe(0);
    expect(() => r.weightedIndex([0, 0])).toThrow(RangeError);
  });
});
