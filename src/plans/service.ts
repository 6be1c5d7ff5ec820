// Plan use cases, composed from their modules: solving (solve.ts), reads and compare (reads.ts),
// the status lifecycle (lifecycle.ts), edits re-validated by the independent checker (edits.ts),
// coordinator decisions and patients' answers to offers (decisions.ts). The shared guards live in
// context.ts and the role scoping of responses in scope.ts.
import { createPlanContext, type PlanningDeps } from './context.ts';
import { createPlanScoping } from './scope.ts';
import { createSolveUseCases } from './solve.ts';
import { createReadUseCases } from './reads.ts';
import { createLifecycleUseCases } from './lifecycle.ts';
import { createEditUseCases } from './edits.ts';
import { createDecisionUseCases } from './decisions.ts';

export type { PlanningDeps } from './context.ts';

export type PlanService = ReturnType<typeof createPlanService>;

export function createPlanService(deps: PlanningDeps) {
  const ctx = createPlanContext(deps);
  const scoping = createPlanScoping(ctx);
  const { applyOps, ...edits } = createEditUseCases(ctx, scoping);
  return {
    ...createSolveUseCases(ctx),
    ...createReadUseCases(ctx, scoping),
    ...createLifecycleUseCases(ctx),
    ...edits,
    ...createDecisionUseCases(ctx, scoping, applyOps),
  };
}
