// The tiny problem (tinyProblem.ts) with named surgeons and a session plan (ADR 0023).
//
// Surgeons (all home Lund, available every horizon day):
//   s-anna    ortho  hip, spine  300 min/day  may visit Trelleborg
//   s-bo      ortho  hip         240 min/day
//   s-cecilia gen    chole       100 min/day
//   s-david   gen    chole       400 min/day
// Sessions at Lund on day 0 only (theatre L3 has none, so it is not open that day):
//   L1 am  08:00 240 min  ortho
//   L1 pm  12:00 150 min  gen
//   L2 day 08:00 480 min  s-anna
// Extra patients (Lund, ASA 1, consent 100 km, earliest S−5): H1 hip; C1, C2 chole;
// T1, T2 chole tied to s-cecilia.
// Planned minutes: hip 90 + 30 turnover = 120; chole 60 + 20 = 80.
import type { PlanningProblem, ProblemPatient } from '../../solver/model/problem.ts';
import { TINY_START_DAY, tinyProblem } from './tinyProblem.ts';

const S = TINY_START_DAY;

function extra(id: string, procedureId: string, more: Partial<ProblemPatient> = {}): ProblemPatient {
  return {
    id,
    homeRegionId: 'r-skane',
    homePlaceId: 'pl-lund',
    listingHospitalId: 'h-lund',
    procedureId,
    asaClass: 1,
    priorityGroup: 'B',
    decisionDay: S - 50,
    targetDay: S + 10,
    earliestDay: S - 5,
    consentElsewhere: true,
    maxTravelKm: 100,
    excludedPeriods: [],
    htaOverride: false,
    ...more,
  };
}

export function tinyWithStaff(): PlanningProblem {
  const p = tinyProblem();
  const days = [0, 1, 2, 3, 4].map((k) => S + k);
  p.surgeons = [
    {
      id: 's-anna',
      homeHospitalId: 'h-lund',
      specialtyId: 'ortho',
      procedureIds: ['hip', 'spine'],
      maxMinPerDay: 300,
      availableDays: days,
      visitingHospitalIds: ['h-trelleborg'],
      maxParallelTheatres: 1,
    },
    {
      id: 's-bo',
      homeHospitalId: 'h-lund',
      specialtyId: 'ortho',
      procedureIds: ['hip'],
      maxMinPerDay: 240,
      availableDays: days,
      visitingHospitalIds: [],
      maxParallelTheatres: 1,
    },
    {
      id: 's-cecilia',
      homeHospitalId: 'h-lund',
      specialtyId: 'gen',
      procedureIds: ['chole'],
      maxMinPerDay: 100,
      availableDays: days,
      visitingHospitalIds: [],
      maxParallelTheatres: 1,
    },
    {
      id: 's-david',
      homeHospitalId: 'h-lund',
      specialtyId: 'gen',
      procedureIds: ['chole'],
      maxMinPerDay: 400,
      availableDays: days,
      visitingHospitalIds: [],
      maxParallelTheatres: 1,
    },
  ];
  p.sessions = [
    {
      id: 'ses-l1-am',
      hospitalId: 'h-lund',
      theatreId: 'L1',
      day: S,
      part: 'am',
      startMin: 480,
      lengthMin: 240,
      specialtyId: 'ortho',
    },
    {
      id: 'ses-l1-pm',
      hospitalId: 'h-lund',
      theatreId: 'L1',
      day: S,
      part: 'pm',
      startMin: 720,
      lengthMin: 150,
      specialtyId: 'gen',
    },
    {
      id: 'ses-l2',
      hospitalId: 'h-lund',
      theatreId: 'L2',
      day: S,
      part: 'day',
      startMin: 480,
      lengthMin: 480,
      surgeonId: 's-anna',
    },
  ];
  // Lund's surgeon lists from its named surgeons: 2 lists a day each (ADR 0023), s-anna's lendable.
  for (const hd of p.hospitalDays) {
    if (hd.hospitalId !== 'h-lund') continue;
    hd.surgeonLists = { ortho: 4, gen: 4 };
    hd.lendableSurgeonLists = { ortho: 2 };
    if (hd.day === S) {
      hd.openTheatreIds = ['L1', 'L2'];
      hd.staffedTeams = 3;
    }
  }
  p.patients.push(
    extra('H1', 'hip'),
    extra('C1', 'chole'),
    extra('C2', 'chole'),
    extra('T1', 'chole', { surgeonId: 's-cecilia' }),
    extra('T2', 'chole', { surgeonId: 's-cecilia' }),
  );
  return p;
}
