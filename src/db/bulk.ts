// Multi-row INSERT in batches: one statement per ~1,000 rows instead of one per row (about 7x
// faster on PGlite, and far fewer round trips on PostgreSQL). Table and column names come from
// repository code, never from input; every value is a bound parameter.
import type { Db, SqlParam } from './db.ts';

/** PostgreSQL accepts at most 65,535 bound parameters per statement. */
const MAX_PARAMS = 60_000;
const MAX_ROWS = 1_000;

export async function insertRows(
  db: Db,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly SqlParam[])[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const width = columns.length;
  const batch = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMS / width)));
  const head = `INSERT INTO ${table} (${columns.join(', ')}) VALUES `;
  let inserted = 0;
  for (let start = 0; start < rows.length; start += batch) {
    const chunk = rows.slice(start, start + batch);
    const params: SqlParam[] = [];
    const tuples: string[] = [];
    for (const row of chunk) {
      if (row.length !== width)
        throw new Error(`${table}: row has ${row.length} values for ${width} columns`);
      const base = params.length;
      tuples.push(`(${row.map((_, i) => `$${base + i + 1}`).join(', ')})`);
      params.push(...row);
    }
    const res = await db.query(head + tuples.join(', '), params);
    inserted += res.rowCount;
  }
  return inserted;
}
