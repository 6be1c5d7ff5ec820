import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../../src/calendar/isoWeek.ts';
import {
  CARE_GUARANTEE_DAYS,
  guaranteeDate,
  guaranteeDays,
  guaranteeDaysLeft,
  isBreached,
  medicalTargetDate,
} from '../../src/domain/careGuarantee.ts';
import type { ExcludedPeriod, PriorityGrid } from '../../src/domain/snapshot.ts';
import { ValidationError } from '../../src/errors.ts';

const pvv = (from: string, to: string): ExcludedPeriod => ({ kind: 'PvV', from, to });
const mov = (from: string, to: string): ExcludedPeriod => ({ kind: 'MoV', from, to });

describe('care guarantee (vårdgaranti, 90 days)', () => {
  it('without exclusions: day 90 is still within, day 91 is a breach', () => {
    expect(guaranteeDays('2026-01-01', '2026-01-01', [])).toBe(0);
    expect(guaranteeDays('2026-01-01', '2026-01-02', [])).toBe(1);
    expect(guaranteeDays('2026-01-01', '2026-04-01', [])).toBe(90);
    expect(guaranteeDate('2026-01-01', [])).toBe('2026-04-01');
    expect(isBreached('2026-01-01', '2026-04-01', [])).toBe(false);
    expect(isBreached('2026-01-01', '2026-04-02', [])).toBe(true);
    expect(guaranteeDaysLeft('2026-01-01', '2026-03-02', [])).toBe(30);
    expect(guaranteeDaysLeft('2026-01-01', '2026-04-11', [])).toBe(-10);
    expect(CARE_GUARANTEE_DAYS).toBe(90);
  });

  it('counts 0 before the decision date', () => {
    expect(guaranteeDays('2026-01-01', '2025-12-01', [])).toBe(0);
  });

  it('one PvV period (inclusive dates) moves the guarantee date by its length', () => {
    const periods = [pvv('2026-02-01', '2026-02-10')];
    expect(guaranteeDays('2026-01-01', '2026-04-01', periods)).toBe(80);
    expect(guaranteeDate('2026-01-01', periods)).toBe('2026-04-11');
    expect(isBreached('2026-01-01', '2026-04-11', periods)).toBe(false);
    expect(isBreached('2026-01-01', '2026-04-12', periods)).toBe(true);
  });

  it('counts overlapping periods once and touching periods without a gap', () => {
    const overlapping = [pvv('2026-02-01', '2026-02-10'), mov('2026-02-05', '2026-02-20')];
    expect(guaranteeDays('2026-01-01', '2026-04-01', overlapping)).toBe(70);
    expect(guaranteeDate('2026-01-01', overlapping)).toBe('2026-04-21');
    const touching = [pvv('2026-02-01', '2026-02-10'), mov('2026-02-11', '2026-02-15')];
    expect(guaranteeDays('2026-01-01', '2026-04-01', touching)).toBe(75);
    const nested = [mov('2026-02-01', '2026-02-28'), pvv('2026-02-10', '2026-02-12')];
    expect(guaranteeDays('2026-01-01', '2026-04-01', nested)).toBe(62);
  });

  it('a period straddling onDate counts only its days before onDate', () => {
    const periods = [pvv('2026-03-20', '2026-04-10')];
    expect(guaranteeDays('2026-01-01', '2026-04-01', periods)).toBe(78);
    expect(guaranteeDays('2026-01-01', '2026-03-20', periods)).toBe(78);
    expect(guaranteeDays('2026-01-01', '2026-03-21', periods)).toBe(78);
  });

  it('a period straddling the decision date counts only from the decision', () => {
    const periods = [{ kind: 'SoV' as const, from: '2025-12-01', to: '2026-01-10' }];
    expect(guaranteeDays('2026-01-01', '2026-04-01', periods)).toBe(80);
    expect(guaranteeDays('2026-01-01', '2026-04-01', [pvv('2025-11-01', '2025-12-31')])).toBe(90);
  });

  it('a period starting on the day the count reaches 90 pushes the last day to the day after it', () => {
    const periods = [pvv('2026-04-01', '2026-04-30')];
    expect(guaranteeDays('2026-01-01', '2026-04-01', periods)).toBe(90);
    expect(guaranteeDays('2026-01-01', '2026-05-01', periods)).toBe(90);
    expect(guaranteeDate('2026-01-01', periods)).toBe('2026-05-01');
    expect(isBreached('2026-01-01', '2026-05-01', periods)).toBe(false);
    expect(isBreached('2026-01-01', '2026-05-02', periods)).toBe(true);
  });

  it('takes another limit and rejects nonsense', () => {
    expect(guaranteeDate('2026-01-01', [], 30)).toBe('2026-01-31');
    expect(isBreached('2026-01-01', '2026-02-01', [], 30)).toBe(true);
    expect(() => guaranteeDate('2026-01-01', [], -1)).toThrow(ValidationError);
    expect(() => guaranteeDays('2026-01-01', '2026-04-01', [pvv('2026-02-10', '2026-02-01')])).toThrow(
      /excludedPeriods\[0\]/,
    );
    expect(() => guaranteeDays('2026-02-30', '2026-04-01', [])).toThrow(ValidationError);
  });
});

