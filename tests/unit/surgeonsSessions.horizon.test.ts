// A 12-week horizon (84 days) with named surgeons and sessions only in its last week: the plan
// books patients there, in sessions, with named surgeons, and the checker accepts it (ADR 0023).
import { describe, expect, it } from 'vitest';
import { solve } from '../../solver/index.ts';
import { TINY_START_DAY } from '../helpers/tinyProblem.ts';
import { tinyWithStaff } from '../helpers/tinyStaff.ts';

const S = TINY_START_DAY;
const LAST_MONDAY = 77;

describe('12-week horizon with sessions', () => {
  it('plans the last week, in its sessions', async () => {
    const p = tinyWithStaff();
    p.dates = Array.from({ length: 84 }, (_, i) => new Date((S + i) * 86_400_000).toISOString().slice(0, 10));
    const lund = p.hospitalDays.filter((d) => d.hospitalId === 'h-lund');
    p.hospitalDays = lund.map((d) => ({ ...d, day: d.day + LAST_MONDAY }));
    p.sessions = (p.sessions ?? []).map((s) => ({ ...s, day: s.day + LAST_MONDAY }));
    for (const s of p.surgeons ?? []) s.availableDays = s.availableDays.map((d) => d + LAST_MONDAY);
    p.regionalTeams = [];
    const r = await solve(p);
    expect(r.check.violations).toEqual([]);
    expect(r.assignments.length).toBeGreaterThan(0);
    for (const a of r.assignments) {
      expect(a.day).toBeGreaterThanOrEqual(S + LAST_MONDAY);
      expect(a.day).toBeLessThan(S + LAST_MONDAY + 5);
      expect(a.surgeonId).toMatch(/^s-/);
    }
    const inSessions = r.assignments.filter((a) => a.day === S + LAST_MONDAY);
    expect(inSessions.length).toBeGreaterThan(0);
    for (const a of inSessions) expect(a.sessionId).toMatch(/^ses-/);
    expect(r.bound).toBeLessThanOrEqual(r.objective + 1e-6);
  }, 60_000);
});
