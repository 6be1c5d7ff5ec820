// End to end from a snapshot with named surgeons and a session plan (tests/helpers/quickStaff.ts
// adds them to the small snapshot): buildProblem → solve → the independent checker accepts the
// plan, and every case at a hospital with named surgeons of its specialty names one, every case on
// a session day names its session (ADR 0023).
import { describe, expect, it } from 'vitest';
import { solve } from '../../solver/index.ts';
import { isoWeekDates } from '../../src/calendar/isoWeek.ts';
import { buildProblem } from '../../src/plans/buildProblem.ts';
import { RegionSnapshot } from '../../src/domain/snapshot.ts';
import { smallSnapshot } from '../helpers/smallSnapshot.ts';
import { withSurgeonsAndSessions } from '../helpers/quickStaff.ts';

const WEEK = '2026-W10';

describe('snapshot with surgeons and sessions → plan', () => {
  it('plans in sessions with named surgeons, checker-feasible', async () => {
    // The generated data passes the snapshot schema (zod at the boundary).
    const snap = RegionSnapshot.parse(withSurgeonsAndSessions(smallSnapshot(), isoWeekDates(WEEK)));
    expect(snap.surgeons.length).toBeGreaterThan(0);
    expect(snap.sessions.length).toBeGreaterThan(0);
    const p = buildProblem(snap, { week: WEEK, leadDays: 0 });
    const r = await solve(p);
    expect(r.check.violations).toEqual([]);
    expect(r.assignments.length).toBeGreaterThan(0);
    const specOf = new Map(p.procedures.map((q) => [q.id, q.specialtyId]));
    const procOf = new Map(p.patients.map((x) => [x.id, x.procedureId]));
    const governed = new Set((p.surgeons ?? []).map((s) => `${s.homeHospitalId}|${s.specialtyId}`));
    const sessionDays = new Set((p.sessions ?? []).map((s) => `${s.hospitalId}|${s.day}`));
    for (const a of r.assignments) {
      const spec = specOf.get(procOf.get(a.patientId) ?? '');
      if (governed.has(`${a.hospitalId}|${spec}`)) expect(a.surgeonId).toBeTruthy();
      if (sessionDays.has(`${a.hospitalId}|${a.day}`)) expect(a.sessionId).toBeTruthy();
      else expect(a.sessionId).toBeNull();
    }
    expect(r.bound).toBeLessThanOrEqual(r.objective + 1e-6 * Math.max(1, Math.abs(r.objective)));
  }, 60_000);
});
