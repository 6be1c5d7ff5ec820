// The guarantee lift (ADR 0018): waiting far past the care guarantee raises a patient's urgency
// level stepwise, never up to the most urgent group's level; the checker's urgency order agrees.
import { describe, expect, it } from 'vitest';
import { evaluateFairness } from '../../solver/check/fairness.ts';
import { urgencyLevel, urgencyRate } from '../../solver/check/cost.ts';
import { prepare } from '../../solver/eligibility/index.ts';
import { solve } from '../../solver/index.ts';
import type { PlanningProblem, ProblemPatient, ProblemProcedure } from '../../solver/model/problem.ts';
import { buildPlan, tinyProblem, TINY_START_DAY } from '../helpers/tinyProblem.ts';

const S = TINY_START_DAY;

const LONG: ProblemProcedure = {
  id: 'long',
  specialtyId: 'ortho',
  logMu: Math.log(100) - 0.005,
  logSigma: 0.1,
  turnoverMin: 20,
  needsAcuteBackup: false,
  needsIcu: false,
  maxAsaNonAcute: 4,
  priceSek: 0,
  htaDoNotDo: false,
};

/** Lund only, one ortho list of 150 minutes on the first day: room for one long case. */
function oneListProblem(): PlanningProblem {
  const p = tinyProblem();
  p.procedures.push(LONG);
  p.hospitals = p.hospitals.filter((h) => h.id === 'h-lund');
  const lund = p.hospitals[0] as PlanningProblem['hospitals'][number];
  p.hospitals[0] = { ...lund, listMin: 150, procedureIds: [...lund.procedureIds, 'long'] };
  p.hospitalDays = p.hospitalDays
    .filter((d) => d.hospitalId === 'h-lund' && d.day === S)
    .map((d) => ({ ...d, openTheatreIds: ['L1'], staffedTeams: 1, surgeonLists: { ortho: 1 } }));
  p.regionalTeams = [];
  p.excludedPatientIds = [];
  p.priorityGrids = [
    {
      regionId: 'r-skane',
      groups: [
        { group: 'P1', maxDays: 14 },
        { group: 'P2', maxDays: 30 },
        { group: 'P3', maxDays: 90 },
        { group: 'P4', maxDays: 180 },
      ],
    },
  ];
  return p;
}

function patient(id: string, group: string, decision: number, target: number): ProblemPatient {
  return {
    id,
    homeRegionId: 'r-skane',
    homePlaceId: 'pl-lund',
    listingHospitalId: 'h-lund',
    procedureId: 'long',
    asaClass: 1,
    priorityGroup: group,
    decisionDay: S + decision,
    targetDay: S + target,
    earliestDay: S - 30,
    consentElsewhere: false,
    maxTravelKm: 0,
    excludedPeriods: [],
    htaOverride: false,
  };
}

// P4 listed 400 days ago: about 310 days past the guarantee. P3 listed 20 days ago: within it.
const OLD4 = patient('OLD4', 'P4', -400, -220);
const NEW3 = patient('NEW3', 'P3', -20, 70);

describe('guarantee lift', () => {
  it('a P4 patient far past the guarantee is booked before a P3 patient within it', async () => {
    const problem = oneListProblem();
    problem.patients = [OLD4, NEW3];
    // Two steps of 60 days past the guarantee (the default lift's most): P4 → P2's level.
    expect(urgencyLevel(problem, OLD4)).toBe(2);
    expect(urgencyLevel(problem, NEW3)).toBe(1);
    expect(urgencyRate(problem, OLD4)).toBeGreaterThan(urgencyRate(problem, NEW3));
    const r = await solve(problem, { backend: 'highs' });
    expect(r.check.feasible).toBe(true);
    expect(r.assignments.map((a) => a.patientId)).toEqual(['OLD4']);
    expect(r.fairness.overtakings).toBe(0);
    // Booking the P3 patient instead now overtakes the lifted P4 patient.
    const other = buildPlan(problem, [
      { hospitalId: 'h-lund', theatreId: 'L1', dayIndex: 0, specialtyId: 'ortho', patientIds: ['NEW3'] },
    ]);
    expect(evaluateFairness(problem, other).overtakings).toBe(1);
  });

  it('without the lift the same P3 patient comes first (need dominates waiting)', async () => {
    const problem = oneListProblem();
    problem.patients = [OLD4, NEW3];
    problem.weights = { ...problem.weights, guaranteeLiftStepDays: 0 };
    expect(urgencyLevel(problem, OLD4)).toBe(0);
    const r = await solve(problem, { backend: 'highs' });
    expect(r.assignments.map((a) => a.patientId)).toEqual(['NEW3']);
  });

  it('never lifts to the top level, and the solver and checker agree on every level', () => {
    const problem = oneListProblem();
    problem.weights = { ...problem.weights, guaranteeLiftStepDays: 30, guaranteeLiftMaxLevels: 9 };
    const NEW1 = patient('NEW1', 'P1', -2, 12);
    const OLD2 = patient('OLD2', 'P2', -400, -370);
    problem.patients = [OLD4, NEW3, NEW1, OLD2];
    expect(problem.patients.map((p) => urgencyLevel(problem, p))).toEqual([2, 1, 3, 2]);
    const prep = prepare(problem);
    expect(prep.patients.map((pp) => pp.urgencyLevel)).toEqual([2, 1, 3, 2]);
    expect(prep.patients.map((pp) => pp.needLevel)).toEqual([0, 1, 3, 2]);
    // A region without a grid: every level 0, lift or not.
    problem.priorityGrids = [];
    expect(problem.patients.map((p) => urgencyLevel(problem, p))).toEqual([0, 0, 0, 0]);
  });
});
