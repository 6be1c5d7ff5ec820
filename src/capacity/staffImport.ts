// Imports of named surgeons (a surgeon roster) and of a session plan (ADR 0024), as CSV or JSON.
// All or nothing: every row is checked (shape, then references against the stored snapshot) and
// any issue rejects the whole file with field and row named, nothing changed. The change and one
// audit row per hospital it touches commit in one transaction.
//
// Surgeon roster: rows are added or updated by id; surgeons not in the file stay as they are.
// Session plan: for each hospital in the file, its sessions from the file's first to its last date
// are replaced by the file's rows (a hospital with no rows in the file is untouched).
import { z } from 'zod';
import type { Db } from '../db/db.ts';
import { insertSessions, insertSurgeons, readSurgeons } from '../db/staffRepo.ts';
import { Id, Session, SessionPart, Surgeon, type SessionAllocation } from '../domain/snapshot.ts';
import { sessionIssues, surgeonIssues, type StaffRefs } from '../domain/validateStaff.ts';
import {
  ForbiddenError,
  ValidationError,
  summariseIssues,
  zodIssuesToFieldIssues,
  type FieldIssue,
} from '../errors.ts';
import { parseCsv } from '../exports/csv.ts';
import type { Auditor } from '../auth/audit.ts';
import type { Principal } from '../auth/roles.ts';
import { mayImportStaffFor } from './access.ts';

export type ImportInput = { kind: 'csv'; text: string } | { kind: 'json'; rows: unknown };

/** Surgeon roster CSV columns, documented order (docs/api.md). Lists are separated by `;`. */
export const SURGEON_CSV_COLUMNS = [
  'id',
  'name',
  'homeHospitalId',
  'specialtyId',
  'procedureIds',
  'maxMinPerDay',
  'weekdays',
  'unavailableDates',
  'extraDates',
  'visitingHospitalIds',
  'maxParallelTheatres',
] as const;
const SURGEON_REQUIRED = SURGEON_CSV_COLUMNS.slice(0, 7);
const SURGEON_LISTS = new Set([
  'procedureIds',
  'weekdays',
  'unavailableDates',
  'extraDates',
  'visitingHospitalIds',
]);
const SURGEON_NUMBERS = new Set(['maxMinPerDay', 'maxParallelTheatres']);

/** Session plan CSV columns, documented order. `allocation` is specialty, surgeon or open. */
export const SESSION_CSV_COLUMNS = [
  'hospitalId',
  'theatreId',
  'date',
  'part',
  'startTime',
  'lengthMin',
  'allocation',
  'specialtyId',
  'surgeonId',
  'id',
] as const;
const SESSION_REQUIRED = SESSION_CSV_COLUMNS.slice(0, 7);

/** CSV text -> plain rows; structural and header problems name line or column. */
function csvRows(
  text: string,
  columns: readonly string[],
  required: readonly string[],
  convert: (column: string, raw: string) => unknown,
): { rows: Record<string, unknown>[]; issues: FieldIssue[] } {
  const parsed = parseCsv(text);
  const issues: FieldIssue[] = parsed.errors.map((e) => ({
    field: 'csv',
    row: e.line - 1,
    message: e.message,
  }));
  const known = new Set(columns);
  for (const h of parsed.header)
    if (!known.has(h))
      issues.push({
        field: `header.${h || '(empty)'}`,
        message: `unknown column (expected: ${columns.join(', ')})`,
      });
  for (const c of required)
    if (!parsed.header.includes(c)) issues.push({ field: `header.${c}`, message: 'required column missing' });
  if (issues.length > 0) return { rows: [], issues };
  const rows = parsed.records.map((r, i) => {
    if (r.values.length !== parsed.header.length)
      issues.push({
        field: `rows[${i}]`,
        row: i + 1,
        message: `has ${r.values.length} fields, the header has ${parsed.header.length}`,
      });
    const o: Record<string, unknown> = {};
    parsed.header.forEach((h, j) => {
      const raw = (r.values[j] ?? '').trim();
      if (raw !== '') o[h] = convert(h, raw);
    });
    return o;
  });
  return { rows, issues };
}

