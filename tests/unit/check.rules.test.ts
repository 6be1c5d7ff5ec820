// One feasible and one violating example per hard rule of the independent checker. Every
// violating example fires exactly its own rule.
import { describe, expect, it } from 'vitest';
import { checkPlan, RULE_NAMES, RULES } from '../../solver/check/index.ts';
import type { PlanningProblem } from '../../solver/model/problem.ts';
import type { PlanForCheck } from '../../solver/model/result.ts';
import {
  buildPlan,
  tinyFeasiblePlan,
  tinyProblem,
  TINY_START_DAY as S,
  type ListSpec,
} from '../helpers/tinyProblem.ts';
import { withBeds } from '../helpers/beds.ts';

function fired(problem: PlanningProblem, plan: PlanForCheck): string[] {
  return [...new Set(checkPlan(problem, plan).violations.map((v) => v.rule))].sort();
}

const lund = (
  theatreId: string,
  dayIndex: number,
  specialtyId: string,
  patientIds: string[],
  extra: Partial<ListSpec> = {},
): ListSpec => ({
  hospitalId: 'h-lund',
  theatreId,
  dayIndex,
  specialtyId,
  patientIds,
  ...extra,
});
const at = (
  hospitalId: string,
  theatreId: string,
  dayIndex: number,
  specialtyId: string,
  patientIds: string[],
  extra: Partial<ListSpec> = {},
): ListSpec => ({
  hospitalId,
  theatreId,
  dayIndex,
  specialtyId,
  patientIds,
  ...extra,
});

describe('checker rule catalogue', () => {
  it('lists every rule once, in RULES order, with stable names', () => {
    expect(RULES.map((r) => r.name)).toEqual([...RULE_NAMES]);
    expect(new Set(RULE_NAMES).size).toBe(29);
    expect(RULE_NAMES).toContain('theatre overrun');
  });

  it('accepts the tiny feasible plan and the empty plan', () => {
    const problem = tinyProblem();
    expect(checkPlan(problem, tinyFeasiblePlan(problem))).toEqual({ feasible: true, violations: [] });
    expect(
      checkPlan(problem, { assignments: [], lists: [], teamPlacements: [], lentLists: [] }).feasible,
    ).toBe(true);
  });

  it('does not mutate its inputs', () => {
    const problem = tinyProblem();
    const plan = buildPlan(problem, [lund('L1', 0, 'ortho', ['P1', 'P1', 'P6'])]);
    const before = JSON.stringify([problem, plan]);
    checkPlan(problem, plan);
    expect(JSON.stringify([problem, plan])).toBe(before);
  });
});

describe('unknown reference', () => {
  it('fires for an unknown patient, team or a day outside the horizon', () => {
    const problem = tinyProblem();
    const plan = tinyFeasiblePlan(problem);
    expect(fired(problem, plan)).toEqual([]);
    const ghostTeam = {
      ...plan,
      teamPlacements: [
        { teamId: 'rt-ghost', hospitalId: 'h-lund', theatreId: 'L3', day: S, date: '2026-03-02' },
      ],
    };
    expect(fired(problem, ghostTeam)).toEqual(['unknown reference']);
    const lateLent = {
      ...plan,
      lentLists: [
        {
          fromHospitalId: 'h-lund',
          toHospitalId: 'h-trelleborg',
          specialtyId: 'ortho',
          theatreId: 'T1',
          day: S + 9,
          date: '2026-03-11',
        },
      ],
    };
    expect(fired(problem, lateLent)).toEqual(['unknown reference']);
    const ghost = buildPlan(problem, [lund('L1', 0, 'ortho', ['P-ghost'])]);
    const report = checkPlan(problem, ghost);
    expect(report.violations.map((v) => v.rule)).toEqual(['unknown reference']);
    expect(report.violations[0]?.patientId).toBe('P-ghost');
  });

  it('fires (alone) for a list on a day outside the horizon', () => {
    const problem = tinyProblem();
    const plan = buildPlan(problem, [lund('L1', 7, 'ortho', ['P1'])]);
    expect(fired(problem, plan)).toEqual(['unknown reference']);
  });

  it('fires when an assignment date is not its day', () => {
    const problem = tinyProblem();
    const plan = tinyFeasiblePlan(problem);
    const wrongDate = {
      ...plan,
      assignments: plan.assignments.map((a, i) => (i === 0 ? { ...a, date: '2026-03-05' } : a)),
    };
    expect(fired(problem, wrongDate)).toEqual(['unknown reference']);
  });
});

