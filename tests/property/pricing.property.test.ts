// Column generation (solver/backends/pricing.ts, ADR 0025) must reach the same LP optimum as a
// solve of the full model, from any starting subset of columns: on aggregate models of small
// random problems (daily and weekly resolution, HiGHS and javascript-lp-solver as the reference)
// and on small dense generic LPs; after fixing columns, the warm re-solve must equal a fresh solve
// of the fixed model. Each pricing solution is re-checked against the full model by the test's own
// evaluator (feasible, objective as reported).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BACKENDS, type LinearModel } from '../../solver/backends/index.ts';
import { highsLpSessionFactory } from '../../solver/backends/highs.ts';
import { PricingLp, type LpSessionFactory } from '../../solver/backends/pricing.ts';
import { prepare } from '../../solver/eligibility/index.ts';
import { buildGroups } from '../../solver/formulate/groups.ts';
import { formulate } from '../../solver/formulate/index.ts';
import { pricingStartColumns } from '../../solver/formulate/pricingStart.ts';
import { solve } from '../../solver/index.ts';
import { roundIntegers } from '../../solver/construct/round.ts';
import { diveOnPatterns } from '../../solver/construct/patternDive.ts';
import { objectiveOf, violatedColumns, violatedRows } from '../helpers/aggregateModel.ts';
import { problemArb } from '../helpers/randomProblem.ts';

const RUNS = 30;
const relaxed = (m: LinearModel): LinearModel => ({ ...m, colInteger: m.colInteger.map(() => false) });
const close = (a: number, b: number): boolean =>
  Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

let factory: LpSessionFactory;
const getFactory = async (): Promise<LpSessionFactory> => (factory ??= await highsLpSessionFactory());

/** Pricing from `start`, at most `maxAdd` columns a round; checks the answer against the full model. */
async function priced(model: LinearModel, start: number[], maxAdd: number): Promise<number> {
  const lp = new PricingLp(model, start, await getFactory(), { tolerance: 1e-7, maxAddPerRound: maxAdd });
  try {
    const s = lp.solve(20);
    expect(s.status).toBe('optimal');
    expect(violatedColumns(relaxed(model), s.x, 1e-6)).toEqual([]);
    expect(violatedRows(model, s.x, 1e-6)).toEqual([]);
    expect(close(objectiveOf(model, s.x), s.objective)).toBe(true);
    return s.objective;
  } finally {
    lp.dispose();
  }
}

/** A subset of column indices chosen by a boolean per column. */
const subsetOf = (n: number, pick: readonly boolean[]): number[] =>
  Array.from({ length: n }, (_, j) => j).filter((j) => pick[j % pick.length] ?? false);

