// Inverse questions in the database (migration 017). Only SQL here.
import type { Db } from '../../db/db.ts';
import type { RegionSnapshot } from '../../domain/snapshot.ts';
import type { InverseResult } from '../../simulation/inverse.ts';
import type { PolicyOptions } from '../../simulation/policies.ts';
import { parseScenario, type Scenario } from '../model.ts';
import type { RunState } from './contract.ts';
import { InverseSpec, type InverseStatus } from './inverseSpec.ts';

const json = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);
const iso = (v: Date | string): string => (v instanceof Date ? v.toISOString() : new Date(v).toISOString());

export async function insertInverse(
  db: Db,
  q: {
    id: string;
    spec: InverseSpec;
    scenario: Scenario;
    base: RegionSnapshot;
    policyOptions: PolicyOptions;
    createdBy: string;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO scenario_inverse (id, spec, scenario, base_snapshot, policy_options, state, created_by)
     VALUES ($1, $2, $3, $4, $5, 'queued', $6)`,
    [
      q.id,
      JSON.stringify(q.spec),
      JSON.stringify(q.scenario),
      JSON.stringify(q.base),
      JSON.stringify(q.policyOptions),
      q.createdBy,
    ],
  );
}

interface InverseRow {
  id: string;
  spec: unknown;
  state: RunState;
  evaluations: number;
  result: unknown;
  error: string | null;
  created_at: Date | string;
  finished_at: Date | string | null;
}

export async function getInverse(db: Db, id: string): Promise<InverseStatus | null> {
  const { rows } = await db.query<InverseRow>(
    `SELECT id, spec, state, evaluations, result, error, created_at, finished_at
     FROM scenario_inverse WHERE id = $1`,
    [id],
  );
  const r = rows[0];
  if (r === undefined) return null;
  return {
    inverseId: r.id,
    spec: InverseSpec.parse(json(r.spec)),
    state: r.state,
    evaluations: Number(r.evaluations),
    createdAt: iso(r.created_at),
    finishedAt: r.finished_at === null ? null : iso(r.finished_at),
    error: r.error,
    result: r.result === null ? null : (json(r.result) as InverseResult),
  };
}

/** What the computation needs: the pinned scenario, base and policy options. */
export async function getInverseInputs(
  db: Db,
  id: string,
): Promise<{ scenario: Scenario; base: RegionSnapshot; policyOptions: PolicyOptions } | null> {
  const { rows } = await db.query<{ scenario: unknown; base_snapshot: unknown; policy_options: unknown }>(
    'SELECT scenario, base_snapshot, policy_options FROM scenario_inverse WHERE id = $1',
    [id],
  );
  const r = rows[0];
  if (r === undefined) return null;
  return {
    scenario: parseScenario(json(r.scenario)),
    base: json(r.base_snapshot) as RegionSnapshot,
    policyOptions: json(r.policy_options) as PolicyOptions,
  };
}

/** Move a question on; a finished (done, failed, cancelled) question never changes again. */
export async function updateInverse(
  db: Db,
  id: string,
  patch: { state?: RunState; evaluations?: number; result?: InverseResult; error?: string },
): Promise<boolean> {
  const r = await db.query(
    `UPDATE scenario_inverse SET
       state = coalesce($2::text, state),
       evaluations = greatest(evaluations, coalesce($3::int, evaluations)),
       result = coalesce($4::json, result),
       error = coalesce($5::text, error),
       started_at = CASE WHEN $2::text = 'running' THEN coalesce(started_at, now()) ELSE started_at END,
       finished_at = CASE WHEN $2::text IN ('done', 'failed', 'cancelled') THEN now() ELSE finished_at END
     WHERE id = $1 AND state NOT IN ('done', 'failed', 'cancelled')`,
    [
      id,
      patch.state ?? null,
      patch.evaluations ?? null,
      patch.result === undefined ? null : JSON.stringify(patch.result),
      patch.error ?? null,
    ],
  );
  return r.rowCount === 1;
}

/** Questions not finished yet (for `idle()` in tests and shutdown). */
export async function countOpenInverses(db: Db): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM scenario_inverse WHERE state IN ('queued', 'running')`,
  );
  return Number(rows[0]?.n ?? 0);
}
