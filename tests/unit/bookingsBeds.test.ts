// Issue 9 items 6–7: existing bookings occupy capacity and are never re-planned, lead days move the
// first plannable day (and refuse weeks without one, naming the field and flag), and ward beds
// limit the plan (model, construction and the independent checker agree).
import { describe, expect, it } from 'vitest';
import { checkPlan } from '../../solver/check/index.ts';
import { solve } from '../../solver/index.ts';
import type { PlanningProblem } from '../../solver/model/problem.ts';
import { epochDay } from '../../src/calendar/isoWeek.ts';
import { ValidationError } from '../../src/errors.ts';
import { buildProblem } from '../../src/plans/buildProblem.ts';
import { withBeds } from '../helpers/beds.ts';
import { smallSnapshot } from '../helpers/smallSnapshot.ts';
import { tinyProblem } from '../helpers/tinyProblem.ts';

const OPTS = { backend: 'highs', timeLimitS: 20, mipRelGap: 1e-6 } as const;
const WEEK = '2026-W10'; // the small snapshot's own week (as of Monday 2026-03-02)

function refusal(f: () => unknown): ValidationError {
  try {
    f();
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw e;
  }
  throw new Error('expected a ValidationError');
}

describe('bookings occupy capacity', () => {
  /** Every open theatre of Hässleholm on Tuesday 2026-03-03 booked with one of its own patients. */
  function fullyBookedTuesday() {
    const s = smallSnapshot();
    const own = s.waitingList.filter((p) => p.listingHospitalId === 'h-hassleholm' && p.status === 'waiting');
    const theatres = s.theatres.filter((t) => t.hospitalId === 'h-hassleholm');
    expect(own.length).toBeGreaterThanOrEqual(theatres.length);
    s.bookings = theatres.map((t, i) => ({
      patientId: own[i]!.id,
      hospitalId: 'h-hassleholm',
      theatreId: t.id,
      date: '2026-03-03',
      startTime: '08:00',
    }));
    return s;
  }

  it('a fully booked theatre-day gets no new case; booked patients are never planned', async () => {
    const s = fullyBookedTuesday();
    const tuesday = epochDay('2026-03-03');
    const free = buildProblem(smallSnapshot(), { week: WEEK, leadDays: 0 });
    // Not vacuous: without the bookings Hässleholm has capacity that Tuesday.
    expect(free.hospitalDays.some((hd) => hd.hospitalId === 'h-hassleholm' && hd.day === tuesday)).toBe(true);
    const problem = buildProblem(s, { week: WEEK, leadDays: 0 });
    expect(problem.hospitalDays.some((hd) => hd.hospitalId === 'h-hassleholm' && hd.day === tuesday)).toBe(
      false,
    );
    const booked = new Set(s.bookings.map((b) => b.patientId));
    expect(problem.patients.some((p) => booked.has(p.id))).toBe(false);
    const r = await solve(problem, OPTS);
    expect(r.check.feasible).toBe(true);
    expect(r.assignments.some((a) => a.hospitalId === 'h-hassleholm' && a.day === tuesday)).toBe(false);
    expect(r.assignments.some((a) => booked.has(a.patientId))).toBe(false);
  });

  it('a partly booked day loses the booked theatre, one staffed team and one surgeon list', () => {
    const s = fullyBookedTuesday();
    s.bookings = s.bookings.slice(0, 1);
    const tuesday = epochDay('2026-03-03');
    const before = buildProblem(smallSnapshot(), { week: WEEK, leadDays: 0 }).hospitalDays.find(
      (hd) => hd.hospitalId === 'h-hassleholm' && hd.day === tuesday,
    );
    const after = buildProblem(s, { week: WEEK, leadDays: 0 }).hospitalDays.find(
      (hd) => hd.hospitalId === 'h-hassleholm' && hd.day === tuesday,
    );
    expect(before && after).toBeTruthy();
    expect(after?.openTheatreIds).toEqual(
      before?.openTheatreIds.filter((t) => t !== s.bookings[0]?.theatreId),
    );
    expect(after?.staffedTeams).toBe((before?.staffedTeams ?? 0) - 1);
    expect(after?.surgeonLists.ortho).toBe((before?.surgeonLists.ortho ?? 0) - 1);
  });
});

