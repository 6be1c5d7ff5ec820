// Schema migrations: numbered SQL files in ./migrations, applied in order, each in its own
// transaction together with its row in schema_migrations. Re-running applies nothing new. An
// applied file whose text has since changed is an error: migrations are append-only history.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { AppError } from '../errors.ts';
import type { Db } from './db.ts';

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

/**
 * Checksums an applied migration may also carry: the same statements under an earlier wording of a
 * comment. Only comments may ever be reworded this way (the statements are history); each entry says
 * what changed.
 */
const EARLIER_CHECKSUMS: Readonly<Record<string, readonly string[]>> = {
  // 003: a comment cited a document outside the repository; reworded, statements unchanged.
  '003_service': ['35a69a0c13fcabf27a27e800c03eb9d64c8543636677fa72ca9f2b3379e1d42f'],
};

/** Does a stored checksum belong to this migration (its current text or a listed earlier wording)? */
export function checksumMatches(m: Migration, stored: string): boolean {
  return stored === m.checksum || (EARLIER_CHECKSUMS[m.name] ?? []).includes(stored);
}

export const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);
const FILE_RE = /^(\d{3})_[a-z0-9_]+\.sql$/;

export async function readMigrations(dir: URL = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => FILE_RE.test(f)).sort();
  const out: Migration[] = [];
  for (const f of files) {
    const sql = await readFile(new URL(f, dir), 'utf8');
    out.push({
      name: f.replace(/\.sql$/, ''),
      sql,
      checksum: createHash('sha256').update(sql).digest('hex'),
    });
  }
  return out;
}

// Serialises concurrent migrators (two server processes starting at once) per schema, so test
// files with their own schemas do not wait for each other.
const LOCK = "SELECT pg_advisory_xact_lock(hashtext('opflow.migrate.' || current_schema()))";

export async function migrate(
  db: Db,
  opts: { dir?: URL } = {},
): Promise<{ applied: string[]; alreadyApplied: string[] }> {
  const migrations = await readMigrations(opts.dir);
  await db.transaction(async (tx) => {
    await tx.query(LOCK);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      name text PRIMARY KEY,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
  });
  const applied: string[] = [];
  const alreadyApplied: string[] = [];
  for (const m of migrations) {
    await db.transaction(async (tx) => {
      await tx.query(LOCK);
      const { rows } = await tx.query<{ checksum: string }>(
        'SELECT checksum FROM schema_migrations WHERE name = $1',
        [m.name],
      );
      const existing = rows[0];
      if (existing !== undefined) {
        if (!checksumMatches(m, existing.checksum)) {
          throw new AppError(
            'migration_changed',
            500,
            `migration ${m.name} was changed after it was applied; add a new migration instead`,
            { details: { migration: m.name } },
          );
        }
        alreadyApplied.push(m.name);
        return;
      }
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)', [m.name, m.checksum]);
      applied.push(m.name);
    });
  }
  return { applied, alreadyApplied };
}
