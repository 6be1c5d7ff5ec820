// The two planning policies. `optimised` is the engine: by default its fast weekly mode
// (solver/fast: the engine's own model and construction at weekly resolution, one LP, no checker or
// baseline inside the loop, the most urgent part of the list as candidates; its gap is reported per
// week), or `full`, the engine's solve() exactly as the planners run it. `baseline` is the status
// quo and always sees the whole list. Both take the problem as built for the week,
// so an objective change in the engine reaches the simulation without touching this file.
import { solve } from '../../solver/index.ts';
import { planWeekBaseline, planWeekFast } from '../../solver/fast/index.ts';
import type { BackendName } from '../../solver/backends/index.ts';
import type { PlanningPolicy } from './types.ts';
import { candidatePatients } from './candidates.ts';
import type { PolicyName } from '../scenarios/model.ts';

export interface PolicyOptions {
  /** 'fast' (default) or 'full' (solve() at weekly resolution, with checker and baseline). */
  mode: 'fast' | 'full';
  backend: BackendName;
  timeLimitS: number;
  /** Fast mode: the candidate set in multiples of the week's list minutes (0 = the whole list). */
  candidateFactor: number;
}

/** Candidate set of the fast weekly plan (candidates.ts, ADR 0011). */
export const DEFAULT_CANDIDATE_FACTOR = 1.5;

export const DEFAULT_POLICY_OPTIONS: PolicyOptions = {
  mode: 'fast',
  backend: 'highs',
  timeLimitS: 30,
  candidateFactor: DEFAULT_CANDIDATE_FACTOR,
};

export function optimisedPolicy(options: Partial<PolicyOptions> = {}): PlanningPolicy {
  const opt = { ...DEFAULT_POLICY_OPTIONS, ...options };
  return {
    name: 'optimised',
    plan: async (problem) => {
      if (opt.mode === 'full') {
        const r = await solve(problem, { backend: opt.backend, timeLimitS: opt.timeLimitS, periodDays: 7 });
        return { lists: r.lists, assignments: r.assignments, gap: r.gap };
      }
      const candidates = { ...problem, patients: candidatePatients(problem, opt.candidateFactor) };
      const r = await planWeekFast(candidates, { backend: opt.backend, timeLimitS: opt.timeLimitS });
      return { lists: r.lists, assignments: r.assignments, gap: r.gap };
    },
  };
}

export function baselinePolicy(): PlanningPolicy {
  return {
    name: 'baseline',
    plan: (problem) => {
      const r = planWeekBaseline(problem, false);
      return Promise.resolve({ lists: r.lists, assignments: r.assignments, gap: null });
    },
  };
}

export function policyByName(name: PolicyName, options: Partial<PolicyOptions> = {}): PlanningPolicy {
  return name === 'optimised' ? optimisedPolicy(options) : baselinePolicy();
}
