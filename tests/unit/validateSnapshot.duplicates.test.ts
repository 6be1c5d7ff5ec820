// A snapshot with two rows for one key (two rosters for the same hospital and weekday, two
// distances for one pair, ...) is ambiguous: validation rejects it, naming the table, the field and
// the 1-based row of the second row, and which row it repeats.
import { describe, expect, it } from 'vitest';
import { validateSnapshot } from '../../src/domain/validateSnapshot.ts';
import { smallSnapshot } from '../helpers/smallSnapshot.ts';

type Table = 'priorityGrids' | 'rosterTemplates' | 'rosterOverrides' | 'distances' | 'arrivals';
const cases: { table: Table; field: string }[] = [
  { table: 'priorityGrids', field: 'regionId' },
  { table: 'rosterTemplates', field: 'weekday' },
  { table: 'rosterOverrides', field: 'date' },
  { table: 'distances', field: 'toId' },
  { table: 'arrivals', field: 'procedureId' },
];

describe('validateSnapshot: one row per key', () => {
  it('accepts the small snapshot as it is', () => {
    expect(validateSnapshot(smallSnapshot()).ok).toBe(true);
  });

  for (const { table, field } of cases) {
    it(`rejects a repeated ${table} row, naming ${field} and both rows`, () => {
      const s = smallSnapshot();
      const rows = s[table] as unknown[];
      expect(rows.length).toBeGreaterThan(0);
      // Repeat the first row (a copy, so a changed value elsewhere would not hide the key).
      rows.push(structuredClone(rows[0]));
      const v = validateSnapshot(s);
      expect(v.ok).toBe(false);
      if (v.ok) return;
      const row = rows.length;
      expect(v.issues).toEqual([
        {
          field: `${table}[${row - 1}].${field}`,
          row,
          message: expect.stringMatching(/^duplicate of row 1 \(/),
        },
      ]);
    });
  }

  it('a different key is not a duplicate (another weekday for the same hospital)', () => {
    const s = smallSnapshot();
    const first = s.rosterTemplates[0];
    if (first === undefined) throw new Error('small snapshot has no rosters');
    const free = [1, 2, 3, 4, 5, 6, 7].find(
      (d) => !s.rosterTemplates.some((r) => r.hospitalId === first.hospitalId && r.weekday === d),
    );
    expect(free).toBeDefined();
    s.rosterTemplates.push({ ...structuredClone(first), weekday: free as number });
    expect(validateSnapshot(s).ok).toBe(true);
  });
});
