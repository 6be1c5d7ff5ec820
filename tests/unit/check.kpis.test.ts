// KPIs and plan cost of small hand-computed plans on the tiny problem (tests/helpers/tinyProblem.ts;
// its header lists every patient's decision/target days relative to S = the first horizon day).
import { describe, expect, it } from 'vitest';
import { checkPlan, evaluateKpis, planCost } from '../../solver/check/index.ts';
import { normalCdf } from '../../solver/check/normal.ts';
import { overrunProbability } from '../../solver/check/overrun.ts';
import type { PlanningProblem } from '../../solver/model/problem.ts';
import type { PlanForCheck } from '../../solver/model/result.ts';
import { buildPlan, tinyProblem, TINY_START_DAY as S } from '../helpers/tinyProblem.ts';

const EMPTY: PlanForCheck = { assignments: [], lists: [], teamPlacements: [], lentLists: [] };

/**
 * Plan K (feasible):
 *   Lund L1 day 0 ortho: P1, P2        Lund L2 day 1 gen: P3        Lund L1 day 3 ortho: P4 (from Växjö)
 *   Trelleborg T1 day 2 ortho: P11 (own staff, own surgeon)
 *   Trelleborg T2 day 2 ortho: P7, staffed by regional team rt-1, operated by a Lund surgeon (lent list)
 */
function planK(problem: PlanningProblem): PlanForCheck {
  return buildPlan(
    problem,
    [
      { hospitalId: 'h-lund', theatreId: 'L1', dayIndex: 0, specialtyId: 'ortho', patientIds: ['P1', 'P2'] },
      { hospitalId: 'h-lund', theatreId: 'L2', dayIndex: 1, specialtyId: 'gen', patientIds: ['P3'] },
      { hospitalId: 'h-trelleborg', theatreId: 'T1', dayIndex: 2, specialtyId: 'ortho', patientIds: ['P11'] },
      {
        hospitalId: 'h-trelleborg',
        theatreId: 'T2',
        dayIndex: 2,
        specialtyId: 'ortho',
        patientIds: ['P7'],
        staffedBy: { regionalTeamId: 'rt-1' },
        surgeonFromHospitalId: 'h-lund',
      },
      { hospitalId: 'h-lund', theatreId: 'L1', dayIndex: 3, specialtyId: 'ortho', patientIds: ['P4'] },
    ],
    {
      teamPlacements: [{ teamId: 'rt-1', hospitalId: 'h-trelleborg', theatreId: 'T2', dayIndex: 2 }],
      lentLists: [
        {
          fromHospitalId: 'h-lund',
          toHospitalId: 'h-trelleborg',
          specialtyId: 'ortho',
          theatreId: 'T2',
          dayIndex: 2,
        },
      ],
    },
  );
}

