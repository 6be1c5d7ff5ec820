// Versioned plans. `etag` is the optimistic-concurrency token: every update must name the etag it
// read, and a stale one updates nothing.
import type { Db } from '../db/db.ts';
import type { Rules, Weights } from '../../solver/model/problem.ts';

export type PlanStatus = 'running' | 'failed' | 'draft' | 'proposed' | 'published' | 'superseded';

export interface PlanRequest {
  week: string;
  weeks: number;
  pins: { patientId: string; hospitalId: string; day: number; theatreId?: string }[];
  excludedPatientIds: string[];
  /** Lead time in days (absent in plans made before it existed: the default then applies). */
  leadDays?: number;
  /** Objective weights and rules of this request over the snapshot's (absent = the snapshot's). */
  weights?: Partial<Weights>;
  rules?: Partial<Rules>;
}

export interface PlanMeta {
  id: number;
  week: string;
  version: number;
  status: PlanStatus;
  etag: number;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  parentId: number | null;
  jobId: number | null;
  error: string | null;
  request: PlanRequest;
}

export interface PlanRecord extends PlanMeta {
  /** The stored PlanningResult (possibly edited); null while running or after a failure. */
  result: unknown;
}

interface Row {
  id: number;
  week: string;
  version: number;
  status: PlanStatus;
  etag: number;
  created_by: string | null;
  created_at: Date | string;
  updated_at: Date | string;
  parent_id: number | null;
  job_id: number | null;
  error: string | null;
  request: PlanRequest;
  result?: unknown;
}

const META =
  'id, week, version, status, etag, created_by, created_at, updated_at, parent_id, job_id, error, request';

const toMeta = (r: Row): PlanMeta => ({
  id: r.id,
  week: r.week,
  version: r.version,
  status: r.status,
  etag: r.etag,
  createdBy: r.created_by,
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
  parentId: r.parent_id,
  jobId: r.job_id,
  error: r.error,
  request: r.request,
});

/** The headline numbers of a result, stored beside it (see migration 004). */
function summaryOf(result: unknown): string | null {
  if (result === null || typeof result !== 'object') return null;
  const r = result as Record<string, unknown>;
  const check = (r.check ?? {}) as { feasible?: unknown; violations?: unknown[] };
  const baseline = (r.baseline ?? {}) as { kpis?: unknown; fairness?: unknown };
  return JSON.stringify({
    kpis: r.kpis ?? null,
    baselineKpis: baseline.kpis ?? null,
    // Counts per procedure, priority group and specialty only: no patient data (analysts see it).
    fairness: r.fairness ?? null,
    baselineFairness: baseline.fairness ?? null,
    objective: r.objective ?? null,
    bound: r.bound ?? null,
    gap: r.gap ?? null,
    status: r.status ?? null,
    check: {
      feasible: check.feasible ?? null,
      violations: Array.isArray(check.violations) ? check.violations.length : null,
    },
  });
}

