// Long horizons (up to 12 weeks, past any 31-day bitmask) and operating days as data: a roster
// override marked as an operating day opens a date the calendar closes (Saturday lists, a holiday).
import { describe, expect, it } from 'vitest';
import { checkPlan } from '../../solver/check/index.ts';
import { solve, DEFAULT_SOLVE_OPTIONS } from '../../solver/index.ts';
import { buildProblem, MAX_PLAN_WEEKS } from '../../src/plans/buildProblem.ts';
import { epochDay } from '../../src/calendar/isoWeek.ts';
import { smallSnapshot } from '../helpers/smallSnapshot.ts';
import type { RegionSnapshot } from '../../src/domain/snapshot.ts';

/** Every patient released only in the horizon's last week: a plan can only use days 77–83. */
function lateReleaseSnapshot(): RegionSnapshot {
  const s = smallSnapshot();
  for (const p of s.waitingList) p.earliestDate = '2026-05-18';
  return s;
}

describe('12-week horizons', () => {
  it('accepts 12 weeks and refuses 13, naming the field', () => {
    expect(MAX_PLAN_WEEKS).toBe(12);
    const p = buildProblem(smallSnapshot(), { week: '2026-W10', weeks: 12, leadDays: 0 });
    expect(p.dates).toHaveLength(84);
    expect(p.dates.at(-1)).toBe('2026-05-24');
    expect(() => buildProblem(smallSnapshot(), { week: '2026-W10', weeks: 13, leadDays: 0 })).toThrow(
      /weeks/,
    );
  });

  it('plans the last week of a 12-week horizon', async () => {
    const problem = buildProblem(lateReleaseSnapshot(), { week: '2026-W10', weeks: 12, leadDays: 0 });
    const r = await solve(problem, { ...DEFAULT_SOLVE_OPTIONS, backend: 'highs', timeLimitS: 20 });
    expect(r.assignments.length).toBeGreaterThan(0);
    const lastWeekStart = epochDay('2026-05-18');
    for (const a of r.assignments) expect(a.day).toBeGreaterThanOrEqual(lastWeekStart);
    const report = checkPlan(problem, r);
    expect(report.violations).toEqual([]);
  });
});

describe('operating days as data', () => {
  const saturday = '2026-03-07';
  const goodFriday = '2026-04-03';
  const override = (date: string, operatingDay?: boolean) => ({
    hospitalId: 'h-sus-lund',
    date,
    anaesthesiaTeams: 1,
    nursingTeams: 1,
    surgeonLists: { ortho: 1 },
    lendableSurgeonLists: {},
    ...(operatingDay === undefined ? {} : { operatingDay }),
  });
  const lundOn = (s: RegionSnapshot, date: string, weeks: number) =>
    buildProblem(s, { week: '2026-W10', weeks, leadDays: 0 }).hospitalDays.some(
      (d) => d.hospitalId === 'h-sus-lund' && d.day === epochDay(date),
    );

  it('keeps weekends and public holidays closed by default, even with an override', () => {
    const s = smallSnapshot();
    s.rosterTemplates.push({ ...override(saturday), weekday: 6 });
    s.rosterOverrides.push(override(goodFriday));
    expect(lundOn(s, saturday, 1)).toBe(false);
    expect(lundOn(s, goodFriday, 5)).toBe(false);
  });

  it('opens a Saturday list and a holiday through an operating-day override', () => {
    const s = smallSnapshot();
    s.rosterOverrides.push(override(saturday, true), override(goodFriday, true));
    expect(lundOn(s, saturday, 1)).toBe(true);
    expect(lundOn(s, goodFriday, 5)).toBe(true);
  });
});
