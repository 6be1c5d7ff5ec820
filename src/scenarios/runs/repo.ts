// Scenario runs in the database. Only SQL here: what a run or a replication is lives in
// contract.ts, how they are computed lives with the executor.
import type { Db } from '../../db/db.ts';
import type { ReplicationResult } from '../../simulation/types.ts';
import { parseScenario, type Scenario } from '../model.ts';
import { RunSpec, type ReplicationKey, type RunState, type RunStatus } from './contract.ts';

interface RunRow {
  id: string;
  spec: unknown;
  state: RunState;
  total: number;
  created_at: Date | string;
  finished_at: Date | string | null;
  error: string | null;
  done: number;
  elapsed_ms: number;
}

const json = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);
const iso = (v: Date | string): string => (v instanceof Date ? v.toISOString() : new Date(v).toISOString());

export async function insertRun(
  db: Db,
  run: { id: string; spec: RunSpec; scenarios: Scenario[]; total: number; createdBy: string },
): Promise<void> {
  await db.query(
    `INSERT INTO scenario_run (id, spec, scenarios, state, total, created_by) VALUES ($1, $2, $3, 'queued', $4, $5)`,
    [run.id, JSON.stringify(run.spec), JSON.stringify(run.scenarios), run.total, run.createdBy],
  );
}

export async function setRunState(
  db: Db,
  runId: string,
  state: RunState,
  error: string | null = null,
): Promise<void> {
  await db.query(
    `UPDATE scenario_run SET state = $2, error = $3,
       started_at = CASE WHEN $2 = 'running' THEN coalesce(started_at, now()) ELSE started_at END,
       finished_at = CASE WHEN $2 IN ('done', 'failed', 'cancelled') THEN now() ELSE finished_at END
     WHERE id = $1 AND state NOT IN ('done', 'failed', 'cancelled')`,
    [runId, state, error],
  );
}

/** Store one finished replication; a second store of the same key is ignored (exactly once). */
export async function insertReplication(
  db: Db,
  key: ReplicationKey,
  result: ReplicationResult,
  elapsedMs: number,
  worker: string,
): Promise<boolean> {
  const r = await db.query(
    `INSERT INTO scenario_replication (run_id, scenario_id, scenario_version, policy, replication, result, elapsed_ms, worker)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
    [
      key.runId,
      key.scenarioId,
      key.scenarioVersion,
      key.policy,
      key.replication,
      JSON.stringify(result),
      Math.round(elapsedMs),
      worker,
    ],
  );
  return r.rowCount === 1;
}

const STATUS_SQL = `SELECT r.id, r.spec, r.state, r.total, r.created_at, r.finished_at, r.error,
    (SELECT count(*)::int FROM scenario_replication x WHERE x.run_id = r.id) AS done,
    (SELECT coalesce(sum(x.elapsed_ms), 0)::int FROM scenario_replication x WHERE x.run_id = r.id) AS elapsed_ms
  FROM scenario_run r`;

function toStatus(r: RunRow): RunStatus {
  const done = Number(r.done);
  const perReplicationS = done > 0 ? Number(r.elapsed_ms) / done / 1000 : null;
  const active = r.state === 'queued' || r.state === 'running';
  return {
    runId: r.id,
    spec: RunSpec.parse(json(r.spec)),
    state: r.state,
    total: Number(r.total),
    done,
    etaSeconds:
      active && perReplicationS !== null ? Math.round(perReplicationS * (Number(r.total) - done)) : null,
    createdAt: iso(r.created_at),
    finishedAt: r.finished_at === null ? null : iso(r.finished_at),
    error: r.error,
  };
}

export async function getRunStatus(db: Db, runId: string): Promise<RunStatus | null> {
  const { rows } = await db.query<RunRow>(`${STATUS_SQL} WHERE r.id = $1`, [runId]);
  return rows[0] === undefined ? null : toStatus(rows[0]);
}

export async function listRunStatuses(db: Db, limit = 50): Promise<RunStatus[]> {
  const { rows } = await db.query<RunRow>(`${STATUS_SQL} ORDER BY r.created_at DESC, r.id LIMIT $1`, [limit]);
  return rows.map(toStatus);
}

/** The scenario documents a run was started with, in the spec's order. */
export async function runScenarios(db: Db, runId: string): Promise<Scenario[]> {
  const { rows } = await db.query<{ scenarios: unknown }>(
    'SELECT scenarios FROM scenario_run WHERE id = $1',
    [runId],
  );
  const list = rows[0] === undefined ? [] : (json(rows[0].scenarios) as unknown[]);
  return list.map((s) => parseScenario(s));
}

/** Finished replications of a run, ordered by scenario, policy and replication number. */
export async function runReplications(
  db: Db,
  runId: string,
): Promise<(Omit<ReplicationKey, 'runId'> & { result: ReplicationResult; elapsedMs: number })[]> {
  const { rows } = await db.query<{
    scenario_id: string;
    scenario_version: number;
    policy: ReplicationKey['policy'];
    replication: number;
    result: unknown;
    elapsed_ms: number;
  }>(
    `SELECT scenario_id, scenario_version, policy, replication, result, elapsed_ms FROM scenario_replication
     WHERE run_id = $1 ORDER BY scenario_id, scenario_version, policy, replication`,
    [runId],
  );
  return rows.map((r) => ({
    scenarioId: r.scenario_id,
    scenarioVersion: Number(r.scenario_version),
    policy: r.policy,
    replication: Number(r.replication),
    result: json(r.result) as ReplicationResult,
    elapsedMs: Number(r.elapsed_ms),
  }));
}
