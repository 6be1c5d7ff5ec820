// Patient-level reads and writes beyond the snapshot loader: look-ups by id, hospital list imports (upsert) and the consequences of a declined offer.
import { WaitingListEntry } from '../domain/snapshot.ts';
import type { Db, SqlParam } from '../db/db.ts';
import {
  WAITING_LIST_COLUMNS,
  WAITING_LIST_SELECT,
  waitingListParams,
  waitingListRowToEntry,
  type WaitingListRow,
} from './repo.ts';

const parse = (r: WaitingListRow): WaitingListEntry => WaitingListEntry.parse(waitingListRowToEntry(r));

export async function getPatientsByIds(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, WaitingListEntry>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.query<WaitingListRow>(
    `SELECT ${WAITING_LIST_SELECT} FROM waiting_list w WHERE w.id = ANY($1::text[])`,
    [[...ids]],
  );
  return new Map(rows.map((r) => [r.id, parse(r)]));
}

export async function getPatient(db: Db, id: string): Promise<WaitingListEntry | undefined> {
  return (await getPatientsByIds(db, [id])).get(id);
}

/** Existing rows with these ids (any hospital), for import comparison. */
export async function existingForImport(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, WaitingListEntry>> {
  return getPatientsByIds(db, ids);
}

/** Insert new rows and update changed ones, in the caller's transaction. */
export async function upsertPatients(
  tx: Db,
  inserts: readonly WaitingListEntry[],
  updates: readonly WaitingListEntry[],
): Promise<void> {
  if (inserts.length > 0) {
    await tx.query('LOCK TABLE waiting_list IN SHARE ROW EXCLUSIVE MODE');
    const { rows } = await tx.query<{ next: number }>(
      'SELECT coalesce(max(ord), -1) + 1 AS next FROM waiting_list',
    );
    let ord = rows[0]?.next ?? 0;
    const cols = WAITING_LIST_COLUMNS.join(', ');
    for (let i = 0; i < inserts.length; i += 500) {
      const chunk = inserts.slice(i, i + 500);
      const params: SqlParam[] = [];
      const tuples = chunk.map((p) => {
        const base = params.length;
        params.push(...waitingListParams(p, ord++));
        return `(${WAITING_LIST_COLUMNS.map((_, j) => `$${base + j + 1}`).join(', ')})`;
      });
      await tx.query(`INSERT INTO waiting_list (${cols}) VALUES ${tuples.join(', ')}`, params);
    }
  }
  const settable = WAITING_LIST_COLUMNS.filter((c) => c !== 'id' && c !== 'ord');
  for (const p of updates) {
    const values = waitingListParams(p, 0);
    // waitingListParams follows WAITING_LIST_COLUMNS: id at 0, ord at 1, the rest from 2.
    const sets = settable.map((c, j) => `${c} = $${j + 2}`).join(', ');
    await tx.query(`UPDATE waiting_list SET ${sets} WHERE id = $1`, [values[0] ?? null, ...values.slice(2)]);
  }
}

/** A declined offer: no more consent to care elsewhere, plus a PvV period. */
export async function recordDecline(
  tx: Db,
  patientId: string,
  pvv: { from: string; to: string },
): Promise<void> {
  await tx.query(
    `UPDATE waiting_list SET consent_elsewhere = false,
       excluded_periods = excluded_periods || jsonb_build_array(jsonb_build_object('kind', 'PvV', 'from', $2::text, 'to', $3::text))
     WHERE id = $1`,
    [patientId, pvv.from, pvv.to],
  );
}

export async function setPatientStatus(
  tx: Db,
  patientId: string,
  status: WaitingListEntry['status'],
): Promise<void> {
  await tx.query('UPDATE waiting_list SET status = $2 WHERE id = $1', [patientId, status]);
}

export async function countPatients(db: Db, hospitalId?: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT count(*)::integer AS n FROM waiting_list WHERE ($1::text IS NULL OR listing_hospital_id = $1)',
    [hospitalId ?? null],
  );
  return rows[0]?.n ?? 0;
}
