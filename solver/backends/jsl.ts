// javascript-lp-solver behind MipBackend. It builds a dense tableau, so it is for small models
// (tens of groups) and serves as an independent cross-check of HiGHS in differential tests.
import jslModule from 'javascript-lp-solver';
import type { Model as JslModel, SolveResult } from 'javascript-lp-solver';
import type { LinearModel, MipBackend, MipOptions, MipSolution } from './model.ts';

// CommonJS-typed package: at run time the default import is the solver object with Solve().
const jsl = jslModule as unknown as { Solve: (model: JslModel) => SolveResult };

export const jslBackend: MipBackend = {
  name: 'jsl',
  solve(model: LinearModel, options: MipOptions): Promise<MipSolution> {
    const n = model.colNames.length;
    const colKey = (j: number): string => `c${j}`;
    const variables: Record<string, Record<string, number>> = {};
    const constraints: Record<string, { min?: number; max?: number }> = {};
    const ints: Record<string, 1> = {};
    for (let j = 0; j < n; j++) {
      const v: Record<string, number> = { cost: model.colCost[j] ?? 0 };
      variables[colKey(j)] = v;
      const lo = model.colLower[j] ?? 0;
      const up = model.colUpper[j] ?? Infinity;
      // jsl variables are ≥ 0; finite bounds become single-variable rows.
      if (lo > 0 || Number.isFinite(up)) {
        const key = `b${j}`;
        v[key] = 1;
        constraints[key] = { ...(lo > 0 ? { min: lo } : {}), ...(Number.isFinite(up) ? { max: up } : {}) };
      }
      if (!options.relax && model.colInteger[j]) ints[colKey(j)] = 1;
    }
    for (let i = 0; i < model.rowNames.length; i++) {
      const key = `r${i}`;
      const lo = model.rowLower[i] ?? -Infinity;
      const up = model.rowUpper[i] ?? Infinity;
      constraints[key] = {
        ...(Number.isFinite(lo) ? { min: lo } : {}),
        ...(Number.isFinite(up) ? { max: up } : {}),
      };
      for (let k = model.rowStart[i] ?? 0; k < (model.rowStart[i + 1] ?? 0); k++) {
        const v = variables[colKey(model.rowIndex[k] ?? 0)];
        if (v) v[key] = model.rowValue[k] ?? 0;
      }
    }
    const result = jsl.Solve({
      optimize: 'cost',
      opType: 'min',
      constraints,
      variables,
      ints,
      options: { timeout: Math.max(1, Math.round(options.timeLimitS * 1000)), tolerance: options.mipRelGap },
    });
    const x = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      const v = result[colKey(j)];
      x[j] = typeof v === 'number' ? v : 0;
    }
    if (!result.feasible) return Promise.resolve({ status: 'infeasible', objective: NaN, bound: NaN, x });
    const objective = typeof result.result === 'number' ? result.result : 0;
    // jsl proves no separate dual bound; an optimal answer is its own bound.
    return Promise.resolve({ status: 'optimal', objective, bound: objective, x });
  },
};
