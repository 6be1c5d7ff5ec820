// One care-guarantee rule in four implementations: the domain (src/domain/careGuarantee.ts), the
// waiting-list SQL (pastGuaranteeSql), the checker (solver/check/guarantee.ts) and the solver's
// eligibility (solver/eligibility). They must agree on every valid input, open-ended periods
// included, and all refuse a period that ends before it starts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dbVariants, useDb } from '../helpers/db.ts';
import { addDays, epochDay } from '../../src/calendar/isoWeek.ts';
import { guaranteeDate, guaranteeDays, type GuaranteePeriod } from '../../src/domain/careGuarantee.ts';
import { pastGuaranteeSql } from '../../src/waiting-list/repo.ts';
import { replaceSnapshot } from '../../src/db/snapshotRepo.ts';
import { ValidationError } from '../../src/errors.ts';
import {
  firstDayPastGuarantee as checkerFirstDay,
  guaranteeDaysOn,
  isPastGuarantee,
} from '../../solver/check/guarantee.ts';
import { firstDayPastGuarantee as eligibilityFirstDay } from '../../solver/eligibility/index.ts';
import type { ProblemPatient, ProblemPeriod } from '../../solver/model/problem.ts';
import { smallSnapshot } from '../helpers/smallSnapshot.ts';

const BASE = '2026-01-01';

interface Case {
  decision: string;
  periods: { kind: 'PvV' | 'MoV' | 'SoV'; from: string; to: string | null }[];
  asOf: string;
  limit: number;
}

const caseArb: fc.Arbitrary<Case> = fc
  .record({
    decision: fc.integer({ min: -200, max: 200 }),
    periods: fc.array(
      fc.record({
        kind: fc.constantFrom('PvV' as const, 'MoV' as const, 'SoV' as const),
        start: fc.integer({ min: -250, max: 450 }),
        len: fc.integer({ min: 0, max: 80 }),
        open: fc.integer({ min: 0, max: 9 }),
      }),
      { maxLength: 5 },
    ),
    on: fc.integer({ min: -220, max: 600 }),
    limit: fc.integer({ min: 0, max: 150 }),
  })
  .map((c) => ({
    decision: addDays(BASE, c.decision),
    // About one period in ten is open-ended.
    periods: c.periods.map((p) => ({
      kind: p.kind,
      from: addDays(BASE, p.start),
      to: p.open === 0 ? null : addDays(BASE, p.start + p.len),
    })),
    asOf: addDays(BASE, c.on),
    limit: c.limit,
  }));

const problemPeriods = (c: Case): ProblemPeriod[] =>
  c.periods.map((p) => ({
    kind: p.kind,
    fromDay: epochDay(p.from),
    toDay: p.to === null ? Number.POSITIVE_INFINITY : epochDay(p.to),
  }));

const problemPatient = (c: Case): ProblemPatient =>
  ({
    id: 'x',
    decisionDay: epochDay(c.decision),
    excludedPeriods: problemPeriods(c),
  }) as unknown as ProblemPatient;

/** Past the guarantee on c.asOf, by each in-process implementation. */
function verdicts(c: Case): Record<string, boolean> {
  const periods: GuaranteePeriod[] = c.periods;
  const day = epochDay(c.asOf);
  const last = guaranteeDate(c.decision, periods, c.limit);
  return {
    domainCount: guaranteeDays(c.decision, c.asOf, periods) > c.limit,
    domainDate: last !== null && c.asOf > last,
    checker: isPastGuarantee(problemPatient(c), day, c.limit),
    checkerFirstDay: day >= checkerFirstDay(problemPatient(c), c.limit),
    eligibility: day >= eligibilityFirstDay(problemPatient(c), c.limit),
  };
}