const numberOrText = (raw: string): unknown => (Number.isFinite(Number(raw)) ? Number(raw) : raw);
const list = (raw: string): string[] =>
  raw
    .split(';')
    .map((x) => x.trim())
    .filter((x) => x !== '');

/** Surgeon CSV text -> rows typed like the JSON form. */
export function surgeonCsvToRows(text: string): { rows: Record<string, unknown>[]; issues: FieldIssue[] } {
  return csvRows(text, SURGEON_CSV_COLUMNS, SURGEON_REQUIRED, (h, raw) => {
    if (h === 'weekdays') return list(raw).map(numberOrText);
    if (SURGEON_LISTS.has(h)) return list(raw);
    if (SURGEON_NUMBERS.has(h)) return numberOrText(raw);
    return raw;
  });
}

/** One session row as imported: the allocation flattened into three columns. */
export const SessionImportRow = z.object({
  id: Session.shape.id.optional(),
  hospitalId: Session.shape.hospitalId,
  theatreId: Session.shape.theatreId,
  date: Session.shape.date,
  part: SessionPart,
  startTime: Session.shape.startTime,
  lengthMin: Session.shape.lengthMin,
  allocation: z.enum(['specialty', 'surgeon', 'open']),
  specialtyId: Id.optional(),
  surgeonId: Id.optional(),
});
export type SessionImportRow = z.infer<typeof SessionImportRow>;

/** Session CSV text -> rows typed like the JSON form. */
export function sessionCsvToRows(text: string): { rows: Record<string, unknown>[]; issues: FieldIssue[] } {
  return csvRows(text, SESSION_CSV_COLUMNS, SESSION_REQUIRED, (h, raw) =>
    h === 'lengthMin' ? numberOrText(raw) : raw,
  );
}

function rowsOf(
  input: ImportInput,
  toRows: (text: string) => { rows: Record<string, unknown>[]; issues: FieldIssue[] },
): unknown {
  if (input.kind === 'json') return input.rows;
  const c = toRows(input.text);
  if (c.issues.length > 0)
    throw new ValidationError(`invalid import: ${summariseIssues(c.issues)}`, c.issues);
  return c.rows;
}

function parseRows<T>(schema: z.ZodType<T>, raw: unknown): T[] {
  const shape = z.array(schema).min(1, 'the import has no rows').max(100_000).safeParse(raw);
  if (!shape.success) {
    const fi = zodIssuesToFieldIssues(shape.error.issues, 'rows');
    throw new ValidationError(`invalid import: ${summariseIssues(fi)}`, fi);
  }
  return shape.data;
}

const fail = (issues: FieldIssue[]): never => {
  throw new ValidationError(`invalid import: ${summariseIssues(issues)}`, issues);
};

async function staffRefs(db: Db): Promise<StaffRefs & { hospitalNames: Map<string, string> }> {
  const hospitals = (
    await db.query<{
      id: string;
      name: string;
      specialty_ids: string[] | null;
      procedure_ids: string[] | null;
    }>(
      `SELECT h.id, h.name,
         (SELECT array_agg(specialty_id ORDER BY ord) FROM hospital_specialties s WHERE s.hospital_id = h.id) AS specialty_ids,
         (SELECT array_agg(procedure_id ORDER BY ord) FROM hospital_procedures p WHERE p.hospital_id = h.id) AS procedure_ids
       FROM hospitals h`,
    )
  ).rows;
  const specialties = (await db.query<{ id: string }>('SELECT id FROM specialties')).rows;
  const procedures = (
    await db.query<{ id: string; specialty_id: string }>('SELECT id, specialty_id FROM procedures')
  ).rows;
  const theatres = (
    await db.query<{ id: string; hospital_id: string }>('SELECT id, hospital_id FROM theatres')
  ).rows;
  return {
    hospitals: new Map(
      hospitals.map((h) => [
        h.id,
        { id: h.id, specialtyIds: h.specialty_ids ?? [], procedureIds: h.procedure_ids ?? [] },
      ]),
    ),
    hospitalNames: new Map(hospitals.map((h) => [h.id, h.name])),
    specialties: new Set(specialties.map((s) => s.id)),
    procedures: new Map(procedures.map((p) => [p.id, { id: p.id, specialtyId: p.specialty_id }])),
    theatres: new Map(theatres.map((t) => [t.id, { id: t.id, hospitalId: t.hospital_id }])),
  };
}

