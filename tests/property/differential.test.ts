// Differential tests of the two MipBackends: HiGHS (WASM) and javascript-lp-solver must agree on
// the optimal objective of (a) aggregate models of small random problems, as MIP and as LP
// relaxation, and (b) small dense generic LPs and MIPs with bounded variables (always feasible and
// bounded, so both must report 'optimal'). Each backend's solution is also re-checked against the
// model by the test's own evaluator. The random problems carry priority grids and every group of
// them, so (a) compares the backends on the need-first objective of ADR 0008 (minutes × urgency rate).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BACKENDS, type LinearModel, type MipSolution } from '../../solver/backends/index.ts';
import { buildAggregate, objectiveOf, violatedColumns, violatedRows } from '../helpers/aggregateModel.ts';
import { problemArb } from '../helpers/randomProblem.ts';

const RUNS = 40;

function expectSameOptimum(a: MipSolution, b: MipSolution): void {
  expect(a.status).toBe('optimal');
  expect(b.status).toBe('optimal');
  const tol = 1e-6 * Math.max(Math.abs(a.objective), Math.abs(b.objective)) + 1e-6;
  expect(
    Math.abs(a.objective - b.objective),
    `highs ${a.objective} vs jsl ${b.objective}`,
  ).toBeLessThanOrEqual(tol);
}

/** The solution is feasible for the model and its objective is what the backend reported. */
function expectHonestSolution(model: LinearModel, s: MipSolution, integral: boolean): void {
  // jsl reports values rounded to ~1e-9 relative; keep the tolerance above that.
  const tol = 1e-5;
  const cols = violatedColumns(
    integral ? model : { ...model, colInteger: model.colInteger.map(() => false) },
    s.x,
    tol,
  );
  expect(cols).toEqual([]);
  expect(violatedRows(model, s.x, tol)).toEqual([]);
  const obj = objectiveOf(model, s.x);
  expect(Math.abs(obj - s.objective)).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(obj)));
}

async function both(model: LinearModel, relax: boolean): Promise<[MipSolution, MipSolution]> {
  const opts = { relax, timeLimitS: 20, mipRelGap: 0 };
  return [await BACKENDS.highs.solve(model, opts), await BACKENDS.jsl.solve(model, opts)];
}

describe('HiGHS and javascript-lp-solver agree on aggregate models', () => {
  const small = problemArb({ maxPatients: 12, maxHospitals: 3 });

  it('MIP optima are equal', async () => {
    let nonTrivial = 0;
    await fc.assert(
      fc.asyncProperty(small, async (problem) => {
        const { model } = buildAggregate(problem);
        const [h, j] = await both(model, false);
        expectSameOptimum(h, j);
        expectHonestSolution(model, h, true);
        expectHonestSolution(model, j, true);
        if (h.objective < -1e-6) nonTrivial++;
      }),
      { numRuns: RUNS },
    );
    // The random models are not all the do-nothing optimum.
    expect(nonTrivial).toBeGreaterThan(RUNS / 4);
  });

  it('LP relaxation optima are equal, and no larger than the MIP optimum', async () => {
    await fc.assert(
      fc.asyncProperty(small, async (problem) => {
        const { model } = buildAggregate(problem);
        const [h, j] = await both(model, true);
        expectSameOptimum(h, j);
        expectHonestSolution(model, h, false);
        expectHonestSolution(model, j, false);
        const [mip] = await both(model, false);
        expect(h.objective).toBeLessThanOrEqual(mip.objective + 1e-6 * Math.max(1, Math.abs(mip.objective)));
      }),
      { numRuns: RUNS },
    );
  });
});

/**
 * Small dense models: min c·x, Σ_j a_ij x_j ≤ b_i (b ≥ 0, so x = 0 is feasible), 0 ≤ x ≤ U
 * (so the optimum is bounded). Some columns may be integer.
 */
function denseModelArb(withIntegers: boolean): fc.Arbitrary<LinearModel> {
  return fc
    .record({ n: fc.integer({ min: 1, max: 6 }), m: fc.integer({ min: 1, max: 5 }) })
    .chain(({ n, m }) =>
      fc.record({
        cost: fc.array(fc.integer({ min: -20, max: 20 }), { minLength: n, maxLength: n }),
        upper: fc.array(fc.integer({ min: 1, max: 10 }), { minLength: n, maxLength: n }),
        integer: fc.array(withIntegers ? fc.boolean() : fc.constant(false), { minLength: n, maxLength: n }),
        a: fc.array(fc.array(fc.integer({ min: -6, max: 9 }), { minLength: n, maxLength: n }), {
          minLength: m,
          maxLength: m,
        }),
        b: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: m, maxLength: m }),
      }),
    )
    .map(({ cost, upper, integer, a, b }) => {
      const rowStart = [0];
      const rowIndex: number[] = [];
      const rowValue: number[] = [];
      for (const row of a) {
        row.forEach((v, j) => {
          if (v !== 0) {
            rowIndex.push(j);
            rowValue.push(v);
          }
        });
        rowStart.push(rowIndex.length);
      }
      return {
        colNames: cost.map((_, j) => `c${j}`),
        colCost: cost,
        colLower: cost.map(() => 0),
        colUpper: upper,
        colInteger: integer,
        rowNames: a.map((_, i) => `r${i}`),
        rowLower: a.map(() => -Infinity),
        rowUpper: b,
        rowStart,
        rowIndex,
        rowValue,
      };
    });
}

describe('HiGHS and javascript-lp-solver agree on generic bounded models', () => {
  it('dense LPs: equal optima', async () => {
    await fc.assert(
      fc.asyncProperty(denseModelArb(false), async (model) => {
        const [h, j] = await both(model, true);
        expectSameOptimum(h, j);
        expectHonestSolution(model, h, false);
        expectHonestSolution(model, j, false);
      }),
      { numRuns: 60 },
    );
  });

  it('dense MIPs (some integer columns): equal optima', async () => {
    await fc.assert(
      fc.asyncProperty(denseModelArb(true), async (model) => {
        const [h, j] = await both(model, false);
        expectSameOptimum(h, j);
        expectHonestSolution(model, h, true);
        expectHonestSolution(model, j, true);
      }),
      { numRuns: 60 },
    );
  });
});