describe('double booking', () => {
  it('fires for a patient in two lists', () => {
    const problem = tinyProblem();
    const ok = buildPlan(problem, [lund('L1', 2, 'ortho', ['P7']), lund('L2', 2, 'ortho', ['P1'])]);
    expect(fired(problem, ok)).toEqual([]);
    const bad = buildPlan(problem, [
      lund('L1', 2, 'ortho', ['P7']),
      lund('L2', 2, 'ortho', ['P1']),
      lund('L1', 3, 'ortho', ['P1']),
    ]);
    expect(fired(problem, bad)).toEqual(['double booking']);
  });

  it('fires for two lists on one theatre on one day (even without overlapping cases)', () => {
    const problem = tinyProblem();
    const bad = buildPlan(problem, [
      lund('L1', 2, 'ortho', ['P7']),
      lund('L1', 2, 'ortho', ['P1'], { startMin: 480 + 120 }),
    ]);
    expect(fired(problem, bad)).toEqual(['double booking']);
  });

  it('fires for a regional team placed twice on one day', () => {
    const problem = tinyProblem();
    const place = (hospitalId: string, theatreId: string) => ({
      teamId: 'rt-1',
      hospitalId,
      theatreId,
      dayIndex: 0,
    });
    expect(fired(problem, buildPlan(problem, [], { teamPlacements: [place('h-lund', 'L3')] }))).toEqual([]);
    expect(
      fired(
        problem,
        buildPlan(problem, [], { teamPlacements: [place('h-lund', 'L3'), place('h-trelleborg', 'T2')] }),
      ),
    ).toEqual(['double booking']);
  });
});

describe('procedure not offered', () => {
  it('fires when the hospital does not do the procedure', () => {
    const problem = tinyProblem();
    expect(fired(problem, buildPlan(problem, [lund('L2', 0, 'gen', ['P10'])]))).toEqual([]);
    const bad = buildPlan(problem, [at('h-trelleborg', 'T1', 0, 'gen', ['P10'])]);
    expect(fired(problem, bad)).toEqual(['procedure not offered']);
  });
});

describe('acute back-up required', () => {
  it('fires for an ASA 3 patient at a non-acute hospital', () => {
    const problem = tinyProblem();
    expect(fired(problem, buildPlan(problem, [at('h-trelleborg', 'T1', 0, 'ortho', ['P1'])]))).toEqual([]);
    const report = checkPlan(problem, buildPlan(problem, [at('h-trelleborg', 'T1', 0, 'ortho', ['P2'])]));
    expect(report.violations.map((v) => v.rule)).toEqual(['acute back-up required']);
    expect(report.violations[0]?.message).toContain('P2 is ASA 3');
    expect(report.violations[0]?.message).toContain('h-trelleborg is not an acute hospital');
  });

  it('fires for a procedure that needs acute back-up at a non-acute hospital', () => {
    const problem = tinyProblem();
    const hip = problem.procedures.find((p) => p.id === 'hip');
    if (hip) hip.needsAcuteBackup = true;
    expect(fired(problem, buildPlan(problem, [at('h-trelleborg', 'T1', 0, 'ortho', ['P1'])]))).toEqual([
      'acute back-up required',
    ]);
  });
});

describe('ICU required', () => {
  it('fires for an ICU procedure at an acute hospital without ICU', () => {
    const problem = tinyProblem();
    expect(fired(problem, buildPlan(problem, [lund('L1', 0, 'ortho', ['P5'])]))).toEqual([]);
    expect(fired(problem, buildPlan(problem, [at('h-vaxjo', 'V1', 0, 'ortho', ['P5'])]))).toEqual([
      'ICU required',
    ]);
  });
});

