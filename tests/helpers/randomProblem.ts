// fast-check arbitrary for small but complete planning problems: a few hospitals (acute and not),
// specialties, procedures, a regional team, lendable surgeons, and 5–40 patients with every kind
// of restriction (consent, travel limit, ASA, release date, excluded periods, HTA).
import fc from 'fast-check';
import type { PlanningProblem, ProblemPatient } from '../../solver/model/problem.ts';
import { DEFAULT_RULES, DEFAULT_WEIGHTS } from '../../solver/model/defaults.ts';

const START_DAY = 20_787; // 2026-11-30, a Monday
const DATES = [
  '2026-11-30',
  '2026-12-01',
  '2026-12-02',
  '2026-12-03',
  '2026-12-04',
  '2026-12-05',
  '2026-12-06',
];

export interface RandomProblemOptions {
  maxPatients?: number;
  maxHospitals?: number;
}

export function problemArb(opts: RandomProblemOptions = {}): fc.Arbitrary<PlanningProblem> {
  const maxPatients = opts.maxPatients ?? 40;
  const maxHospitals = opts.maxHospitals ?? 4;
  return fc
    .record({
      nHospitals: fc.integer({ min: 2, max: maxHospitals }),
      hospitalSeeds: fc.array(
        fc.record({
          acute: fc.boolean(),
          theatres: fc.integer({ min: 1, max: 3 }),
          staff: fc.integer({ min: 0, max: 3 }),
          surgeons: fc.integer({ min: 0, max: 3 }),
          lendable: fc.integer({ min: 0, max: 2 }),
          listMin: fc.constantFrom(240, 300, 420, 480),
          x: fc.integer({ min: 0, max: 100 }),
          y: fc.integer({ min: 0, max: 100 }),
        }),
        { minLength: maxHospitals, maxLength: maxHospitals },
      ),
      procs: fc.array(
        fc.record({
          spec: fc.integer({ min: 0, max: 1 }),
          medianMin: fc.integer({ min: 20, max: 150 }),
          sigma: fc.double({ min: 0.1, max: 0.4, noNaN: true }),
          turnover: fc.integer({ min: 10, max: 30 }),
          needsAcute: fc.boolean(),
          maxAsa: fc.integer({ min: 2, max: 3 }),
          hta: fc.boolean(),
          price: fc.integer({ min: 10_000, max: 150_000 }),
        }),
        { minLength: 3, maxLength: 3 },
      ),
      teamDays: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
      patients: fc.array(
        fc.record({
          listing: fc.integer({ min: 0, max: maxHospitals - 1 }),
          home: fc.integer({ min: 0, max: 2 }),
          proc: fc.integer({ min: 0, max: 2 }),
          asa: fc.integer({ min: 1, max: 4 }),
          waited: fc.integer({ min: 0, max: 400 }),
          targetAfter: fc.constantFrom(14, 30, 90, 180),
          releaseIn: fc.integer({ min: -30, max: 6 }),
          consent: fc.boolean(),
          maxKm: fc.integer({ min: 0, max: 200 }),
          pvv: fc.option(
            fc.record({ from: fc.integer({ min: -60, max: 5 }), len: fc.integer({ min: 0, max: 40 }) }),
            {
              nil: undefined,
            },
          ),
          htaOverride: fc.boolean(),
        }),
        { minLength: 1, maxLength: maxPatients },
      ),
    })
    .map((r) => {
      const hs = r.hospitalSeeds.slice(0, r.nHospitals);
      const hospitals = hs.map((h, i) => ({
        id: `H${i}`,
        regionId: i % 2 === 0 ? 'R0' : 'R1',
        acute: i === 0 ? true : h.acute,
        icu: i === 0 ? true : h.acute,
        procedureIds: ['Q0', 'Q1', 'Q2'].filter((_, k) => (i + k) % 3 !== 2 || i === 0),
        listMin: h.listMin,
        listStartMin: 480,
      }));
      const places = [0, 1, 2].map((p) => ({ id: `L${p}`, x: p * 40, y: p * 30 }));
      const distanceKm: Record<string, Record<string, number>> = {};
      for (const p of places) {
        distanceKm[p.id] = Object.fromEntries(
          hs.map((h, i) => [`H${i}`, Math.round(Math.hypot(h.x - p.x, h.y - p.y) * 10) / 10]),
        );
      }
      hs.forEach((a, i) => {
        distanceKm[`H${i}`] = Object.fromEntries(
          hs.map((b, j) => [`H${j}`, Math.round(Math.hypot(a.x - b.x, a.y - b.y) * 10) / 10]),
        );
      });
      const specialtyIds = ['ortho', 'general'];
      const hospitalDays = hs.flatMap((h, i) =>
        [0, 1, 2, 3, 4].map((d) => ({
          hospitalId: `H${i}`,
          day: START_DAY + d,
          openTheatreIds: Array.from({ length: h.theatres }, (_, t) => `H${i}-T${t}`),
          staffedTeams: h.staff,
          surgeonLists: { ortho: h.surgeons, general: Math.max(0, h.surgeons - 1) },
          lendableSurgeonLists: { ortho: Math.min(h.lendable, h.surgeons), general: 0 },
        })),
      );
      const patients: ProblemPatient[] = r.patients.map((p, i) => {
        const decisionDay = START_DAY - p.waited;
        return {
          id: `P${String(i).padStart(4, '0')}`,
          homeRegionId: p.home === 0 ? 'R0' : 'R1',
          homePlaceId: `L${p.home}`,
          listingHospitalId: `H${p.listing % r.nHospitals}`,
          procedureId: `Q${p.proc}`,
          asaClass: p.asa,
          // The group whose grid length is the patient's target length (R0 and R1 share the grid).
          priorityGroup: `P${[14, 30, 90, 180].indexOf(p.targetAfter) + 1}`,
          decisionDay,
          targetDay: decisionDay + p.targetAfter,
          earliestDay: START_DAY + p.releaseIn,
          consentElsewhere: p.consent,
          maxTravelKm: p.maxKm,
          excludedPeriods: p.pvv
            ? [
                {
                  kind: 'PvV' as const,
                  fromDay: Math.max(decisionDay, START_DAY + p.pvv.from),
                  toDay: Math.max(decisionDay, START_DAY + p.pvv.from) + p.pvv.len,
                },
              ]
            : [],
          htaOverride: p.htaOverride,
        };
      });
      const problem: PlanningProblem = {
        startDay: START_DAY,
        dates: DATES.slice(0, 5),
        specialtyIds,
        procedures: r.procs.map((q, k) => ({
          id: `Q${k}`,
          specialtyId: specialtyIds[q.spec] ?? 'ortho',
          logMu: Math.log(q.medianMin),
          logSigma: q.sigma,
          turnoverMin: q.turnover,
          needsAcuteBackup: q.needsAcute,
          needsIcu: false,
          maxAsaNonAcute: q.maxAsa,
          priceSek: q.price,
          htaDoNotDo: k === 2 && q.hta,
        })),
        hospitals,
        hospitalDays,
        regionalTeams: [
          {
            id: 'RT1',
            baseHospitalId: 'H0',
            availableDays: r.teamDays.flatMap((on, d) => (on ? [START_DAY + d] : [])),
            allowedHospitalIds: [],
            costSekPerDay: 50_000,
          },
        ],
        distanceKm,
        patients,
        pins: [],
        excludedPatientIds: [],
        weights: { ...DEFAULT_WEIGHTS },
        rules: { ...DEFAULT_RULES },
        priorityGrids: ['R0', 'R1'].map((regionId) => ({
          regionId,
          groups: [14, 30, 90, 180].map((maxDays, i) => ({ group: `P${i + 1}`, maxDays })),
        })),
      };
      return problem;
    });
}