describe('evaluateKpis', () => {
  it('computes the do-nothing plan by hand', () => {
    const problem = tinyProblem();
    const k = evaluateKpis(problem, EMPTY);
    // Horizon end E = S + 5. Guarantee days on E (decision → E, minus excluded days):
    //   P1 105, P2 65, P3 100 − 10 (MoV) = 90 (not past: must exceed 90), P4 125, P5 35, P6 205,
    //   P7 85 − 2 (PvV S+3..S+4) = 83, P8 155 (excluded by the planner, still waiting), P9 15,
    //   P10 45, P11 94. Past: P1, P4, P6, P8, P11.
    expect(k.patientsTreated).toBe(0);
    expect(k.pastGuaranteeAtEnd).toBe(5);
    // Skåne: P1, P6, P8, P11 of 10 patients; Kronoberg: P4 of 1.
    expect(k.pastGuaranteeShareByHomeRegion).toEqual({ 'r-skane': 0.4, 'r-kronoberg': 1 });
    // Days past target at E: P1 35, P3 10, P4 70, P6 105, P8 95, P11 4; the others are not late.
    expect(k.latenessDaysTreated).toBe(0);
    expect(k.latenessDaysTotal).toBe(35 + 10 + 70 + 105 + 95 + 4);
    expect(k.utilisationByHospital).toEqual({ 'h-lund': 0, 'h-trelleborg': 0, 'h-vaxjo': 0 });
    expect(k.utilisation).toBe(0);
    expect(k.expectedOvertimeMin).toBe(0);
    expect(k.maxOverrunProbability).toBe(0);
    expect(k.patientsMoved).toBe(0);
    expect(k.travelKmTotal).toBe(0);
    expect(k.travelKmPerMovedPatient).toEqual({ p50: 0, p90: 0 });
    expect(k.settlementSek).toEqual({});
    expect(k.teamPlacements).toBe(0);
    expect(k.lentLists).toBe(0);
  });

  it('computes plan K by hand', () => {
    const problem = tinyProblem();
    const plan = planK(problem);
    expect(checkPlan(problem, plan)).toEqual({ feasible: true, violations: [] });
    const k = evaluateKpis(problem, plan);
    expect(k.patientsTreated).toBe(6); // P1 P2 P3 P4 P7 P11
    // Untreated and past the guarantee at E: P6 (205) and P8 (155, excluded); P5, P9, P10 are not.
    expect(k.pastGuaranteeAtEnd).toBe(2);
    expect(k.pastGuaranteeShareByHomeRegion).toEqual({ 'r-skane': 2 / 10, 'r-kronoberg': 0 });
    // Treated lateness: P1 day S − (S−30) = 30, P3 (S+1) − (S−5) = 6, P11 (S+2) − (S+1) = 1,
    // P4 (S+3) − (S−65) = 68; P2 and P7 before target.
    expect(k.latenessDaysTreated).toBe(30 + 6 + 1 + 68);
    // Untreated at E = S+5: P6 105, P8 95; P5, P9, P10 not late.
    expect(k.latenessDaysTotal).toBe(105 + 200);
    // Planned minutes (mean + turnover): hip 90 + 30, chole 60 + 20.
    //   Lund: 3 lists × 480 min hold 2 hips + 1 chole + 1 hip = 360 + 80 = 440.
    //   Trelleborg: 2 lists × 420 min hold 2 hips = 240. Växjö: no lists.
    expect(k.utilisationByHospital['h-lund']).toBeCloseTo(440 / 1440, 12);
    expect(k.utilisationByHospital['h-trelleborg']).toBeCloseTo(240 / 840, 12);
    expect(k.utilisationByHospital['h-vaxjo']).toBe(0);
    expect(k.utilisation).toBeCloseTo(680 / 2280, 12);
    // Moved: P11 pl-lund → Trelleborg 35 km, P7 pl-malmo → Trelleborg 30 km, P4 pl-vaxjo → Lund 215 km.
    expect(k.patientsMoved).toBe(3);
    expect(k.travelKmTotal).toBe(280);
    // Nearest rank of [30, 35, 215]: p50 = ⌈1.5⌉ = 2nd, p90 = ⌈2.7⌉ = 3rd.
    expect(k.travelKmPerMovedPatient).toEqual({ p50: 35, p90: 215 });
    // Only P4 (Kronoberg) is treated in another region (Skåne): one hip, 80,000 SEK.
    expect(k.settlementSek).toEqual({ 'r-kronoberg->r-skane': 80_000 });
    expect(k.teamPlacements).toBe(1);
    expect(k.lentLists).toBe(1);
    // The riskiest list is tiny here: one hip at Trelleborg (a = 420 − 30 = 390 min), exact lognormal.
    const singleHipTrelleborg = 1 - normalCdf((Math.log(390) - (Math.log(90) - 0.045)) / 0.3);
    expect(k.maxOverrunProbability).toBeGreaterThanOrEqual(singleHipTrelleborg);
    expect(k.maxOverrunProbability).toBeLessThan(1e-4);
    expect(k.expectedOvertimeMin).toBeGreaterThanOrEqual(0);
    expect(k.expectedOvertimeMin).toBeLessThan(0.01);
  });

  it('reports the overrun probability and expected overtime of a risky list', () => {
    const problem = tinyProblem();
    const plan = buildPlan(problem, [
      {
        hospitalId: 'h-lund',
        theatreId: 'L1',
        dayIndex: 0,
        specialtyId: 'ortho',
        patientIds: ['P1', 'P2', 'P4', 'P11'],
      },
    ]);
    const k = evaluateKpis(problem, plan);
    // Four hips: M = 360, V = 4·90²·(e^0.09 − 1), s² = ln(1 + V/M²), μ = ln M − s²/2, a = 480 − 4·30 = 360.
    const v = 4 * 8100 * Math.expm1(0.09);
    const s2 = Math.log(1 + v / (360 * 360));
    const s = Math.sqrt(s2);
    const mu = Math.log(360) - s2 / 2;
    const a = 360;
    expect(k.maxOverrunProbability).toBeCloseTo(1 - normalCdf((Math.log(a) - mu) / s), 12);
    expect(k.maxOverrunProbability).toBeCloseTo(0.47, 2);
    const overtime = 360 * normalCdf((mu + s2 - Math.log(a)) / s) - a * normalCdf((mu - Math.log(a)) / s);
    expect(k.expectedOvertimeMin).toBeCloseTo(overtime, 9);
    expect(k.expectedOvertimeMin).toBeGreaterThan(10);
    expect(k.utilisation).toBe(1);
  });

  it('does not count a patient treated past the guarantee as waiting', () => {
    const problem = tinyProblem();
    const plan = buildPlan(problem, [
      { hospitalId: 'h-lund', theatreId: 'L1', dayIndex: 4, specialtyId: 'ortho', patientIds: ['P11'] },
    ]);
    expect(evaluateKpis(problem, plan).pastGuaranteeAtEnd).toBe(4); // P1, P4, P6, P8
  });
});

