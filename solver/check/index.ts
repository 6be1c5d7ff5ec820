// The independent checker and KPI evaluator (docs/design.md §3). It re-checks every hard rule from
// the raw PlanningProblem and a plan, recomputes every KPI and the plan's cost, and shares no code
// with the rest of solver/ — only the types in solver/model/problem.ts and result.ts — so a bug in
// the formulation or construction cannot hide itself here.
//
// Each hard rule lives in rules/<name>.ts with a stable name (RULE_NAMES). The cost definition the
// formulation must match is documented at the top of cost.ts.
import type { PlanningProblem } from '../model/problem.ts';
import type { CheckReport, PlanForCheck } from '../model/result.ts';
import { buildContext } from './context.ts';
import { RULES } from './rules/index.ts';

export { RULE_NAMES, RULES, type Rule, type RuleName } from './rules/index.ts';
export { evaluateKpis, nearestRank } from './kpis.ts';
export { planCost, needLevel, urgencyRate, treatmentValue, treatmentBenefit } from './cost.ts';
export { guaranteeDaysOn, isPastGuarantee, firstDayPastGuarantee } from './guarantee.ts';
export { bedOccupancy, bedsLeftForPlan } from './beds.ts';
export { overrunProbability, expectedOvertimeMin, caseMeanMin, plannedCaseMin } from './overrun.ts';

/** Every hard-rule violation of the plan; feasible iff there is none. Never mutates its inputs. */
export function checkPlan(problem: PlanningProblem, plan: PlanForCheck): CheckReport {
  const ctx = buildContext(problem, plan);
  const violations = RULES.flatMap((rule) => rule.check(ctx));
  return { feasible: violations.length === 0, violations };
}
