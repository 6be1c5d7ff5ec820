// editPlan (solver/edit) judged by the independent checker: on solved plans of small fixtures,
// every single exclude and pin succeeds and passes the checker; every single move either succeeds
// and passes the checker, or is refused with a rule the checker itself reports when the move is
// forced through. So a legal move is never refused, and an illegal one is never let through.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPlan } from '../../solver/check/index.ts';
import { editPlan, solve, type EditOp } from '../../solver/index.ts';
import type { PlanningProblem } from '../../solver/model/problem.ts';
import type { PlanForCheck, Violation } from '../../solver/model/result.ts';
import { buildProblem } from '../../src/plans/buildProblem.ts';
import { smallSnapshot } from '../helpers/smallSnapshot.ts';
import { problemArb } from '../helpers/randomProblem.ts';
import { tinyProblem } from '../helpers/tinyProblem.ts';

const OPTS = { backend: 'highs', mipRelGap: 1e-4, timeLimitS: 20 } as const;

const key = (v: Violation): string =>
  [v.rule, v.patientId ?? '', v.hospitalId ?? '', v.theatreId ?? '', v.day ?? ''].join('|');

/** Violations of `after` (checked with the edit's pins and exclusions) that `before` did not have. */
function added(problem: PlanningProblem, before: PlanForCheck, after: PlanForCheck, edited: PlanningProblem) {
  const known = new Set(checkPlan(problem, before).violations.map(key));
  return checkPlan(edited, after).violations.filter((v) => !known.has(key(v)));
}

function allSingleMoves(problem: PlanningProblem, plan: PlanForCheck): EditOp[] {
  const ops: EditOp[] = [];
  for (const a of plan.assignments)
    for (const hd of problem.hospitalDays)
      for (const theatreId of hd.openTheatreIds)
        ops.push({ kind: 'move', patientId: a.patientId, hospitalId: hd.hospitalId, theatreId, day: hd.day });
  return ops;
}

interface Tally {
  moved: number;
  refused: Record<string, number>;
}

function judgeAll(problem: PlanningProblem, plan: PlanForCheck): Tally {
  const tally: Tally = { moved: 0, refused: {} };
  const withEdit = (o: { pins: PlanningProblem['pins']; excludedPatientIds: string[] }): PlanningProblem => ({
    ...problem,
    pins: o.pins,
    excludedPatientIds: o.excludedPatientIds,
  });
  for (const a of plan.assignments) {
    for (const op of [
      { kind: 'exclude', patientId: a.patientId },
      { kind: 'pin', patientId: a.patientId },
    ] as const) {
      const out = editPlan(problem, plan, op);
      expect(out.ok, `${op.kind} ${a.patientId}`).toBe(true);
      if (!out.ok) continue;
      expect(added(problem, plan, out.plan, withEdit(out)), `${op.kind} ${a.patientId}`).toEqual([]);
      if (op.kind === 'exclude')
        expect(out.plan.assignments.some((x) => x.patientId === a.patientId)).toBe(false);
    }
  }
  for (const op of allSingleMoves(problem, plan)) {
    const out = editPlan(problem, plan, op);
    const label = JSON.stringify(op);
    if (out.ok) {
      tally.moved++;
      expect(added(problem, plan, out.plan, withEdit(out)), label).toEqual([]);
      continue;
    }
    tally.refused[out.refusal.rule] = (tally.refused[out.refusal.rule] ?? 0) + 1;
    const forced = editPlan(problem, plan, op, { enforce: false });
    expect(forced.ok, label).toBe(true);
    if (!forced.ok) continue;
    const rules = new Set(added(problem, plan, forced.plan, withEdit(forced)).map((v) => v.rule));
    // Planned minutes beyond the list show up as a certain overrun (and, for the last case's own
    // end, as a timetable overrun).
    const accepted =
      out.refusal.rule === 'theatre overrun' ? ['theatre overrun', 'overrun risk'] : [out.refusal.rule];
    expect(
      accepted.some((r) => rules.has(r as Violation['rule'])),
      `${label} refused for ${out.refusal.rule} but the checker reports ${[...rules].join(', ') || 'nothing'}`,
    ).toBe(true);
  }
  return tally;
}

describe('editPlan — every legal single edit succeeds, every refusal is one the checker confirms', () => {
  it('tiny problem', async () => {
    const problem = tinyProblem();
    const r = await solve(problem, OPTS);
    const t = judgeAll(problem, r);
    // Non-vacuous: some moves succeed and some are refused.
    expect(t.moved).toBeGreaterThan(0);
    expect(Object.keys(t.refused).length).toBeGreaterThan(0);
  });

  it('small snapshot, 2026-W10', async () => {
    const problem = buildProblem(smallSnapshot(), { week: '2026-W10', leadDays: 0 });
    const r = await solve(problem, OPTS);
    const t = judgeAll(problem, r);
    expect(t.moved).toBeGreaterThan(0);
  });

  it('random problems', async () => {
    await fc.assert(
      fc.asyncProperty(problemArb({ maxPatients: 25 }), async (problem) => {
        const r = await solve(problem, OPTS);
        judgeAll(problem, r);
      }),
      { numRuns: 15 },
    );
  });

  it('an exclusion recomputes the list: start times close up and the overrun figure is the new one', async () => {
    const problem = tinyProblem();
    const r = await solve(problem, OPTS);
    const list = r.lists.find((l) => l.patientIds.length >= 2);
    expect(list).toBeDefined();
    if (list === undefined) return;
    const first = list.patientIds[0] as string;
    const out = editPlan(problem, r, { kind: 'exclude', patientId: first });
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    const after = out.plan.lists.find((l) => l.theatreId === list.theatreId && l.day === list.day);
    expect(after?.patientIds).toEqual(list.patientIds.slice(1));
    expect(after?.overrunProbability).toBeLessThan(list.overrunProbability);
    const second = out.plan.assignments.find((a) => a.patientId === list.patientIds[1]);
    const hospital = problem.hospitals.find((h) => h.id === list.hospitalId);
    expect(second?.startMin).toBe(hospital?.listStartMin);
    expect(out.excludedPatientIds).toContain(first);
  });

  it('refuses with a named rule and its parameters, and never mutates its inputs', async () => {
    const problem = tinyProblem();
    const r = await solve(problem, OPTS);
    const plan: PlanForCheck = structuredClone({
      assignments: r.assignments,
      lists: r.lists,
      teamPlacements: r.teamPlacements,
      lentLists: r.lentLists,
    });
    const before = structuredClone({ problem, plan });
    // P5 (spine) needs an ICU; Växjö has none.
    const p5 = plan.assignments.find((a) => a.patientId === 'P5');
    const vaxjoDay = problem.hospitalDays.find((hd) => hd.hospitalId === 'h-vaxjo');
    if (p5 !== undefined && vaxjoDay !== undefined) {
      const out = editPlan(problem, plan, {
        kind: 'move',
        patientId: 'P5',
        hospitalId: 'h-vaxjo',
        theatreId: vaxjoDay.openTheatreIds[0] as string,
        day: vaxjoDay.day,
      });
      expect(out.ok).toBe(false);
      if (!out.ok) {
        expect(out.refusal.rule).toBe('ICU required');
        expect(out.refusal.params).toMatchObject({ hospitalId: 'h-vaxjo', procedureId: 'spine' });
      }
    }
    const notPlanned = editPlan(problem, plan, { kind: 'pin', patientId: 'P6' });
    expect(notPlanned).toMatchObject({ ok: false, refusal: { rule: 'not in plan', opIndex: 0 } });
    expect({ problem, plan }).toEqual(before);
  });
});
