// Waiting-list use cases: the role-scoped, paged list and a hospital's list import (CSV or JSON),
// validated all-or-nothing and idempotent (rows equal to the stored ones are not rewritten).
import { z } from 'zod';
import type { Db } from '../db/db.ts';
import {
  logListReadIfCurrent,
  readWaitingListPage,
  waitingSummary,
  type ListWaitingQuery,
  type WaitingSummaryRow,
} from './repo.ts';
import { existingForImport, upsertPatients } from './patientRepo.ts';
import { getAsOfDate, hospitalExists, referenceSets } from '../reference/repo.ts';
import { ExcludedPeriod, WaitingListEntry } from '../domain/snapshot.ts';
import { waitingListEntryIssues } from '../domain/validateSnapshot.ts';
import { normalisePersonnummer } from '../domain/personnummer.ts';
import { CARE_GUARANTEE_DAYS, guaranteeDays } from '../domain/careGuarantee.ts';
import {
  ConcealedRefusalError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  summariseIssues,
  zodIssuesToFieldIssues,
  type FieldIssue,
} from '../errors.ts';
import { patientView, type PatientView } from '../auth/scoping.ts';
import type { Principal } from '../auth/roles.ts';
import { requireHospitalWrite } from '../auth/roles.ts';
import { withAudit, type Auditor } from '../auth/audit.ts';
import type { AuditEntry } from '../audit/repo.ts';
import { LruCache } from '../lruCache.ts';
import { getPatient } from './patientRepo.ts';
import { plansOfPatient, type PatientPlanEntry } from '../plans/repo.ts';
import { parseCsv } from '../exports/csv.ts';
import { hospitalNameOf, surgeonProcedures } from './staffRefs.ts';

export interface WaitingListFilter {
  hospitalId?: string | undefined;
  specialtyId?: string | undefined;
  priorityGroup?: string | undefined;
  /** Personnummer (or part) or name: identified roles only. */
  search?: string | undefined;
  status?: WaitingListEntry['status'] | undefined;
  pastGuarantee?: boolean | undefined;
  limit: number;
  offset: number;
  sort?: ListWaitingQuery['sort'];
}

/**
 * A row as served: `guaranteeWaived` = the patient declined care elsewhere and gave up the care
 * guarantee for this referral; such a row is never `pastGuarantee` (its days are still shown).
 */
export type WaitingListItem = PatientView & {
  guaranteeDays: number;
  pastGuarantee: boolean;
  guaranteeWaived: boolean;
};

/** The body of `GET /api/waiting-list`. */
export interface WaitingListResponse {
  rows: WaitingListItem[];
  total: number;
  limit: number;
  offset: number;
  asOfDate: string;
}

/**
 * Served pages, per database: the response body as JSON text and the ids it shows, valid while the
 * waiting-list data version they were read under is current (ADR 0007). Bounded by count and size.
 */
interface CachedPage {
  version: number;
  json: string;
  ids: string[];
}
interface PageState {
  cache: LruCache<CachedPage>;
  /** The pages being read afresh right now (settle when the read ends, never reject). */
  reading: Map<string, Promise<void>>;
}
const pageStates = new WeakMap<Db, PageState>();
const MAX_COLLAPSED_WAITS = 2;
const MAX_CACHED_PAGES = 1000;
/** ~64 MiB of UTF-16 text. */
const MAX_CACHED_PAGE_CHARS = 32 * 1024 * 1024;

/**
 * One page of the waiting list in the role's view, as the JSON text of a `WaitingListResponse`.
 * Every call writes its `patient.list` audit row (user, role, time, hospital, the filter and the ids
 * shown) before it returns. A page served before under the same role, hospital and filter is served
 * again when the data has not changed since: the audit row is then written by a statement that
 * checks the data version (`logListReadIfCurrent`); otherwise the page is read afresh, together
 * with its audit row, in one statement (`readWaitingListPage`).
 */
