// Look-ups the waiting-list import needs beyond the reference sets: a hospital's display name (for
// refusal texts) and the named surgeons' procedures (to check surgeonId / preferredSurgeonId).
import type { Db } from '../db/db.ts';

export async function hospitalNameOf(db: Db, hospitalId: string): Promise<string> {
  const { rows } = await db.query<{ name: string }>('SELECT name FROM hospitals WHERE id = $1', [hospitalId]);
  return rows[0]?.name ?? 'this hospital';
}

export async function surgeonProcedures(db: Db): Promise<Map<string, { procedureIds: string[] }>> {
  const { rows } = await db.query<{ id: string; procedure_ids: string[] }>(
    'SELECT id, procedure_ids FROM surgeons',
  );
  return new Map(rows.map((r) => [r.id, { procedureIds: r.procedure_ids }]));
}
