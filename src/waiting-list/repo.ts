// Waiting-list rows: the column mapping shared with the snapshot repository, and the paged,
// filtered list the planners browse.
import { z } from 'zod';
import { Id, PatientStatus, WaitingListEntry, type ExcludedPeriodKind } from '../domain/snapshot.ts';
import { ValidationError, zodIssuesToFieldIssues, summariseIssues } from '../errors.ts';
import type { Db, SqlParam } from '../db/db.ts';
import type { AuditEntry } from '../audit/repo.ts';
import { LruCache } from '../lruCache.ts';
import { GUARANTEE_WAIVED_SQL } from '../plans/decisionRepo.ts';

export const WAITING_LIST_COLUMNS = [
  'id',
  'ord',
  'personnummer',
  'given_name',
  'family_name',
  'synthetic',
  'home_region_id',
  'home_place_id',
  'listing_hospital_id',
  'procedure_id',
  'decision_date',
  'priority_group',
  'medical_target_date',
  'asa_class',
  'earliest_date',
  'consent_elsewhere',
  'max_travel_km',
  'excluded_periods',
  'status',
  'category',
  'hta_override',
  'must_treat_by',
  'surgeon_id',
  'preferred_surgeon_id',
] as const;

export function waitingListParams(p: WaitingListEntry, ord: number): SqlParam[] {
  return [
    p.id,
    ord,
    p.personnummer,
    p.givenName,
    p.familyName,
    p.synthetic,
    p.homeRegionId,
    p.homePlaceId,
    p.listingHospitalId,
    p.procedureId,
    p.decisionDate,
    p.priorityGroup,
    p.medicalTargetDate,
    p.asaClass,
    p.earliestDate,
    p.consentElsewhere,
    p.maxTravelKm,
    JSON.stringify(p.excludedPeriods),
    p.status,
    p.category,
    p.htaOverride,
    p.mustTreatBy ?? null,
    p.surgeonId ?? null,
    p.preferredSurgeonId ?? null,
  ];
}

/** Select list for waiting_list aliased `w`; dates cast to text so no driver turns them into Dates. */
export const WAITING_LIST_SELECT = `w.id, w.personnummer, w.given_name, w.family_name, w.synthetic,
  w.home_region_id, w.home_place_id, w.listing_hospital_id, w.procedure_id,
  w.decision_date::text AS decision_date, w.priority_group,
  w.medical_target_date::text AS medical_target_date, w.asa_class,
  w.earliest_date::text AS earliest_date, w.consent_elsewhere, w.max_travel_km, w.excluded_periods,
  w.status, w.category, w.hta_override, w.must_treat_by::text AS must_treat_by,
  w.surgeon_id, w.preferred_surgeon_id`;

export interface WaitingListRow {
  id: string;
  personnummer: string;
  given_name: string;
  family_name: string;
  synthetic: boolean;
  home_region_id: string;
  home_place_id: string;
  listing_hospital_id: string;
  procedure_id: string;
  decision_date: string;
  priority_group: string;
  medical_target_date: string;
  asa_class: number;
  earliest_date: string;
  consent_elsewhere: boolean;
  max_travel_km: number;
  excluded_periods: unknown;
  status: string;
  category: string;
  hta_override: boolean;
  must_treat_by: string | null;
  surgeon_id: string | null;
  preferred_surgeon_id: string | null;
}

/** Sort keys the list accepts; a leading `-` sorts descending. Each maps to fixed SQL. */
const SORT_SQL = {
  ord: 'w.ord',
  id: 'w.id',
  decisionDate: 'w.decision_date',
  medicalTargetDate: 'w.medical_target_date',
  earliestDate: 'w.earliest_date',
  priorityGroup: 'w.priority_group',
  asaClass: 'w.asa_class',
} as const;
type SortKey = keyof typeof SORT_SQL;
const sortKeys = Object.keys(SORT_SQL) as [SortKey, ...SortKey[]];
export const WaitingListSort = z.enum([...sortKeys, ...sortKeys.map((k) => `-${k}` as `-${SortKey}`)]);
export type WaitingListSort = z.infer<typeof WaitingListSort>;