describe('moved without consent', () => {
  it('fires when a patient who did not consent is treated elsewhere', () => {
    const problem = tinyProblem();
    expect(fired(problem, buildPlan(problem, [at('h-vaxjo', 'V1', 0, 'gen', ['P10'])]))).toEqual([
      'travel beyond consent',
    ]);
    expect(fired(problem, buildPlan(problem, [lund('L2', 0, 'gen', ['P3'])]))).toEqual([]);
    expect(fired(problem, buildPlan(problem, [at('h-vaxjo', 'V1', 0, 'gen', ['P3'])]))).toEqual([
      'moved without consent',
    ]);
  });
});

describe('travel beyond consent', () => {
  it('fires beyond the patient’s maximum distance', () => {
    const problem = tinyProblem();
    expect(fired(problem, buildPlan(problem, [at('h-trelleborg', 'T1', 0, 'ortho', ['P11'])]))).toEqual([]);
    expect(fired(problem, buildPlan(problem, [at('h-vaxjo', 'V1', 0, 'gen', ['P9'])]))).toEqual([
      'travel beyond consent',
    ]);
  });

  it('fires when the distance is unknown', () => {
    const problem = tinyProblem();
    const home = problem.distanceKm['pl-lund'];
    if (home) delete home['h-trelleborg'];
    expect(fired(problem, buildPlan(problem, [at('h-trelleborg', 'T1', 0, 'ortho', ['P11'])]))).toEqual([
      'travel beyond consent',
    ]);
  });
});

describe('before pre-op release', () => {
  it('fires before the earliest day', () => {
    const problem = tinyProblem();
    expect(fired(problem, buildPlan(problem, [lund('L1', 2, 'ortho', ['P7'])]))).toEqual([]);
    expect(fired(problem, buildPlan(problem, [lund('L1', 1, 'ortho', ['P7'])]))).toEqual([
      'before pre-op release',
    ]);
  });
});

describe('excluded period', () => {
  it('fires inside a PvV period (inclusive ends)', () => {
    const problem = tinyProblem();
    expect(fired(problem, buildPlan(problem, [lund('L1', 2, 'ortho', ['P7'])]))).toEqual([]);
    expect(fired(problem, buildPlan(problem, [lund('L1', 3, 'ortho', ['P7'])]))).toEqual(['excluded period']);
    expect(fired(problem, buildPlan(problem, [lund('L1', 4, 'ortho', ['P7'])]))).toEqual(['excluded period']);
  });
});

describe('HTA do-not-do', () => {
  it('fires unless a clinician overrode the flag', () => {
    const problem = tinyProblem();
    const plan = buildPlan(problem, [lund('L1', 0, 'ortho', ['P6'])]);
    expect(fired(problem, plan)).toEqual(['HTA do-not-do']);
    const p6 = problem.patients.find((p) => p.id === 'P6');
    if (p6) p6.htaOverride = true;
    expect(fired(problem, plan)).toEqual([]);
  });
});

describe('planner exclusion', () => {
  it('fires for a patient the planner excluded', () => {
    const problem = tinyProblem();
    const plan = buildPlan(problem, [lund('L1', 0, 'ortho', ['P8'])]);
    expect(fired(problem, plan)).toEqual(['planner exclusion']);
    expect(fired({ ...problem, excludedPatientIds: [] }, plan)).toEqual([]);
  });
});

describe('pin broken', () => {
  it('fires when a pinned patient is elsewhere, another day, another theatre or missing', () => {
    const problem = tinyProblem();
    const plan = tinyFeasiblePlan(problem);
    const pinned = (pin: PlanningProblem['pins'][number]): PlanningProblem => ({ ...problem, pins: [pin] });
    expect(fired(pinned({ patientId: 'P1', hospitalId: 'h-lund', day: S }), plan)).toEqual([]);
    expect(fired(pinned({ patientId: 'P1', hospitalId: 'h-lund', day: S, theatreId: 'L1' }), plan)).toEqual(
      [],
    );
    expect(fired(pinned({ patientId: 'P1', hospitalId: 'h-lund', day: S + 1 }), plan)).toEqual([
      'pin broken',
    ]);
    expect(fired(pinned({ patientId: 'P1', hospitalId: 'h-lund', day: S, theatreId: 'L2' }), plan)).toEqual([
      'pin broken',
    ]);
    expect(fired(pinned({ patientId: 'P10', hospitalId: 'h-lund', day: S }), plan)).toEqual(['pin broken']);
  });
});

