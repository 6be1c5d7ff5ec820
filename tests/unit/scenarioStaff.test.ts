// Scenarios under named surgeons and a session plan (ADR 0028): each capacity-changing kind changes
// the built planning problem's capacity on a session-plan date as it does on a roster date, an
// empty scenario leaves the problem as the base's, and applying is pure and deterministic.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateRegion } from '../../seed/generate.ts';
import { parseScenario, type ScenarioChange } from '../../src/scenarios/model.ts';
import { snapshotForWeek } from '../../src/scenarios/apply.ts';
import { buildProblem } from '../../src/plans/buildProblem.ts';
import { addIsoWeeks, epochDay, isoWeekDates } from '../../src/calendar/isoWeek.ts';
import type { RegionSnapshot } from '../../src/domain/snapshot.ts';
import type { PlanningProblem } from '../../solver/model/problem.ts';
import { withSessionPattern } from '../../src/simulation/sessionPattern.ts';
import { surgeonWorks } from '../../src/scenarios/staffApply.ts';

const BASE = generateRegion({ seed: 7, scale: 0.05 });
/** A week inside the seed's 14-week session plan, and one after it (roster only). */
const SESSION_WEEK = '2026-W50';
const ROSTER_WEEK = '2027-W11';
const H = 'h-trelleborg';
const LUND = 'h-sus-lund';

const scenario = (changes: ScenarioChange[]) =>
  parseScenario({ schemaVersion: 1, id: 's', name: 'S', changes });

const problemOf = (base: RegionSnapshot, week: string, changes: ScenarioChange[]): PlanningProblem =>
  buildProblem(snapshotForWeek(base, scenario(changes), isoWeekDates(week)), { week, leadDays: 0 });

/** List minutes of a hospital in the week: its sessions' minutes, else min(open, staffed) × listMin. */
function listMinutes(p: PlanningProblem, hospitalId: string): number {
  const listMin = p.hospitals.find((h) => h.id === hospitalId)!.listMin;
  let total = 0;
  for (const hd of p.hospitalDays) {
    if (hd.hospitalId !== hospitalId) continue;
    const here = (p.sessions ?? []).filter((s) => s.hospitalId === hospitalId && s.day === hd.day);
    total +=
      here.length > 0
        ? here.reduce((n, s) => n + s.lengthMin, 0)
        : Math.min(hd.openTheatreIds.length, hd.staffedTeams) * listMin;
  }
  return total;
}

/** Surgeon-days of a specialty's home surgeons at a hospital (named), or the roster's lists. */
function surgeonDays(p: PlanningProblem, hospitalId: string, specialtyId: string): number {
  const named = (p.surgeons ?? []).filter(
    (s) => s.homeHospitalId === hospitalId && s.specialtyId === specialtyId,
  );
  if (named.length > 0) return named.reduce((n, s) => n + s.availableDays.length, 0);
  return p.hospitalDays
    .filter((hd) => hd.hospitalId === hospitalId)
    .reduce((n, hd) => n + (hd.surgeonLists[specialtyId] ?? 0), 0);
}

const operatingDays = (p: PlanningProblem, hospitalId: string): number =>
  p.hospitalDays.filter((hd) => hd.hospitalId === hospitalId).length;

const noStaff = (s: RegionSnapshot): RegionSnapshot => ({ ...s, sessions: [], surgeons: [] });

describe('the weeks of the test', () => {
  it('has sessions in the session week and none in the roster week', () => {
    const inWeek = (w: string) => BASE.sessions.filter((s) => isoWeekDates(w).includes(s.date)).length;
    expect(inWeek(SESSION_WEEK)).toBeGreaterThan(0);
    expect(inWeek(ROSTER_WEEK)).toBe(0);
    expect(BASE.surgeons.some((s) => s.homeHospitalId === H && s.specialtyId === 'ortho')).toBe(true);
  });
});

