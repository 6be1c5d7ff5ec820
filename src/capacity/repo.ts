// Capacity edits on the snapshot tables: date-specific roster overrides, closures, regional-team
// availability. Callers run these inside a transaction (they are multi-row changes).
import type { Db } from '../db/db.ts';

export interface OverrideRow {
  hospitalId: string;
  date: string;
  anaesthesiaTeams: number;
  nursingTeams: number;
  surgeonLists: Record<string, number>;
  lendableSurgeonLists: Record<string, number>;
}

export async function listRosterOverrides(
  db: Db,
  hospitalId: string,
  from?: string,
  to?: string,
): Promise<OverrideRow[]> {
  const { rows } = await db.query<{
    hospital_id: string;
    date: string;
    anaesthesia_teams: number;
    nursing_teams: number;
    surgeon_lists: Record<string, number>;
    lendable_surgeon_lists: Record<string, number>;
  }>(
    `SELECT hospital_id, date::text AS date, anaesthesia_teams, nursing_teams, surgeon_lists, lendable_surgeon_lists
     FROM roster_overrides WHERE hospital_id = $1 AND ($2::date IS NULL OR date >= $2::date)
       AND ($3::date IS NULL OR date <= $3::date) ORDER BY date, ord`,
    [hospitalId, from ?? null, to ?? null],
  );
  return rows.map((r) => ({
    hospitalId: r.hospital_id,
    date: r.date,
    anaesthesiaTeams: r.anaesthesia_teams,
    nursingTeams: r.nursing_teams,
    surgeonLists: r.surgeon_lists,
    lendableSurgeonLists: r.lendable_surgeon_lists,
  }));
}

/** Replace the hospital's overrides in [from, to] with `rows` (all dates inside the range). */
export async function replaceRosterOverrides(
  tx: Db,
  hospitalId: string,
  from: string,
  to: string,
  rows: readonly OverrideRow[],
): Promise<{ deleted: number; inserted: number }> {
  // `ord` is the primary key: take the table lock so concurrent writers do not pick the same one.
  await tx.query('LOCK TABLE roster_overrides IN SHARE ROW EXCLUSIVE MODE');
  const del = await tx.query(
    'DELETE FROM roster_overrides WHERE hospital_id = $1 AND date >= $2::date AND date <= $3::date',
    [hospitalId, from, to],
  );
  const { rows: m } = await tx.query<{ next: number }>(
    'SELECT coalesce(max(ord), -1) + 1 AS next FROM roster_overrides',
  );
  let ord = m[0]?.next ?? 0;
  for (const r of rows) {
    await tx.query(
      `INSERT INTO roster_overrides (ord, hospital_id, date, anaesthesia_teams, nursing_teams, surgeon_lists, lendable_surgeon_lists)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        ord++,
        hospitalId,
        r.date,
        r.anaesthesiaTeams,
        r.nursingTeams,
        JSON.stringify(r.surgeonLists),
        JSON.stringify(r.lendableSurgeonLists),
      ],
    );
  }
  return { deleted: del.rowCount, inserted: rows.length };
}

export interface ClosureRow {
  id: number;
  hospitalId: string;
  theatreId?: string;
  date: string;
  reason: string;
}

export async function listClosures(db: Db, hospitalId: string): Promise<ClosureRow[]> {
  const { rows } = await db.query<{
    ord: number;
    hospital_id: string;
    theatre_id: string | null;
    date: string;
    reason: string;
  }>(
    'SELECT ord, hospital_id, theatre_id, date::text AS date, reason FROM closures WHERE hospital_id = $1 ORDER BY date, ord',
    [hospitalId],
  );
  return rows.map((c) => ({
    id: c.ord,
    hospitalId: c.hospital_id,
    ...(c.theatre_id !== null ? { theatreId: c.theatre_id } : {}),
    date: c.date,
    reason: c.reason,
  }));
}

export async function insertClosure(tx: Db, c: Omit<ClosureRow, 'id'>): Promise<ClosureRow> {
  await tx.query('LOCK TABLE closures IN SHARE ROW EXCLUSIVE MODE');
  const { rows } = await tx.query<{ ord: number }>(
    `INSERT INTO closures (ord, hospital_id, theatre_id, date, reason)
     VALUES ((SELECT coalesce(max(ord), -1) + 1 FROM closures), $1, $2, $3, $4) RETURNING ord`,
    [c.hospitalId, c.theatreId ?? null, c.date, c.reason],
  );
  return { id: rows[0]?.ord ?? -1, ...c };
}

export async function deleteClosure(tx: Db, hospitalId: string, id: number): Promise<boolean> {
  const res = await tx.query('DELETE FROM closures WHERE hospital_id = $1 AND ord = $2', [hospitalId, id]);
  return res.rowCount > 0;
}

export async function theatreOf(db: Db, theatreId: string): Promise<string | undefined> {
  const { rows } = await db.query<{ hospital_id: string }>('SELECT hospital_id FROM theatres WHERE id = $1', [
    theatreId,
  ]);
  return rows[0]?.hospital_id;
}

export interface TeamRow {
  id: string;
  name: string;
  baseHospitalId: string;
  weekdays: number[];
  unavailableDates: string[];
  allowedHospitalIds: string[];
  costSekPerDay: number;
}

export async function listRegionalTeams(db: Db): Promise<TeamRow[]> {
  const { rows } = await db.query<{
    id: string;
    name: string;
    base_hospital_id: string;
    weekdays: number[];
    unavailable_dates: string[];
    allowed_hospital_ids: string[];
    cost_sek_per_day: number;
  }>(
    `SELECT id, name, base_hospital_id, weekdays, unavailable_dates::text[] AS unavailable_dates, allowed_hospital_ids, cost_sek_per_day
     FROM regional_teams ORDER BY ord`,
  );
  return rows.map((t) => ({
    id: t.id,
    name: t.name,
    baseHospitalId: t.base_hospital_id,
    weekdays: t.weekdays,
    unavailableDates: t.unavailable_dates,
    allowedHospitalIds: t.allowed_hospital_ids,
    costSekPerDay: t.cost_sek_per_day,
  }));
}

export async function setTeamAvailability(
  tx: Db,
  id: string,
  weekdays: number[],
  unavailableDates: string[],
): Promise<boolean> {
  const res = await tx.query(
    'UPDATE regional_teams SET weekdays = $2, unavailable_dates = $3::date[] WHERE id = $1',
    [id, weekdays, unavailableDates],
  );
  return res.rowCount > 0;
}
