// Named surgeons and theatre sessions in the database (ADR 0024): the row mapping shared by the
// snapshot repository and the staff imports. Sessions live in `theatre_sessions` (the `sessions`
// table holds login sessions).
import { Session, Surgeon } from '../domain/snapshot.ts';
import { insertRows } from './bulk.ts';
import type { Db, SqlParam } from './db.ts';

export const SURGEON_COLUMNS = [
  'id',
  'ord',
  'name',
  'home_hospital_id',
  'specialty_id',
  'procedure_ids',
  'max_min_per_day',
  'weekdays',
  'unavailable_dates',
  'extra_dates',
  'visiting_hospital_ids',
  'max_parallel_theatres',
] as const;

export const SESSION_COLUMNS = [
  'id',
  'ord',
  'hospital_id',
  'theatre_id',
  'date',
  'part',
  'start_time',
  'length_min',
  'allocation_kind',
  'specialty_id',
  'surgeon_id',
] as const;

export const surgeonParams = (s: Surgeon, ord: number): SqlParam[] => [
  s.id,
  ord,
  s.name,
  s.homeHospitalId,
  s.specialtyId,
  s.procedureIds,
  s.maxMinPerDay,
  s.weekdays,
  s.unavailableDates,
  s.extraDates,
  s.visitingHospitalIds,
  s.maxParallelTheatres,
];

export const sessionParams = (x: Session, ord: number): SqlParam[] => [
  x.id,
  ord,
  x.hospitalId,
  x.theatreId,
  x.date,
  x.part,
  x.startTime,
  x.lengthMin,
  x.allocation.kind,
  x.allocation.kind === 'specialty' ? x.allocation.specialtyId : null,
  x.allocation.kind === 'surgeon' ? x.allocation.surgeonId : null,
];

export const insertSurgeons = (db: Db, rows: readonly Surgeon[], firstOrd = 0): Promise<number> =>
  insertRows(
    db,
    'surgeons',
    SURGEON_COLUMNS,
    rows.map((s, i) => surgeonParams(s, firstOrd + i)),
  );

export const insertSessions = (db: Db, rows: readonly Session[], firstOrd = 0): Promise<number> =>
  insertRows(
    db,
    'theatre_sessions',
    SESSION_COLUMNS,
    rows.map((x, i) => sessionParams(x, firstOrd + i)),
  );

const SURGEON_SELECT = `id, name, home_hospital_id, specialty_id, procedure_ids, max_min_per_day, weekdays,
  unavailable_dates::text[] AS unavailable_dates, extra_dates::text[] AS extra_dates, visiting_hospital_ids,
  max_parallel_theatres`;
const SESSION_SELECT = `id, hospital_id, theatre_id, date::text AS date, part,
  to_char(start_time, 'HH24:MI') AS start_time, length_min, allocation_kind, specialty_id, surgeon_id`;

type Row = Record<string, unknown>;

const surgeonFromRow = (r: Row): Surgeon =>
  Surgeon.parse({
    id: r.id,
    name: r.name,
    homeHospitalId: r.home_hospital_id,
    specialtyId: r.specialty_id,
    procedureIds: r.procedure_ids,
    maxMinPerDay: r.max_min_per_day,
    weekdays: r.weekdays,
    unavailableDates: r.unavailable_dates,
    extraDates: r.extra_dates,
    visitingHospitalIds: r.visiting_hospital_ids,
    maxParallelTheatres: r.max_parallel_theatres,
  });

const sessionFromRow = (r: Row): Session =>
  Session.parse({
    id: r.id,
    hospitalId: r.hospital_id,
    theatreId: r.theatre_id,
    date: r.date,
    part: r.part,
    startTime: r.start_time,
    lengthMin: r.length_min,
    allocation:
      r.allocation_kind === 'specialty'
        ? { kind: 'specialty', specialtyId: r.specialty_id }
        : r.allocation_kind === 'surgeon'
          ? { kind: 'surgeon', surgeonId: r.surgeon_id }
          : { kind: 'open' },
  });

/** Every surgeon, in stored order. */
export async function readSurgeons(db: Db): Promise<Surgeon[]> {
  return (await db.query<Row>(`SELECT ${SURGEON_SELECT} FROM surgeons ORDER BY ord`)).rows.map(
    surgeonFromRow,
  );
}

/** Every session, in stored order. */
export async function readSessions(db: Db): Promise<Session[]> {
  return (await db.query<Row>(`SELECT ${SESSION_SELECT} FROM theatre_sessions ORDER BY ord`)).rows.map(
    sessionFromRow,
  );
}

/** Surgeons of a hospital: based there, or allowed to operate there as visitors. */
export async function surgeonsOfHospital(db: Db, hospitalId: string): Promise<Surgeon[]> {
  const { rows } = await db.query<Row>(
    `SELECT ${SURGEON_SELECT} FROM surgeons
     WHERE home_hospital_id = $1 OR $1 = ANY(visiting_hospital_ids) ORDER BY ord`,
    [hospitalId],
  );
  return rows.map(surgeonFromRow);
}

/** Sessions of a hospital, optionally between two dates (inclusive), by date, theatre and start. */
export async function sessionsOfHospital(
  db: Db,
  hospitalId: string,
  from?: string,
  to?: string,
): Promise<Session[]> {
  const { rows } = await db.query<Row>(
    `SELECT ${SESSION_SELECT} FROM theatre_sessions
     WHERE hospital_id = $1 AND ($2::date IS NULL OR date >= $2::date) AND ($3::date IS NULL OR date <= $3::date)
     ORDER BY date, theatre_id, start_time`,
    [hospitalId, from ?? null, to ?? null],
  );
  return rows.map(sessionFromRow);
}

/** Surgeon names by id (display of plans and day lists; staff, not patients). */
export async function surgeonNames(db: Db, ids?: readonly string[]): Promise<Map<string, string>> {
  const { rows } =
    ids === undefined
      ? await db.query<{ id: string; name: string }>('SELECT id, name FROM surgeons')
      : await db.query<{ id: string; name: string }>(
          'SELECT id, name FROM surgeons WHERE id = ANY($1::text[])',
          [[...ids]],
        );
  return new Map(rows.map((r) => [r.id, r.name]));
}