describe('closed theatre', () => {
  it('fires for a theatre not open that day', () => {
    const problem = tinyProblem();
    expect(fired(problem, buildPlan(problem, [lund('L3', 0, 'ortho', ['P1'])]))).toEqual([]);
    expect(fired(problem, buildPlan(problem, [lund('L9', 0, 'ortho', ['P1'])]))).toEqual(['closed theatre']);
  });

  it('fires on a day the hospital has no capacity at all', () => {
    const problem = tinyProblem();
    expect(fired(problem, buildPlan(problem, [at('h-trelleborg', 'T1', 3, 'ortho', ['P1'])]))).toEqual([]);
    expect(fired(problem, buildPlan(problem, [at('h-trelleborg', 'T1', 4, 'ortho', ['P1'])]))).toEqual([
      'closed theatre',
    ]);
  });
});

describe('mixed specialty list', () => {
  it('fires for a gen patient in an ortho list', () => {
    const problem = tinyProblem();
    expect(fired(problem, buildPlan(problem, [lund('L1', 0, 'ortho', ['P1', 'P3'])]))).toEqual([
      'mixed specialty list',
    ]);
  });

  it('fires when assignments and lists disagree', () => {
    const problem = tinyProblem();
    const plan = tinyFeasiblePlan(problem);
    const moved = {
      ...plan,
      assignments: plan.assignments.map((a) => (a.patientId === 'P3' ? { ...a, theatreId: 'L3' } : a)),
    };
    expect(fired(problem, moved)).toEqual(['mixed specialty list']);
    const missing = { ...plan, assignments: plan.assignments.filter((a) => a.patientId !== 'P3') };
    expect(fired(problem, missing)).toEqual(['mixed specialty list']);
  });
});

describe('staffed teams', () => {
  const three = (staffedBy: ListSpec['staffedBy']): ListSpec[] => [
    lund('L1', 0, 'ortho', ['P1']),
    lund('L2', 0, 'gen', ['P3']),
    lund('L3', 0, 'ortho', ['P2'], { staffedBy }),
  ];
  it('fires for more own-staffed lists than staffed teams', () => {
    const problem = tinyProblem();
    expect(fired(problem, buildPlan(problem, three('own')))).toEqual(['staffed teams']);
  });

  it('accepts a regional team placed on the third theatre, fires without the placement', () => {
    const problem = tinyProblem();
    const lists = three({ regionalTeamId: 'rt-1' });
    const placement = { teamId: 'rt-1', hospitalId: 'h-lund', theatreId: 'L3', dayIndex: 0 };
    expect(fired(problem, buildPlan(problem, lists, { teamPlacements: [placement] }))).toEqual([]);
    expect(fired(problem, buildPlan(problem, lists))).toEqual(['staffed teams']);
    expect(
      fired(problem, buildPlan(problem, lists, { teamPlacements: [{ ...placement, theatreId: 'L2' }] })),
    ).toEqual(['staffed teams']);
  });
});

describe('surgeon lists', () => {
  const lent = {
    fromHospitalId: 'h-lund',
    toHospitalId: 'h-trelleborg',
    specialtyId: 'ortho',
    theatreId: 'T1',
    dayIndex: 0,
  };
  const trelleborgWithLundSurgeon = at('h-trelleborg', 'T1', 0, 'ortho', ['P1'], {
    surgeonFromHospitalId: 'h-lund',
  });

  it('counts lent-out lists against the lender’s own lists', () => {
    const problem = tinyProblem();
    const ok = buildPlan(problem, [lund('L1', 0, 'ortho', ['P2']), trelleborgWithLundSurgeon], {
      lentLists: [lent],
    });
    expect(fired(problem, ok)).toEqual([]);
    const bad = buildPlan(
      problem,
      [lund('L1', 0, 'ortho', ['P2']), lund('L3', 0, 'ortho', ['P5']), trelleborgWithLundSurgeon],
      {
        lentLists: [lent],
      },
    );
    expect(fired(problem, bad)).toEqual(['surgeon lists']);
  });

  it('fires for more own lists than surgeon lists, or a borrowed surgeon without a lent list', () => {
    const problem = tinyProblem();
    expect(
      fired(problem, buildPlan(problem, [lund('L2', 0, 'gen', ['P3']), lund('L1', 0, 'gen', ['P10'])])),
    ).toEqual(['surgeon lists']);
    expect(fired(problem, buildPlan(problem, [trelleborgWithLundSurgeon]))).toEqual(['surgeon lists']);
  });
});