export const ListWaitingQuery = z.object({
  /** The listing hospital (where the patient is on the list). */
  hospitalId: Id.optional(),
  /** The procedure's specialty. */
  specialtyId: Id.optional(),
  priorityGroup: z.string().min(1).max(16).optional(),
  status: PatientStatus.optional(),
  limit: z.number().int().min(1).max(1000),
  offset: z.number().int().min(0).default(0),
  /** Default: snapshot order. Ties always break on id, so pages never overlap. */
  sort: WaitingListSort.default('ord'),
});
export type ListWaitingQuery = z.input<typeof ListWaitingQuery>;

export interface WaitingListPage {
  rows: WaitingListEntry[];
  /** Rows matching the filters, regardless of limit/offset. */
  total: number;
}

/**
 * The filters both list reads share (listing hospital, specialty, priority group) as a FROM clause
 * and WHERE terms, binding their values through `bind`.
 */
function sharedFilterSql(
  q: {
    hospitalId?: string | undefined;
    specialtyId?: string | undefined;
    priorityGroup?: string | undefined;
    search?: string | undefined;
  },
  bind: (v: SqlParam) => string,
): { from: string; where: string[] } {
  const where: string[] = [];
  let from = 'waiting_list w';
  if (q.hospitalId !== undefined) where.push(`w.listing_hospital_id = ${bind(q.hospitalId)}`);
  if (q.specialtyId !== undefined) {
    from += ' JOIN procedures p ON p.id = w.procedure_id';
    where.push(`p.specialty_id = ${bind(q.specialtyId)}`);
  }
  if (q.priorityGroup !== undefined) where.push(`w.priority_group = ${bind(q.priorityGroup)}`);
  if (q.search !== undefined) where.push(...searchSql(q.search, bind));
  return { from, where };
}

/** `%`, `_` and the escape character itself match literally inside a LIKE pattern. */
const likeLiteral = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Patient search (identified roles only; the caller checks): a term of digits, `-` and `+` is a
 * personnummer or part of one, matched on its digits (so "19790101-9806", "197901019806" and
 * "0101" all find the same patient); anything else is a name, every word of which must occur in
 * "given family" (case-insensitive).
 */
function searchSql(term: string, bind: (v: SqlParam) => string): string[] {
  const t = term.trim();
  if (/^[\d\s+-]+$/.test(t)) {
    const digits = t.replace(/\D/g, '');
    return [`translate(w.personnummer, '-+', '') LIKE ${bind(`%${likeLiteral(digits)}%`)}`];
  }
  return t
    .split(/\s+/)
    .filter((word) => word !== '')
    .map((word) => `(w.given_name || ' ' || w.family_name) ILIKE ${bind(`%${likeLiteral(word)}%`)}`);
}

