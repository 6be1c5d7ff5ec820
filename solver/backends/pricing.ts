// LP relaxation by column generation (pricing), ADR 0025. The solver sees a restricted set of
// columns; after each optimum the reduced cost c_j − Σ_i a_ij·π_i of every column left out is
// computed from the row duals π, and the most improving ones are added, until none improves by
// more than the dual feasibility tolerance. At that point the restricted optimum is an optimum of
// the full LP (the left-out columns sit at their lower bound 0 with non-negative reduced cost), so
// the bound is the same as a solve of the full model. Pure: no clock, no randomness.
import type { LinearModel, MipSolution } from './model.ts';

/** A warm-startable LP over a growing subset of a model's columns (one backend instance). */
export interface LpSession {
  /** Add model columns (ascending, not yet active) to the solver's model, at their current bounds. */
  activate(cols: readonly number[]): void;
  /** Change bounds of active model columns (ascending). */
  setBounds(cols: readonly number[], lower: readonly number[], upper: readonly number[]): void;
  /** Optimise from the last basis; x and duals of the active columns in activation order. */
  run(timeLimitS: number): {
    status: MipSolution['status'];
    objective: number;
    colValue: Float64Array;
    rowDual: Float64Array;
    /** Seconds the backend spent in this run (its own count). */
    seconds: number;
  };
  dispose(): void;
}

export type LpSessionFactory = (
  model: LinearModel,
  columns: ColumnMatrix,
  initial: readonly number[],
) => LpSession;

export interface PricingOptions {
  /** A column improves when its reduced cost is below −tolerance. */
  tolerance: number;
  /** At most this many columns join per round (the most negative reduced costs first). */
  maxAddPerRound: number;
}

export const DEFAULT_PRICING: PricingOptions = {
  tolerance: 1e-7,
  maxAddPerRound: 20_000,
};

export interface PricingStats {
  rounds: number;
  /** Active columns at the end. */
  activeColumns: number;
  /** Backend seconds and columns added, per round. */
  log: { seconds: number; added: number }[];
}

/** Column-wise copy of a model's matrix, built once and shared by every pricing round. */
export interface ColumnMatrix {
  start: Int32Array;
  row: Int32Array;
  value: Float64Array;
}

export function columnMatrix(model: LinearModel): ColumnMatrix {
  const n = model.colNames.length;
  const nnz = model.rowIndex.length;
  const start = new Int32Array(n + 1);
  for (let k = 0; k < nnz; k++) start[(model.rowIndex[k] ?? 0) + 1]!++;
  for (let j = 0; j < n; j++) start[j + 1]! += start[j]!;
  const fill = start.slice(0, n);
  const row = new Int32Array(nnz);
  const value = new Float64Array(nnz);
  const m = model.rowNames.length;
  for (let i = 0; i < m; i++) {
    for (let k = model.rowStart[i] ?? 0; k < (model.rowStart[i + 1] ?? 0); k++) {
      const j = model.rowIndex[k] ?? 0;
      const at = fill[j]!++;
      row[at] = i;
      value[at] = model.rowValue[k] ?? 0;
    }
  }
  return { start, row, value };
}

/**
 * A pricing LP: `solve()` returns the full LP's optimum over all columns (x of full length, zero
 * for columns never activated); `fix()` changes column bounds for a following `solve()` (the basis
 * is kept, so a re-solve after fixing the integer decisions starts from the previous optimum).
 */
export class PricingLp {
  private readonly session: LpSession;
  private readonly order: number[] = [];
  private readonly active: Uint8Array;
  private readonly lower: Float64Array;
  private readonly upper: Float64Array;
  private readonly cols: ColumnMatrix;
  stats: PricingStats = { rounds: 0, activeColumns: 0, log: [] };

  constructor(
    private readonly model: LinearModel,
    initial: readonly number[],
    factory: LpSessionFactory,
    private readonly options: PricingOptions = DEFAULT_PRICING,
  ) {
    const n = model.colNames.length;
    this.cols = columnMatrix(model);
    this.active = new Uint8Array(n);
    this.lower = Float64Array.from(model.colLower);
    this.upper = Float64Array.from(model.colUpper);
    // Only columns that can sit at 0 may be left out; every other one starts active.
    const start = new Set<number>(initial);
    for (let j = 0; j < n; j++) if (this.lower[j] !== 0) start.add(j);
    const ordered = [...start].sort((a, b) => a - b);
    for (const j of ordered) {
      this.active[j] = 1;
      this.order.push(j);
    }
    this.session = factory(model, this.cols, ordered);
  }

