// Helpers for tests of the aggregate model (solver/formulate): build it the way solve() does, find
// columns by meaning (patient, hospital id, day index, specialty id) rather than by position, a
// tiny independent evaluator that says which rows (and column bounds) a given x vector violates,
// and a completion of auxiliary columns (list patterns y) for hand-written x, z, k, m vectors.
import { prepare, type Prepared } from '../../solver/eligibility/index.ts';
import { buildGroups, type PatientGroup } from '../../solver/formulate/groups.ts';
import { formulate, type AggregateModel, type CONSTRAINT_FAMILIES } from '../../solver/formulate/index.ts';
import { BACKENDS, type LinearModel } from '../../solver/backends/index.ts';
import type { PlanningProblem } from '../../solver/model/problem.ts';

export type Family = (typeof CONSTRAINT_FAMILIES)[number];

export interface Aggregate {
  prep: Prepared;
  groups: PatientGroup[];
  agg: AggregateModel;
  model: LinearModel;
}

/** prepare → buildGroups (pinned patients as their own groups, as solve() does) → formulate. */
export function buildAggregate(problem: PlanningProblem): Aggregate {
  const prep = prepare(problem);
  const groups = buildGroups(prep, new Set(problem.pins.map((p) => p.patientId)));
  const agg = formulate(prep, groups);
  return { prep, groups, agg, model: agg.model };
}

// Row-name prefixes of the families. Longest first is not needed: no prefix is a prefix of another.
const PREFIXES: [string, Family][] = [
  ['group_size_', 'group size'],
  ['pin_', 'pin'],
  ['list_minutes_', 'list minutes'],
  ['rooms_', 'rooms'],
  ['staffed_teams_', 'staffed teams'],
  ['surgeon_lists_', 'surgeon lists'],
  ['lending_', 'lending beyond spare lists'],
  ['regional_team_', 'regional team'],
  ['ward_beds_', 'ward beds'],
  ['must_treat_', 'must treat'],
  ['sessions_', 'sessions'],
  ['session_minutes_', 'session minutes'],
  ['surgeon_minutes_', 'surgeon minutes'],
  ['tied_surgeon_', 'tied surgeon'],
];

/** The family of a row, from its name; undefined for a row no family claims. */
export function rowFamily(rowName: string): Family | undefined {
  return PREFIXES.find(([prefix]) => rowName.startsWith(prefix))?.[1];
}

export interface RowViolation {
  row: number;
  name: string;
  family: Family | undefined;
  activity: number;
  lower: number;
  upper: number;
}

/** Rows whose activity Σ a·x lies outside [lower − tol, upper + tol]. */
export function violatedRows(model: LinearModel, x: ArrayLike<number>, tol = 1e-6): RowViolation[] {
  const out: RowViolation[] = [];
  for (let i = 0; i < model.rowNames.length; i++) {
    let activity = 0;
    for (let k = model.rowStart[i] ?? 0; k < (model.rowStart[i + 1] ?? 0); k++) {
      activity += (model.rowValue[k] ?? 0) * (x[model.rowIndex[k] ?? -1] ?? 0);
    }
    const lower = model.rowLower[i] ?? -Infinity;
    const upper = model.rowUpper[i] ?? Infinity;
    if (activity < lower - tol || activity > upper + tol) {
      const name = model.rowNames[i] ?? `row ${i}`;
      out.push({ row: i, name, family: rowFamily(name), activity, lower, upper });
    }
  }
  return out;
}

/** Names of columns whose value is outside its bounds, or fractional although integer. */
export function violatedColumns(model: LinearModel, x: ArrayLike<number>, tol = 1e-6): string[] {
  const out: string[] = [];
  for (let j = 0; j < model.colNames.length; j++) {
    const v = x[j] ?? 0;
    const lo = model.colLower[j] ?? 0;
    const up = model.colUpper[j] ?? Infinity;
    const fractional = model.colInteger[j] === true && Math.abs(v - Math.round(v)) > tol;
    if (v < lo - tol || v > up + tol || fractional) out.push(model.colNames[j] ?? `col ${j}`);
  }
  return out;
}

/** Σ cost·x, computed here rather than with the solver's own helper. */
export function objectiveOf(model: LinearModel, x: ArrayLike<number>): number {
  let s = 0;
  for (let j = 0; j < model.colCost.length; j++) s += (model.colCost[j] ?? 0) * (x[j] ?? 0);
  return s;
}

