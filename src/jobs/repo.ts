// The visible record of a plan solve (its id is the API's jobId, its progress the last reported).
// Dispatch, retries and expiry belong to pg-boss (src/jobs/queue.ts); this row says what users see.
import type { Db } from '../db/db.ts';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface JobRecord {
  id: number;
  kind: string;
  status: JobStatus;
  payload: Record<string, unknown>;
  progress: Record<string, unknown> | null;
  error: string | null;
  resultRef: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

interface Row {
  id: number;
  kind: string;
  status: JobStatus;
  payload: Record<string, unknown>;
  progress: Record<string, unknown> | null;
  error: string | null;
  result_ref: string | null;
  created_at: Date | string;
  started_at: Date | string | null;
  finished_at: Date | string | null;
}

const iso = (v: Date | string | null): string | null => (v === null ? null : new Date(v).toISOString());
const toJob = (r: Row): JobRecord => ({
  id: r.id,
  kind: r.kind,
  status: r.status,
  payload: r.payload,
  progress: r.progress,
  error: r.error,
  resultRef: r.result_ref,
  createdAt: iso(r.created_at) ?? '',
  startedAt: iso(r.started_at),
  finishedAt: iso(r.finished_at),
});

export async function insertJob(
  db: Db,
  kind: string,
  payload: Record<string, unknown>,
  at: Date,
): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    'INSERT INTO jobs (kind, payload, created_at) VALUES ($1, $2, $3) RETURNING id',
    [kind, JSON.stringify(payload), at.toISOString()],
  );
  const id = rows[0]?.id;
  if (id === undefined) throw new Error('insert into jobs returned no id');
  return id;
}

/** A worker starts (or, after a retry, restarts) the job; false when it has already finished. */
export async function startJob(db: Db, id: number, at: Date): Promise<boolean> {
  const res = await db.query(
    `UPDATE jobs SET status = 'running', started_at = $2 WHERE id = $1 AND status IN ('queued', 'running')`,
    [id, at.toISOString()],
  );
  return res.rowCount > 0;
}

/** An attempt failed and the queue will retry it: back to queued, the reason kept. */
export async function requeueJob(db: Db, id: number, error: string): Promise<void> {
  await db.query(`UPDATE jobs SET status = 'queued', error = $2 WHERE id = $1 AND status = 'running'`, [
    id,
    error,
  ]);
}

export async function setJobProgress(db: Db, id: number, progress: Record<string, unknown>): Promise<void> {
  await db.query(`UPDATE jobs SET progress = $2 WHERE id = $1 AND status = 'running'`, [
    id,
    JSON.stringify(progress),
  ]);
}

/** Finish a running job; false when it was no longer running (e.g. failed by a shutdown). */
export async function finishJob(
  db: Db,
  id: number,
  outcome: { status: 'done'; resultRef?: string } | { status: 'failed'; error: string },
  at: Date,
): Promise<boolean> {
  const res = await db.query(
    `UPDATE jobs SET status = $2, error = $3, result_ref = $4, finished_at = $5
     WHERE id = $1 AND status IN ('running', 'queued')`,
    [
      id,
      outcome.status,
      outcome.status === 'failed' ? outcome.error : null,
      outcome.status === 'done' ? (outcome.resultRef ?? null) : null,
      at.toISOString(),
    ],
  );
  return res.rowCount > 0;
}

export async function getJob(db: Db, id: number): Promise<JobRecord | undefined> {
  const { rows } = await db.query<Row>('SELECT * FROM jobs WHERE id = $1', [id]);
  return rows[0] === undefined ? undefined : toJob(rows[0]);
}
