// Same seed -> same bytes; other seed or scale -> other data; bad options are rejected by name.
import { describe, expect, it } from 'vitest';
import { copyCount, generateRegion } from '../../seed/generate.ts';
import { snapshotToJson } from '../../seed/serialize.ts';
import type { RegionSnapshot } from '../../src/domain/snapshot.ts';
import { validateSnapshot } from '../../src/domain/validateSnapshot.ts';
import { ValidationError } from '../../src/errors.ts';

// Scale 1 is generated once for the file, on first use.
let scaleOne: RegionSnapshot | undefined;
const one = (): RegionSnapshot => (scaleOne ??= generateRegion({ seed: 7, scale: 1 }));

describe('Södra seed determinism and scale', () => {
  it('gives byte-identical JSON for the same seed and scale', () => {
    const a = snapshotToJson(generateRegion({ seed: 7, scale: 0.3 }));
    const b = snapshotToJson(generateRegion({ seed: 7, scale: 0.3 }));
    expect(a).toBe(b);
    expect(JSON.parse(a)).toBeTypeOf('object');
  });

  it('gives different data for a different seed, same shape', () => {
    const a = generateRegion({ seed: 7, scale: 0.3 });
    const b = generateRegion({ seed: 8, scale: 0.3 });
    expect(snapshotToJson(a)).not.toBe(snapshotToJson(b));
    expect(b.hospitals).toEqual(a.hospitals);
    expect(b.waitingList.length).toBe(a.waitingList.length);
  });

  it('scale 0.1 keeps every hospital and shrinks the list', () => {
    const small = generateRegion({ seed: 7, scale: 0.1 });
    expect(small.hospitals).toHaveLength(one().hospitals.length);
    expect(small.waitingList.length).toBeLessThan(one().waitingList.length / 5);
    expect(small.waitingList.length).toBeGreaterThan(one().waitingList.length / 20);
    expect(validateSnapshot(JSON.parse(snapshotToJson(small))).ok).toBe(true);
  });

  it('scale 2 copies the region set: twice the hospitals and patients, still valid', () => {
    const two = generateRegion({ seed: 7, scale: 2 });
    expect(two.hospitals).toHaveLength(2 * one().hospitals.length);
    expect(two.regions.map((r) => r.id)).toContain('r-skane-2');
    const lund2 = two.hospitals.find((h) => h.id === 'h-sus-lund-2');
    const lund = one().hospitals.find((h) => h.id === 'h-sus-lund');
    expect((lund2?.lat ?? 0) - (lund?.lat ?? 0)).toBeCloseTo(2, 5);
    expect(Math.abs(two.waitingList.length - 2 * one().waitingList.length)).toBeLessThan(50);
    const v = validateSnapshot(JSON.parse(snapshotToJson(two)));
    expect(v.ok ? [] : v.issues.slice(0, 3)).toEqual([]);
  });

  it('counts copies of the region set from the scale', () => {
    expect([0.1, 1, 1.4, 1.6, 2, 5, 10].map(copyCount)).toEqual([1, 1, 1, 2, 2, 5, 10]);
  });

  it('starts from the given snapshot date', () => {
    const s = generateRegion({ seed: 1, scale: 0.05, asOfDate: '2027-03-10' });
    expect(s.asOfDate).toBe('2027-03-10');
    expect(s.waitingList.every((e) => e.decisionDate <= '2027-03-10')).toBe(true);
    // Overrides and closures lie in the weeks after the snapshot date.
    for (const c of s.closures) expect(c.date > '2027-03-10').toBe(true);
    expect(validateSnapshot(s).ok).toBe(true);
  });

  it.each([
    [{ seed: 1.5, scale: 1 }, 'seed'],
    [{ seed: 1, scale: 0 }, 'scale'],
    [{ seed: 1, scale: -1 }, 'scale'],
    [{ seed: 1, scale: 10.5 }, 'scale'],
    [{ seed: 1, scale: 1, asOfDate: '2026-02-30' }, 'asOfDate'],
  ])('rejects %j naming %s', (opts, field) => {
    expect(() => generateRegion(opts)).toThrow(ValidationError);
    expect(() => generateRegion(opts)).toThrow(new RegExp(`^${field}: `));
  });
});
