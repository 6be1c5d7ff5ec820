// A cheap fingerprint of everything readSnapshot returns, so a caller may keep what it built from
// a snapshot until the data changes. The waiting list (and region_set, procedures) carry the data
// version of migration 005; every other table read into a snapshot counts as its row count and
// the newest transaction that wrote one of its rows (xmin): an insert or update raises the latter,
// a delete lowers the former. Any change committed by any process therefore changes the string.
import type { Db } from './db.ts';
import { SNAPSHOT_TABLES } from './snapshotRepo.ts';

const TABLES = [...SNAPSHOT_TABLES.filter((t) => t !== 'waiting_list'), 'guarantee_waivers'];
const SQL = `SELECT concat_ws('|', (SELECT version FROM waiting_list_version)::text, ${TABLES.map(
  (t) => `(SELECT count(*)::text || ':' || coalesce(max(xmin::text::bigint), 0)::text FROM ${t})`,
).join(', ')}) AS fingerprint`;

export async function snapshotFingerprint(db: Db): Promise<string> {
  const { rows } = await db.query<{ fingerprint: string }>(SQL);
  return rows[0]?.fingerprint ?? '';
}
