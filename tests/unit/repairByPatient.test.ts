// Repair by patient (ADR 0008, "Closing the gap"): an overtaken patient who could enter several
// lists by swapping out a less urgent case takes the swap that costs least — here the list at its
// own hospital rather than the first list in day order, 30 km away.
import { describe, expect, it } from 'vitest';
import { addCase, newList } from '../../solver/construct/lists.ts';
import { prepare } from '../../solver/eligibility/index.ts';
import { improve } from '../../solver/improve/index.ts';
import type { PlanningProblem, ProblemPatient } from '../../solver/model/problem.ts';
import { tinyProblem, TINY_START_DAY } from '../helpers/tinyProblem.ts';

const S = TINY_START_DAY;

function bigCaseProblem(): PlanningProblem {
  const p = tinyProblem();
  // 250 + 30 minutes: one case fills a list at either hospital (420 and 480 minutes).
  p.procedures.push({
    id: 'big',
    specialtyId: 'ortho',
    logMu: Math.log(250) - 0.005,
    logSigma: 0.1,
    turnoverMin: 30,
    needsAcuteBackup: false,
    needsIcu: false,
    maxAsaNonAcute: 4,
    priceSek: 0,
    htaDoNotDo: false,
  });
  p.hospitals = p.hospitals.map((h) => ({ ...h, procedureIds: [...h.procedureIds, 'big'] }));
  const patient = (id: string, listingHospitalId: string, target: number): ProblemPatient => ({
    id,
    homeRegionId: 'r-skane',
    homePlaceId: 'pl-lund',
    listingHospitalId,
    procedureId: 'big',
    asaClass: 1,
    priorityGroup: 'B',
    decisionDay: S - 100,
    targetDay: S + target,
    earliestDay: S - 100,
    consentElsewhere: true,
    maxTravelKm: 100,
    excludedPeriods: [],
    htaOverride: false,
  });
  // A waited longest; B1 (listed at Trelleborg) and B2 (listed at Lund) are less urgent.
  p.patients = [patient('A', 'h-lund', -60), patient('B1', 'h-trelleborg', 10), patient('B2', 'h-lund', 10)];
  p.excludedPatientIds = [];
  p.pins = [];
  return p;
}

describe('repair by patient', () => {
  it('an overtaken patient takes the cheapest swap, not the first list in day order', () => {
    const problem = bigCaseProblem();
    const prep = prepare(problem);
    const idx = (id: string) => prep.patientById.get(id)!;
    const lund = prep.hIndex.get('h-lund')!;
    const trelleborg = prep.hIndex.get('h-trelleborg')!;
    const ortho = problem.specialtyIds.indexOf('ortho');
    // A can enter either list by swapping out its case; Trelleborg's list comes first (day 0).
    expect(idx('A').hospitals).toEqual(expect.arrayContaining([lund, trelleborg]));
    const far = newList(trelleborg, 0, ortho, 'T1', 'own', trelleborg);
    const near = newList(lund, 1, ortho, 'L1', 'own', lund);
    addCase(prep, far, idx('B1'));
    addCase(prep, near, idx('B2'));
    const assigned = new Set([idx('B1').index, idx('B2').index]);
    improve(prep, [far, near], assigned, new Set(), { maxScanPerList: 4000, swapRounds: 6 });
    expect(near.cases.map((c) => c.patient.id)).toEqual(['A']);
    expect(far.cases.map((c) => c.patient.id)).toEqual(['B1']);
    expect(assigned.has(idx('A').index)).toBe(true);
  });
});
