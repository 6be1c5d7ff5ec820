// Opening the database: PostgreSQL when a URL is configured, embedded PGlite otherwise. Both
// come back migrated to the latest schema.
import type { Db } from './db.ts';
import { migrate } from './migrate.ts';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';

export type { Db } from './db.ts';

export interface OpenDbOptions {
  /** `postgres://…`: use the real PostgreSQL. Absent: embedded PGlite. */
  databaseUrl?: string;
  /** PGlite data directory (default `./data/pglite`; `memory://` for a throw-away database). */
  dataDir?: string;
  /** Use (and create) this schema instead of `public`, e.g. one per test file. */
  schema?: string;
}

export async function openDb(opts: OpenDbOptions = {}): Promise<Db> {
  const schema = opts.schema !== undefined ? { schema: opts.schema } : {};
  const db =
    opts.databaseUrl !== undefined && opts.databaseUrl !== ''
      ? await openPostgres({ databaseUrl: opts.databaseUrl, ...schema })
      : await openPglite({ ...(opts.dataDir !== undefined ? { dataDir: opts.dataDir } : {}), ...schema });
  try {
    await migrate(db);
  } catch (e) {
    await db.close();
    throw e;
  }
  return db;
}
