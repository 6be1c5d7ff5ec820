// Case mix on session days (ADR 0023): on a day whose sessions that may serve a specialty are all
// shorter than the hospital's longest list, the aggregate's list patterns for that day are
// enumerated at the longest of those sessions, not at the hospital's longest list. Before, a
// half-day session was priced with a full day's patterns: the LP planned cases no list could hold.
import { describe, expect, it } from 'vitest';
import { prepare } from '../../solver/eligibility/index.ts';
import { buildGroups } from '../../solver/formulate/groups.ts';
import { formulate } from '../../solver/formulate/index.ts';
import { longestListMin } from '../../solver/formulate/sessions.ts';
import { tinyWithStaff } from '../helpers/tinyStaff.ts';

describe('list patterns on session days (ADR 0023, "Case mix on session days")', () => {
  it('a gen day of one 150-minute session gets patterns of at most 150 planned minutes', () => {
    const prep = prepare(tinyWithStaff());
    const agg = formulate(prep, buildGroups(prep, new Set()), 1);
    const h = prep.hIndex.get('h-lund') as number;
    const gen = prep.specIndex.get('gen') as number;
    // Day 0 at Lund: gen's own pm session (150 min), ortho's am session and s-anna's (ortho) day
    // session; no idle room. So gen's longest list that day is 150 minutes.
    expect(longestListMin(prep, h, 0, gen)).toBe(150);
    const ys = agg.ys.filter((y) => y.h === h && y.s === gen && y.w === 0);
    expect(ys.length).toBeGreaterThan(0);
    const plannedMin = (procs: number[], counts: number[]): number =>
      procs.reduce(
        (t, pi, j) =>
          t +
          (counts[j] ?? 0) *
            (Math.round(prep.procMeanMin[pi] ?? 0) + (prep.problem.procedures[pi]?.turnoverMin ?? 0)),
        0,
      );
    for (const y of ys) expect(plannedMin(y.pattern.procs, y.pattern.counts)).toBeLessThanOrEqual(150);
  });

  it("ortho's longest list that day is s-anna's full-day session; a roster day has none", () => {
    const prep = prepare(tinyWithStaff());
    const h = prep.hIndex.get('h-lund') as number;
    expect(longestListMin(prep, h, 0, prep.specIndex.get('ortho') as number)).toBe(480);
    expect(longestListMin(prep, h, 1, prep.specIndex.get('ortho') as number)).toBeUndefined();
  });
});