describe.each([
  ['session-plan week', SESSION_WEEK],
  ['roster week', ROSTER_WEEK],
])('capacity changes on a %s', (_label, week) => {
  const base = problemOf(BASE, week, []);
  const listMin = base.hospitals.find((h) => h.id === H)!.listMin;
  const days = operatingDays(base, H);
  const delta = (changes: ScenarioChange[], f: (p: PlanningProblem) => number) =>
    f(problemOf(BASE, week, changes)) - f(base);

  it('opens staffed rooms: two more theatres and teams give two more lists a day', () => {
    expect(days).toBeGreaterThan(0);
    const changes: ScenarioChange[] = [
      { kind: 'theatres', hospitalId: H, delta: 2 },
      { kind: 'staffing', hospitalId: H, resource: 'anaesthesia', delta: 2 },
      { kind: 'staffing', hospitalId: H, resource: 'nursing', delta: 2 },
    ];
    expect(delta(changes, (p) => listMinutes(p, H))).toBe(2 * days * listMin);
  });

  it("allocates an opened room's sessions to the change's specialty", () => {
    const p = problemOf(BASE, week, [
      { kind: 'theatres', hospitalId: H, delta: 3, specialtyId: 'general' },
      { kind: 'staffing', hospitalId: H, resource: 'anaesthesia', delta: 3 },
      { kind: 'staffing', hospitalId: H, resource: 'nursing', delta: 3 },
    ]);
    const scen = (p.sessions ?? []).filter((s) => s.theatreId.startsWith(`${H}-scen`));
    if (week === SESSION_WEEK) {
      expect(scen.length).toBe(3 * days);
      expect(scen.every((s) => s.specialtyId === 'general' && s.lengthMin === listMin)).toBe(true);
    } else expect(scen).toEqual([]);
  });

  it('opens no list with rooms alone where the teams are the bound', () => {
    // Trelleborg staffs 4 of its 6 rooms: more rooms without teams add nothing, on either path.
    expect(delta([{ kind: 'theatres', hospitalId: H, delta: 2 }], (p) => listMinutes(p, H))).toBe(0);
  });

  it('closes rooms: three of six left is one list a day fewer than four teams', () => {
    expect(delta([{ kind: 'theatres', hospitalId: H, delta: -3 }], (p) => listMinutes(p, H))).toBe(
      -days * listMin,
    );
  });

  it('adds a nursing team: one more list a day in an idle room', () => {
    expect(
      delta([{ kind: 'staffing', hospitalId: H, resource: 'nursing', delta: 1 }], (p) => listMinutes(p, H)),
    ).toBe(days * listMin);
  });

  it('cuts anaesthesia: the staffed teams bound the lists', () => {
    // min(5 − 3, 4 nursing) = 2 teams instead of 4.
    expect(
      delta([{ kind: 'staffing', hospitalId: H, resource: 'anaesthesia', delta: -3 }], (p) =>
        listMinutes(p, H),
      ),
    ).toBe(-2 * days * listMin);
  });

  it('adds surgeons of a specialty governed by named surgeons', () => {
    const changes: ScenarioChange[] = [
      { kind: 'staffing', hospitalId: H, resource: 'surgeonLists', specialtyId: 'ortho', delta: 2 },
    ];
    expect(delta(changes, (p) => surgeonDays(p, H, 'ortho'))).toBe(2 * days);
    const p = problemOf(BASE, week, changes);
    const before = base.hospitalDays.filter((hd) => hd.hospitalId === H);
    const after = p.hospitalDays.filter((hd) => hd.hospitalId === H);
    // Each named surgeon may run two half-day lists (ADR 0023): two surgeons, four more a day.
    after.forEach((hd, i) => expect(hd.surgeonLists.ortho).toBe(before[i]!.surgeonLists.ortho! + 4));
    const added = p.surgeons!.filter((s) => s.id.startsWith(`${H}-ortho-scen`));
    expect(added).toHaveLength(2);
    const orthoHere = BASE.procedures
      .filter(
        (x) =>
          x.specialtyId === 'ortho' && BASE.hospitals.find((h) => h.id === H)!.procedureIds.includes(x.id),
      )
      .map((x) => x.id);
    for (const s of added) {
      expect(s.procedureIds).toEqual(orthoHere);
      expect(s.visitingHospitalIds).toEqual([]);
    }
  });

  it('takes surgeons away: the last available by id are unavailable, their sessions go to the specialty', () => {
    const changes: ScenarioChange[] = [
      { kind: 'staffing', hospitalId: LUND, resource: 'surgeonLists', specialtyId: 'ortho', delta: -2 },
    ];
    const p = problemOf(BASE, week, changes);
    const perDay = (q: PlanningProblem, day: number) =>
      q.surgeons!.filter(
        (s) => s.homeHospitalId === LUND && s.specialtyId === 'ortho' && s.availableDays.includes(day),
      ).length;
    for (const hd of base.hospitalDays.filter((x) => x.hospitalId === LUND)) {
      const n = perDay(base, hd.day);
      expect(perDay(p, hd.day)).toBe(Math.max(0, n - 2));
      const gone = base.surgeons!.filter(
        (s) =>
          s.homeHospitalId === LUND &&
          s.specialtyId === 'ortho' &&
          s.availableDays.includes(hd.day) &&
          !p.surgeons!.find((x) => x.id === s.id)!.availableDays.includes(hd.day),
      );
      const stayed = base.surgeons!.filter(
        (s) => s.homeHospitalId === LUND && s.specialtyId === 'ortho' && s.availableDays.includes(hd.day),
      );
      if (gone.length > 0)
        expect(gone.every((g) => stayed.every((s) => gone.includes(s) || s.id < g.id))).toBe(true);
      const goneIds = new Set(gone.map((g) => g.id));
      expect(
        (p.sessions ?? []).some(
          (s) => s.day === hd.day && s.surgeonId !== undefined && goneIds.has(s.surgeonId),
        ),
      ).toBe(false);
    }
    // The theatre time stays.
    expect(listMinutes(p, LUND)).toBe(listMinutes(base, LUND));
  });

  it('keeps roster counts for a specialty without named surgeons', () => {
    const plain: RegionSnapshot = { ...BASE, surgeons: BASE.surgeons.filter((s) => s.homeHospitalId !== H) };
    const p0 = problemOf(plain, week, []);
    const p1 = problemOf(plain, week, [
      { kind: 'staffing', hospitalId: H, resource: 'surgeonLists', specialtyId: 'ortho', delta: 1 },
    ]);
    expect(surgeonDays(p1, H, 'ortho') - surgeonDays(p0, H, 'ortho')).toBe(days);
  });
});

