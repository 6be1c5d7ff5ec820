// Audit use cases for admins: query the log, and one patient's log extract (Patientdatalagen).
// Writing rows is cross-cutting and lives in src/auth/audit.ts (the Auditor, withAudit).
import type { Db } from '../db/db.ts';
import type { Auditor } from '../auth/audit.ts';
import { requireRole, type Principal } from '../auth/roles.ts';
import { queryAudit, type AuditQuery, type AuditRow } from './repo.ts';

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
