// The regional operation team on session-plan days (ADR 0023, "Regional team on session days"): an
// open theatre without any session is an idle room only a placed team may staff, with a full-day
// sessionless list; the LP offers the team there, construction builds the list, the checker accepts
// a sessionless case only in such a team-staffed idle room.
import { describe, expect, it } from 'vitest';
import { checkPlan } from '../../solver/check/index.ts';
import { solve } from '../../solver/index.ts';
import type { PlanningProblem, ProblemPatient } from '../../solver/model/problem.ts';
import type { PlanForCheck } from '../../solver/model/result.ts';
import { applySessions } from '../../src/plans/surgeonsSessions.ts';
import { epochDay } from '../../src/calendar/isoWeek.ts';
import type { RegionSnapshot } from '../../src/domain/snapshot.ts';
import { buildPlan, TINY_START_DAY, tinyProblem } from '../helpers/tinyProblem.ts';

const S = TINY_START_DAY;

function hipPatient(i: number): ProblemPatient {
  return {
    id: `W${i}`,
    homeRegionId: 'r-skane',
    homePlaceId: 'pl-lund',
    listingHospitalId: 'h-lund',
    procedureId: 'hip',
    asaClass: 1,
    priorityGroup: 'B',
    decisionDay: S - 120,
    targetDay: S - 30,
    earliestDay: S - 60,
    consentElsewhere: false,
    maxTravelKm: 100,
    excludedPeriods: [],
    htaOverride: false,
  };
}

/**
 * Lund only, an open full-day session in L1 every day (the session plan's one staffed team), and
 * `theatres` open; the regional team may work at Lund. 30 hip patients past their guarantee wait:
 * far more than one list a day holds (4 hips of 120 planned minutes in 480).
 */
function sessionDays(theatres: string[]): PlanningProblem {
  const p = tinyProblem();
  p.hospitalDays = p.hospitalDays
    .filter((hd) => hd.hospitalId === 'h-lund')
    .map((hd) => ({ ...hd, openTheatreIds: [...theatres], staffedTeams: 1 }));
  p.sessions = p.hospitalDays.map((hd) => ({
    id: `ses-${hd.day - S}`,
    hospitalId: 'h-lund',
    theatreId: 'L1',
    day: hd.day,
    part: 'day' as const,
    startMin: 480,
    lengthMin: 480,
  }));
  p.regionalTeams = p.regionalTeams.map((t) => ({ ...t, allowedHospitalIds: ['h-lund'] }));
  p.patients = Array.from({ length: 30 }, (_, i) => hipPatient(i));
  p.excludedPatientIds = [];
  return p;
}