describe('medical target date (medicinskt måldatum)', () => {
  const grid: PriorityGrid = {
    regionId: 'skane',
    groups: [
      { group: 'A', labelSv: 'inom 2 veckor', labelEn: 'within 2 weeks', maxDays: 14 },
      { group: 'B', labelSv: 'inom 4 veckor', labelEn: 'within 4 weeks', maxDays: 28 },
      { group: 'D', labelSv: 'inom 6 månader', labelEn: 'within 6 months', maxDays: 183 },
    ],
  };

  it('adds the group maxDays to the decision date', () => {
    expect(medicalTargetDate('2026-01-01', 'A', grid)).toBe('2026-01-15');
    expect(medicalTargetDate('2026-12-20', 'B', grid)).toBe('2027-01-17');
    expect(medicalTargetDate('2026-01-01', 'D', grid)).toBe('2026-07-03');
  });

  it('rejects a group the grid does not have, naming region and known groups', () => {
    expect(() => medicalTargetDate('2026-01-01', 'Z', grid)).toThrow(/"Z".*skane.*A, B, D/);
  });
});

describe('care guarantee properties', () => {
  const base = '2026-01-01';
  const decisionArb = fc.integer({ min: -400, max: 400 }).map((n) => addDays(base, n));
  const periodsArb = fc.array(
    fc.record({
      kind: fc.constantFrom('PvV' as const, 'MoV' as const, 'SoV' as const),
      startOffset: fc.integer({ min: -500, max: 600 }),
      lengthDays: fc.integer({ min: 0, max: 90 }),
    }),
    { maxLength: 6 },
  );
  const toPeriods = (raw: { kind: ExcludedPeriod['kind']; startOffset: number; lengthDays: number }[]) =>
    raw.map((r) => ({
      kind: r.kind,
      from: addDays(base, r.startOffset),
      to: addDays(base, r.startOffset + r.lengthDays),
    }));
  const onOffsetArb = fc.integer({ min: -100, max: 700 });

  it('guarantee days are never negative nor above the elapsed days', () => {
    fc.assert(
      fc.property(decisionArb, periodsArb, onOffsetArb, (decision, raw, on) => {
        const onDate = addDays(base, on);
        const days = guaranteeDays(decision, onDate, toPeriods(raw));
        return days >= 0 && days <= Math.max(0, daysBetween(decision, onDate));
      }),
    );
  });

  it('guarantee days are monotone in onDate, growing by at most 1 a day', () => {
    fc.assert(
      fc.property(decisionArb, periodsArb, onOffsetArb, (decision, raw, on) => {
        const periods = toPeriods(raw);
        const today = guaranteeDays(decision, addDays(base, on), periods);
        const tomorrow = guaranteeDays(decision, addDays(base, on + 1), periods);
        return tomorrow >= today && tomorrow <= today + 1;
      }),
    );
  });

  it('guaranteeDate round-trips: count is the limit on it and limit + 1 the day after', () => {
    fc.assert(
      fc.property(decisionArb, periodsArb, fc.integer({ min: 0, max: 200 }), (decision, raw, limit) => {
        const periods = toPeriods(raw);
        const last = guaranteeDate(decision, periods, limit);
        if (last === null) return false; // only open-ended periods give no date
        return (
          guaranteeDays(decision, last, periods) === limit &&
          guaranteeDays(decision, addDays(last, 1), periods) === limit + 1
        );
      }),
    );
  });

  it('isBreached is exactly "after the guarantee date" and daysLeft is limit minus count', () => {
    fc.assert(
      fc.property(decisionArb, periodsArb, onOffsetArb, (decision, raw, on) => {
        const periods = toPeriods(raw);
        const onDate = addDays(base, on);
        const last = guaranteeDate(decision, periods);
        return (
          last !== null &&
          isBreached(decision, onDate, periods) === onDate > last &&
          guaranteeDaysLeft(decision, onDate, periods) === 90 - guaranteeDays(decision, onDate, periods)
        );
      }),
    );
  });

  it('does not depend on the order of the periods and does not mutate them', () => {
    fc.assert(
      fc.property(decisionArb, periodsArb, onOffsetArb, (decision, raw, on) => {
        const periods = Object.freeze(toPeriods(raw).map((p) => Object.freeze(p)));
        const snapshot = JSON.stringify(periods);
        const onDate = addDays(base, on);
        const same =
          guaranteeDays(decision, onDate, periods) ===
            guaranteeDays(decision, onDate, periods.toReversed()) &&
          guaranteeDate(decision, periods) === guaranteeDate(decision, periods.toReversed());
        return same && JSON.stringify(periods) === snapshot;
      }),
    );
  });
});