describe('a session-plan week changes as its roster-path twin', () => {
  const week = SESSION_WEEK;
  const dates = isoWeekDates(week);
  const hospitals = ['h-trelleborg', 'h-sus-lund', 'h-ystad', 'h-karlshamn'];
  const change: fc.Arbitrary<ScenarioChange> = fc.oneof(
    fc.record({
      kind: fc.constant('theatres' as const),
      hospitalId: fc.constantFrom(...hospitals),
      delta: fc.integer({ min: -6, max: 4 }).filter((n) => n !== 0),
      weekdays: fc.option(fc.uniqueArray(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 5 }), {
        nil: undefined,
      }),
    }),
    fc.record({
      kind: fc.constant('staffing' as const),
      hospitalId: fc.constantFrom(...hospitals),
      resource: fc.constantFrom('anaesthesia' as const, 'nursing' as const),
      delta: fc.integer({ min: -4, max: 4 }),
    }),
    fc.record({
      kind: fc.constant('summer' as const),
      fromWeek: fc.constant(50),
      toWeek: fc.constant(50),
      factor: fc.constantFrom(0, 0.5, 0.75),
    }),
    fc.record({
      kind: fc.constant('closureDates' as const),
      dates: fc.uniqueArray(fc.constantFrom(...dates), { minLength: 1, maxLength: 2 }),
      hospitalId: fc.constantFrom(...hospitals),
    }),
    fc.record({
      kind: fc.constant('staffing' as const),
      hospitalId: fc.constantFrom(...hospitals),
      resource: fc.constant('surgeonLists' as const),
      specialtyId: fc.constantFrom('ortho', 'general'),
      // Positive only: a cut is floored at 0 surgeons on one path and at 0 lists on the other.
      delta: fc.integer({ min: 1, max: 3 }),
    }),
  ) as fc.Arbitrary<ScenarioChange>;

  it('list minutes and surgeon-days move by the same amount with and without sessions and surgeons (rooms, teams, summer, closures)', () => {
    const roster = noStaff(BASE);
    const base = problemOf(BASE, week, []);
    const rosterBase = problemOf(roster, week, []);
    fc.assert(
      fc.property(fc.array(change, { minLength: 1, maxLength: 4 }), (changes) => {
        const p = problemOf(BASE, week, changes);
        const q = problemOf(roster, week, changes);
        for (const h of hospitals) {
          expect(listMinutes(p, h) - listMinutes(base, h)).toBe(
            listMinutes(q, h) - listMinutes(rosterBase, h),
          );
          for (const s of ['ortho', 'general']) {
            // Surgeons count on operating days only; the roster counts only there too.
            const onDays = (x: PlanningProblem) => surgeonDays(x, h, s);
            if (changes.every((c) => c.kind === 'staffing' && c.resource === 'surgeonLists'))
              expect(onDays(p) - onDays(base)).toBe(onDays(q) - onDays(rosterBase));
          }
        }
      }),
      { numRuns: 40, seed: 27 },
    );
  });
});

