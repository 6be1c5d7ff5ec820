// What the job queue adds to a scenario run (migration 013): the pinned base snapshot and the
// policy options every replication of the run uses. Only SQL here.
import type { Db } from '../../db/db.ts';
import type { RegionSnapshot } from '../../domain/snapshot.ts';
import type { PolicyOptions } from '../../simulation/policies.ts';

const json = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);

export async function pinRunInputs(
  db: Db,
  runId: string,
  base: RegionSnapshot,
  policyOptions: PolicyOptions,
): Promise<void> {
  await db.query('UPDATE scenario_run SET base_snapshot = $2, policy_options = $3 WHERE id = $1', [
    runId,
    JSON.stringify(base),
    JSON.stringify(policyOptions),
  ]);
}

export async function getRunInputs(
  db: Db,
  runId: string,
): Promise<{ base: RegionSnapshot; policyOptions: PolicyOptions } | null> {
  const { rows } = await db.query<{ base_snapshot: unknown; policy_options: unknown }>(
    'SELECT base_snapshot, policy_options FROM scenario_run WHERE id = $1',
    [runId],
  );
  const r = rows[0];
  if (r === undefined || r.base_snapshot === null || r.policy_options === null) return null;
  return {
    base: json(r.base_snapshot) as RegionSnapshot,
    policyOptions: json(r.policy_options) as PolicyOptions,
  };
}

/** The run's state and its count of stored replications, for progress events. */
export async function runProgress(
  db: Db,
  runId: string,
): Promise<{ state: string; done: number; total: number } | null> {
  const { rows } = await db.query<{ state: string; done: number; total: number }>(
    `SELECT r.state, r.total, (SELECT count(*)::int FROM scenario_replication x WHERE x.run_id = r.id) AS done
     FROM scenario_run r WHERE r.id = $1`,
    [runId],
  );
  const r = rows[0];
  return r === undefined ? null : { state: r.state, done: Number(r.done), total: Number(r.total) };
}
