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

/**
 * problemArb with named surgeons and a session plan (ADR 0023), built the way src/plans builds them:
 * surgeons govern their specialty at their home hospital (its surgeon lists become 2 per surgeon
 * and day, times their parallel theatres; visitors' lendable), visits only within maxLendKm, and a
 * hospital-day with sessions opens exactly its sessions' theatres with one team per session. A few
 * patients are tied to a surgeon, a few prefer one.
 */
export function staffedProblemArb(opts: RandomProblemOptions = {}): fc.Arbitrary<PlanningProblem> {
  return fc
    .tuple(
      problemArb(opts),
      fc.record({
        surgeons: fc.array(
          fc.record({
            home: fc.nat(),
            spec: fc.integer({ min: 0, max: 1 }),
            maxMin: fc.integer({ min: 60, max: 480 }),
            days: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
            visit: fc.boolean(),
            parallel: fc.integer({ min: 1, max: 2 }),
            procMask: fc.integer({ min: 1, max: 7 }),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        sessions: fc.array(
          fc.record({
            h: fc.nat(),
            d: fc.integer({ min: 0, max: 4 }),
            t: fc.nat(),
            split: fc.boolean(),
            alloc: fc.integer({ min: 0, max: 2 }),
            spec: fc.integer({ min: 0, max: 1 }),
            surgeon: fc.nat(),
            lenMin: fc.integer({ min: 120, max: 480 }),
          }),
          { maxLength: 8 },
        ),
        tied: fc.array(fc.record({ patient: fc.nat(), surgeon: fc.nat(), prefer: fc.boolean() }), {
          maxLength: 6,
        }),
      }),
    )
    .map(([p, r]) => {
      const H = p.hospitals.length;
      const specProcs = (s: string): string[] =>
        p.procedures.filter((q) => q.specialtyId === s).map((q) => q.id);
      const surgeons = r.surgeons.flatMap((g, i) => {
        const spec = p.specialtyIds[g.spec] ?? 'ortho';
        const all = specProcs(spec);
        if (all.length === 0) return [];
        const mine = all.filter((_, k) => (g.procMask >> k) % 2 === 1);
        const home = `H${g.home % H}`;
        return [
          {
            id: `S${i}`,
            homeHospitalId: home,
            specialtyId: spec,
            procedureIds: mine.length > 0 ? mine : all,
            maxMinPerDay: g.maxMin,
            availableDays: g.days.flatMap((on, d) => (on ? [p.startDay + d] : [])),
            visitingHospitalIds: g.visit
              ? p.hospitals
                  .map((h) => h.id)
                  .filter((h) => h !== home && (p.distanceKm[home]?.[h] ?? Infinity) <= p.rules.maxLendKm)
              : [],
            maxParallelTheatres: g.parallel,
          },
        ];
      });
      for (const hd of p.hospitalDays) {
        for (const s of p.specialtyIds) {
          const mine = surgeons.filter((x) => x.homeHospitalId === hd.hospitalId && x.specialtyId === s);
          if (mine.length === 0) continue;
          const on = mine.filter((x) => x.availableDays.includes(hd.day));
          hd.surgeonLists[s] = on.reduce((t, x) => t + 2 * x.maxParallelTheatres, 0);
          hd.lendableSurgeonLists[s] = on
            .filter((x) => x.visitingHospitalIds.length > 0)
            .reduce((t, x) => t + 2 * x.maxParallelTheatres, 0);
        }
      }
      const sessions: NonNullable<PlanningProblem['sessions']> = [];
      const used = new Set<string>();
      for (const [k, x] of r.sessions.entries()) {
        const hd = p.hospitalDays.find((d) => d.hospitalId === `H${x.h % H}` && d.day === p.startDay + x.d);
        if (!hd || hd.openTheatreIds.length === 0) continue;
        const theatreId = hd.openTheatreIds[x.t % hd.openTheatreIds.length] as string;
        const key = `${hd.hospitalId}|${hd.day}|${theatreId}`;
        if (used.has(key)) continue;
        used.add(key);
        const alloc = (): { specialtyId?: string; surgeonId?: string } => {
          if (x.alloc === 1) return { specialtyId: p.specialtyIds[x.spec] ?? 'ortho' };
          const sg = surgeons[x.surgeon % Math.max(1, surgeons.length)];
          if (x.alloc === 2 && sg) return { surgeonId: sg.id, specialtyId: sg.specialtyId };
          return {};
        };
        const base = { hospitalId: hd.hospitalId, theatreId, day: hd.day };
        if (x.split) {
          const half = Math.min(240, x.lenMin);
          sessions.push({ ...base, id: `SS${k}a`, part: 'am', startMin: 480, lengthMin: half, ...alloc() });
          sessions.push({
            ...base,
            id: `SS${k}p`,
            part: 'pm',
            startMin: 720,
            lengthMin: half,
            specialtyId: p.specialtyIds[(x.spec + 1) % 2] ?? 'ortho',
          });
        } else
          sessions.push({
            ...base,
            id: `SS${k}`,
            part: 'day',
            startMin: 480,
            lengthMin: x.lenMin,
            ...alloc(),
          });
      }
      for (const hd of p.hospitalDays) {
        const mine = sessions.filter((s) => s.hospitalId === hd.hospitalId && s.day === hd.day);
        if (mine.length === 0) continue;
        hd.openTheatreIds = hd.openTheatreIds.filter((t) => mine.some((s) => s.theatreId === t));
        hd.staffedTeams = mine.length;
      }
      for (const t of r.tied) {
        const pt = p.patients[t.patient % p.patients.length];
        const proc = p.procedures.find((q) => q.id === pt?.procedureId);
        const sg = surgeons.filter((s) => s.specialtyId === proc?.specialtyId)[t.surgeon % 6];
        if (!pt || !sg) continue;
        if (t.prefer) pt.preferredSurgeonId = sg.id;
        else pt.surgeonId = sg.id;
      }
      return { ...p, surgeons, ...(sessions.length > 0 ? { sessions } : {}) };
    });
}