describe('planCost', () => {
  it('costs 0 for the do-nothing plan', () => {
    expect(planCost(tinyProblem(), EMPTY)).toBe(0);
  });

  it('matches a hand computation with the default weights', () => {
    const problem = tinyProblem();
    const plan = buildPlan(
      problem,
      [
        { hospitalId: 'h-lund', theatreId: 'L1', dayIndex: 0, specialtyId: 'ortho', patientIds: ['P1'] },
        { hospitalId: 'h-lund', theatreId: 'L1', dayIndex: 1, specialtyId: 'ortho', patientIds: ['P4'] },
        {
          hospitalId: 'h-trelleborg',
          theatreId: 'T1',
          dayIndex: 2,
          specialtyId: 'ortho',
          patientIds: ['P11'],
          surgeonFromHospitalId: 'h-lund',
        },
      ],
      {
        teamPlacements: [{ teamId: 'rt-1', hospitalId: 'h-lund', theatreId: 'L3', dayIndex: 1 }],
        lentLists: [
          {
            fromHospitalId: 'h-lund',
            toHospitalId: 'h-trelleborg',
            specialtyId: 'ortho',
            theatreId: 'T1',
            dayIndex: 2,
          },
        ],
      },
    );
    expect(checkPlan(problem, plan).feasible).toBe(true);
    // Need-first weights (ADR 0008): V = 1 point · planned minutes · rate; rate = 2^need ·
    // (1 + 0.6 · wait), wait = (t · 53 + g) / 53², t and g whole 7-day steps (cap 364 = 52 steps)
    // of days past target / past the guarantee on P = E + L = S + 19. No priority grid: need 0.
    // Day discount 0.002 per day after S; travel 0.4/km; cross-region 0.0002/SEK; team 0.001/SEK;
    // lent list 40 + 0.2/km. A hip is 90 + 30 = 120 planned minutes.
    // P1: target S−30 → 49 days → t = 7; gd = S−100+91 = S−9 → 28 days → g = 4; at Lund (listing) on S.
    const v1 = 120 * (1 + (0.6 * (7 * 53 + 4)) / 53 ** 2);
    // P4: target S−65 → 84 → t = 12; gd = S−29 → 48 → g = 6; at Lund (not listing Växjö) on S+1:
    //   travel 0.4·(215 − 4) = 84.4, cross-region 0.0002·80,000 = 16.
    const b4 = 120 * (1 + (0.6 * (12 * 53 + 6)) / 53 ** 2) * (1 - 0.002) - 84.4 - 16;
    // P11: target S+1 → 18 → t = 2; gd = S+2 → 17 → g = 2; at Trelleborg on S+2: travel 0.4·30 = 12.
    const b11 = 120 * (1 + (0.6 * (2 * 53 + 2)) / 53 ** 2) * (1 - 0.004) - 12;
    // Team: 0.001·50,000 = 50. Lent list Lund → Trelleborg: 40 + 0.2·35 = 47.
    expect(planCost(problem, plan)).toBeCloseTo(50 + 47 - v1 - b4 - b11, 9);
    expect(planCost(problem, plan)).toBeCloseTo(-178.6719, 3);
  });

  it('does not mutate its inputs (nor do the KPIs)', () => {
    const problem = tinyProblem();
    const plan = planK(problem);
    const before = JSON.stringify([problem, plan]);
    planCost(problem, plan);
    evaluateKpis(problem, plan);
    expect(JSON.stringify([problem, plan])).toBe(before);
  });
});