describe('regional team on session days', () => {
  it('a session day with an idle room gets the team placed when patients wait', async () => {
    const r = await solve(sessionDays(['L1', 'L2']));
    expect(r.check.violations).toEqual([]);
    expect(r.teamPlacements.length).toBeGreaterThan(0);
    for (const t of r.teamPlacements) {
      expect(t.theatreId).toBe('L2');
      const list = r.lists.find((l) => l.theatreId === 'L2' && l.day === t.day);
      expect(list?.sessionId ?? null).toBeNull();
      expect(list?.staffedBy).toEqual({ regionalTeamId: t.teamId });
      expect(list?.patientIds.length).toBeGreaterThan(0);
    }
    // Cases outside every session lie only in team-staffed idle rooms.
    const teamRooms = new Set(r.teamPlacements.map((t) => `${t.theatreId}|${t.day}`));
    for (const a of r.assignments)
      if (a.sessionId === null) expect(teamRooms.has(`${a.theatreId}|${a.day}`)).toBe(true);
    // The team adds treated patients: more than one session list a day holds.
    const sessionCases = r.assignments.filter((a) => a.sessionId !== null).length;
    expect(r.assignments.length).toBeGreaterThan(sessionCases);
  });

  it('a session day without an idle room gets no team', async () => {
    const r = await solve(sessionDays(['L1']));
    expect(r.check.violations).toEqual([]);
    expect(r.teamPlacements).toEqual([]);
    expect(r.assignments.every((a) => a.sessionId !== null)).toBe(true);
  });

  it("the team's list takes a named surgeon where they govern the specialty, and needs a free one", async () => {
    const withSurgeons = (n: number): PlanningProblem => {
      const p = sessionDays(['L1', 'L2']);
      p.surgeons = Array.from({ length: n }, (_, i) => ({
        id: `s-${i}`,
        homeHospitalId: 'h-lund',
        specialtyId: 'ortho',
        procedureIds: ['hip'],
        maxMinPerDay: 480,
        availableDays: p.hospitalDays.map((hd) => hd.day),
        visitingHospitalIds: [],
        maxParallelTheatres: 1,
      }));
      return p;
    };
    const two = await solve(withSurgeons(2));
    expect(two.check.violations).toEqual([]);
    expect(two.teamPlacements.length).toBeGreaterThan(0);
    const teamLists = two.lists.filter((l) => l.staffedBy !== 'own');
    expect(teamLists.length).toBeGreaterThan(0);
    for (const l of teamLists) expect(l.surgeonId).toMatch(/^s-/);
    // One surgeon runs the full-day session: nobody is free for the team's list.
    const one = await solve(withSurgeons(1));
    expect(one.check.violations).toEqual([]);
    expect(one.teamPlacements).toEqual([]);
  });

  it('the checker refuses a sessionless case on a session day without a team in its room', () => {
    const p = sessionDays(['L1', 'L2']);
    const spec = {
      hospitalId: 'h-lund',
      theatreId: 'L2',
      dayIndex: 0,
      specialtyId: 'ortho',
      patientIds: ['W0', 'W1'],
    };
    const sessionViolations = (pl: PlanForCheck): string[] =>
      checkPlan(p, pl)
        .violations.filter((v) => v.rule === 'session')
        .map((v) => v.patientId ?? v.message);
    // Own staff in the idle room: no session, no team.
    expect(sessionViolations(buildPlan(p, [spec])).toSorted()).toEqual(['W0', 'W1']);
    // The regional team staffs the idle room: accepted.
    const team = { teamId: 'rt-1', hospitalId: 'h-lund', theatreId: 'L2', dayIndex: 0 };
    const staffed = buildPlan(p, [{ ...spec, staffedBy: { regionalTeamId: 'rt-1' } }], {
      teamPlacements: [team],
    });
    expect(sessionViolations(staffed)).toEqual([]);
    // A team in the session's theatre does not excuse a case outside the session.
    const inSessionRoom = buildPlan(
      p,
      [{ ...spec, theatreId: 'L1', staffedBy: { regionalTeamId: 'rt-1' } }],
      { teamPlacements: [{ ...team, theatreId: 'L1' }] },
    );
    expect(sessionViolations(inSessionRoom).toSorted()).toEqual(['W0', 'W1']);
  });
});

describe('applySessions keeps idle rooms open', () => {
  it('an open theatre without a session stays open; staffed teams count the sessions only', () => {
    const date = '2026-03-02';
    const day = epochDay(date);
    const snapshot = {
      surgeons: [],
      sessions: [
        {
          id: 'se-1',
          hospitalId: 'h',
          theatreId: 'op1',
          date,
          part: 'day',
          startTime: '08:00',
          lengthMin: 480,
          allocation: { kind: 'open' },
        },
        // op3's only session is in a theatre not open that day: op3 is not an idle room either.
        {
          id: 'se-2',
          hospitalId: 'h',
          theatreId: 'op3',
          date,
          part: 'day',
          startTime: '08:00',
          lengthMin: 480,
          allocation: { kind: 'open' },
        },
      ],
    } as unknown as RegionSnapshot;
    const hd = {
      hospitalId: 'h',
      day,
      openTheatreIds: ['op1', 'op2'],
      staffedTeams: 2,
      surgeonLists: {},
      lendableSurgeonLists: {},
    };
    const out = applySessions(snapshot, [hd], [date]);
    expect(out.hospitalDays[0]?.openTheatreIds).toEqual(['op1', 'op2']);
    expect(out.hospitalDays[0]?.staffedTeams).toBe(1);
    expect(out.sessions.map((s) => s.id)).toEqual(['se-1']);
  });
});