describe('lead days', () => {
  it('make the first plannable day the first workday at least N days after the snapshot date', () => {
    const s = smallSnapshot();
    const firstDay = (leadDays: number, week = WEEK): string | undefined => {
      const p = buildProblem(s, { week, leadDays });
      const d = Math.min(...p.hospitalDays.map((hd) => hd.day));
      return p.dates[d - p.startDay];
    };
    expect(firstDay(0)).toBe('2026-03-02');
    expect(firstDay(3)).toBe('2026-03-05');
    // Saturday + 5 → the next Monday, in the following week.
    expect(firstDay(5, '2026-W11')).toBe('2026-03-09');
    // Default: 14 days → Monday 2026-03-16 (week 12).
    const p = buildProblem(s, { week: '2026-W12' });
    expect(p.dates[Math.min(...p.hospitalDays.map((hd) => hd.day)) - p.startDay]).toBe('2026-03-16');
    // Regional teams are not offered before the first plannable day either.
    const early = buildProblem(s, { week: WEEK, leadDays: 3 });
    for (const t of early.regionalTeams)
      for (const d of t.availableDays) expect(d).toBeGreaterThanOrEqual(epochDay('2026-03-05'));
  });

  it('refuse a week that ends before the first plannable day, naming week and lead days', () => {
    const s = smallSnapshot();
    const e = refusal(() => buildProblem(s, { week: WEEK }));
    expect(e.message).toMatch(/--week/);
    expect(e.message).toMatch(/first plannable day 2026-03-16/);
    expect(e.message).toMatch(/leadDays \/ --lead-days/);
    expect(e.issues.map((i) => i.field)).toEqual(['week']);
    // A week years before the snapshot is refused too (it used to return an empty plan).
    expect(refusal(() => buildProblem(s, { week: '2023-W10', leadDays: 0 })).issues[0]?.field).toBe('week');
  });

  it('refuse a week far past the waiting list’s date, and lead days out of range', () => {
    const s = smallSnapshot();
    expect(refusal(() => buildProblem(s, { week: '2026-W40' })).message).toMatch(/more than 26 weeks/);
    expect(buildProblem(s, { week: '2026-W35' }).hospitalDays.length).toBeGreaterThan(0);
    expect(refusal(() => buildProblem(s, { week: WEEK, leadDays: -1 })).issues[0]?.field).toBe('leadDays');
  });
});

describe('ward beds bind', () => {
  /** Hips stay 3 nights; Lund has one bed a day, the others none: beds, not theatres, limit hips. */
  function bedBound(): PlanningProblem {
    return withBeds(
      tinyProblem(),
      { 'h-lund': [1, 1, 1, 1, 1], 'h-trelleborg': [0, 0, 0, 0, 0], 'h-vaxjo': [0, 0, 0, 0, 0] },
      { hipLosDays: 3 },
    );
  }
  const inpatients = (p: PlanningProblem, r: { assignments: { patientId: string }[] }): number => {
    const los = new Map(p.procedures.map((x) => [x.id, x.lengthOfStayDays ?? 0]));
    const proc = new Map(p.patients.map((x) => [x.id, x.procedureId]));
    return r.assignments.filter((a) => (los.get(proc.get(a.patientId) ?? '') ?? 0) > 0).length;
  };

  it.each([1, 7] as const)(
    'a small problem where beds, not theatres, limit the plan (periodDays %i)',
    async (periodDays) => {
      const free = withBeds(tinyProblem(), {}, { hipLosDays: 3 });
      const freeResult = await solve(free, { ...OPTS, periodDays });
      const problem = bedBound();
      const r = await solve(problem, { ...OPTS, periodDays });
      expect(r.check.feasible).toBe(true);
      expect(checkPlan(problem, r).violations).toEqual([]);
      // One bed a day for 3-night stays over 5 days: at most two inpatients (days 0 and 3).
      expect(inpatients(problem, r)).toBeLessThanOrEqual(2);
      expect(inpatients(problem, r)).toBeGreaterThan(0);
      expect(inpatients(free, freeResult)).toBeGreaterThan(inpatients(problem, r));
      // The bound stays valid under the bed rows.
      expect(r.objective).toBeGreaterThanOrEqual(r.bound - 1e-6 * Math.max(1, Math.abs(r.bound)));
      // Occupancy is reported per hospital and day, within the beds.
      expect(r.bedOccupancy).toHaveLength(15);
      for (const o of r.bedOccupancy ?? [])
        expect(o.plannedBeds + o.bookedBeds).toBeLessThanOrEqual(o.capacityBeds);
      expect(freeResult.bedOccupancy).toBeUndefined();
    },
  );

  it('the baseline respects beds too', async () => {
    const problem = bedBound();
    const r = await solve(problem, OPTS);
    expect(r.baseline.check.feasible).toBe(true);
  });
});
