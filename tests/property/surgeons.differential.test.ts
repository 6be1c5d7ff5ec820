// Differential test of the two backends on aggregate models with named surgeons and sessions
// (ADR 0023): HiGHS and javascript-lp-solver reach the same optimum, as MIP and as LP relaxation,
// on the tiny problem with staff (weekly and daily models) and on small random staffed problems;
// each solution is re-checked against the model by the test's own evaluator.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BACKENDS, type LinearModel, type MipSolution } from '../../solver/backends/index.ts';
import { prepare } from '../../solver/eligibility/index.ts';
import { buildGroups } from '../../solver/formulate/groups.ts';
import { formulate } from '../../solver/formulate/index.ts';
import { buildAggregate, objectiveOf, rowFamily, violatedRows } from '../helpers/aggregateModel.ts';
import { staffedProblemArb } from '../helpers/randomProblem.ts';
import { tinyWithStaff } from '../helpers/tinyStaff.ts';

async function both(model: LinearModel, relax: boolean): Promise<[MipSolution, MipSolution]> {
  const opts = { relax, timeLimitS: 20, mipRelGap: 0 };
  return [await BACKENDS.highs.solve(model, opts), await BACKENDS.jsl.solve(model, opts)];
}

function expectAgree(model: LinearModel, h: MipSolution, j: MipSolution): void {
  expect(h.status).toBe('optimal');
  expect(j.status).toBe('optimal');
  const tol = 1e-6 * Math.max(Math.abs(h.objective), Math.abs(j.objective)) + 1e-6;
  expect(
    Math.abs(h.objective - j.objective),
    `highs ${h.objective} vs jsl ${j.objective}`,
  ).toBeLessThanOrEqual(tol);
  for (const s of [h, j]) {
    expect(violatedRows(model, s.x, 1e-5)).toEqual([]);
    expect(Math.abs(objectiveOf(model, s.x) - s.objective)).toBeLessThanOrEqual(
      1e-5 * Math.max(1, Math.abs(s.objective)),
    );
  }
}

describe('HiGHS and javascript-lp-solver agree with named surgeons and sessions', () => {
  it('the tiny problem with staff, weekly and daily, MIP and LP', async () => {
    const weekly = buildAggregate(tinyWithStaff()).model;
    const prep = prepare(tinyWithStaff());
    const daily = formulate(prep, buildGroups(prep, new Set()), 1).model;
    for (const model of [weekly, daily]) {
      // The models do carry the new families.
      const families = new Set(model.rowNames.map(rowFamily));
      for (const f of ['sessions', 'session minutes', 'surgeon minutes', 'tied surgeon'] as const)
        expect(families.has(f), f).toBe(true);
      for (const relax of [false, true]) {
        const [h, j] = await both(model, relax);
        expectAgree(model, h, j);
      }
    }
  }, 60_000);

  it('small random staffed problems (LP relaxation)', async () => {
    await fc.assert(
      fc.asyncProperty(staffedProblemArb({ maxPatients: 10, maxHospitals: 3 }), async (problem) => {
        const { model } = buildAggregate(problem);
        const [h, j] = await both(model, true);
        expectAgree(model, h, j);
      }),
      { numRuns: 15, seed: 2316 },
    );
  }, 120_000);
});