export async function listWaitingForRole(
  db: Db,
  auditor: Auditor,
  who: Principal,
  f: WaitingListFilter,
): Promise<{ json: string }> {
  let hospitalId = f.hospitalId;
  // Analysts see pseudonymised rows only: a search by personnummer or name would re-identify.
  if (f.search !== undefined && who.role === 'analyst')
    throw new ForbiddenError('search by personnummer or name: analysts see pseudonymised data only');
  if (who.role === 'coordinator') {
    if (hospitalId !== undefined && hospitalId !== who.hospitalId) {
      throw new ForbiddenError(
        `waiting list of ${hospitalId}: coordinators see only their own hospital (${who.hospitalId})`,
      );
    }
    hospitalId = who.hospitalId;
  }
  const audit = (patientIds?: readonly string[]): AuditEntry =>
    auditor.entry(who, { action: 'patient.list', hospitalId, patientIds, details: { filter: { ...f } } });

  let state = pageStates.get(db);
  if (state === undefined) {
    state = {
      cache: new LruCache({
        maxEntries: MAX_CACHED_PAGES,
        maxWeight: MAX_CACHED_PAGE_CHARS,
        weigh: (p) => p.json.length,
      }),
      reading: new Map(),
    };
    pageStates.set(db, state);
  }
  const { cache, reading } = state;
  // The view depends on the role and, for coordinators, their hospital (the effective hospitalId).
  const key = JSON.stringify([who.role, who.breakGlassReason !== undefined, hospitalId, f]);
  for (let waited = 0; ; waited++) {
    const cached = cache.get(key);
    if (cached !== undefined) {
      if (await logListReadIfCurrent(db, cached.version, audit(cached.ids))) return { json: cached.json };
      if (cache.get(key) === cached) cache.delete(key);
    }
    // Request collapsing: while another read of this page is under way (after a write, or at
    // start), wait for it and serve what it keeps rather than run the same statement again. Each
    // caller still writes its own audit row above. Twice at most, then read yourself.
    const other = reading.get(key);
    if (other === undefined || waited >= MAX_COLLAPSED_WAITS) break;
    await other;
  }
  let finished: () => void = () => undefined;
  const leading = !reading.has(key);
  if (leading) reading.set(key, new Promise<void>((resolve) => (finished = resolve)));
  try {
    return { json: await readPageAfresh(db, who, f, hospitalId, audit(), cache, key) };
  } finally {
    if (leading) {
      reading.delete(key);
      finished();
    }
  }
}

async function readPageAfresh(
  db: Db,
  who: Principal,
  f: WaitingListFilter,
  hospitalId: string | undefined,
  audit: AuditEntry,
  cache: LruCache<CachedPage>,
  key: string,
): Promise<string> {
  const { rows, guaranteeWaived, total, asOfDate, version } = await readWaitingListPage(
    db,
    { ...f, hospitalId, limitDays: CARE_GUARANTEE_DAYS },
    audit,
  );
  const out: WaitingListItem[] = [];
  for (const p of rows) {
    // Never null here (a coordinator's list is their own hospital's); were it, the audit row would
    // name one patient more than was shown, never one less.
    const v = patientView(who, p, { asOfDate });
    if (v === null) continue;
    const days = guaranteeDays(p.decisionDate, asOfDate, p.excludedPeriods);
    const waived = guaranteeWaived.has(p.id);
    out.push({
      ...v,
      guaranteeDays: days,
      pastGuarantee: !waived && days > CARE_GUARANTEE_DAYS,
      guaranteeWaived: waived,
    });
  }
  const body: WaitingListResponse = { rows: out, total, limit: f.limit, offset: f.offset, asOfDate };
  const json = JSON.stringify(body);
  if (version !== undefined) cache.set(key, { version, json, ids: rows.map((r) => r.id) });
  return json;
}

/**
 * Region-wide counts per listing hospital x specialty (waiting, past the care guarantee, past the
 * medical target date) on the snapshot date, for every role. Counts are not patient-level data, so
 * coordinators are not scoped to their hospital and no audit row is written (docs/api.md). The
 * past-guarantee rule is the one of `listWaitingForRole`'s `pastGuarantee` filter, computed in SQL.
 */
export async function waitingListSummary(
  db: Db,
): Promise<{ asOfDate: string; limitDays: number; rows: WaitingSummaryRow[] }> {
  const asOfDate = (await getAsOfDate(db)) ?? '1970-01-01';
  const rows = await waitingSummary(db, { asOfDate, limitDays: CARE_GUARANTEE_DAYS });
  return { asOfDate, limitDays: CARE_GUARANTEE_DAYS, rows };
}

/** One imported row: a waiting-list entry whose listing hospital is the import's hospital. */
export const ImportRow = WaitingListEntry.extend({
  listingHospitalId: z.string().optional(),
  synthetic: z.boolean().default(false),
  status: WaitingListEntry.shape.status.default('waiting'),
});

/** CSV columns, in the documented order (docs/api.md). */
export const IMPORT_COLUMNS = [
  'id',
  'personnummer',
  'givenName',
  'familyName',
  'homeRegionId',
  'homePlaceId',
  'procedureId',
  'decisionDate',
  'priorityGroup',
  'medicalTargetDate',
  'asaClass',
  'earliestDate',
  'consentElsewhere',
  'maxTravelKm',
  'status',
  'category',
  'htaOverride',
  'excludedPeriods',
  'synthetic',
  'listingHospitalId',
  'mustTreatBy',
  'surgeonId',
  'preferredSurgeonId',
] as const;
const REQUIRED_COLUMNS = IMPORT_COLUMNS.slice(0, 14);
const BOOL_COLUMNS = new Set(['consentElsewhere', 'htaOverride', 'synthetic']);
const NUM_COLUMNS = new Set(['asaClass', 'maxTravelKm']);

