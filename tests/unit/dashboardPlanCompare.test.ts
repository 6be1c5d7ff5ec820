// The plan-editing helpers of the dashboard: the move form offers only lists with room for the
// case, and KPI changes read "+3" / "−1,5" / "0" (never "−0") coloured by better or worse.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kpiVerdict, listsWithRoom, signed } from '../../dashboard/src/lib/planCompare.ts';
import type { TheatreList } from '../../dashboard/src/lib/types.ts';

const sv = {
  lang: 'sv' as const,
  num: (n: number, digits = 0) => n.toLocaleString('sv-SE', { maximumFractionDigits: digits }),
};

const list = fc.record({
  hospitalId: fc.constantFrom('h-a', 'h-b'),
  theatreId: fc.constantFrom('t1', 't2', 't3'),
  date: fc.constantFrom('2026-03-16', '2026-03-17'),
  plannedEndMin: fc.integer({ min: 480, max: 1000 }),
  listEndMin: fc.integer({ min: 480, max: 1000 }),
});

describe('listsWithRoom', () => {
  it('offers exactly the other lists whose free minutes cover the case and its turnover', () => {
    fc.assert(
      fc.property(
        fc.array(list, { maxLength: 12 }),
        fc.integer({ min: 10, max: 300 }),
        fc.integer({ min: 0, max: 40 }),
        (ls, durationMin, turnoverMin) => {
          const lists = ls as unknown as TheatreList[];
          const a = { theatreId: 't1', date: '2026-03-16', durationMin, turnoverMin };
          const rooms = listsWithRoom(a, lists);
          for (const r of rooms) {
            expect(r.freeMin).toBe(r.list.listEndMin - r.list.plannedEndMin);
            expect(r.freeMin).toBeGreaterThanOrEqual(durationMin + turnoverMin);
            expect(r.list.theatreId === a.theatreId && r.list.date === a.date).toBe(false);
          }
          const expected = lists.filter(
            (l) =>
              !(l.theatreId === a.theatreId && l.date === a.date) &&
              l.listEndMin - l.plannedEndMin >= durationMin + turnoverMin,
          );
          expect(rooms.length).toBe(expected.length);
        },
      ),
    );
  });
});

describe('signed KPI changes', () => {
  it('never shows −0, and the sign follows the rounded value', () => {
    fc.assert(
      fc.property(fc.double({ min: -1000, max: 1000, noNaN: true }), fc.boolean(), (v, share) => {
        const s = signed(sv, v, share);
        expect(s.text).not.toMatch(/^[−-]0([^,\d]|$)/);
        if (s.rounded === 0) expect(s.text.startsWith('0')).toBe(true);
        else expect(s.text.startsWith(s.rounded > 0 ? '+' : '−')).toBe(true);
      }),
    );
  });
  it('a tiny negative change is 0 and neutral, not "−0" and worse', () => {
    const s = signed(sv, -0.0004, false);
    expect(s.text).toBe('0');
    expect(kpiVerdict('patientsTreated', s.rounded)).toBe('neutral');
  });
  it('colours by better or worse, not by sign', () => {
    expect(kpiVerdict('patientsTreated', 3)).toBe('better');
    expect(kpiVerdict('pastGuaranteeAtEnd', 3)).toBe('worse');
    expect(kpiVerdict('pastGuaranteeAtEnd', -2)).toBe('better');
    expect(kpiVerdict('teamPlacements', 2)).toBe('neutral');
  });
});
