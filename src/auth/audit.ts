// Audit logging (Patientdatalagen): every read of patient-level data and every change writes one
// row — who (user, role), when, what action, which patient(s), which hospital. List reads write a
// single row per request with all patient ids in details.patientIds (cheap, and still findable per
// patient through the GIN index). The table itself rejects updates and deletes.
import type { Db } from '../db/db.ts';
import { insertAudit, type AuditEntry } from '../audit/repo.ts';
import type { Principal } from './roles.ts';

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