/** Row-level refusal for rows of hospitals the principal may not import for (planners: none). */
function accessIssues(
  who: Principal,
  hospitalIds: readonly string[],
  field: string,
  names: ReadonlyMap<string, string>,
): void {
  const denied = hospitalIds.flatMap((h, i) => (mayImportStaffFor(who, h) ? [] : [i + 1]));
  if (denied.length === 0) return;
  const own = who.hospitalId === undefined ? 'none' : (names.get(who.hospitalId) ?? 'your hospital');
  throw new ForbiddenError(
    `staff import: rows ${denied.slice(0, 10).join(', ')}${denied.length > 10 ? ', …' : ''} name a ${field} other than your own hospital (${own})`,
  );
}

export interface SurgeonImportResult {
  received: number;
  new: number;
  changed: number;
  unchanged: number;
}

/** Import a surgeon roster: add or update surgeons by id. */
export async function importSurgeons(
  db: Db,
  auditor: Auditor,
  who: Principal,
  input: ImportInput,
): Promise<SurgeonImportResult & { hospitalIds: string[] }> {
  const rows = parseRows(Surgeon, rowsOf(input, surgeonCsvToRows));
  const refs = await staffRefs(db);
  accessIssues(
    who,
    rows.map((r) => r.homeHospitalId),
    'home hospital',
    refs.hospitalNames,
  );
  const issues = surgeonIssues(rows, refs, 'rows');
  const existing = new Map((await readSurgeons(db)).map((s) => [s.id, s]));
  rows.forEach((r, i) => {
    const old = existing.get(r.id);
    // A surgeon stays at their home hospital; moving one is a new id (names no other hospital).
    if (old !== undefined && old.homeHospitalId !== r.homeHospitalId)
      issues.push({
        field: `rows[${i}].id`,
        row: i + 1,
        message: `id ${r.id} belongs to a surgeon of another hospital; give the row a new id`,
      });
  });
  issues.push(...(await referenceIssues(db, rows, existing)));
  if (issues.length > 0) fail(issues);
  const inserts = rows.filter((r) => !existing.has(r.id));
  const updates = rows.filter((r) => {
    const old = existing.get(r.id);
    return old !== undefined && JSON.stringify(old) !== JSON.stringify(r);
  });
  const hospitalIds = [...new Set(rows.map((r) => r.homeHospitalId))].sort();
  await db.transaction(async (tx) => {
    await writeSurgeons(tx, inserts, updates);
    for (const h of hospitalIds) {
      const mine = rows.filter((r) => r.homeHospitalId === h);
      await auditor.log(tx, who, {
        action: 'capacity.change',
        hospitalId: h,
        details: {
          kind: 'surgeons.import',
          format: input.kind,
          received: mine.length,
          new: inserts.filter((r) => r.homeHospitalId === h).map((r) => r.id),
          changed: updates.filter((r) => r.homeHospitalId === h).map((r) => r.id),
        },
      });
    }
  });
  return {
    hospitalIds,
    received: rows.length,
    new: inserts.length,
    changed: updates.length,
    unchanged: rows.length - inserts.length - updates.length,
  };
}

