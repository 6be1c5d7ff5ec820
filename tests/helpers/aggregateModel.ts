// Helpers for tests of the aggregate model (solver/formulate): build it the way solve() does, find
// columns by meaning (patient, hospital id, day index, specialty id) rather than by position, and a
// tiny independent evaluator that says which rows (and column bounds) a given x vector violates.
import { prepare, type Prepared } from '../../solver/eligibility/index.ts';
import { buildGroups, type PatientGroup } from '../../solver/formulate/groups.ts';
import { CONSTRAINT_FAMILIES, formulate, type AggregateModel } from '../../solver/formulate/index.ts';
import type { LinearModel } from '../../solver/backends/index.ts';
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
      return agg.xs
        .filter((x) => x.group === g.index)
        .map((x) => prep.problem.hospitals[x.h]?.id ?? '?')
        .toSorted();
    },
    x(patientId: string, hospitalId: string): number {
      const g = groupOf(patientId);
      const hi = h(hospitalId);
      return need(agg.xs.find((x) => x.group === g?.index && x.h === hi)?.col, `x ${patientId}@${hospitalId}`);
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

/** A vector of the model's length: zeros except the given (column, value) pairs. */
export function vectorOf(model: LinearModel, entries: [col: number, value: number][]): Float64Array {
  const x = new Float64Array(model.colNames.length);
  for (const [col, v] of entries) x[col] = v;
  return x;
}
