// Ward beds on random problems: whatever the beds, lengths of stay and bookings' occupancy, every
// solved plan (and its baseline) respects the beds per the independent checker, and the bound with
// the bed rows stays valid (objective ≥ bound).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPlan } from '../../solver/check/index.ts';
import { solve } from '../../solver/index.ts';
import type { PlanningProblem } from '../../solver/model/problem.ts';
import { problemArb } from '../helpers/randomProblem.ts';

const RUNS = 25;

/** A random problem with lengths of stay 0–4 nights and tight ward beds (0–4 a day, some booked). */
const withBedsArb: fc.Arbitrary<PlanningProblem> = problemArb({ maxPatients: 30 }).chain((problem) =>
  fc
    .record({
      los: fc.array(fc.integer({ min: 0, max: 4 }), {
        minLength: problem.procedures.length,
        maxLength: problem.procedures.length,
      }),
      beds: fc.array(fc.integer({ min: 0, max: 4 }), {
        minLength: problem.hospitals.length * problem.dates.length,
        maxLength: problem.hospitals.length * problem.dates.length,
      }),
      booked: fc.array(fc.integer({ min: 0, max: 2 }), {
        minLength: problem.hospitals.length * problem.dates.length,
        maxLength: problem.hospitals.length * problem.dates.length,
      }),
    })
    .map(({ los, beds, booked }) => ({
      ...problem,
      procedures: problem.procedures.map((p, i) => ({ ...p, lengthOfStayDays: los[i] ?? 0 })),
      wardBeds: problem.hospitals.flatMap((h, hi) =>
        problem.dates.map((_, d) => ({
          hospitalId: h.id,
          day: problem.startDay + d,
          capacityBeds: beds[hi * problem.dates.length + d] ?? 0,
          bookedBeds: booked[hi * problem.dates.length + d] ?? 0,
        })),
      ),
    })),
);

describe('ward beds — properties on random problems', () => {
  it.each([1, 7] as const)(
    'every solved plan and its baseline respect the beds per the checker (periodDays %i)',
    async (periodDays) => {
      await fc.assert(
        fc.asyncProperty(withBedsArb, async (problem) => {
          const r = await solve(problem, { backend: 'highs', mipRelGap: 1e-4, timeLimitS: 20, periodDays });
          expect(checkPlan(problem, r).violations).toEqual([]);
          expect(r.check.feasible).toBe(true);
          expect(r.objective).toBeGreaterThanOrEqual(r.bound - 1e-6 * Math.max(1, Math.abs(r.bound)));
          expect(r.baseline.check.violations.filter((v) => v.rule === 'ward beds')).toEqual([]);
        }),
        { numRuns: RUNS },
      );
    },
  );
});
