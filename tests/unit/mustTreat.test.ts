// Must-treat-by dates: hard in the model, construction and checker; an impossible one is reported
// with the patient and the constraint that stops them.
import { describe, expect, it } from 'vitest';
import { checkPlan } from '../../solver/check/index.ts';
import { solve, DEFAULT_SOLVE_OPTIONS } from '../../solver/index.ts';
import { buildProblem } from '../../src/plans/buildProblem.ts';
import { fromEpochDay } from '../../src/calendar/isoWeek.ts';
import { smallSnapshot } from '../helpers/smallSnapshot.ts';
import type { RegionSnapshot } from '../../src/domain/snapshot.ts';

const WEEK = '2026-W10';
const OPTIONS = { ...DEFAULT_SOLVE_OPTIONS, backend: 'highs' as const, timeLimitS: 20 };

function problemWith(edit: (s: RegionSnapshot) => void) {
  const s = smallSnapshot();
  edit(s);
  return buildProblem(s, { week: WEEK, leadDays: 0 });
}

describe('must-treat-by dates', () => {
  it('a plan without must-treat dates carries no must-treat report', async () => {
    const r = await solve(buildProblem(smallSnapshot(), { week: WEEK, leadDays: 0 }), OPTIONS);
    expect(r.mustTreatUnmet).toBeUndefined();
  });

  it('plans must-treat patients by their date, moving them earlier than the plan would', async () => {
    const base = await solve(buildProblem(smallSnapshot(), { week: WEEK, leadDays: 0 }), OPTIONS);
    // Patients the plan puts after its first operating day: give two of them that day as their date.
    const firstDay = Math.min(...base.assignments.map((a) => a.day));
    const chosen = base.assignments
      .filter((a) => a.day > firstDay)
      .slice(0, 2)
      .map((a) => a.patientId);
    expect(chosen.length).toBeGreaterThan(0);
    const problem = problemWith((s) => {
      for (const p of s.waitingList) if (chosen.includes(p.id)) p.mustTreatBy = fromEpochDay(firstDay);
    });
    const r = await solve(problem, OPTIONS);
    const unmet = new Set((r.mustTreatUnmet ?? []).map((u) => u.patientId));
    expect(unmet.size, 'at least one chosen patient can be moved').toBeLessThan(chosen.length);
    for (const id of chosen) {
      if (unmet.has(id)) continue; // reported with its reason instead
      const a = r.assignments.find((x) => x.patientId === id);
      expect(a?.day ?? Infinity, id).toBeLessThanOrEqual(firstDay);
    }
    expect(checkPlan(problem, r).violations.filter((v) => v.rule === 'must treat')).toEqual(
      [...unmet].map((id) => expect.objectContaining({ patientId: id })),
    );
  });

  it('an impossible must-treat names the patient and the constraint', async () => {
    const problem = problemWith((s) => {
      const p = s.waitingList.find((x) => x.id === 'wl-0001');
      if (!p) throw new Error('small snapshot changed');
      p.mustTreatBy = '2026-03-03';
      p.earliestDate = '2026-03-05';
    });
    const r = await solve(problem, OPTIONS);
    expect(r.mustTreatUnmet).toEqual([
      expect.objectContaining({
        patientId: 'wl-0001',
        mustTreatBy: '2026-03-03',
        binding: 'before pre-op release',
      }),
    ]);
    const v = r.check.violations.filter((x) => x.rule === 'must treat');
    expect(v).toHaveLength(1);
    expect(v[0]?.message).toMatch(/wl-0001 must be operated by 2026-03-03/);
    expect(r.status).toBe('infeasible');
    // The rest of the region is still planned.
    expect(r.assignments.length).toBeGreaterThan(0);
  });

  it('a must-treat date with no list of the specialty before it names that constraint', async () => {
    const problem = problemWith((s) => {
      const p = s.waitingList.find((x) => x.id === 'wl-0001');
      if (!p) throw new Error('small snapshot changed');
      p.mustTreatBy = '2026-03-02';
      p.consentElsewhere = false;
      // The listing hospital's Monday has no surgeon list of any specialty.
      s.rosterOverrides.push({
        hospitalId: p.listingHospitalId,
        date: '2026-03-02',
        anaesthesiaTeams: 2,
        nursingTeams: 2,
        surgeonLists: {},
        lendableSurgeonLists: {},
      });
      for (const o of s.rosterOverrides) if (o.date === '2026-03-02') o.lendableSurgeonLists = {};
      for (const t of s.rosterTemplates) if (t.weekday === 1) t.lendableSurgeonLists = {};
    });
    const r = await solve(problem, OPTIONS);
    const u = r.mustTreatUnmet?.find((x) => x.patientId === 'wl-0001');
    expect(u?.binding).toBe('no lists of the specialty before the date');
    expect(u?.detail).toMatch(/no consent/);
  });

  it('the checker flags a must-treat patient scheduled after the date, and accepts one on it', async () => {
    const problem = problemWith(() => undefined);
    const r = await solve(problem, OPTIONS);
    const a = r.assignments[0];
    if (!a) throw new Error('no assignment to test with');
    const withDate = (day: number) => ({
      ...problem,
      patients: problem.patients.map((p) => (p.id === a.patientId ? { ...p, mustTreatByDay: day } : p)),
    });
    expect(checkPlan(withDate(a.day), r).violations.filter((v) => v.rule === 'must treat')).toEqual([]);
    const late = checkPlan(withDate(a.day - 1), r).violations.filter((v) => v.rule === 'must treat');
    expect(late).toEqual([expect.objectContaining({ patientId: a.patientId, day: a.day })]);
  });
});