describe('lending beyond spare lists', () => {
  it('fires when a hospital lends more lists than it can spare', () => {
    const problem = tinyProblem();
    const lent = (theatreId: string) => ({
      fromHospitalId: 'h-lund',
      toHospitalId: 'h-trelleborg',
      specialtyId: 'ortho',
      theatreId,
      dayIndex: 0,
    });
    const t1 = at('h-trelleborg', 'T1', 0, 'ortho', ['P1'], { surgeonFromHospitalId: 'h-lund' });
    const t2 = at('h-trelleborg', 'T2', 0, 'ortho', ['P4'], {
      surgeonFromHospitalId: 'h-lund',
      staffedBy: { regionalTeamId: 'rt-1' },
    });
    const team = {
      teamPlacements: [{ teamId: 'rt-1', hospitalId: 'h-trelleborg', theatreId: 'T2', dayIndex: 0 }],
    };
    expect(fired(problem, buildPlan(problem, [t1], { lentLists: [lent('T1')] }))).toEqual([]);
    expect(
      fired(problem, buildPlan(problem, [t1, t2], { ...team, lentLists: [lent('T1'), lent('T2')] })),
    ).toEqual(['lending beyond spare lists']);
  });

  it('fires beyond maxLendKm', () => {
    const problem = tinyProblem();
    const plan = buildPlan(
      problem,
      [at('h-vaxjo', 'V1', 1, 'ortho', ['P4'], { surgeonFromHospitalId: 'h-lund' })],
      {
        lentLists: [
          {
            fromHospitalId: 'h-lund',
            toHospitalId: 'h-vaxjo',
            specialtyId: 'ortho',
            theatreId: 'V1',
            dayIndex: 1,
          },
        ],
      },
    );
    expect(fired(problem, plan)).toEqual(['lending beyond spare lists']);
    expect(fired({ ...problem, rules: { ...problem.rules, maxLendKm: 250 } }, plan)).toEqual([]);
  });
});

describe('regional team', () => {
  it('fires on a day the team is not available or at a hospital it may not serve', () => {
    const problem = tinyProblem();
    const place = (hospitalId: string, theatreId: string, dayIndex: number) => ({
      teamPlacements: [{ teamId: 'rt-1', hospitalId, theatreId, dayIndex }],
    });
    expect(fired(problem, buildPlan(problem, [], place('h-trelleborg', 'T2', 3)))).toEqual([]);
    expect(fired(problem, buildPlan(problem, [], place('h-lund', 'L3', 4)))).toEqual(['regional team']);
    expect(fired(problem, buildPlan(problem, [], place('h-vaxjo', 'V2', 1)))).toEqual(['regional team']);
  });
});

describe('theatre overrun', () => {
  const problem = tinyProblem();
  const base = buildPlan(problem, [lund('L1', 0, 'ortho', ['P1', 'P2'])]);
  const edit = (patientId: string, change: Partial<PlanForCheck['assignments'][number]>): PlanForCheck => ({
    ...base,
    assignments: base.assignments.map((a) => (a.patientId === patientId ? { ...a, ...change } : a)),
  });

  it('accepts back-to-back cases with turnovers', () => {
    expect(base.assignments.map((a) => [a.startMin, a.durationMin])).toEqual([
      [480, 90],
      [600, 90],
    ]);
    expect(fired(problem, base)).toEqual([]);
  });

  it('fires for a start before the list, overlap, a short turnover, an end after the list, a wrong duration', () => {
    expect(fired(problem, edit('P1', { startMin: 470 }))).toEqual(['theatre overrun']);
    expect(fired(problem, edit('P2', { startMin: 560 }))).toEqual(['theatre overrun']);
    expect(fired(problem, edit('P2', { startMin: 590 }))).toEqual(['theatre overrun']);
    expect(fired(problem, edit('P2', { startMin: 480 + 480 - 89 }))).toEqual(['theatre overrun']);
    expect(fired(problem, edit('P2', { startMin: 480 + 480 - 90 }))).toEqual([]);
    expect(fired(problem, edit('P1', { durationMin: 80 }))).toEqual(['theatre overrun']);
    expect(fired(problem, edit('P1', { turnoverMin: 10 }))).toEqual(['theatre overrun']);
  });
});

