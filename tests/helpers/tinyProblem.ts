// A tiny, hand-made PlanningProblem for unit and differential tests of the solver and checker.
// Every call returns fresh objects, safe to modify. Horizon: Mon 2026-03-02 .. Fri 2026-03-06
// (epoch days 20514..20518). Days are given relative to the start: S + k.
//
// Hospitals (theatre lists start 08:00 = 480 min):
//   h-lund        r-skane     acute, ICU     listMin 480  L1 L2 L3  2 staffed teams
//                 surgeon lists ortho 2 (1 lendable), gen 1; offers hip, chole, spine, asd
//   h-trelleborg  r-skane     non-acute      listMin 420  T1 T2     1 staffed team, closed on day 4
//                 surgeon lists ortho 1, gen 1; offers hip, asd
//   h-vaxjo       r-kronoberg acute, no ICU  listMin 450  V1 V2     2 staffed teams (starts 07:30)
//                 surgeon lists ortho 1, gen 1; offers hip, chole, spine
// Regional team rt-1 (base Lund): days 0–3, at Lund or Trelleborg, 50,000 SEK/day.
// Procedures (mean minutes exactly: logMu = ln(mean) − σ²/2):
//   hip   ortho  mean 90,  σ 0.30, turnover 30, non-acute up to ASA 2, 80,000 SEK
//   chole gen    mean 60,  σ 0.35, turnover 20, non-acute up to ASA 2, 40,000 SEK
//   spine ortho  mean 180, σ 0.25, turnover 40, needs ICU, 150,000 SEK
//   asd   ortho  mean 45,  σ 0.20, turnover 20, HTA do-not-do, 20,000 SEK
// Distances (km): pl-lund → Lund 5, Trelleborg 35, Växjö 210; pl-malmo → 20, 30, 230;
//   pl-vaxjo → 215, 240, 4; Lund–Trelleborg 35, Lund–Växjö 210, Trelleborg–Växjö 240.
// Patients (decision / target / earliest relative to S; consent; max km):
//   P1  skane  pl-malmo Lund  hip   ASA 2  −100 / −30 / −10  yes 100   past guarantee since S−9
//   P2  skane  pl-lund  Lund  hip   ASA 3  −60  / +10 / −5   yes 100   ASA 3: acute hospitals only
//   P3  skane  pl-lund  Lund  chole ASA 1  −95  / −5  / −20  no  300   MoV S−40..S−31 (10 days)
//   P4  kronob pl-vaxjo Växjö hip   ASA 2  −120 / −65 / −30  yes 300
//   P5  skane  pl-lund  Lund  spine ASA 2  −30  / +30 / −1   yes 300
//   P6  skane  pl-lund  Lund  asd   ASA 1  −200 / −100/ −150 yes 100   HTA do-not-do, no override
//   P7  skane  pl-malmo Lund  hip   ASA 2  −80  / +20 / +2   yes 100   PvV S+3..S+4
//   P8  skane  pl-lund  Lund  hip   ASA 1  −150 / −90 / −100 yes 100   excluded by the planner
//   P9  skane  pl-lund  Lund  chole ASA 1  −10  / +80 / 0    yes 20
//   P10 skane  pl-malmo Lund  chole ASA 1  −40  / +50 / −10  yes 100
//   P11 skane  pl-lund  Lund  hip   ASA 1  −89  / +1  / −30  yes 100   past guarantee from S+2
import { overrunProbability, plannedCaseMin } from '../../solver/check/overrun.ts';
import { DEFAULT_RULES, DEFAULT_WEIGHTS } from '../../solver/model/defaults.ts';
import type { PlanningProblem, ProblemPatient, ProblemProcedure } from '../../solver/model/problem.ts';
import type {
  Assignment,
  LentList,
  PlanForCheck,
  TeamPlacement,
  TheatreList,
} from '../../solver/model/result.ts';

export const TINY_START_DAY = 20514;
export const TINY_DATES = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06'];
const S = TINY_START_DAY;

function procedure(
  id: string,
  specialtyId: string,
  meanMin: number,
  logSigma: number,
  turnoverMin: number,
  extra: Partial<ProblemProcedure> = {},
): ProblemProcedure {
  return {
    id,
    specialtyId,
    logMu: Math.log(meanMin) - (logSigma * logSigma) / 2,
    logSigma,
    turnoverMin,
    needsAcuteBackup: false,
    needsIcu: false,
    maxAsaNonAcute: 2,
    priceSek: 0,
    htaDoNotDo: false,
    ...extra,
  };
}

function patient(
  id: string,
  homeRegionId: string,
  homePlaceId: string,
  listingHospitalId: string,
  procedureId: string,
  asaClass: number,
  rel: [decision: number, target: number, earliest: number],
  consentElsewhere: boolean,
  maxTravelKm: number,
  extra: Partial<ProblemPatient> = {},
): ProblemPatient {
  return {
    id,
    homeRegionId,
    homePlaceId,
    listingHospitalId,
    procedureId,
    asaClass,
    priorityGroup: 'B',
    decisionDay: S + rel[0],
    targetDay: S + rel[1],
    earliestDay: S + rel[2],
    consentElsewhere,
    maxTravelKm,
    excludedPeriods: [],
    htaOverride: false,
    ...extra,
  };
}

