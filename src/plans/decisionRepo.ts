// Coordinator decisions, patients' answers to offers, and guarantee waivers.
import type { Db } from '../db/db.ts';

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

/**
 * Record that the patient gave up the care guarantee for the referral decided on `decisionDate`.
 * A waiver for an earlier referral of the same waiting-list id is replaced (one row per id).
 */
export async function insertWaiver(
  tx: Db,
  w: {
    patientId: string;
    decisionDate: string;
    planId: number;
    reason: string;
    recordedBy: string;
    at: Date;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO guarantee_waivers (patient_id, decision_date, plan_id, reason, recorded_by, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (patient_id) DO UPDATE SET decision_date = EXCLUDED.decision_date, plan_id = EXCLUDED.plan_id,
       reason = EXCLUDED.reason, recorded_by = EXCLUDED.recorded_by, recorded_at = EXCLUDED.recorded_at
     WHERE guarantee_waivers.decision_date IS DISTINCT FROM EXCLUDED.decision_date`,
    [w.patientId, w.decisionDate, w.planId, w.reason, w.recordedBy, w.at.toISOString()],
  );
}

/**
 * SQL predicate: the waiting_list row `w` has waived the care guarantee for its current referral
 * (a waiver given for the decision date the row still has).
 */
export const GUARANTEE_WAIVED_SQL = `EXISTS (SELECT 1 FROM guarantee_waivers g
  WHERE g.patient_id = w.id AND g.decision_date = w.decision_date)`;

/** The waivers that apply to the current waiting list, per patient id: the referral's decision date. */
export async function currentGuaranteeWaivers(
  db: Db,
): Promise<{ patientId: string; decisionDate: string }[]> {
  const { rows } = await db.query<{ patient_id: string; decision_date: string }>(
    `SELECT w.id AS patient_id, w.decision_date::text AS decision_date FROM waiting_list w
     WHERE ${GUARANTEE_WAIVED_SQL} ORDER BY w.id`,
  );
  return rows.map((r) => ({ patientId: r.patient_id, decisionDate: r.decision_date }));
}