describe('the guarantee count in src/ and solver/ agrees on valid input', () => {
  it('property: domain, checker and eligibility give one verdict, and one count', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const v = verdicts(c);
        expect(new Set(Object.values(v)).size, JSON.stringify(v)).toBe(1);
        expect(guaranteeDaysOn(problemPatient(c), epochDay(c.asOf))).toBe(
          guaranteeDays(c.decision, c.asOf, c.periods),
        );
      }),
      { numRuns: 3000 },
    );
  });

  it('an open-ended period stops the count: no guarantee date, never past the guarantee', () => {
    const c: Case = {
      decision: '2026-01-01',
      periods: [{ kind: 'PvV', from: '2026-02-01', to: null }],
      asOf: '2027-06-01',
      limit: 90,
    };
    expect(guaranteeDays(c.decision, c.asOf, c.periods)).toBe(31);
    expect(guaranteeDate(c.decision, c.periods)).toBeNull();
    expect(verdicts(c)).toEqual({
      domainCount: false,
      domainDate: false,
      checker: false,
      checkerFirstDay: false,
      eligibility: false,
    });
    // Started after the limit was passed, it does not undo the breach.
    const late: Case = { ...c, periods: [{ kind: 'PvV', from: '2026-05-01', to: null }] };
    expect(guaranteeDate(late.decision, late.periods)).toBe('2026-04-01');
    expect(new Set(Object.values(verdicts(late)))).toEqual(new Set([true]));
  });

  it('a waived guarantee is never past it (checker and eligibility)', () => {
    const p = { ...problemPatient({ decision: '2026-01-01', periods: [], asOf: '2027-01-01', limit: 90 }) };
    p.guaranteeWaived = true;
    expect(isPastGuarantee(p, epochDay('2027-01-01'), 90)).toBe(false);
    expect(checkerFirstDay(p, 90)).toBe(Number.POSITIVE_INFINITY);
    expect(eligibilityFirstDay(p, 90)).toBe(Number.POSITIVE_INFINITY);
  });

  it('a period that ends before it starts is refused by every implementation', () => {
    const c: Case = {
      decision: '2026-01-01',
      periods: [{ kind: 'MoV', from: '2026-02-10', to: '2026-02-09' }],
      asOf: '2026-06-01',
      limit: 90,
    };
    expect(() => guaranteeDays(c.decision, c.asOf, c.periods)).toThrow(ValidationError);
    expect(() => guaranteeDate(c.decision, c.periods)).toThrow(ValidationError);
    expect(() => guaranteeDaysOn(problemPatient(c), epochDay(c.asOf))).toThrow(RangeError);
    expect(() => checkerFirstDay(problemPatient(c), 90)).toThrow(RangeError);
    expect(() => eligibilityFirstDay(problemPatient(c), 90)).toThrow(RangeError);
  });
});

for (const variant of dbVariants()) {
  describe.skipIf(variant.skipReason !== undefined)(`the waiting-list SQL agrees [${variant.name}]`, () => {
    const db = useDb(variant);

    it('property: pastGuaranteeSql gives the domain verdict on the same cases', async () => {
      const cases = fc.sample(caseArb, { numRuns: 1500, seed: 13 });
      const { rows } = await db().query<{ i: number; past: boolean }>(
        `SELECT w.i, ${pastGuaranteeSql('w.as_of', 'w.limit_days')} AS past
         FROM jsonb_to_recordset($1::jsonb)
           AS w(i integer, id text, decision_date date, excluded_periods jsonb, as_of date, limit_days integer)
         ORDER BY w.i`,
        [
          JSON.stringify(
            cases.map((c, i) => ({
              i,
              id: `case-${i}`,
              decision_date: c.decision,
              // An open-ended period is stored without `to`.
              excluded_periods: c.periods.map((p) => (p.to === null ? { kind: p.kind, from: p.from } : p)),
              as_of: c.asOf,
              limit_days: c.limit,
            })),
          ),
        ],
      );
      expect(rows).toHaveLength(cases.length);
      const mismatches = rows.filter((r) => {
        const c = cases[r.i] as Case;
        return r.past !== guaranteeDays(c.decision, c.asOf, c.periods) > c.limit;
      });
      expect(mismatches).toEqual([]);
    });

    it('refuses to store a period that ends before it starts', async () => {
      await replaceSnapshot(db(), smallSnapshot());
      const bad = JSON.stringify([{ kind: 'MoV', from: '2026-02-10', to: '2026-02-09' }]);
      await expect(
        db().query(`UPDATE waiting_list SET excluded_periods = $1::jsonb WHERE id = 'wl-0001'`, [bad]),
      ).rejects.toThrow(/excluded_periods_ordered/);
      const good = JSON.stringify([{ kind: 'MoV', from: '2026-02-09', to: '2026-02-09' }]);
      await db().query(`UPDATE waiting_list SET excluded_periods = $1::jsonb WHERE id = 'wl-0001'`, [good]);
    });
  });
}