export function tinyProblem(): PlanningProblem {
  const days = [0, 1, 2, 3, 4].map((k) => S + k);
  return {
    startDay: S,
    dates: [...TINY_DATES],
    specialtyIds: ['ortho', 'gen'],
    procedures: [
      procedure('hip', 'ortho', 90, 0.3, 30, { priceSek: 80_000 }),
      procedure('chole', 'gen', 60, 0.35, 20, { priceSek: 40_000 }),
      procedure('spine', 'ortho', 180, 0.25, 40, { priceSek: 150_000, needsIcu: true, maxAsaNonAcute: 4 }),
      procedure('asd', 'ortho', 45, 0.2, 20, { priceSek: 20_000, htaDoNotDo: true }),
    ],
    hospitals: [
      {
        id: 'h-lund',
        regionId: 'r-skane',
        acute: true,
        icu: true,
        procedureIds: ['hip', 'chole', 'spine', 'asd'],
        listMin: 480,
        listStartMin: 480,
      },
      {
        id: 'h-trelleborg',
        regionId: 'r-skane',
        acute: false,
        icu: false,
        procedureIds: ['hip', 'asd'],
        listMin: 420,
        listStartMin: 480,
      },
      {
        id: 'h-vaxjo',
        regionId: 'r-kronoberg',
        acute: true,
        icu: false,
        procedureIds: ['hip', 'chole', 'spine'],
        listMin: 450,
        listStartMin: 450,
      },
    ],
    hospitalDays: [
      ...days.map((day) => ({
        hospitalId: 'h-lund',
        day,
        openTheatreIds: ['L1', 'L2', 'L3'],
        staffedTeams: 2,
        surgeonLists: { ortho: 2, gen: 1 },
        lendableSurgeonLists: { ortho: 1 },
      })),
      ...days.slice(0, 4).map((day) => ({
        hospitalId: 'h-trelleborg',
        day,
        openTheatreIds: ['T1', 'T2'],
        staffedTeams: 1,
        surgeonLists: { ortho: 1, gen: 1 },
        lendableSurgeonLists: {},
      })),
      ...days.map((day) => ({
        hospitalId: 'h-vaxjo',
        day,
        openTheatreIds: ['V1', 'V2'],
        staffedTeams: 2,
        surgeonLists: { gen: 1, ortho: 1 },
        lendableSurgeonLists: {},
      })),
    ],
    regionalTeams: [
      {
        id: 'rt-1',
        baseHospitalId: 'h-lund',
        availableDays: days.slice(0, 4),
        allowedHospitalIds: ['h-lund', 'h-trelleborg'],
        costSekPerDay: 50_000,
      },
    ],
    distanceKm: {
      'pl-lund': { 'h-lund': 5, 'h-trelleborg': 35, 'h-vaxjo': 210 },
      'pl-malmo': { 'h-lund': 20, 'h-trelleborg': 30, 'h-vaxjo': 230 },
      'pl-vaxjo': { 'h-lund': 215, 'h-trelleborg': 240, 'h-vaxjo': 4 },
      'h-lund': { 'h-lund': 0, 'h-trelleborg': 35, 'h-vaxjo': 210 },
      'h-trelleborg': { 'h-lund': 35, 'h-trelleborg': 0, 'h-vaxjo': 240 },
      'h-vaxjo': { 'h-lund': 210, 'h-trelleborg': 240, 'h-vaxjo': 0 },
    },
    patients: [
      patient('P1', 'r-skane', 'pl-malmo', 'h-lund', 'hip', 2, [-100, -30, -10], true, 100),
      patient('P2', 'r-skane', 'pl-lund', 'h-lund', 'hip', 3, [-60, 10, -5], true, 100),
      patient('P3', 'r-skane', 'pl-lund', 'h-lund', 'chole', 1, [-95, -5, -20], false, 300, {
        excludedPeriods: [{ kind: 'MoV', fromDay: S - 40, toDay: S - 31 }],
      }),
      patient('P4', 'r-kronoberg', 'pl-vaxjo', 'h-vaxjo', 'hip', 2, [-120, -65, -30], true, 300),
      patient('P5', 'r-skane', 'pl-lund', 'h-lund', 'spine', 2, [-30, 30, -1], true, 300),
      patient('P6', 'r-skane', 'pl-lund', 'h-lund', 'asd', 1, [-200, -100, -150], true, 100),
      patient('P7', 'r-skane', 'pl-malmo', 'h-lund', 'hip', 2, [-80, 20, 2], true, 100, {
        excludedPeriods: [{ kind: 'PvV', fromDay: S + 3, toDay: S + 4 }],
      }),
      patient('P8', 'r-skane', 'pl-lund', 'h-lund', 'hip', 1, [-150, -90, -100], true, 100),
      patient('P9', 'r-skane', 'pl-lund', 'h-lund', 'chole', 1, [-10, 80, 0], true, 20),
      patient('P10', 'r-skane', 'pl-malmo', 'h-lund', 'chole', 1, [-40, 50, -10], true, 100),
      patient('P11', 'r-skane', 'pl-lund', 'h-lund', 'hip', 1, [-89, 1, -30], true, 100),
    ],
    pins: [],
    excludedPatientIds: ['P8'],
    weights: { ...DEFAULT_WEIGHTS },
    rules: { ...DEFAULT_RULES },
  };
}