describe('overrun risk', () => {
  it('fires for a list whose cases fit on average but overrun too often', () => {
    const problem = tinyProblem();
    // Four hips: 4 × (90 + 30) = 480 planned minutes; the last case ends at 08:00 + 450 min, inside
    // the list, but S (mean 360) exceeds 480 − 120 = 360 minutes with probability ≈ 47 %.
    const bad = buildPlan(problem, [lund('L1', 0, 'ortho', ['P1', 'P2', 'P4', 'P11'])]);
    expect(fired(problem, bad)).toEqual(['overrun risk']);
    const three = buildPlan(problem, [lund('L1', 0, 'ortho', ['P1', 'P2', 'P4'])]);
    expect(fired(problem, three)).toEqual([]);
  });

  it('fires when a list misreports its overrun probability by more than 0.02', () => {
    const problem = tinyProblem();
    const plan = tinyFeasiblePlan(problem);
    const lie = (p: number): PlanForCheck => ({
      ...plan,
      lists: plan.lists.map((l, i) => (i === 0 ? { ...l, overrunProbability: p } : l)),
    });
    expect(fired(problem, lie(0.019))).toEqual([]);
    expect(fired(problem, lie(0.05))).toEqual(['overrun risk']);
    expect(fired(problem, lie(Number.NaN))).toEqual(['overrun risk']);
  });
});

describe('booked capacity', () => {
  it('fires for a list on a booked theatre-day and for a booked patient planned again', () => {
    const problem: PlanningProblem = {
      ...tinyProblem(),
      bookings: [
        {
          patientId: 'P11',
          procedureId: 'hip',
          hospitalId: 'h-lund',
          theatreId: 'L2',
          day: S,
          startMin: 480,
        },
      ],
    };
    expect(fired(problem, buildPlan(problem, [lund('L1', 0, 'ortho', ['P1'])]))).toEqual([]);
    // The same theatre on another day is free.
    expect(fired(problem, buildPlan(problem, [lund('L2', 1, 'ortho', ['P1'])]))).toEqual([]);
    expect(fired(problem, buildPlan(problem, [lund('L2', 0, 'ortho', ['P1'])]))).toEqual(['booked capacity']);
    expect(fired(problem, buildPlan(problem, [lund('L1', 1, 'ortho', ['P11'])]))).toEqual([
      'booked capacity',
    ]);
  });
});

describe('ward beds', () => {
  it('fires when the planned stays need more beds than bookings leave', () => {
    // Hips stay two nights; Lund has 2 beds a day.
    const problem = withBeds(tinyProblem(), { 'h-lund': [2, 2, 2, 2, 2] }, { hipLosDays: 2 });
    const two = buildPlan(problem, [lund('L1', 0, 'ortho', ['P1', 'P2'])]);
    expect(fired(problem, two)).toEqual([]);
    // A third hip on day 1 meets the first two still in bed: 3 beds on day 1.
    const three = buildPlan(problem, [lund('L1', 0, 'ortho', ['P1', 'P2']), lund('L2', 1, 'ortho', ['P11'])]);
    expect(fired(problem, three)).toEqual(['ward beds']);
    expect(checkPlan(problem, three).violations.map((v) => v.day)).toEqual([S + 1]);
    // On day 2 the first two have gone home.
    const later = buildPlan(problem, [lund('L1', 0, 'ortho', ['P1', 'P2']), lund('L2', 2, 'ortho', ['P11'])]);
    expect(fired(problem, later)).toEqual([]);
    // A booking's patient in bed on day 1 leaves one bed there.
    const booked = withBeds(
      tinyProblem(),
      { 'h-lund': [2, 2, 2, 2, 2] },
      { booked: { 'h-lund': [0, 1, 0, 0, 0] } },
    );
    expect(fired(booked, buildPlan(booked, [lund('L1', 0, 'ortho', ['P1', 'P2'])]))).toEqual(['ward beds']);
    // Day surgery needs no bed.
    expect(fired(booked, buildPlan(booked, [lund('L1', 1, 'gen', ['P9', 'P10'])]))).toEqual([]);
  });
});