  /** Set bounds of model columns; a column fixed away from 0 joins the solver's model. */
  fix(cols: readonly number[], lower: readonly number[], upper: readonly number[]): void {
    const join: number[] = [];
    cols.forEach((j, k) => {
      this.lower[j] = lower[k] ?? 0;
      this.upper[j] = upper[k] ?? 0;
      if (!this.active[j] && (this.lower[j] !== 0 || (this.upper[j] ?? 0) > 0)) join.push(j);
    });
    if (join.length > 0) this.activateAll(join.sort((a, b) => a - b));
    // Bounds of active columns, in the solver's order (ascending positions).
    const pos = new Map<number, number>();
    this.order.forEach((j, p) => pos.set(j, p));
    const at = cols
      .map((j) => ({ p: pos.get(j), j }))
      .filter((e): e is { p: number; j: number } => e.p !== undefined)
      .sort((a, b) => a.p - b.p);
    this.session.setBounds(
      at.map((e) => e.p),
      at.map((e) => this.lower[e.j] ?? 0),
      at.map((e) => this.upper[e.j] ?? 0),
    );
  }

  private activateAll(cols: number[]): void {
    for (const j of cols) {
      this.active[j] = 1;
      this.order.push(j);
    }
    this.session.activate(cols);
  }

  solve(timeLimitS: number): MipSolution {
    const n = this.model.colNames.length;
    const cost = this.model.colCost;
    const { start, row, value } = this.cols;
    let left = timeLimitS;
    for (;;) {
      const r = this.session.run(Math.max(1e-3, left));
      left -= r.seconds;
      this.stats.rounds++;
      if (r.status === 'infeasible') {
        // The restricted model may lack columns a row's lower bound needs (a pin, a must-treat
        // group); only the full model can say it is infeasible.
        const rest: number[] = [];
        for (let j = 0; j < n; j++) if (!this.active[j] && (this.upper[j] ?? 0) > 0) rest.push(j);
        if (rest.length > 0) {
          this.activateAll(rest);
          continue;
        }
      }
      if (r.status !== 'optimal') {
        return { status: r.status, objective: r.objective, bound: -Infinity, x: this.fullX(r.colValue) };
      }
      const pi = r.rowDual;
      const cand: { j: number; d: number }[] = [];
      for (let j = 0; j < n; j++) {
        if (this.active[j] || !((this.upper[j] ?? 0) > 0)) continue;
        let d = cost[j] ?? 0;
        for (let k = start[j] ?? 0; k < (start[j + 1] ?? 0); k++)
          d -= (value[k] ?? 0) * (pi[row[k] ?? 0] ?? 0);
        if (d < -this.options.tolerance) cand.push({ j, d });
      }
      this.stats.log.push({ seconds: r.seconds, added: cand.length });
      if (cand.length === 0) {
        this.stats.activeColumns = this.order.length;
        return { status: 'optimal', objective: r.objective, bound: r.objective, x: this.fullX(r.colValue) };
      }
      if (cand.length > this.options.maxAddPerRound) {
        cand.sort((a, b) => a.d - b.d || a.j - b.j);
        cand.length = this.options.maxAddPerRound;
      }
      this.activateAll(cand.map((c) => c.j).sort((a, b) => a - b));
    }
  }

  private fullX(colValue: Float64Array): Float64Array {
    const x = new Float64Array(this.model.colNames.length);
    this.order.forEach((j, p) => (x[j] = colValue[p] ?? 0));
    return x;
  }

  dispose(): void {
    this.session.dispose();
  }
}

/** The CSC block of the given model columns, as the backend's addCols wants it. */
export function columnBlock(
  cols: ColumnMatrix,
  which: readonly number[],
): { starts: Int32Array; indices: Int32Array; values: Float64Array } {
  let nnz = 0;
  for (const j of which) nnz += (cols.start[j + 1] ?? 0) - (cols.start[j] ?? 0);
  const starts = new Int32Array(which.length + 1);
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  let at = 0;
  which.forEach((j, p) => {
    for (let k = cols.start[j] ?? 0; k < (cols.start[j + 1] ?? 0); k++) {
      indices[at] = cols.row[k] ?? 0;
      values[at] = cols.value[k] ?? 0;
      at++;
    }
    starts[p + 1] = at;
  });
  return { starts, indices, values };
}
