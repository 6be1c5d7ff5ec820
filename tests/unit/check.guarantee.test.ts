// The checker's own care-guarantee counting: elapsed days since the decision minus the distinct
// days covered by PvV/MoV/SoV periods (inclusive, overlaps counted once).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromEpochDay } from '../../src/calendar/isoWeek.ts';
import { guaranteeDays as domainGuaranteeDays } from '../../src/domain/careGuarantee.ts';
import { firstDayPastGuarantee, guaranteeDaysOn, isPastGuarantee } from '../../solver/check/guarantee.ts';
import type { ProblemPeriod } from '../../solver/model/problem.ts';

const D0 = 20_000;
const period = (kind: ProblemPeriod['kind'], from: number, to: number): ProblemPeriod => ({
  kind,
  fromDay: D0 + from,
  toDay: D0 + to,
});

describe('guaranteeDaysOn / isPastGuarantee / firstDayPastGuarantee', () => {
  it('without exclusions: day 90 is within, day 91 is past', () => {
    const p = { decisionDay: D0, excludedPeriods: [] };
    expect(guaranteeDaysOn(p, D0 - 5)).toBe(0);
    expect(guaranteeDaysOn(p, D0)).toBe(0);
    expect(guaranteeDaysOn(p, D0 + 1)).toBe(1);
    expect(guaranteeDaysOn(p, D0 + 90)).toBe(90);
    expect(isPastGuarantee(p, D0 + 90, 90)).toBe(false);
    expect(isPastGuarantee(p, D0 + 91, 90)).toBe(true);
    expect(firstDayPastGuarantee(p, 90)).toBe(D0 + 91);
  });

  it('counts overlapping periods once', () => {
    // PvV 10..19 and MoV 15..24 overlap: together days 10..24 (15 days); SoV 30..30 adds one.
    const p = {
      decisionDay: D0,
      excludedPeriods: [period('MoV', 15, 24), period('PvV', 10, 19), period('SoV', 30, 30)],
    };
    expect(guaranteeDaysOn(p, D0 + 12)).toBe(10); // days 0..11, minus 10 and 11
    expect(guaranteeDaysOn(p, D0 + 20)).toBe(10); // days 0..19, minus 10..19
    expect(guaranteeDaysOn(p, D0 + 25)).toBe(10); // days 0..24, minus 10..24
    expect(guaranteeDaysOn(p, D0 + 100)).toBe(84); // 100 − 15 − 1
    // Counted days: 0..9 (10), 25..29 (5), then 31..106 (76) = 91 → first day past = 107.
    expect(guaranteeDaysOn(p, D0 + 106)).toBe(90);
    expect(guaranteeDaysOn(p, D0 + 107)).toBe(91);
    expect(firstDayPastGuarantee(p, 90)).toBe(D0 + 107);
  });

  it('ignores the part of a period before the decision', () => {
    const p = { decisionDay: D0 + 50, excludedPeriods: [period('PvV', 40, 55)] };
    expect(guaranteeDaysOn(p, D0 + 60)).toBe(4); // days 50..59, minus 50..55
  });

  it('refuses a period that ends before it starts, as the domain rule does', () => {
    const p = { decisionDay: D0 + 50, excludedPeriods: [period('PvV', 40, 55), period('MoV', 70, 60)] };
    expect(() => guaranteeDaysOn(p, D0 + 60)).toThrow(RangeError);
    expect(() => firstDayPastGuarantee(p, 90)).toThrow(RangeError);
  });

  it('a period starting when the count reaches the limit pushes the first past day beyond it', () => {
    const p = { decisionDay: D0, excludedPeriods: [period('MoV', 90, 99)] };
    expect(guaranteeDaysOn(p, D0 + 100)).toBe(90);
    expect(firstDayPastGuarantee(p, 90)).toBe(D0 + 101);
  });

  const periods = fc.array(
    fc.record({
      kind: fc.constantFrom('PvV' as const, 'MoV' as const, 'SoV' as const),
      from: fc.integer({ min: -20, max: 200 }),
      len: fc.integer({ min: 0, max: 40 }),
    }),
    { maxLength: 5 },
  );

  it('agrees with a day-by-day count and with the first day whose count exceeds the limit', () => {
    fc.assert(
      fc.property(
        periods,
        fc.integer({ min: -10, max: 300 }),
        fc.integer({ min: 0, max: 120 }),
        (ps, onDay, limit) => {
          const p = {
            decisionDay: D0,
            excludedPeriods: ps.map((q) => period(q.kind, q.from, q.from + q.len)),
          };
          const excluded = (d: number): boolean =>
            p.excludedPeriods.some((e) => d >= e.fromDay && d <= e.toDay);
          let count = 0;
          for (let d = D0; d < D0 + onDay; d++) if (!excluded(d)) count++;
          expect(guaranteeDaysOn(p, D0 + onDay)).toBe(count);
          const gd = firstDayPastGuarantee(p, limit);
          expect(guaranteeDaysOn(p, gd)).toBe(limit + 1);
          expect(guaranteeDaysOn(p, gd - 1)).toBeLessThanOrEqual(limit);
        },
      ),
    );
  });

  it('agrees with the domain implementation in src/ (differential)', () => {
    fc.assert(
      fc.property(periods, fc.integer({ min: -10, max: 300 }), (ps, onDay) => {
        const valid = ps.filter((q) => q.len >= 0).map((q) => period(q.kind, q.from, q.from + q.len));
        const p = { decisionDay: D0, excludedPeriods: valid };
        const domain = domainGuaranteeDays(
          fromEpochDay(D0),
          fromEpochDay(D0 + onDay),
          valid.map((e) => ({ kind: e.kind, from: fromEpochDay(e.fromDay), to: fromEpochDay(e.toDay) })),
        );
        expect(guaranteeDaysOn(p, D0 + onDay)).toBe(domain);
      }),
    );
  });
});
