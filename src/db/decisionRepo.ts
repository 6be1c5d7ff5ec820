// Coordinator decisions, patients' answers to offers, and guarantee waivers.
import type { Db } from './db.ts';

export interface DecisionRow {
  planId: number;
  patientId: string;
  hospitalId: string;
  decision: 'accept' | 'reject';
  reason: string | null;
  decidedBy: string;
  decidedAt: string;
}

export async function upsertDecision(
  tx: Db,
  d: Omit<DecisionRow, 'decidedAt'> & { at: Date },
): Promise<void> {
  await tx.query(
    `INSERT INTO plan_decisions (plan_id, patient_id, hospital_id, decision, reason, decided_by, decided_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (plan_id, patient_id) DO UPDATE SET decision = EXCLUDED.decision, reason = EXCLUDED.reason,
       decided_by = EXCLUDED.decided_by, decided_at = EXCLUDED.decided_at, hospital_id = EXCLUDED.hospital_id`,
    [d.planId, d.patientId, d.hospitalId, d.decision, d.reason, d.decidedBy, d.at.toISOString()],
  );
}

export async function listDecisions(db: Db, planId: number): Promise<DecisionRow[]> {
  const { rows } = await db.query<{
    plan_id: number;
    patient_id: string;
    hospital_id: string;
    decision: 'accept' | 'reject';
    reason: string | null;
    decided_by: string;
    decided_at: Date | string;
  }>('SELECT * FROM plan_decisions WHERE plan_id = $1 ORDER BY patient_id', [planId]);
  return rows.map((r) => ({
    planId: r.plan_id,
    patientId: r.patient_id,
    hospitalId: r.hospital_id,
    decision: r.decision,
    reason: r.reason,
    decidedBy: r.decided_by,
    decidedAt: new Date(r.decided_at).toISOString(),
  }));
}

export async function insertOffer(
  tx: Db,
  o: {
    planId: number;
    patientId: string;
    answer: 'accepted' | 'declined';
    hospitalId: string;
    date: string;
    recordedBy: string;
    at: Date;
  },
): Promise<boolean> {
  const res = await tx.query(
    `INSERT INTO plan_offers (plan_id, patient_id, answer, hospital_id, date, recorded_by, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (plan_id, patient_id) DO NOTHING`,
    [o.planId, o.patientId, o.answer, o.hospitalId, o.date, o.recordedBy, o.at.toISOString()],
  );
  return res.rowCount > 0;
}

export async function getOffer(
  db: Db,
  planId: number,
  patientId: string,
): Promise<{ answer: string } | undefined> {
  const { rows } = await db.query<{ answer: string }>(
    'SELECT answer FROM plan_offers WHERE plan_id = $1 AND patient_id = $2',
    [planId, patientId],
  );
  return rows[0];
}

export async function insertWaiver(
  tx: Db,
  w: { patientId: string; planId: number; reason: string; recordedBy: string; at: Date },
): Promise<void> {
  await tx.query(
    `INSERT INTO guarantee_waivers (patient_id, plan_id, reason, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (patient_id) DO NOTHING`,
    [w.patientId, w.planId, w.reason, w.recordedBy, w.at.toISOString()],
  );
}

export async function waivedPatientIds(db: Db, ids: readonly string[]): Promise<Set<string>> {
  const { rows } = await db.query<{ patient_id: string }>(
    'SELECT patient_id FROM guarantee_waivers WHERE patient_id = ANY($1::text[])',
    [[...ids]],
  );
  return new Set(rows.map((r) => r.patient_id));
}
