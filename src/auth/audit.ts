// Audit logging (Patientdatalagen): every read of patient-level data and every change writes one
// row — who (user, role), when, what action, which patient(s), which hospital. List reads write a
// single row per request with all patient ids in details.patientIds (cheap, and still findable per
// patient through the GIN index). The table itself rejects updates and deletes.
import type { Db } from '../db/db.ts';
import { insertAudit, queryAudit, type AuditEntry, type AuditQuery, type AuditRow } from '../db/auditRepo.ts';
import { requireRole, type Principal } from './roles.ts';

export type AuditAction =
  | 'login'
  | 'patient.list'
  | 'patient.read'
  | 'patient.import'
  | 'plan.create'
  | 'plan.read'
  | 'plan.diff'
  | 'plan.edit'
  | 'plan.status'
  | 'plan.export'
  | 'case.decide'
  | 'offer.answer'
  | 'capacity.change'
  | 'audit.query'
  | 'login.failed'
  | 'login.locked'
  | 'logout'
  | 'access.denied'
  | 'user.create'
  | 'user.change'
  | 'user.password'
  | 'session.revoke'
  | 'break-the-glass'
  | 'scenario.read'
  | 'scenario.change'
  | 'scenario.run';

export interface AuditEvent {
  action: AuditAction;
  patientIds?: readonly string[];
  hospitalId?: string | undefined;
  details?: Record<string, unknown>;
}

export interface Auditor {
  log(db: Db, who: Principal | undefined, e: AuditEvent): Promise<void>;
  /**
   * The row `log` would write, for a statement that writes it itself together with the read it
   * records (the waiting list's page and audit row are one statement); `patientId` and
   * `details.patientIds` are then the statement's to fill from the rows it returns.
   */
  entry(who: Principal | undefined, e: AuditEvent): AuditEntry;
}

export function createAuditor(clock: () => Date): Auditor {
  const entry = (who: Principal | undefined, e: AuditEvent): AuditEntry => {
    const ids = e.patientIds ?? [];
    return {
      at: clock(),
      userId: who?.userId,
      role: who?.role,
      action: e.action,
      patientId: ids.length === 1 ? ids[0] : undefined,
      hospitalId: e.hospitalId ?? who?.hospitalId,
      details: { ...e.details, ...(ids.length > 0 ? { patientIds: [...ids] } : {}) },
    };
  };
  return {
    entry,
    async log(db, who, e) {
      await insertAudit(db, entry(who, e));
    },
  };
}

/**
 * THE way to change data: `fn` and its audit row run in one transaction, so a change is never
 * committed without its row and a row never names a change that was rolled back (an audit insert
 * that fails undoes the change). `event` may be computed from what `fn` returns (the new row's id).
 */
export async function withAudit<T>(
  db: Db,
  auditor: Auditor,
  who: Principal | undefined,
  event: AuditEvent | ((result: NoInfer<T>) => AuditEvent),
  fn: (tx: Db) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    const result = await fn(tx);
    await auditor.log(tx, who, typeof event === 'function' ? event(result) : event);
    return result;
  });
}

/** Admin-only audit query; the query itself is audited. */
export async function searchAudit(
  db: Db,
  auditor: Auditor,
  who: Principal,
  q: AuditQuery,
): Promise<{ rows: AuditRow[]; total: number }> {
  requireRole(who, ['admin'], 'audit log');
  const res = await queryAudit(db, q);
  await auditor.log(db, who, { action: 'audit.query', details: { query: { ...q } } });
  return res;
}

/** Every audit row that concerns one patient (the extract a patient may ask for). */
export async function patientExtract(
  db: Db,
  auditor: Auditor,
  who: Principal,
  patientId: string,
): Promise<AuditRow[]> {
  requireRole(who, ['admin'], 'audit extract');
  const rows: AuditRow[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await queryAudit(db, { patientId, limit: 1000, offset });
    rows.push(...page.rows.map((r) => onlyPatient(r, patientId)));
    if (page.rows.length < 1000) break;
  }
  await auditor.log(db, who, { action: 'audit.query', patientIds: [patientId], details: { extract: true } });
  return rows;
}

/**
 * A row as the patient's extract shows it: a list read that named many patients says only that
 * this patient was among them (and how many were shown), never who the others were. Any string in
 * the details equal to another id the row names, and any object about another patient
 * (`{patientId: other}`), is dropped.
 */
export function onlyPatient(row: AuditRow, patientId: string): AuditRow {
  const named = Array.isArray(row.details.patientIds) ? (row.details.patientIds as unknown[]) : [];
  const others = new Set(named.filter((x): x is string => typeof x === 'string' && x !== patientId));
  if (row.patientId !== undefined && row.patientId !== patientId) others.add(row.patientId);
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v))
      return v.filter((x) => !(typeof x === 'string' && others.has(x)) && !aboutOther(x)).map(strip);
    if (v !== null && typeof v === 'object') {
      const o: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        if (typeof x === 'string' && others.has(x)) continue;
        o[k] = strip(x);
      }
      return o;
    }
    return v;
  };
  const aboutOther = (x: unknown): boolean =>
    x !== null &&
    typeof x === 'object' &&
    typeof (x as { patientId?: unknown }).patientId === 'string' &&
    (x as { patientId: string }).patientId !== patientId;
  const details = strip(row.details) as Record<string, unknown>;
  if (named.length > 0) {
    details.patientIds = [patientId];
    details.patientsShown = named.length;
  }
  return { ...row, patientId, details };
}
