// Plan use cases: edits applied by the solver's edit operations and checked against the problem.
import { updatePlanIfEtag, type PlanRecord, type PlanRequest } from './repo.ts';
import { ConflictError, InfeasibleError, ValidationError } from '../errors.ts';
import type { Principal } from '../auth/roles.ts';
import { canEditPlan, planCan } from '../auth/access.ts';
import { editPlan, type EditOp } from '../../solver/edit/index.ts';
import { diffResults, type StoredResult } from './planDelta.ts';
import { editOps, type EditField } from './editOps.ts';
import type { PlanEdit } from './schemas.ts';
import { checkPlan, evaluateKpis, planCost } from '../../solver/check/index.ts';
import { evaluateFairness } from '../../solver/check/fairness.ts';
import type { PlanForCheck, PlanningResult, Violation } from '../../solver/model/result.ts';
import { denied, type PlanContext } from './context.ts';
import type { PlanScoping } from './scope.ts';

/** Planner edits (pins, exclusions, manual moves), re-validated by the independent checker. */
export function createEditUseCases(ctx: PlanContext, scoping: PlanScoping) {
  const {
    db,
    clock,
    events,
    auditor,
    problems,
    loadPlanForChange,
    rememberPlan,
    knownViolations,
    assertVisible,
    checkEtag,
  } = ctx;
  const { scopeDelta } = scoping;

  /**
   * Apply solver edit operations to a stored plan: the solver's refusal is a 422 naming the rule;
   * the independent checker then re-checks the edited plan against today's data with the new pins
   * and exclusions, and any violation the plan did not already have is a 422 too.
   */
  async function applyOps(p: PlanRecord, ops: readonly EditOp[], fieldOf: (i: number) => EditField) {
    const before = p.result as StoredResult;
    const { problem, fingerprint } = await problems.versioned(p.request);
    const out = editPlan(problem, planOf(before), ops);
    if (!out.ok) {
      const r = out.refusal;
      const at = fieldOf(r.opIndex);
      // A reference to nothing (no such patient in the plan, hospital or day) is bad input: 400
      // naming the field; everything else is a rule the edit would break: 422 naming the rule.
      if (r.rule === 'not in plan' || r.rule === 'unknown reference' || r.rule === 'outside horizon') {
        const key =
          r.rule === 'outside horizon' ? 'date' : 'hospitalId' in r.params ? 'hospitalId' : 'patientId';
        const field = at.scalar ? at.field : `${at.field}.${key}`;
        throw new ValidationError(`invalid plan edit: ${field}: ${r.message}`, [
          { field, row: at.row, message: r.message },
        ]);
      }
      throw new InfeasibleError(`the edit breaks the rule "${r.rule}": ${r.message}`, {
        rule: r.rule,
        params: r.params,
        field: at.field,
        rules: [r.rule],
      });
    }
    const request: PlanRequest = { ...p.request, pins: out.pins, excludedPatientIds: out.excludedPatientIds };
    const edited = { ...problem, pins: out.pins, excludedPatientIds: out.excludedPatientIds };
    // The plan before the edit was checked when it was written here (the previous edit's "after"),
    // unless the snapshot changed since: then it is checked again.
    const known =
      knownViolations(p.id, p.etag, fingerprint) ??
      new Set(checkPlan(problem, planOf(before)).violations.map(violationKey));
    const after = checkPlan(edited, out.plan);
    const added = after.violations.filter((v) => !known.has(violationKey(v)));
    if (added.length > 0) {
      const rules = [...new Set(added.map((v) => v.rule))];
      throw new InfeasibleError(`the edit breaks the rule "${rules[0] ?? ''}": ${added[0]?.message ?? ''}`, {
        rule: rules[0],
        rules,
        violations: added,
      });
    }
    const kpis = evaluateKpis(edited, out.plan);
    const objective = planCost(edited, out.plan);
    const bound = Math.min(before.bound, objective);
    const gap = objective === bound ? 0 : (objective - bound) / Math.max(1e-9, Math.abs(bound));
    const result: StoredResult = {
      ...before,
      // An edited plan is optimal only if it still meets the bound; otherwise a feasible plan.
      status: before.status === 'optimal' && gap > 1e-6 ? 'feasible' : before.status,
      ...out.plan,
      kpis,
      fairness: evaluateFairness(edited, out.plan),
      objective,
      bound,
      gap,
      check: after,
      edited: true,
    };
    const checked = { fingerprint, keys: new Set(after.violations.map(violationKey)) };
    return { result, request, touched: out.touched, checked };
  }

  return {
    applyOps,
    async edit(who: Principal, id: number, ifMatch: number | undefined, edit: PlanEdit) {
      const p = await loadPlanForChange(id);
      assertVisible(who, p);
      checkEtag(p, ifMatch);
      if (!canEditPlan(who, p) || p.result === null) {
        if (who.role !== 'planner') throw denied(who, 'edit a plan');
        throw new ConflictError(
          `plan ${id} is ${p.status}; only draft and proposed plans can be edited (re-solve for a new version)`,
        );
      }
      const { ops, fieldOf } = editOps(edit);
      const before = p.result as StoredResult;
      const { result, request, touched, checked } = await applyOps(p, ops, fieldOf);
      const u = await db.transaction(async (tx) => {
        const u = await updatePlanIfEtag(tx, id, p.etag, { result, request }, clock());
        if (u === undefined) throw new ConflictError(`plan ${id} has changed; reload it`);
        await auditor.log(tx, who, {
          action: 'plan.edit',
          patientIds: touched,
          details: { planId: id, edit },
        });
        return u;
      });
      rememberPlan(id, u.etag, result, checked);
      const delta = {
        ...diffResults(
          { planId: id, etag: u.etag, status: u.status, version: u.version, week: u.week },
          before,
          result,
        ),
        request: { pins: request.pins, excludedPatientIds: request.excludedPatientIds },
      };
      const forPlanners = await scopeDelta(who, delta);
      // Events carry ids only, never patient details: the raw delta (screens keep the views they have).
      events.emit('plan.edited', {
        planners: delta,
        analysts: { planId: id, etag: u.etag, kpis: result.kpis },
      });
      return { ...u, check: result.check, kpis: result.kpis, can: planCan(who, u), delta: forPlanners.body };
    },
  };
}

const planOf = (r: PlanningResult): PlanForCheck => ({
  assignments: r.assignments,
  lists: r.lists,
  teamPlacements: r.teamPlacements,
  lentLists: r.lentLists,
});

const violationKey = (v: Violation): string =>
  [v.rule, v.patientId ?? '', v.hospitalId ?? '', v.theatreId ?? '', v.day ?? ''].join('|');
