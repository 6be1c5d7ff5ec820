// A backend-neutral linear model: columns with bounds, costs and integrality, rows with bounds, and
// a row-wise sparse matrix. The formulation builds it once; any MipBackend solves it.
import type { LpSessionFactory } from './pricing.ts';

export interface LinearModel {
  colNames: string[];
  colCost: number[];
  colLower: number[];
  colUpper: number[];
  colInteger: boolean[];
  rowNames: string[];
  rowLower: number[];
  rowUpper: number[];
  /** CSR: row i has entries rowStart[i]..rowStart[i+1] in (rowIndex, rowValue). */
  rowStart: number[];
  rowIndex: number[];
  rowValue: number[];
}

export interface MipOptions {
  /** Solve the LP relaxation (ignore integrality). */
  relax: boolean;
  timeLimitS: number;
  /** Relative MIP gap at which the solver may stop. */
  mipRelGap: number;
}

export interface MipSolution {
  status: 'optimal' | 'time_limit' | 'infeasible' | 'error';
  /** Objective of the returned solution (NaN when none). */
  objective: number;
  /** Best proven lower bound on the optimum (minimisation). */
  bound: number;
  x: Float64Array;
}

export interface MipBackend {
  readonly name: string;
  solve(model: LinearModel, options: MipOptions): Promise<MipSolution>;
  /**
   * Warm-startable LPs over a subset of columns, for solving the relaxation by pricing (ADR 0025);
   * absent when the backend cannot report row duals or keep a basis.
   */
  lpSessions?(): Promise<LpSessionFactory>;
}

export class ModelBuilder {
  private readonly m: LinearModel = {
    colNames: [],
    colCost: [],
    colLower: [],
    colUpper: [],
    colInteger: [],
    rowNames: [],
    rowLower: [],
    rowUpper: [],
    rowStart: [0],
    rowIndex: [],
    rowValue: [],
  };

  addColumn(name: string, cost: number, lower: number, upper: number, integer: boolean): number {
    this.m.colNames.push(name);
    this.m.colCost.push(cost);
    this.m.colLower.push(lower);
    this.m.colUpper.push(upper);
    this.m.colInteger.push(integer);
    return this.m.colNames.length - 1;
  }

  /** Add a row lower ≤ Σ value·x[index] ≤ upper; duplicate indices are merged. */
  addRow(
    name: string,
    indices: readonly number[],
    values: readonly number[],
    lower: number,
    upper: number,
  ): number {
    const merged = new Map<number, number>();
    indices.forEach((c, k) => merged.set(c, (merged.get(c) ?? 0) + (values[k] ?? 0)));
    for (const [c, v] of [...merged.entries()].sort((a, b) => a[0] - b[0])) {
      if (v !== 0) {
        this.m.rowIndex.push(c);
        this.m.rowValue.push(v);
      }
    }
    this.m.rowNames.push(name);
    this.m.rowLower.push(lower);
    this.m.rowUpper.push(upper);
    this.m.rowStart.push(this.m.rowIndex.length);
    return this.m.rowNames.length - 1;
  }

  get columnCount(): number {
    return this.m.colNames.length;
  }

  build(): LinearModel {
    return this.m;
  }
}

/** Evaluate Σ cost·x for a solution. */
export function modelObjective(model: LinearModel, x: ArrayLike<number>): number {
  let s = 0;
  for (let j = 0; j < model.colCost.length; j++) s += (model.colCost[j] ?? 0) * (x[j] ?? 0);
  return s;
}
