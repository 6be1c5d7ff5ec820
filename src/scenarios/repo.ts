// Scenarios in the database: append-only versions. Saving a scenario whose id exists stores the
// next version; reading returns the latest version unless one is asked for. Rows are parsed with
// the scenario schema on the way out, so a row edited by hand that no longer validates is an
// error naming the field, never a half-valid scenario.
import type { Db } from '../db/db.ts';
import { NotFoundError } from '../errors.ts';
import { parseScenario, type Scenario } from './model.ts';

export interface ScenarioSummary {
  id: string;
  name: string;
  version: number;
}

/** Store `scenario` as the next version of its id; returns it with the version it got. */
export async function saveScenario(db: Db, scenario: Scenario): Promise<Scenario> {
  return db.transaction(async (tx) => {
    // Serialise concurrent saves of one id (the primary key would refuse the loser anyway).
    await tx.query("SELECT pg_advisory_xact_lock(hashtext('opflow.scenario.' || $1))", [scenario.id]);
    const { rows } = await tx.query<{ v: number | null }>(
      'SELECT max(version)::int AS v FROM scenario WHERE id = $1',
      [scenario.id],
    );
    const version = (rows[0]?.v ?? 0) + 1;
    const stored = parseScenario({ ...scenario, version });
    await tx.query('INSERT INTO scenario (id, version, name, document) VALUES ($1, $2, $3, $4)', [
      stored.id,
      version,
      stored.name,
      JSON.stringify(stored),
    ]);
    return stored;
  });
}

export async function getScenario(db: Db, id: string, version?: number): Promise<Scenario> {
  const { rows } = await db.query<{ document: unknown }>(
    version === undefined
      ? 'SELECT document FROM scenario WHERE id = $1 ORDER BY version DESC LIMIT 1'
      : 'SELECT document FROM scenario WHERE id = $1 AND version = $2',
    version === undefined ? [id] : [id, version],
  );
  const row = rows[0];
  if (row === undefined) {
    throw new NotFoundError(`scenario ${id}${version === undefined ? '' : ` version ${version}`} not found`);
  }
  return parseScenario(typeof row.document === 'string' ? JSON.parse(row.document) : row.document);
}

/** Latest version of every scenario, by id. */
export async function listScenarios(db: Db): Promise<ScenarioSummary[]> {
  const { rows } = await db.query<ScenarioSummary>(
    `SELECT DISTINCT ON (id) id, name, version FROM scenario ORDER BY id, version DESC`,
  );
  return rows.map((r) => ({ id: r.id, name: r.name, version: Number(r.version) }));
}

export interface ScenarioVersionRow {
  version: number;
  name: string;
  createdAt: string;
}

/** Every stored version of one scenario, newest first (empty when the id is unknown). */
export async function listScenarioVersions(db: Db, id: string): Promise<ScenarioVersionRow[]> {
  const { rows } = await db.query<{ version: number; name: string; created_at: Date | string }>(
    'SELECT version, name, created_at FROM scenario WHERE id = $1 ORDER BY version DESC',
    [id],
  );
  return rows.map((r) => ({
    version: Number(r.version),
    name: r.name,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

/** Delete every version of a scenario; returns how many rows went. Runs keep their own copies. */
export async function deleteScenario(db: Db, id: string): Promise<number> {
  const r = await db.query('DELETE FROM scenario WHERE id = $1', [id]);
  return r.rowCount ?? 0;
}

/** The ids a scenario may refer to, from the current snapshot (for checkScenarioRefs). */
export async function knownScenarioRefs(db: Db): Promise<{
  hospitalIds: Set<string>;
  specialtyIds: Set<string>;
  procedureIds: Set<string>;
  teamIds: Set<string>;
}> {
  const ids = async (table: string): Promise<Set<string>> =>
    new Set((await db.query<{ id: string }>(`SELECT id FROM ${table}`)).rows.map((r) => r.id));
  return {
    hospitalIds: await ids('hospitals'),
    specialtyIds: await ids('specialties'),
    procedureIds: await ids('procedures'),
    teamIds: await ids('regional_teams'),
  };
}