describe('pricing reaches the full LP optimum', () => {
  const small = problemArb({ maxPatients: 14, maxHospitals: 3 });
  const startArb = fc.array(fc.boolean(), { minLength: 1, maxLength: 17 });

  it('on aggregate models (daily and weekly x), from the solver start and from random starts', async () => {
    let nonTrivial = 0;
    await fc.assert(
      fc.asyncProperty(
        small,
        fc.constantFrom(1, 7),
        startArb,
        fc.integer({ min: 1, max: 50 }),
        async (problem, periodDays, pick, maxAdd) => {
          const prep = prepare(problem);
          const groups = buildGroups(prep, new Set(problem.pins.map((p) => p.patientId)));
          const agg = formulate(prep, groups, periodDays);
          const full = await BACKENDS.highs.solve(agg.model, { relax: true, timeLimitS: 20, mipRelGap: 0 });
          expect(full.status).toBe('optimal');
          const reference = await BACKENDS.jsl.solve(agg.model, {
            relax: true,
            timeLimitS: 20,
            mipRelGap: 0,
          });
          expect(close(full.objective, reference.objective)).toBe(true);
          const fromSolverStart = await priced(agg.model, pricingStartColumns(agg, 1), maxAdd);
          const fromRandomStart = await priced(agg.model, subsetOf(agg.model.colNames.length, pick), maxAdd);
          expect(close(fromSolverStart, full.objective), `${fromSolverStart} vs ${full.objective}`).toBe(
            true,
          );
          expect(close(fromRandomStart, full.objective), `${fromRandomStart} vs ${full.objective}`).toBe(
            true,
          );
          if (full.objective < -1e-6) nonTrivial++;
        },
      ),
      { numRuns: RUNS },
    );
    expect(nonTrivial).toBeGreaterThan(RUNS / 4);
  });

  it('on dense LPs, and after fixing columns the warm re-solve equals a fresh solve', async () => {
    const denseArb = fc
      .record({ n: fc.integer({ min: 1, max: 8 }), m: fc.integer({ min: 1, max: 5 }) })
      .chain(({ n, m }) =>
        fc.record({
          cost: fc.array(fc.integer({ min: -20, max: 20 }), { minLength: n, maxLength: n }),
          upper: fc.array(fc.integer({ min: 1, max: 10 }), { minLength: n, maxLength: n }),
          a: fc.array(fc.array(fc.integer({ min: -6, max: 9 }), { minLength: n, maxLength: n }), {
            minLength: m,
            maxLength: m,
          }),
          b: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: m, maxLength: m }),
          start: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
          fixCol: fc.integer({ min: 0, max: n - 1 }),
          fixFrac: fc.double({ min: 0, max: 1, noNaN: true }),
        }),
      );
    await fc.assert(
      fc.asyncProperty(denseArb, async ({ cost, upper, a, b, start, fixCol, fixFrac }) => {
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
        const model: LinearModel = {
          colNames: cost.map((_, j) => `c${j}`),
          colCost: cost,
          colLower: cost.map(() => 0),
          colUpper: upper,
          colInteger: cost.map(() => false),
          rowNames: a.map((_, i) => `r${i}`),
          rowLower: a.map(() => -Infinity),
          rowUpper: b,
          rowStart,
          rowIndex,
          rowValue,
        };
        const opts = { relax: true, timeLimitS: 20, mipRelGap: 0 };
        const full = await BACKENDS.jsl.solve(model, opts);
        const initial = subsetOf(cost.length, start);
        const lp = new PricingLp(model, initial, await getFactory(), { tolerance: 1e-7, maxAddPerRound: 1 });
        try {
          const first = lp.solve(20);
          expect(first.status).toBe('optimal');
          expect(close(first.objective, full.objective), `${first.objective} vs ${full.objective}`).toBe(
            true,
          );
          // Fix one column at a value within its bounds (it may be inactive so far), as rounding does;
          // x = 0 stays feasible for the rows only if that value is 0, so compare with a fresh solve.
          const v = Math.round(fixFrac * (upper[fixCol] ?? 0));
          lp.fix([fixCol], [v], [v]);
          const second = lp.solve(20);
          const fixedModel = {
            ...model,
            colLower: model.colLower.map((l, j) => (j === fixCol ? v : l)),
            colUpper: model.colUpper.map((u, j) => (j === fixCol ? v : u)),
          };
          const fresh = await BACKENDS.highs.solve(fixedModel, opts);
          expect(second.status).toBe(fresh.status);
          if (fresh.status === 'optimal') {
            expect(
              close(second.objective, fresh.objective),
              `${second.objective} vs ${fresh.objective}`,
            ).toBe(true);
            expect(violatedRows(fixedModel, second.x, 1e-6)).toEqual([]);
            expect(violatedColumns(fixedModel, second.x, 1e-6)).toEqual([]);
          }
        } finally {
          lp.dispose();
        }
      }),
      { numRuns: 80 },
    );
  });

  it('the pattern dive keeps the model feasible and only ever raises the LP value', async () => {
    let dived = 0;
    await fc.assert(
      fc.asyncProperty(small, fc.constantFrom(1, 7), async (problem, periodDays) => {
        const prep = prepare(problem);
        const groups = buildGroups(prep, new Set());
        const agg = formulate(prep, groups, periodDays);
        const lp = new PricingLp(agg.model, pricingStartColumns(agg, 1), await getFactory());
        try {
          const first = lp.solve(20);
          expect(first.status).toBe('optimal');
          const fixed = roundIntegers(prep, agg, first.x);
          const listCols = [...agg.zs, ...agg.ks, ...agg.ms].map((v) => v.col);
          const lists = listCols.map((j) => fixed[j] ?? 0);
          // As solve() does: fix the lists, then dive from the first LP's values, the first
          // ceilings capped by the lists now there.
          lp.fix(listCols, lists, lists);
          const listsIn = new Map<string, number>();
          for (const z of agg.zs) {
            const key = `${z.h}|${z.s}|${Math.floor(z.d / agg.periodDays)}`;
            listsIn.set(key, (listsIn.get(key) ?? 0) + (fixed[z.col] ?? 0));
          }
          const x = diveOnPatterns(lp, agg, first.x, 6, 20, listsIn);
          // No fractional pattern: nothing was solved, the caller rounds the first LP as before.
          if (x === first.x) return;
          dived++;
          // The LP with the lists fixed (no pattern bound yet), from a fresh model: the dive only adds bounds.
          const withLists = await BACKENDS.highs.solve(
            {
              ...agg.model,
              colLower: agg.model.colLower.map((l, j) => (listCols.includes(j) ? (fixed[j] ?? l) : l)),
              colUpper: agg.model.colUpper.map((u, j) => (listCols.includes(j) ? (fixed[j] ?? u) : u)),
            },
            { relax: true, timeLimitS: 20, mipRelGap: 0 },
          );
          expect(withLists.status).toBe('optimal');
          const isList = new Set(listCols);
          const listModel = {
            ...agg.model,
            colLower: agg.model.colLower.map((l, j) => (isList.has(j) ? (fixed[j] ?? l) : l)),
            colUpper: agg.model.colUpper.map((u, j) => (isList.has(j) ? (fixed[j] ?? u) : u)),
          };
          expect(violatedRows(listModel, x, 1e-6)).toEqual([]);
          expect(violatedColumns(relaxed(listModel), x, 1e-6)).toEqual([]);
          const value = objectiveOf(agg.model, x);
          expect(value).toBeGreaterThanOrEqual(withLists.objective - 1e-6 * Math.max(1, Math.abs(value)));
        } finally {
          lp.dispose();
        }
      }),
      { numRuns: 2 * RUNS, seed: 25 },
    );
    // Some random problems have fractional patterns for the dive to fix (a fixed seed keeps this
    // check from depending on the draw).
    expect(dived).toBeGreaterThan(0);
  });

  it('solve() reports the same bound with and without pricing and the pattern dive', async () => {
    await fc.assert(
      fc.asyncProperty(problemArb({ maxPatients: 20, maxHospitals: 3 }), async (problem) => {
        const base = { backend: 'highs' as const, aggregate: 'lp-round' as const, timeLimitS: 20 };
        const on = await solve(problem, {
          ...base,
          pricing: true,
          pricingStartHospitals: 1,
          patternDiveSteps: 2,
        });
        const noDive = await solve(problem, { ...base, pricing: true, patternDiveSteps: 0 });
        expect(close(noDive.bound, on.bound)).toBe(true);
        expect(noDive.check.feasible).toBe(on.check.feasible);
        const off = await solve(problem, { ...base, pricing: false });
        expect(close(on.bound, off.bound), `${on.bound} vs ${off.bound}`).toBe(true);
        expect(on.check.feasible).toBe(off.check.feasible);
        expect(on.objective).toBeGreaterThanOrEqual(on.bound - 1e-6 * Math.max(1, Math.abs(on.bound)));
      }),
      { numRuns: 15 },
    );
  });
});