/** CSV text -> plain objects typed like the JSON form; structural errors name line and column. */
export function csvToRows(text: string): { rows: Record<string, unknown>[]; issues: FieldIssue[] } {
  const parsed = parseCsv(text);
  const issues: FieldIssue[] = parsed.errors.map((e) => ({
    field: 'csv',
    row: e.line - 1,
    message: e.message,
  }));
  const known = new Set<string>(IMPORT_COLUMNS);
  parsed.header.forEach((h) => {
    if (!known.has(h))
      issues.push({
        field: `header.${h || '(empty)'}`,
        message: `unknown column (expected: ${IMPORT_COLUMNS.join(', ')})`,
      });
  });
  for (const c of REQUIRED_COLUMNS)
    if (!parsed.header.includes(c)) issues.push({ field: `header.${c}`, message: 'required column missing' });
  if (issues.length > 0) return { rows: [], issues };
  const rows = parsed.records.map((r, i) => {
    const o: Record<string, unknown> = {};
    if (r.values.length !== parsed.header.length) {
      issues.push({
        field: `rows[${i}]`,
        row: i + 1,
        message: `has ${r.values.length} fields, the header has ${parsed.header.length}`,
      });
    }
    parsed.header.forEach((h, j) => {
      const raw = (r.values[j] ?? '').trim();
      if (raw === '') return; // absent: the schema's default or its "required" error
      if (BOOL_COLUMNS.has(h))
        o[h] = /^(true|1|ja|yes)$/i.test(raw) ? true : /^(false|0|nej|no)$/i.test(raw) ? false : raw;
      else if (NUM_COLUMNS.has(h)) o[h] = Number.isFinite(Number(raw)) ? Number(raw) : raw;
      else if (h === 'excludedPeriods') o[h] = parsePeriods(raw);
      else o[h] = raw;
    });
    return o;
  });
  return { rows, issues };
}

/** `PvV:2025-10-01..2025-10-14;MoV:2025-11-01..2025-11-30` -> periods (bad parts are left as text). */
function parsePeriods(raw: string): unknown[] {
  return raw.split(';').map((part) => {
    const m = /^\s*(\w+):(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})\s*$/.exec(part);
    return m === null ? part : { kind: m[1], from: m[2], to: m[3] };
  });
}

export interface ImportResult {
  hospitalId: string;
  received: number;
  new: number;
  changed: number;
  unchanged: number;
}

const canonical = (p: WaitingListEntry): string =>
  JSON.stringify(
    Object.fromEntries(
      Object.entries({ ...p, excludedPeriods: p.excludedPeriods.map((e) => ExcludedPeriod.parse(e)) }).sort(
        ([a], [b]) => (a < b ? -1 : 1),
      ),
    ),
  );