/** Column lookups by meaning. Each throws when the column does not exist (a test bug or a model change). */
export function columns(a: Aggregate) {
  const { prep, groups, agg } = a;
  const h = (id: string): number => {
    const i = prep.hIndex.get(id);
    if (i === undefined) throw new Error(`unknown hospital ${id}`);
    return i;
  };
  const s = (id: string): number => {
    const i = prep.specIndex.get(id);
    if (i === undefined) throw new Error(`unknown specialty ${id}`);
    return i;
  };
  const groupOf = (patientId: string): PatientGroup | undefined =>
    groups.find((g) => g.members.some((m) => m.patient.id === patientId));
  const need = <T>(v: T | undefined, what: string): T => {
    if (v === undefined) throw new Error(`no column ${what}`);
    return v;
  };
  return {
    groupOf,
    /** Hospital ids at which the patient's group has an x column. */
    xHospitals(patientId: string): string[] {
      const g = groupOf(patientId);
      if (!g) return [];
      const ids = agg.xs
        .filter((x) => x.group === g.index)
        .map((x) => prep.problem.hospitals[x.h]?.id ?? '?');
      return [...new Set(ids)].toSorted();
    },
    x(patientId: string, hospitalId: string): number {
      const g = groupOf(patientId);
      const hi = h(hospitalId);
      return need(
        agg.xs.find((x) => x.group === g?.index && x.h === hi)?.col,
        `x ${patientId}@${hospitalId}`,
      );
    },
    z(hospitalId: string, d: number, specialtyId: string): number {
      const hi = h(hospitalId);
      const si = s(specialtyId);
      return need(
        agg.zs.find((z) => z.h === hi && z.d === d && z.s === si)?.col,
        `z ${hospitalId} d${d} ${specialtyId}`,
      );
    },
    k(teamIndex: number, hospitalId: string, d: number): number {
      const hi = h(hospitalId);
      return need(
        agg.ks.find((k) => k.team === teamIndex && k.h === hi && k.d === d)?.col,
        `k ${teamIndex}@${hospitalId} d${d}`,
      );
    },
    m(fromId: string, toId: string, d: number, specialtyId: string): number {
      const f = h(fromId);
      const t = h(toId);
      const si = s(specialtyId);
      return need(
        agg.ms.find((m) => m.from === f && m.to === t && m.d === d && m.s === si)?.col,
        `m ${fromId}->${toId} d${d} ${specialtyId}`,
      );
    },
  };
}

/**
 * Auxiliary columns a test does not write by hand: list-pattern counts `y_…` (patterns.ts) and open
 * sessions taken per specialty `o_…` (sessions.ts).
 */
export const isAuxiliary = (colName: string): boolean => colName.startsWith('y_') || colName.startsWith('o_');

/**
 * Completes a hand-written vector: the given columns are fixed to their values, every other
 * non-auxiliary column to 0, and the auxiliary columns (list patterns) are chosen by HiGHS so that
 * every row holds — except the rows of `ignoreFamily`, when given. Returns null when no choice of
 * the auxiliary columns does it. (The verdict on the completed vector is the test's own evaluator.)
 */
export async function completeAuxiliary(
  model: LinearModel,
  fixed: [col: number, value: number][],
  ignoreFamily?: Family,
): Promise<Float64Array | null> {
  const value = new Map(fixed);
  const free = model.colNames.map(isAuxiliary);
  const colLower = model.colLower.map((lo, j) => (free[j] ? lo : (value.get(j) ?? 0)));
  const colUpper = model.colUpper.map((up, j) => (free[j] ? up : (value.get(j) ?? 0)));
  const ignored = model.rowNames.map((n) => ignoreFamily !== undefined && rowFamily(n) === ignoreFamily);
  const sol = await BACKENDS.highs.solve(
    {
      ...model,
      colCost: free.map((f) => (f ? 1 : 0)),
      colLower,
      colUpper,
      rowLower: model.rowLower.map((v, i) => (ignored[i] ? -Infinity : v)),
      rowUpper: model.rowUpper.map((v, i) => (ignored[i] ? Infinity : v)),
    },
    { relax: false, timeLimitS: 10, mipRelGap: 0 },
  );
  if (sol.status !== 'optimal') return null;
  // Exact values for the fixed columns (the solver may return them within its tolerance).
  const x = Float64Array.from(sol.x, (v, j) => (free[j] ? Math.round(v) : (value.get(j) ?? 0)));
  return x;
}