describe('applying a scenario is pure and deterministic', () => {
  it('an empty or demand-only scenario leaves the planning problem equal to the base', () => {
    const demand: fc.Arbitrary<ScenarioChange> = fc.oneof(
      fc.record({
        kind: fc.constant('arrivalMultiplier' as const),
        factor: fc.double({ min: 0, max: 3, noNaN: true }),
      }),
      fc.record({
        kind: fc.constant('consentShare' as const),
        share: fc.double({ min: 0, max: 1, noNaN: true }),
      }),
      fc.record({
        kind: fc.constant('travelLimit' as const),
        maxTravelKm: fc.integer({ min: 1, max: 2000 }),
      }),
    ) as fc.Arbitrary<ScenarioChange>;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.array(demand, { maxLength: 3 }), (offset, changes) => {
        const week = addIsoWeeks('2026-W48', offset);
        const p = problemOf(BASE, week, changes);
        const b = buildProblem({ ...BASE, waitingList: [] }, { week, leadDays: 0 });
        expect(p).toEqual(b);
      }),
      { numRuns: 12, seed: 27 },
    );
  });

  it('gives the same bytes every run and leaves the base untouched', () => {
    const before = JSON.stringify(BASE);
    const changes: ScenarioChange[] = [
      { kind: 'theatres', hospitalId: H, delta: 2, specialtyId: 'ortho' },
      { kind: 'staffing', hospitalId: H, resource: 'nursing', delta: 2 },
      { kind: 'staffing', hospitalId: LUND, resource: 'surgeonLists', specialtyId: 'ortho', percent: -50 },
      { kind: 'staffing', hospitalId: H, resource: 'surgeonLists', specialtyId: 'general', delta: 1 },
      { kind: 'theatres', hospitalId: LUND, delta: -4 },
    ];
    const dates = isoWeekDates(SESSION_WEEK);
    const a = JSON.stringify(snapshotForWeek(BASE, scenario(changes), dates));
    const b = JSON.stringify(snapshotForWeek(BASE, scenario(changes), dates));
    expect(a).toBe(b);
    expect(JSON.stringify(BASE)).toBe(before);
    expect(epochDay(dates[0]!)).toBeGreaterThan(0);
  });
});

describe("past the session plan's end its weekday pattern repeats", () => {
  const planEnd = BASE.sessions.reduce((m, s) => (s.date > m ? s.date : m), '');
  const weekly = (snap: RegionSnapshot, week: string) => {
    const p = buildProblem(withSessionPattern(snap, isoWeekDates(week)), { week, leadDays: 0 });
    const sessionDays = p.hospitalDays.filter((hd) =>
      (p.sessions ?? []).some((s) => s.hospitalId === hd.hospitalId && s.day === hd.day),
    ).length;
    const minutes = p.hospitals.reduce((n, h) => n + listMinutes(p, h.id), 0);
    return { p, sessionDays, minutes, split: (p.sessions ?? []).filter((s) => s.part !== 'day').length };
  };

  it('leaves a week inside the plan as it is', () => {
    expect(withSessionPattern(BASE, isoWeekDates(SESSION_WEEK))).toBe(BASE);
  });

  it.each(['2027-W09', '2027-W12', '2027-W15', '2027-W21'])(
    "%s: every operating hospital-day has sessions, with the roster path's list minutes",
    (week) => {
      expect(isoWeekDates(week)[0]! > planEnd).toBe(true);
      const roster = buildProblem(BASE, { week, leadDays: 0 });
      const w = weekly(BASE, week);
      expect(w.p.hospitalDays.length).toBe(roster.hospitalDays.length);
      expect(w.sessionDays).toBe(roster.hospitalDays.length);
      expect(w.minutes).toBe(roster.hospitals.reduce((n, h) => n + listMinutes(roster, h.id), 0));
      // The plan's shape goes on: split days as in its last week.
      expect(w.split).toBeGreaterThan(0);
    },
  );

  it("follows the date's own roster: a summer reduction after the plan cuts its sessions as the roster's lists", () => {
    const summer: RegionSnapshot = {
      ...BASE,
      calendar: { ...BASE.calendar, summerFromWeek: 10, summerToWeek: 11, summerCapacityFactor: 0.5 },
    };
    for (const week of ['2027-W10', '2027-W11']) {
      const roster = buildProblem(summer, { week, leadDays: 0 });
      const w = weekly(summer, week);
      const full = weekly(BASE, week);
      expect(w.minutes).toBe(roster.hospitals.reduce((n, h) => n + listMinutes(roster, h.id), 0));
      expect(w.minutes).toBeLessThan(full.minutes);
    }
  });

  it('gives a surgeon session only to a surgeon who operates that date', () => {
    const week = '2027-W10';
    const snap = withSessionPattern(BASE, isoWeekDates(week));
    const surgeons = new Map(BASE.surgeons.map((s) => [s.id, s]));
    const repeated = snap.sessions.filter((s) => s.date > planEnd);
    expect(repeated.some((s) => s.allocation.kind === 'surgeon')).toBe(true);
    for (const s of repeated) {
      if (s.allocation.kind !== 'surgeon') continue;
      const g = surgeons.get(s.allocation.surgeonId)!;
      expect(surgeonWorks(g, s.date)).toBe(true);
    }
    expect(new Set(snap.sessions.map((s) => s.id)).size).toBe(snap.sessions.length);
  });
});
