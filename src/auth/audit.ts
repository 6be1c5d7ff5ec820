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
  | 'audit.query';

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
    rows.push(...page.rows);
    if (page.rows.length < 1000) break;
  }
  await auditor.log(db, who, { action: 'audit.query', patientIds: [patientId], details: { extract: true } });
  return rows;
}
