// The status quo on the session plan and named surgeons (ADR 0023): on a problem with them the
// baseline's plan keeps every surgeon and session rule of the independent checker; without them it
// is exactly what it was before (tests/helpers/baselineBefore.ts).
import { describe, expect, it } from 'vitest';
import { baselineLists } from '../../solver/baseline/index.ts';
import { checkPlan } from '../../solver/check/index.ts';
import { toPlan } from '../../solver/construct/output.ts';
import { prepare } from '../../solver/eligibility/index.ts';
import type { PlanningProblem } from '../../solver/model/problem.ts';
import { baselineListsBefore } from '../helpers/baselineBefore.ts';
import { tinyProblem } from '../helpers/tinyProblem.ts';
import { tinyWithStaff } from '../helpers/tinyStaff.ts';

const STAFF_RULES = [
  'surgeon minutes',
  'surgeon one place',
  'session',
  'tied surgeon',
  'surgeon procedure',
  'surgeon availability',
];

function basePlan(p: PlanningProblem, f: typeof baselineLists) {
  const prep = prepare(p);
  const base = f(prep);
  return toPlan(prep, base.lists, [], [], new Set());
}

function staffViolations(p: PlanningProblem, f: typeof baselineLists): string[] {
  const plan = basePlan(p, f);
  return checkPlan(p, plan)
    .violations.filter((v) => STAFF_RULES.includes(v.rule))
    .map((v) => `${v.rule}: ${v.message}`);
}

describe('status quo on sessions and named surgeons', () => {
  it('keeps every surgeon and session rule on the tiny problem with staff (the old one did not)', () => {
    const p = tinyWithStaff();
    const plan = basePlan(p, baselineLists);
    expect(plan.assignments.length).toBeGreaterThan(0);
    expect(staffViolations(p, baselineLists)).toEqual([]);
    // The rule can fail: the baseline before this change plans on the rosters.
    expect(staffViolations(p, baselineListsBefore).length).toBeGreaterThan(0);
  });

  it('session days: each case in a session of its specialty or surgeon, never an idle room', () => {
    const p = tinyWithStaff();
    const plan = basePlan(p, baselineLists);
    const sessions = new Map((p.sessions ?? []).map((s) => [s.id, s]));
    const sessionDays = new Set((p.sessions ?? []).map((s) => `${s.hospitalId}|${s.day}`));
    const surgeons = new Map((p.surgeons ?? []).map((s) => [s.id, s]));
    const proc = new Map(p.procedures.map((x) => [x.id, x]));
    const patient = new Map(p.patients.map((x) => [x.id, x]));
    for (const a of plan.assignments) {
      const pt = patient.get(a.patientId);
      // The status quo treats only its own list, with its own surgeons.
      expect(a.hospitalId).toBe(pt?.listingHospitalId);
      if (pt?.surgeonId !== undefined) expect(a.surgeonId).toBe(pt.surgeonId);
      if (a.surgeonId) expect(surgeons.get(a.surgeonId)?.homeHospitalId).toBe(a.hospitalId);
      if (!sessionDays.has(`${a.hospitalId}|${a.day}`)) continue;
      const s = sessions.get(a.sessionId ?? '');
      expect(s, a.patientId).toBeDefined();
      expect(s?.theatreId).toBe(a.theatreId);
      const spec = proc.get(pt?.procedureId ?? '')?.specialtyId;
      if (s?.specialtyId !== undefined) expect(s.specialtyId).toBe(spec);
      if (s?.surgeonId !== undefined) expect(a.surgeonId).toBe(s.surgeonId);
    }
  });

  it('without sessions and surgeons the status quo is exactly what it was before', () => {
    for (const p of [
      tinyProblem(),
      (() => {
        const q = tinyWithStaff();
        q.surgeons = [];
        q.sessions = [];
        for (const x of q.patients) delete x.surgeonId;
        return q;
      })(),
    ]) {
      const now = basePlan(p, baselineLists);
      const before = basePlan(p, baselineListsBefore);
      expect(now.assignments.length).toBeGreaterThan(0);
      expect(JSON.stringify(now)).toBe(JSON.stringify(before));
    }
  });
});