export async function listWaiting(db: Db, query: ListWaitingQuery): Promise<WaitingListPage> {
  const parsed = ListWaitingQuery.safeParse(query);
  if (!parsed.success) {
    const issues = zodIssuesToFieldIssues(parsed.error.issues, 'query');
    throw new ValidationError(`invalid waiting-list query: ${summariseIssues(issues)}`, issues);
  }
  const q = parsed.data;
  const params: SqlParam[] = [];
  const bind = (v: SqlParam): string => {
    params.push(v);
    return `$${params.length}`;
  };
  const { from, where } = sharedFilterSql(q, bind);
  if (q.status !== undefined) where.push(`w.status = ${bind(q.status)}`);
  const whereSql = where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '';
  const desc = q.sort.startsWith('-');
  const column = SORT_SQL[(desc ? q.sort.slice(1) : q.sort) as SortKey];
  const order = `${column} ${desc ? 'DESC' : 'ASC'}, w.id ${desc ? 'DESC' : 'ASC'}`;

  // The total rides along as a window count, so page and total come from one statement (one
  // snapshot of the data, even while a reload commits). Only a page past the end needs a count.
  const page = await db.query<WaitingListRow & { total: number }>(
    `SELECT ${WAITING_LIST_SELECT}, count(*) OVER ()::integer AS total FROM ${from}${whereSql}` +
      ` ORDER BY ${order} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, q.limit, q.offset],
  );
  let total = page.rows[0]?.total;
  if (total === undefined) {
    const count = await db.query<{ total: number }>(
      `SELECT count(*)::integer AS total FROM ${from}${whereSql}`,
      params,
    );
    total = count.rows[0]?.total ?? 0;
  }
  return { rows: page.rows.map((r) => WaitingListEntry.parse(waitingListRowToEntry(r))), total };
}

/** The snapshot date as SQL (an InitPlan, evaluated once per statement); 1970-01-01 when none. */
const AS_OF_SQL = `coalesce((SELECT as_of_date FROM region_set LIMIT 1), DATE '1970-01-01')`;

/**
 * SQL predicate: the waiting_list row `w` is past the care guarantee on `asOf`. Guarantee days are
 * the days d with decision_date <= d < asOf that lie in no excluded period (inclusive from..to,
 * overlaps counted once; a period without `to` runs on): careGuarantee.ts `guaranteeDays`, as SQL.
 * A patient who waived the guarantee for this referral (declined care elsewhere) is never past it.
 * The first clause is a cheap necessary condition (exclusions only lower the count), the second
 * spares the ~92 % of rows without periods the subquery, which counts each excluded day as an
 * offset from the decision, once. Reversed periods cannot be stored (migration 010).
 */
export function pastGuaranteeSql(asOf: string, limitDays: string): string {
  return `((${asOf} - w.decision_date) > ${limitDays} AND (
    jsonb_array_length(w.excluded_periods) = 0 OR (${asOf} - w.decision_date) - (
      SELECT count(DISTINCT d)
      FROM jsonb_array_elements(w.excluded_periods) e,
           generate_series(
             greatest((e ->> 'from')::date, w.decision_date) - w.decision_date,
             least(coalesce((e ->> 'to')::date, ${asOf} - 1), ${asOf} - 1) - w.decision_date
           ) AS d
    ) > ${limitDays}) AND NOT ${GUARANTEE_WAIVED_SQL})`;
}

export interface WaitingSummaryRow {
  hospitalId: string;
  specialtyId: string;
  waiting: number;
  /** Of `waiting`, those who gave up the care guarantee for this referral (out of its statistics). */
  guaranteeWaived: number;
  pastGuarantee: number;
  pastTarget: number;
}

/**
 * Counts per listing hospital x specialty of the patients on the waiting statistics (status
 * `waiting`, category `elektiv`: monitoring cases are not on them), on `asOfDate`: guaranteeWaived
 * = declined care elsewhere for this referral (no longer under the guarantee), pastGuarantee by
 * `pastGuaranteeSql` (never a waived one), pastTarget = medical_target_date < asOfDate (late on any
 * date after the target; the medical target still applies to waived patients).
 */
export async function waitingSummary(
  db: Db,
  q: { asOfDate: string; limitDays: number },
): Promise<WaitingSummaryRow[]> {
  const { rows } = await db.query<WaitingSummaryRow>(
    `SELECT w.listing_hospital_id AS "hospitalId", p.specialty_id AS "specialtyId",
       count(*)::integer AS waiting,
       count(*) FILTER (WHERE ${GUARANTEE_WAIVED_SQL})::integer AS "guaranteeWaived",
       count(*) FILTER (WHERE ${pastGuaranteeSql('$1::date', '$2::integer')})::integer AS "pastGuarantee",
       count(*) FILTER (WHERE w.medical_target_date < $1::date)::integer AS "pastTarget"
     FROM waiting_list w
     JOIN procedures p ON p.id = w.procedure_id
     WHERE w.status = 'waiting' AND w.category = 'elektiv'
     GROUP BY w.listing_hospital_id, p.specialty_id
     ORDER BY w.listing_hospital_id, p.specialty_id`,
    [q.asOfDate, q.limitDays],
  );
  return rows;
}

/** The audit row a list read writes (its patient ids are added by the statement that reads). */
export type ListAuditRow = Omit<AuditEntry, 'patientId'>;

export interface WaitingListPageQuery {
  hospitalId?: string | undefined;
  specialtyId?: string | undefined;
  priorityGroup?: string | undefined;
  /** A personnummer (or part) or name words; see `searchSql`. */
  search?: string | undefined;
  status?: WaitingListEntry['status'] | undefined;
  /**
   * Only waiting patients past the care guarantee (`limitDays`), in snapshot order: `status` and
   * `sort` are then ignored.
   */
  pastGuarantee?: boolean | undefined;
  limitDays: number;
  sort?: WaitingListSort | undefined;
  limit: number;
  offset: number;
}

export interface WaitingListPageRead {
  rows: WaitingListEntry[];
  /** Ids of the rows whose patient waived the care guarantee for the current referral. */
  guaranteeWaived: ReadonlySet<string>;
  total: number;
  asOfDate: string;
  /**
   * The data version (`waiting_list_version`) page and total were read under; undefined when a
   * write committed between the two statements.
   */
  version: number | undefined;
}

/**
 * Totals per filter, per database, valid while `waiting_list_version` (migration 005) is
 * unchanged. Bounded: the filter space includes free-text priority groups.
 */
const totals = new WeakMap<Db, LruCache<{ version: number; total: number }>>();
const MAX_CACHED_TOTALS = 2000;

/**
 * One page of the waiting list, its total and the snapshot date — and the read's audit row,
 * written by the same statement (a data-modifying CTE), so a page is never returned without its
 * audit row and the whole read is one round trip. The total comes from a cache keyed by filter and
 * data version; only a miss counts (a second statement, which also reads the version).
 *
 * Rows come back as one JSON text built by the database (`json_agg`) rather than 21 columns x
 * `limit` fields decoded one by one; they are mapped, not zod-parsed: the columns are NOT NULL with
 * CHECKs, and the API tests validate every returned row against `WaitingListEntry`.
 */
export async function readWaitingListPage(
  db: Db,
  q: WaitingListPageQuery,
  audit: ListAuditRow,
): Promise<WaitingListPageRead> {
  const params: SqlParam[] = [];
  const bind = (v: SqlParam): string => {
    params.push(v);
    return `$${params.length}`;
  };
  const { from, where } = sharedFilterSql(q, bind);
  let column = 'w.ord';
  let dir = 'ASC';
  if (q.pastGuarantee === true) {
    where.push(`w.status = 'waiting'`, pastGuaranteeSql(AS_OF_SQL, `${bind(q.limitDays)}::integer`));
  } else {
    if (q.status !== undefined) where.push(`w.status = ${bind(q.status)}`);
    const sort = q.sort ?? 'ord';
    const desc = sort.startsWith('-');
    column = SORT_SQL[(desc ? sort.slice(1) : sort) as SortKey];
    dir = desc ? 'DESC' : 'ASC';
  }
  const whereSql = where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '';
  const filterParams = [...params];
  const order = (t: string): string => `${t}.sort_key ${dir}, ${t}.id ${dir}`;
  const limit = bind(q.limit);
  const offset = bind(q.offset);
  const at = bind(audit.at.toISOString());
  const user = bind(audit.userId ?? null);
  const role = bind(audit.role ?? null);
  const action = bind(audit.action);
  const hospital = bind(audit.hospitalId ?? null);
  const details = bind(JSON.stringify(audit.details));
  const { rows } = await db.query<{ rows: string | null; version: number; as_of: string }>(
    `WITH page AS (
       SELECT ${WAITING_LIST_SELECT}, ${GUARANTEE_WAIVED_SQL} AS guarantee_waived, ${column} AS sort_key
       FROM ${from}${whereSql}
       ORDER BY ${column} ${dir}, w.id ${dir} LIMIT ${limit} OFFSET ${offset}
     ), logged AS (
       INSERT INTO audit_log (at, user_id, role, action, patient_id, hospital_id, details)
       SELECT ${at}, ${user}, ${role}, ${action}, CASE WHEN count(*) = 1 THEN min(page.id) END, ${hospital},
         CASE WHEN count(*) = 0 THEN ${details}::jsonb
              ELSE ${details}::jsonb || jsonb_build_object('patientIds', jsonb_agg(page.id ORDER BY ${order('page')}))
         END
       FROM page
     )
     SELECT (SELECT json_agg(page ORDER BY ${order('page')})::text FROM page) AS rows,
       (SELECT version FROM waiting_list_version) AS version,
       ${AS_OF_SQL}::text AS as_of`,
    params,
  );
  const head = rows[0];
  if (head === undefined) throw new Error('waiting-list page: the statement returned no row');
  const page =
    head.rows === null ? [] : (JSON.parse(head.rows) as (WaitingListRow & { guarantee_waived: boolean })[]);

  const key = JSON.stringify([
    q.hospitalId,
    q.specialtyId,
    q.priorityGroup,
    q.search,
    q.pastGuarantee === true ? q.limitDays : q.status,
    q.pastGuarantee === true,
  ]);
  let cache = totals.get(db);
  if (cache === undefined) {
    cache = new LruCache({ maxEntries: MAX_CACHED_TOTALS });
    totals.set(db, cache);
  }
  let hit = cache.get(key);
  if (hit === undefined || hit.version !== head.version) {
    // The count and the version it belongs to from one statement (one snapshot of the data).
    const c = await db.query<{ total: number; version: number }>(
      `SELECT count(*)::integer AS total, (SELECT version FROM waiting_list_version) AS version
       FROM ${from}${whereSql}`,
      filterParams,
    );
    hit = { total: c.rows[0]?.total ?? 0, version: c.rows[0]?.version ?? -1 };
    cache.set(key, hit);
  }
  return {
    rows: page.map(waitingListRowToEntry),
    guaranteeWaived: new Set(page.filter((r) => r.guarantee_waived).map((r) => r.id)),
    total: hit.total,
    asOfDate: head.as_of,
    // A write between the page and its count: the total may be newer than the page.
    version: hit.version === head.version ? head.version : undefined,
  };
}

interface PendingListRead {
  version: number;
  audit: AuditEntry;
  resolve: (logged: boolean) => void;
  reject: (e: unknown) => void;
}

/** Per database: list reads waiting for their audit rows, and whether a write is under way. */
const listReadLog = new WeakMap<Db, { queue: PendingListRead[]; writing: boolean }>();
const MAX_LIST_READS_PER_WRITE = 500;

/**
 * Writes a list read's audit row if, and only if, the waiting-list data version is still
 * `version`: true when the row was written (committed). A caller holding a page it read under
 * `version` may then serve it again — it is exactly what a fresh read would return, and its audit
 * row is committed before it is served, as for a fresh read.
 *
 * Group commit: while one write is under way, the reads that arrive queue and go together in the
 * next statement (one round trip and one commit for all of them, each row checked against the
 * version that statement sees). Nothing waits for a timer, and every caller's promise settles only
 * when the statement that carries its row has committed (or failed: then every caller in it gets
 * the error, and nothing was written).
 */
export function logListReadIfCurrent(db: Db, version: number, audit: AuditEntry): Promise<boolean> {
  let log = listReadLog.get(db);
  if (log === undefined) {
    log = { queue: [], writing: false };
    listReadLog.set(db, log);
  }
  const pending = log;
  const promise = new Promise<boolean>((resolve, reject) => {
    pending.queue.push({ version, audit, resolve, reject });
  });
  if (!pending.writing) {
    // Start at the end of this turn of the event loop, so the reads parsed in the same turn (on
    // PGlite a statement runs to completion at once, so none would queue behind it) share it.
    pending.writing = true;
    setImmediate(() => void writeListReads(db, pending));
  }
  return promise;
}

async function writeListReads(db: Db, log: { queue: PendingListRead[]; writing: boolean }): Promise<void> {
  try {
    while (log.queue.length > 0) {
      const batch = log.queue.splice(0, MAX_LIST_READS_PER_WRITE);
      try {
        const rows = batch.map((b, i) => ({
          i,
          at: b.audit.at.toISOString(),
          user_id: b.audit.userId ?? null,
          role: b.audit.role ?? null,
          action: b.audit.action,
          patient_id: b.audit.patientId ?? null,
          hospital_id: b.audit.hospitalId ?? null,
          details: b.audit.details,
          version: b.version,
        }));
        // One snapshot: the rows written are exactly those whose version is the one `cur` reads.
        const { rows: out } = await db.query<{ version: number }>(
          `WITH cur AS (SELECT version FROM waiting_list_version),
           reads AS (
             SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(i integer, at timestamptz, user_id text,
               role text, action text, patient_id text, hospital_id text, details jsonb, version bigint)
           ),
           logged AS (
             INSERT INTO audit_log (at, user_id, role, action, patient_id, hospital_id, details)
             SELECT r.at, r.user_id, r.role, r.action, r.patient_id, r.hospital_id, r.details
             FROM reads r, cur WHERE r.version = cur.version ORDER BY r.i
           )
           SELECT version FROM cur`,
          [JSON.stringify(rows)],
        );
        const current = out[0]?.version;
        for (const b of batch) b.resolve(b.version === current);
      } catch (e) {
        for (const b of batch) b.reject(e);
      }
    }
  } finally {
    log.writing = false;
  }
}

/**
 * A waiting-list row as the domain entry, keys in the schema's order (the one row mapping: the
 * paged read uses it as is; snapshot and patient reads still zod-parse it).
 */
export function waitingListRowToEntry(r: WaitingListRow): WaitingListEntry {
  const periods = (r.excluded_periods ?? []) as { kind: ExcludedPeriodKind; from: string; to: string }[];
  return {
    id: r.id,
    personnummer: r.personnummer,
    givenName: r.given_name,
    familyName: r.family_name,
    synthetic: r.synthetic,
    homeRegionId: r.home_region_id,
    homePlaceId: r.home_place_id,
    listingHospitalId: r.listing_hospital_id,
    procedureId: r.procedure_id,
    decisionDate: r.decision_date,
    priorityGroup: r.priority_group,
    medicalTargetDate: r.medical_target_date,
    asaClass: r.asa_class,
    earliestDate: r.earliest_date,
    consentElsewhere: r.consent_elsewhere,
    maxTravelKm: r.max_travel_km,
    // jsonb orders keys by length; rebuild each period as zod would return it.
    excludedPeriods: periods.map((e) => ({ kind: e.kind, from: e.from, to: e.to })),
    status: r.status as WaitingListEntry['status'],
    category: r.category as WaitingListEntry['category'],
    htaOverride: r.hta_override,
    ...(r.must_treat_by === null ? {} : { mustTreatBy: r.must_treat_by }),
    ...(r.surgeon_id === null || r.surgeon_id === undefined ? {} : { surgeonId: r.surgeon_id }),
    ...(r.preferred_surgeon_id === null || r.preferred_surgeon_id === undefined
      ? {}
      : { preferredSurgeonId: r.preferred_surgeon_id }),
  };
}