/** One theatre list to build: cases run back to back from the list start (or `startMin`). */
export interface ListSpec {
  hospitalId: string;
  theatreId: string;
  /** 0-based day of the horizon. */
  dayIndex: number;
  specialtyId: string;
  patientIds: string[];
  staffedBy?: TheatreList['staffedBy'];
  /** Defaults to the host hospital. */
  surgeonFromHospitalId?: string;
  /** First case start; defaults to the hospital's listStartMin. */
  startMin?: number;
}

export interface TinyPlanExtras {
  teamPlacements?: { teamId: string; hospitalId: string; theatreId: string; dayIndex: number }[];
  lentLists?: {
    fromHospitalId: string;
    toHospitalId: string;
    specialtyId: string;
    theatreId: string;
    dayIndex: number;
  }[];
}

/**
 * A plan from list specs: assignments with planned (rounded mean) durations and procedure
 * turnovers, back to back; lists with planned end, list end and overrun probability filled in.
 * It does not check anything: give it infeasible specs to get an infeasible plan.
 */
export function buildPlan(
  problem: PlanningProblem,
  specs: ListSpec[],
  extras: TinyPlanExtras = {},
): PlanForCheck {
  const patients = new Map(problem.patients.map((p) => [p.id, p]));
  const procedures = new Map(problem.procedures.map((p) => [p.id, p]));
  const hospitals = new Map(problem.hospitals.map((h) => [h.id, h]));
  const assignments: Assignment[] = [];
  const lists: TheatreList[] = [];
  for (const spec of specs) {
    const h = hospitals.get(spec.hospitalId);
    const day = problem.startDay + spec.dayIndex;
    const date = problem.dates[spec.dayIndex] ?? '';
    let t = spec.startMin ?? h?.listStartMin ?? 0;
    const cases: ProblemProcedure[] = [];
    for (const patientId of spec.patientIds) {
      const proc = procedures.get(patients.get(patientId)?.procedureId ?? '');
      const durationMin = proc ? plannedCaseMin(proc.logMu, proc.logSigma) : 60;
      const turnoverMin = proc?.turnoverMin ?? 0;
      if (proc) cases.push(proc);
      assignments.push({
        patientId,
        hospitalId: spec.hospitalId,
        theatreId: spec.theatreId,
        day,
        date,
        startMin: t,
        startTime: `${String(Math.floor(t / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`,
        durationMin,
        turnoverMin,
        reason: 'test',
        reasonCode: 'withinTarget',
        reasonParams: {},
        pinned: problem.pins.some((p) => p.patientId === patientId),
      });
      t += durationMin + turnoverMin;
    }
    lists.push({
      hospitalId: spec.hospitalId,
      theatreId: spec.theatreId,
      day,
      date,
      specialtyId: spec.specialtyId,
      staffedBy: spec.staffedBy ?? 'own',
      surgeonFromHospitalId: spec.surgeonFromHospitalId ?? spec.hospitalId,
      patientIds: [...spec.patientIds],
      plannedEndMin: t,
      listEndMin: (h?.listStartMin ?? 0) + (h?.listMin ?? 0),
      overrunProbability: overrunProbability(h?.listMin ?? 0, cases),
    });
  }
  const teamPlacements: TeamPlacement[] = (extras.teamPlacements ?? []).map((t) => ({
    teamId: t.teamId,
    hospitalId: t.hospitalId,
    theatreId: t.theatreId,
    day: problem.startDay + t.dayIndex,
    date: problem.dates[t.dayIndex] ?? '',
  }));
  const lentLists: LentList[] = (extras.lentLists ?? []).map((m) => ({
    fromHospitalId: m.fromHospitalId,
    toHospitalId: m.toHospitalId,
    specialtyId: m.specialtyId,
    theatreId: m.theatreId,
    day: problem.startDay + m.dayIndex,
    date: problem.dates[m.dayIndex] ?? '',
  }));
  return { assignments, lists, teamPlacements, lentLists };
}

/** A small feasible plan: P1+P2 (Lund L1, day 0, ortho), P3 (Lund L2, day 0, gen), P4 (Växjö V1, day 1). */
export function tinyFeasiblePlan(problem: PlanningProblem = tinyProblem()): PlanForCheck {
  return buildPlan(problem, [
    { hospitalId: 'h-lund', theatreId: 'L1', dayIndex: 0, specialtyId: 'ortho', patientIds: ['P1', 'P2'] },
    { hospitalId: 'h-lund', theatreId: 'L2', dayIndex: 0, specialtyId: 'gen', patientIds: ['P3'] },
    { hospitalId: 'h-vaxjo', theatreId: 'V1', dayIndex: 1, specialtyId: 'ortho', patientIds: ['P4'] },
  ]);
}