/**
 * An updated surgeon must still fit what refers to them: their sessions stay at hospitals where they
 * may operate, and waiting-list patients tied to or preferring them keep a procedure they do.
 * Counts only: the rows behind them may be other hospitals' patients.
 */
async function referenceIssues(
  db: Db,
  rows: readonly Surgeon[],
  existing: ReadonlyMap<string, Surgeon>,
): Promise<FieldIssue[]> {
  const updated = rows.filter((r) => existing.has(r.id));
  if (updated.length === 0) return [];
  const ids = updated.map((r) => r.id);
  const sessions = await db.query<{ surgeon_id: string; hospital_id: string; n: number }>(
    `SELECT surgeon_id, hospital_id, count(*)::int AS n FROM theatre_sessions
     WHERE surgeon_id = ANY($1::text[]) GROUP BY surgeon_id, hospital_id`,
    [ids],
  );
  const patients = await db.query<{ surgeon_id: string; procedure_id: string; n: number }>(
    `SELECT s AS surgeon_id, procedure_id, count(*)::int AS n
     FROM waiting_list, unnest(ARRAY[surgeon_id, preferred_surgeon_id]) AS s
     WHERE s = ANY($1::text[]) GROUP BY s, procedure_id`,
    [ids],
  );
  const out: FieldIssue[] = [];
  rows.forEach((r, i) => {
    if (!existing.has(r.id)) return;
    const places = new Set([r.homeHospitalId, ...r.visitingHospitalIds]);
    const away = sessions.rows
      .filter((x) => x.surgeon_id === r.id && !places.has(x.hospital_id))
      .reduce((n, x) => n + x.n, 0);
    if (away > 0)
      out.push({
        field: `rows[${i}].visitingHospitalIds`,
        row: i + 1,
        message: `${away} session(s) of the session plan are allocated to this surgeon at a hospital the row no longer allows; change the session plan first`,
      });
    for (const x of patients.rows)
      if (x.surgeon_id === r.id && !r.procedureIds.includes(x.procedure_id))
        out.push({
          field: `rows[${i}].procedureIds`,
          row: i + 1,
          message: `${x.n} waiting-list patient(s) tied to or preferring this surgeon need procedure "${x.procedure_id}"`,
        });
  });
  return out;
}

/** Updates in place (keeping the row's order and every reference to it), inserts at the end. */
async function writeSurgeons(
  tx: Db,
  inserts: readonly Surgeon[],
  updates: readonly Surgeon[],
): Promise<void> {
  for (const s of updates) {
    await tx.query(
      `UPDATE surgeons SET name = $2, specialty_id = $3, procedure_ids = $4, max_min_per_day = $5, weekdays = $6,
         unavailable_dates = $7, extra_dates = $8, visiting_hospital_ids = $9, max_parallel_theatres = $10
       WHERE id = $1`,
      [
        s.id,
        s.name,
        s.specialtyId,
        s.procedureIds,
        s.maxMinPerDay,
        s.weekdays,
        s.unavailableDates,
        s.extraDates,
        s.visitingHospitalIds,
        s.maxParallelTheatres,
      ],
    );
  }
  if (inserts.length === 0) return;
  const { rows } = await tx.query<{ n: number }>(
    'SELECT coalesce(max(ord) + 1, 0)::integer AS n FROM surgeons',
  );
  await insertSurgeons(tx, inserts, rows[0]?.n ?? 0);
}

export interface SessionImportHospital {
  hospitalId: string;
  from: string;
  to: string;
  deleted: number;
  inserted: number;
}

const allocationOf = (r: SessionImportRow): SessionAllocation | undefined =>
  r.allocation === 'open'
    ? { kind: 'open' }
    : r.allocation === 'specialty'
      ? r.specialtyId === undefined
        ? undefined
        : { kind: 'specialty', specialtyId: r.specialtyId }
      : r.surgeonId === undefined
        ? undefined
        : { kind: 'surgeon', surgeonId: r.surgeonId };