describe('scale', () => {
  // How fast is a benchmark figure, not a test: bench/plan.ts reports `timingsMs.check` for the
  // Södra and national-size instances (bench/RESULTS.md).
  it('checks 3,000 assignments against 110,000 patients: feasible, every case counted', () => {
    const problem = tinyProblem();
    const theatres = Array.from({ length: 600 }, (_, i) => `B${i}`);
    for (const hd of problem.hospitalDays) {
      if (hd.hospitalId !== 'h-lund') continue;
      hd.openTheatreIds = theatres;
      hd.staffedTeams = 600;
      hd.surgeonLists = { ortho: 600, gen: 1 };
    }
    const template = problem.patients.find((p) => p.id === 'P11');
    if (!template) throw new Error('tiny problem changed');
    for (let i = 0; i < 110_000; i++) {
      problem.patients.push({
        ...template,
        id: `PB${i}`,
        decisionDay: S - (i % 200),
        targetDay: S - (i % 150) + 30,
      });
    }
    const specs = [];
    for (let i = 0; i < 1000; i++) {
      const ids = [0, 1, 2].map((k) => `PB${i * 3 + k}`);
      specs.push({
        hospitalId: 'h-lund',
        theatreId: theatres[i % 600] ?? '',
        dayIndex: Math.floor(i / 600),
        specialtyId: 'ortho',
        patientIds: ids,
      });
    }
    const plan = buildPlan(problem, specs);
    expect(plan.assignments).toHaveLength(3000);
    const report = checkPlan(problem, plan);
    const kpis = evaluateKpis(problem, plan);
    const cost = planCost(problem, plan);
    expect(report.violations).toEqual([]);
    expect(kpis.patientsTreated).toBe(3000);
    expect(cost).toBeLessThan(0);
  });
});

// Keep the hand-computed single-case helper honest against the exported function.
it('the single-hip Trelleborg probability above equals overrunProbability', () => {
  const problem = tinyProblem();
  const hip = problem.procedures.find((p) => p.id === 'hip');
  if (!hip) throw new Error('tiny problem changed');
  expect(overrunProbability(420, [hip])).toBeCloseTo(
    1 - normalCdf((Math.log(390) - hip.logMu) / hip.logSigma),
    14,
  );
});
