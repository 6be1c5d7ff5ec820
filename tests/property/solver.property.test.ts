// Invariants of solve() on random small problems (tests/helpers/randomProblem.ts), judged by the
// independent checker (solver/check). Backend: HiGHS. Runs are kept modest so the file stays fast
// on two cores; fast-check prints the seed and the shrunk counterexample of any failure.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPlan, evaluateKpis, planCost } from '../../solver/check/index.ts';
import { solve } from '../../solver/index.ts';
import type { PlanningProblem } from '../../solver/model/problem.ts';
import type { PlanForCheck } from '../../solver/model/result.ts';
import { problemArb } from '../helpers/randomProblem.ts';

const RUNS = 40;
const OPTS = { backend: 'highs', mipRelGap: 1e-4, timeLimitS: 20 } as const;

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

const relTol = (v: number): number => 1e-6 * Math.max(1, Math.abs(v));

describe('solve — properties on random problems', () => {
  it('every plan passes the independent checker, and its KPIs are the checker’s', async () => {
    await fc.assert(
      fc.asyncProperty(problemArb(), async (problem) => {
        const r = await solve(problem, OPTS);
        expect(r.status).not.toBe('infeasible');
        expect(checkPlan(problem, r).violations).toEqual([]);
        expect(r.check.feasible).toBe(true);
        expect(r.kpis).toEqual(evaluateKpis(problem, r));
      }),
      { numRuns: RUNS },
    );
  });

  it('does not mutate its input (deep-frozen, and equal to a copy taken before)', async () => {
    await fc.assert(
      fc.asyncProperty(problemArb(), async (problem) => {
        const before = structuredClone(problem);
        // Frozen: any write inside solve() throws (ES modules are strict mode).
        await solve(deepFreeze(problem), OPTS);
        expect(problem).toEqual(before);
      }),
      { numRuns: RUNS },
    );
  });

  it('the bound is valid: objective ≥ bound', async () => {
    await fc.assert(
      fc.asyncProperty(problemArb(), async (problem) => {
        const r = await solve(problem, OPTS);
        expect(Number.isFinite(r.bound)).toBe(true);
        expect(r.objective).toBeGreaterThanOrEqual(r.bound - relTol(r.bound));
      }),
      { numRuns: RUNS },
    );
  });

  it('more capacity (one more staffed, open theatre; maybe a surgeon list) never raises the aggregate optimum', async () => {
    await fc.assert(
      fc.asyncProperty(
        problemArb(),
        fc.nat(),
        fc.option(fc.constantFrom('ortho', 'general'), { nil: undefined }),
        async (problem, pick, extraSurgeon) => {
          const bigger = structuredClone(problem);
          const hd = bigger.hospitalDays[pick % bigger.hospitalDays.length];
          if (!hd) throw new Error('random problem without hospital days');
          hd.openTheatreIds = [...hd.openTheatreIds, `${hd.hospitalId}-EXTRA`];
          hd.staffedTeams += 1;
          if (extraSurgeon)
            hd.surgeonLists = {
              ...hd.surgeonLists,
              [extraSurgeon]: (hd.surgeonLists[extraSurgeon] ?? 0) + 1,
            };
          const exact = { ...OPTS, aggregate: 'mip', mipRelGap: 0 } as const;
          const a = await solve(problem, exact);
          const b = await solve(bigger, exact);
          expect(a.diagnostics.aggregateStatus).toBe('optimal');
          expect(b.diagnostics.aggregateStatus).toBe('optimal');
          const optA = a.diagnostics.aggregateObjective;
          const optB = b.diagnostics.aggregateObjective;
          expect(optB).toBeLessThanOrEqual(optA + relTol(optA));
          // The detailed plan on the bigger problem is still checker-feasible.
          expect(checkPlan(bigger, b).violations).toEqual([]);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('pinned assignments are kept (hospital, day and theatre of an earlier plan)', async () => {
    await fc.assert(
      fc.asyncProperty(problemArb(), fc.nat(), async (problem, pick) => {
        const first = await solve(problem, OPTS);
        fc.pre(first.assignments.length > 0);
        const a = first.assignments[pick % first.assignments.length];
        if (!a) throw new Error('unreachable');
        const pinned: PlanningProblem = {
          ...problem,
          pins: [{ patientId: a.patientId, hospitalId: a.hospitalId, day: a.day, theatreId: a.theatreId }],
        };
        const r = await solve(pinned, OPTS);
        expect(r.status).not.toBe('infeasible');
        expect(checkPlan(pinned, r).violations).toEqual([]);
        const kept = r.assignments.filter((x) => x.patientId === a.patientId);
        expect(kept).toHaveLength(1);
        expect(kept[0]).toMatchObject({
          hospitalId: a.hospitalId,
          day: a.day,
          theatreId: a.theatreId,
          pinned: true,
        });
      }),
      { numRuns: 40 },
    );
  });

  it('a re-solve with the plan as previous cases: valid bound, feasible, changes add up', async () => {
    let keptAll = 0;
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(problemArb(), async (problem) => {
        const first = await solve(problem, OPTS);
        fc.pre(first.assignments.length > 0);
        const again: PlanningProblem = {
          ...problem,
          previousAssignments: first.assignments.map((a) => ({
            patientId: a.patientId,
            hospitalId: a.hospitalId,
            theatreId: a.theatreId,
            day: a.day,
            startMin: a.startMin,
          })),
        };
        const r = await solve(again, OPTS);
        expect(checkPlan(again, r).violations).toEqual([]);
        expect(r.objective).toBeGreaterThanOrEqual(r.bound - 1e-6 * Math.max(1, Math.abs(r.bound)));
        const c = r.changes;
        if (c === undefined) throw new Error('a re-solve reports its changes');
        const prev = new Set(first.assignments.map((a) => a.patientId));
        const now = new Set(r.assignments.map((a) => a.patientId));
        expect(c.removed).toBe([...prev].filter((id) => !now.has(id)).length);
        expect(c.added).toBe([...now].filter((id) => !prev.has(id)).length);
        expect(c.hospitalOrDay + c.theatre + c.startTime).toBeLessThanOrEqual(prev.size - c.removed);
        runs++;
        if (c.hospitalOrDay + c.theatre + c.removed === 0) keptAll++;
      }),
      { numRuns: 30 },
    );
    // The same problem re-solved with its own plan as previous cases mostly keeps every case.
    expect(keptAll).toBeGreaterThanOrEqual(Math.ceil(runs * 0.8));
  });

  it('removing a patient’s consent never moves them (a moved patient when there is one)', async () => {
    await fc.assert(
      fc.asyncProperty(problemArb(), fc.nat(), async (problem, pick) => {
        const first = await solve(problem, OPTS);
        const listing = new Map(problem.patients.map((p) => [p.id, p.listingHospitalId]));
        const moved = first.assignments
          .filter((x) => x.hospitalId !== listing.get(x.patientId))
          .map((x) => x.patientId);
        const ids = moved.length > 0 ? moved : problem.patients.map((p) => p.id);
        const id = ids[pick % ids.length];
        if (id === undefined) throw new Error('random problem without patients');
        const noConsent: PlanningProblem = {
          ...problem,
          patients: problem.patients.map((p) => (p.id === id ? { ...p, consentElsewhere: false } : p)),
        };
        const r = await solve(noConsent, OPTS);
        expect(checkPlan(noConsent, r).violations).toEqual([]);
        for (const x of r.assignments.filter((y) => y.patientId === id))
          expect(x.hospitalId).toBe(listing.get(id));
      }),
      { numRuns: RUNS },
    );
  });

  it('the plan never costs more than the baseline under the need-first objective', async () => {
    await fc.assert(
      fc.asyncProperty(problemArb(), async (problem) => {
        const r = await solve(problem, OPTS);
        const base: PlanForCheck = {
          assignments: r.baseline.assignments,
          lists: [],
          teamPlacements: [],
          lentLists: [],
        };
        // The baseline's own lists are not returned; solve() ran the checker on them.
        expect(r.baseline.check.feasible).toBe(true);
        const planCostNow = planCost(problem, r);
        const baseCost = planCost(problem, base);
        expect(planCostNow).toBeLessThanOrEqual(baseCost + 1e-6 * Math.max(1, Math.abs(baseCost)));
      }),
      { numRuns: RUNS },
    );
  });
});
