// The append-only audit log (the table rejects UPDATE/DELETE/TRUNCATE by trigger). Insert and query.
import type { Db, SqlParam } from '../db/db.ts';

export interface AuditEntry {
  at: Date;
  userId: string | undefined;
  role: string | undefined;
  action: string;
  /** The one patient concerned, for single-patient reads and changes. */
  patientId: string | undefined;
  hospitalId: string | undefined;
  /** For list reads: `patientIds` holds every patient id returned. */
  details: Record<string, unknown>;
}

export interface AuditRow extends Omit<AuditEntry, 'at'> {
  id: number;
  at: string;
}

export async function insertAudit(db: Db, e: AuditEntry): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (at, user_id, role, action, patient_id, hospital_id, details)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      e.at.toISOString(),
      e.userId ?? null,
      e.role ?? null,
      e.action,
      e.patientId ?? null,
      e.hospitalId ?? null,
      JSON.stringify(e.details),
    ],
  );
}

export interface AuditQuery {
  userId?: string | undefined;
  action?: string | undefined;
  patientId?: string | undefined;
  hospitalId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  offset: number;
}

interface Row {
  id: number;
  at: Date | string;
  user_id: string | null;
  role: string | null;
  action: string;
  patient_id: string | null;
  hospital_id: string | null;
  details: Record<string, unknown>;
}

export async function queryAudit(db: Db, q: AuditQuery): Promise<{ rows: AuditRow[]; total: number }> {
  const params: SqlParam[] = [];
  const where: string[] = [];
  const bind = (v: SqlParam): string => {
    params.push(v);
    return `$${params.length}`;
  };
  if (q.userId !== undefined) where.push(`user_id = ${bind(q.userId)}`);
  if (q.action !== undefined) where.push(`action = ${bind(q.action)}`);
  if (q.hospitalId !== undefined) where.push(`hospital_id = ${bind(q.hospitalId)}`);
  if (q.patientId !== undefined) {
    const p = bind(q.patientId);
    where.push(`(patient_id = ${p} OR (details -> 'patientIds') @> jsonb_build_array(${p}::text))`);
  }
  if (q.from !== undefined) where.push(`at >= ${bind(q.from)}::timestamptz`);
  if (q.to !== undefined) where.push(`at < ${bind(q.to)}::timestamptz`);
  const w = where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '';
  const { rows } = await db.query<Row & { total: number }>(
    `SELECT id, at, user_id, role, action, patient_id, hospital_id, details, count(*) OVER ()::integer AS total
     FROM audit_log${w} ORDER BY id LIMIT ${bind(q.limit)} OFFSET ${bind(q.offset)}`,
    params,
  );
  return {
    total: rows[0]?.total ?? 0,
    rows: rows.map((r) => ({
      id: r.id,
      at: new Date(r.at).toISOString(),
      userId: r.user_id ?? undefined,
      role: r.role ?? undefined,
      action: r.action,
      patientId: r.patient_id ?? undefined,
      hospitalId: r.hospital_id ?? undefined,
      details: r.details,
    })),
  };
}