/** A new plan row in status 'running', numbered after the week's latest version. */
export async function insertPlan(
  db: Db,
  p: { request: PlanRequest; createdBy: string; parentId?: number | undefined; at: Date },
): Promise<PlanMeta> {
  return db.transaction(async (tx) => {
    // Serialise version numbering per week (two POSTs for one week must not both pick n+1).
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('opflow.plan.' || $1))`, [p.request.week]);
    const { rows } = await tx.query<Row>(
      `INSERT INTO plans (week, version, status, created_by, created_at, updated_at, parent_id, request)
       VALUES ($1, (SELECT coalesce(max(version), 0) + 1 FROM plans WHERE week = $1), 'running', $2, $3, $3, $4, $5)
       RETURNING ${META}`,
      [p.request.week, p.createdBy, p.at.toISOString(), p.parentId ?? null, JSON.stringify(p.request)],
    );
    if (rows[0] === undefined) throw new Error('insert into plans returned nothing');
    return toMeta(rows[0]);
  });
}

export async function setPlanJob(db: Db, planId: number, jobId: number): Promise<void> {
  await db.query('UPDATE plans SET job_id = $2 WHERE id = $1', [planId, jobId]);
}

export async function getPlanMeta(db: Db, id: number): Promise<PlanMeta | undefined> {
  const { rows } = await db.query<Row>(`SELECT ${META} FROM plans WHERE id = $1`, [id]);
  return rows[0] === undefined ? undefined : toMeta(rows[0]);
}

export async function getPlan(db: Db, id: number): Promise<PlanRecord | undefined> {
  const { rows } = await db.query<Row>(`SELECT ${META}, result FROM plans WHERE id = $1`, [id]);
  const r = rows[0];
  return r === undefined ? undefined : { ...toMeta(r), result: r.result ?? null };
}

export interface PlanSummary {
  kpis: unknown;
  baselineKpis: unknown;
  fairness?: unknown;
  baselineFairness?: unknown;
  objective: unknown;
  bound: unknown;
  gap: unknown;
  status: unknown;
  check: { feasible: unknown; violations: unknown } | null;
}

/** Meta and the headline numbers only (cheap: the full result stays in the database). */
export async function getPlanKpis(
  db: Db,
  id: number,
): Promise<(PlanMeta & { summary: PlanSummary | null }) | undefined> {
  const { rows } = await db.query<Row & { summary: PlanSummary | null }>(
    `SELECT ${META}, summary FROM plans WHERE id = $1`,
    [id],
  );
  const r = rows[0];
  return r === undefined ? undefined : { ...toMeta(r), summary: r.summary ?? null };
}

export async function listPlans(
  db: Db,
  q: {
    week?: string | undefined;
    statuses?: readonly PlanStatus[] | undefined;
    limit: number;
    offset: number;
  },
): Promise<{ rows: PlanMeta[]; total: number }> {
  const { rows } = await db.query<Row & { total: number }>(
    `SELECT ${META}, count(*) OVER ()::integer AS total FROM plans
     WHERE ($1::text IS NULL OR week = $1) AND ($2::text[] IS NULL OR status = ANY($2::text[]))
     ORDER BY id DESC LIMIT $3 OFFSET $4`,
    [q.week ?? null, q.statuses === undefined ? null : [...q.statuses], q.limit, q.offset],
  );
  return { rows: rows.map(toMeta), total: rows[0]?.total ?? 0 };
}

/** Solve finished: store the result (only if the plan is still running). */
export async function completePlan(db: Db, id: number, result: unknown, at: Date): Promise<boolean> {
  const res = await db.query(
    `UPDATE plans SET status = 'draft', result = $2, summary = $4, etag = etag + 1, updated_at = $3 WHERE id = $1 AND status = 'running'`,
    [id, JSON.stringify(result), at.toISOString(), summaryOf(result)],
  );
  return res.rowCount > 0;
}

export async function failPlan(db: Db, id: number, error: string, at: Date): Promise<boolean> {
  const res = await db.query(
    `UPDATE plans SET status = 'failed', error = $2, etag = etag + 1, updated_at = $3 WHERE id = $1 AND status = 'running'`,
    [id, error, at.toISOString()],
  );
  return res.rowCount > 0;
}

/** Fail every plan whose job is failed but which still says running (restart recovery). */
export async function failOrphanedPlans(db: Db, at: Date): Promise<number> {
  const res = await db.query(
    `UPDATE plans p SET status = 'failed', error = coalesce(j.error, 'job lost'), etag = p.etag + 1, updated_at = $1
     FROM jobs j WHERE p.job_id = j.id AND p.status = 'running' AND j.status = 'failed'`,
    [at.toISOString()],
  );
  const orphans = await db.query(
    `UPDATE plans SET status = 'failed', error = 'server restarted before the job was created', etag = etag + 1, updated_at = $1
     WHERE status = 'running' AND job_id IS NULL`,
    [at.toISOString()],
  );
  return res.rowCount + orphans.rowCount;
}

/**
 * Compare-and-set update: applies only when the stored etag equals `expectedEtag`. Returns the new
 * meta, or undefined when the etag was stale (nothing changed).
 */
export async function updatePlanIfEtag(
  db: Db,
  id: number,
  expectedEtag: number,
  change: { status?: PlanStatus; result?: unknown; request?: PlanRequest },
  at: Date,
): Promise<PlanMeta | undefined> {
  const { rows } = await db.query<Row>(
    `UPDATE plans SET status = coalesce($3, status), result = coalesce($4::jsonb, result),
       summary = coalesce($7::jsonb, summary), request = coalesce($5::jsonb, request), etag = etag + 1, updated_at = $6
     WHERE id = $1 AND etag = $2 RETURNING ${META}`,
    [
      id,
      expectedEtag,
      change.status ?? null,
      change.result === undefined ? null : JSON.stringify(change.result),
      change.request === undefined ? null : JSON.stringify(change.request),
      at.toISOString(),
      change.result === undefined ? null : summaryOf(change.result),
    ],
  );
  return rows[0] === undefined ? undefined : toMeta(rows[0]);
}

/** Other published plans of the same week become superseded when one is published. */
export async function supersedePublished(
  db: Db,
  week: string,
  exceptId: number,
  at: Date,
): Promise<number[]> {
  const { rows } = await db.query<{ id: number }>(
    `UPDATE plans SET status = 'superseded', etag = etag + 1, updated_at = $3
     WHERE week = $1 AND id <> $2 AND status = 'published' RETURNING id`,
    [week, exceptId, at.toISOString()],
  );
  return rows.map((r) => r.id);
}

/** One plan's placement of one patient (patient plan history). */
export interface PatientPlanEntry {
  planId: number;
  week: string;
  version: number;
  status: string;
  createdAt: string;
  hospitalId: string;
  theatreId: string;
  date: string;
  startMin: number;
  decision: 'accept' | 'reject' | null;
}

/**
 * Every plan that places the patient, newest first, with the treating hospital's decision if
 * any. `statuses` limits the plans (coordinators never see drafts).
 */
export async function plansOfPatient(
  db: Db,
  patientId: string,
  statuses: readonly string[],
): Promise<PatientPlanEntry[]> {
  const { rows } = await db.query<{
    plan_id: number | string;
    week: string;
    version: number;
    status: string;
    created_at: string | Date;
    a: { hospitalId: string; theatreId: string; date: string; startMin: number };
    decision: 'accept' | 'reject' | null;
  }>(
    `SELECT p.id AS plan_id, p.week, p.version, p.status, p.created_at, a,
       (SELECT d.decision FROM plan_decisions d WHERE d.plan_id = p.id AND d.patient_id = $1) AS decision
     FROM plans p, jsonb_array_elements(p.result->'assignments') a
     WHERE p.result IS NOT NULL AND a->>'patientId' = $1 AND p.status = ANY($2::text[])
     ORDER BY p.id DESC`,
    [patientId, [...statuses]],
  );
  return rows.map((r) => ({
    planId: Number(r.plan_id),
    week: r.week,
    version: r.version,
    status: r.status,
    createdAt: new Date(r.created_at).toISOString(),
    hospitalId: r.a.hospitalId,
    theatreId: r.a.theatreId,
    date: r.a.date,
    startMin: r.a.startMin,
    decision: r.decision,
  }));
}

/** The published plan of a week (at most one: publishing supersedes the others), with its result. */
export async function getPublishedOfWeek(db: Db, week: string): Promise<PlanRecord | undefined> {
  const { rows } = await db.query<Row>(
    `SELECT ${META}, result FROM plans WHERE week = $1 AND status = 'published' ORDER BY version DESC LIMIT 1`,
    [week],
  );
  const r = rows[0];
  return r === undefined ? undefined : { ...toMeta(r), result: r.result ?? null };
}