export async function importWaitingList(
  db: Db,
  auditor: Auditor,
  who: Principal,
  hospitalId: string,
  input: { kind: 'csv'; text: string } | { kind: 'json'; rows: unknown },
  /** Today's date (Europe/Stockholm), used only when no snapshot is loaded. */
  today: string,
): Promise<ImportResult> {
  // A coordinator's refusal names their own hospital by its name, never its internal id.
  if (who.role === 'coordinator' && who.hospitalId !== hospitalId)
    throw new ForbiddenError(
      `waiting-list import: only for your hospital (${who.hospitalId === undefined ? 'none' : await hospitalNameOf(db, who.hospitalId)})`,
    );
  requireHospitalWrite(who, hospitalId, 'waiting-list import');
  if (!(await hospitalExists(db, hospitalId))) throw new NotFoundError(`hospital ${hospitalId} not found`);
  let raw: unknown;
  const issues: FieldIssue[] = [];
  if (input.kind === 'csv') {
    const c = csvToRows(input.text);
    issues.push(...c.issues);
    raw = c.rows;
  } else {
    raw = input.rows;
  }
  if (issues.length > 0) throw new ValidationError(`invalid import: ${summariseIssues(issues)}`, issues);
  const shape = z.array(ImportRow).min(1, 'the import has no rows').max(50_000).safeParse(raw);
  if (!shape.success) {
    const fi = zodIssuesToFieldIssues(shape.error.issues, 'rows');
    throw new ValidationError(`invalid import: ${summariseIssues(fi)}`, fi);
  }
  // The reference date of the import's rules (century of 10-digit personnummer, the + separator,
  // decisions not in the future): the snapshot date, or today when no snapshot is loaded.
  const asOfDate = (await getAsOfDate(db)) ?? today;
  const refs = { ...(await referenceSets(db)), asOfDate, surgeons: await surgeonProcedures(db) };
  // Refusals name the hospital imported to by its name, never its internal id.
  const hospitalName = await hospitalNameOf(db, hospitalId);
  const entries: WaitingListEntry[] = [];
  const seen = new Map<string, number>();
  shape.data.forEach((r, i) => {
    if (r.listingHospitalId !== undefined && r.listingHospitalId !== hospitalId) {
      issues.push({
        field: `rows[${i}].listingHospitalId`,
        row: i + 1,
        message: `must be ${hospitalName} (the hospital imported to) or empty`,
      });
    }
    // Every accepted personnummer form is stored as the one 12-digit form.
    const pn = normalisePersonnummer(r.personnummer, asOfDate);
    if (!pn.ok) {
      issues.push({ field: `rows[${i}].personnummer`, row: i + 1, message: pn.reason });
    }
    const entry: WaitingListEntry = {
      ...r,
      personnummer: pn.ok ? pn.value : r.personnummer,
      listingHospitalId: hospitalId,
    };
    // Not ok: the reason above is the one to report, not the stored-form check's.
    const entryIssues = waitingListEntryIssues(entry, i, refs, 'rows');
    issues.push(...(pn.ok ? entryIssues : entryIssues.filter((x) => x.field !== `rows[${i}].personnummer`)));
    const dup = seen.get(r.id);
    if (dup !== undefined)
      issues.push({
        field: `rows[${i}].id`,
        row: i + 1,
        message: `duplicate id ${r.id} (also row ${dup + 1})`,
      });
    seen.set(r.id, i);
    entries.push(entry);
  });
  const existing = await existingForImport(
    db,
    entries.map((e) => e.id),
  );
  entries.forEach((e, i) => {
    const old = existing.get(e.id);
    if (old !== undefined && old.listingHospitalId !== hospitalId) {
      // Names neither the hospital nor the patient: an import must not tell a coordinator where
      // someone else's patient is listed (ADR 0016).
      issues.push({
        field: `rows[${i}].id`,
        row: i + 1,
        message: `id ${e.id} cannot be used for ${hospitalName}; give the row an id of this hospital's own`,
      });
    }
  });
  if (issues.length > 0) throw new ValidationError(`invalid import: ${summariseIssues(issues)}`, issues);

  const inserts = entries.filter((e) => !existing.has(e.id));
  const updates = entries.filter((e) => {
    const old = existing.get(e.id);
    return old !== undefined && canonical(old) !== canonical(e);
  });
  await withAudit(
    db,
    auditor,
    who,
    {
      action: 'patient.import',
      patientIds: [...inserts, ...updates].map((e) => e.id),
      hospitalId,
      details: { received: entries.length, new: inserts.length, changed: updates.length, format: input.kind },
    },
    async (tx) => {
      if (inserts.length + updates.length > 0) await upsertPatients(tx, inserts, updates);
    },
  );
  return {
    hospitalId,
    received: entries.length,
    new: inserts.length,
    changed: updates.length,
    unchanged: entries.length - inserts.length - updates.length,
  };
}

/**
 * A patient's plan history: every plan that places them (hospital, theatre, date, start) with the
 * treating hospital's decision, newest first. Identified roles only, in the waiting list's scope:
 * a coordinator sees the patients listed at their own hospital, and no drafts. Audited as a read of
 * that patient.
 */
export async function patientPlanHistory(
  db: Db,
  auditor: Auditor,
  who: Principal,
  patientId: string,
): Promise<{ patientId: string; plans: PatientPlanEntry[] }> {
  if (who.role === 'analyst')
    throw new ForbiddenError('patient plan history: analysts see pseudonymised data only');
  const p = await getPatient(db, patientId);
  // A coordinator gets the same 404 (and access.denied row) for an unknown id as for another
  // hospital's patient: no cross-hospital oracle.
  if (who.role === 'coordinator' && (p === undefined || p.listingHospitalId !== who.hospitalId))
    throw new ConcealedRefusalError(
      `patient ${patientId} not found`,
      `patient history: ${patientId} is ${p === undefined ? 'unknown' : 'not listed at'} ${who.hospitalId ?? 'no hospital'}`,
    );
  if (p === undefined) throw new NotFoundError(`patient ${patientId} not found`);
  const statuses =
    who.role === 'coordinator'
      ? ['proposed', 'published', 'superseded']
      : ['draft', 'proposed', 'published', 'superseded'];
  const plans = await plansOfPatient(db, patientId, statuses);
  await auditor.log(db, who, {
    action: 'patient.read',
    patientIds: [patientId],
    hospitalId: p.listingHospitalId,
    details: { planHistory: true },
  });
  return { patientId, plans };
}
