// Invariants of the staff data (ADR 0024) on random input: the seed's list apportionment never
// gives a specialty more lists than it has surgeons and hands out every list it can, and the
// session validator names every session that overlaps an earlier one in its theatre-day.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apportionLists } from '../../seed/staff.ts';
import { sessionIssues, type StaffRefs } from '../../src/domain/validateStaff.ts';
import type { Session } from '../../src/domain/snapshot.ts';

const clock = (min: number): string =>
  `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;

describe('staff data properties', () => {
  it('apportionLists: capped per specialty, min(lists, surgeons) in all, in table order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30 }),
        fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 1, maxLength: 9 }),
        (lists, counts) => {
          const named = counts.map((n, i) => [`s${i}`, n] as [string, number]);
          const out = apportionLists(lists, named);
          const total = counts.reduce((a, b) => a + b, 0);
          expect(out.length).toBe(Math.min(lists, total));
          named.forEach(([sp, n]) => expect(out.filter((x) => x === sp).length).toBeLessThanOrEqual(n));
          const order = out.map((sp) => Number(sp.slice(1)));
          expect(order).toEqual([...order].sort((a, b) => a - b));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('sessionIssues: each session overlapping one that starts before it in its theatre-day is reported, once', () => {
    const refs: StaffRefs = {
      hospitals: new Map([['h-a', { id: 'h-a', specialtyIds: ['sp'], procedureIds: [] }]]),
      specialties: new Set(['sp']),
      procedures: new Map(),
      theatres: new Map([
        ['t-1', { id: 't-1', hospitalId: 'h-a' }],
        ['t-2', { id: 't-2', hospitalId: 'h-a' }],
      ]),
    };
    const sessionArb = fc.record({
      theatre: fc.constantFrom('t-1', 't-2'),
      day: fc.constantFrom('2026-03-02', '2026-03-03'),
      startMin: fc.integer({ min: 6 * 60, max: 16 * 60 }),
      lengthMin: fc.integer({ min: 30, max: 300 }),
    });
    fc.assert(
      fc.property(fc.array(sessionArb, { minLength: 1, maxLength: 6 }), (xs) => {
        const sessions: Session[] = xs.map((x, i) => ({
          id: `s${i}`,
          hospitalId: 'h-a',
          theatreId: x.theatre,
          date: x.day,
          part: 'day',
          startTime: clock(x.startMin),
          lengthMin: x.lengthMin,
          allocation: { kind: 'open' },
        }));
        // Expected: each session that intersects one starting before it (ties: the earlier row).
        const expected = new Set<number>();
        xs.forEach((b, k) => {
          xs.forEach((a, j) => {
            const before = a.startMin < b.startMin || (a.startMin === b.startMin && j < k);
            if (
              j !== k &&
              before &&
              a.theatre === b.theatre &&
              a.day === b.day &&
              b.startMin < a.startMin + a.lengthMin
            )
              expected.add(k + 1);
          });
        });
        const flagged = sessionIssues(sessions, refs, new Map())
          .filter((x) => x.message.includes('overlaps'))
          .map((x) => x.row);
        expect(new Set(flagged)).toEqual(expected);
        expect(flagged.length).toBe(expected.size);
      }),
      { numRuns: 300 },
    );
  });
});