/** Import a session plan: replace each named hospital's sessions over the file's date range. */
export async function importSessions(
  db: Db,
  auditor: Auditor,
  who: Principal,
  input: ImportInput,
): Promise<{ received: number; hospitals: SessionImportHospital[] }> {
  const rows = parseRows(SessionImportRow, rowsOf(input, sessionCsvToRows));
  const refs = await staffRefs(db);
  accessIssues(
    who,
    rows.map((r) => r.hospitalId),
    'hospital',
    refs.hospitalNames,
  );
  const issues: FieldIssue[] = [];
  const sessions: Session[] = rows.map((r, i) => {
    const allocation = allocationOf(r);
    if (allocation === undefined)
      issues.push({
        field: `rows[${i}].${r.allocation === 'specialty' ? 'specialtyId' : 'surgeonId'}`,
        row: i + 1,
        message: `required for allocation "${r.allocation}"`,
      });
    else if (
      (allocation.kind !== 'specialty' && r.specialtyId !== undefined) ||
      (allocation.kind !== 'surgeon' && r.surgeonId !== undefined)
    )
      issues.push({
        field: `rows[${i}].allocation`,
        row: i + 1,
        message: `"${r.allocation}" takes ${r.allocation === 'open' ? 'neither specialtyId nor surgeonId' : `only ${r.allocation}Id`}`,
      });
    return {
      id: r.id ?? `se-${r.theatreId.replace(/^h-/, '')}-${r.date}-${r.part}`,
      hospitalId: r.hospitalId,
      theatreId: r.theatreId,
      date: r.date,
      part: r.part,
      startTime: r.startTime,
      lengthMin: r.lengthMin,
      allocation: allocation ?? { kind: 'open' },
    };
  });
  const surgeons = new Map((await readSurgeons(db)).map((s) => [s.id, s]));
  issues.push(...sessionIssues(sessions, refs, surgeons, 'rows'));
  const dates = sessions.map((s) => s.date).sort();
  const from = dates[0] as string;
  const to = dates[dates.length - 1] as string;
  const hospitalIds = [...new Set(sessions.map((s) => s.hospitalId))].sort();
  // An id may not collide with a session the import keeps (another hospital, or outside the range).
  const kept = await db.query<{ id: string }>(
    `SELECT id FROM theatre_sessions
     WHERE id = ANY($1::text[]) AND NOT (hospital_id = ANY($2::text[]) AND date BETWEEN $3 AND $4)`,
    [sessions.map((s) => s.id), hospitalIds, from, to],
  );
  const keptIds = new Set(kept.rows.map((r) => r.id));
  sessions.forEach((s, i) => {
    if (keptIds.has(s.id))
      issues.push({
        field: `rows[${i}].id`,
        row: i + 1,
        message: `id ${s.id} is taken by a session outside this import's hospitals and dates`,
      });
  });
  if (issues.length > 0) fail(issues);

  const result = await db.transaction(async (tx) => {
    const out: SessionImportHospital[] = [];
    const { rows: ordRows } = await tx.query<{ n: number }>(
      'SELECT coalesce(max(ord) + 1, 0)::integer AS n FROM theatre_sessions',
    );
    let ord = ordRows[0]?.n ?? 0;
    for (const h of hospitalIds) {
      const mine = sessions.filter((s) => s.hospitalId === h);
      const del = await tx.query(
        'DELETE FROM theatre_sessions WHERE hospital_id = $1 AND date BETWEEN $2 AND $3',
        [h, from, to],
      );
      const inserted = await insertSessions(tx, mine, ord);
      ord += mine.length;
      const entry = { hospitalId: h, from, to, deleted: del.rowCount, inserted };
      await auditor.log(tx, who, {
        action: 'capacity.change',
        hospitalId: h,
        details: { kind: 'sessions.import', format: input.kind, from, to, deleted: del.rowCount, inserted },
      });
      out.push(entry);
    }
    return out;
  });
  return { received: rows.length, hospitals: result };
}
