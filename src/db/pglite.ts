// PGlite adapter: PostgreSQL compiled to WASM, in this process. One connection: every top-level
// statement and every transaction goes through one mutex so transactions never interleave.
import { PGlite } from '@electric-sql/pglite';
import {
  OID_DATE,
  OID_INT8,
  parseDate,
  parseInt8,
  quoteIdent,
  transactionDb,
  type Db,
  type QueryResult,
  type SqlParam,
} from './db.ts';
import { createMutex } from './mutex.ts';

export interface PgliteOptions {
  /** A directory (e.g. `./data/pglite`) or `memory://` for a throw-away database. */
  dataDir?: string;
  /** Create and use this schema (search_path) instead of `public`. */
  schema?: string;
}

export const DEFAULT_PGLITE_DIR = './data/pglite';

type Runner = Pick<PGlite, 'query' | 'exec'>;

async function runQuery<T>(
  pg: Runner,
  sql: string,
  params: readonly SqlParam[] | undefined,
): Promise<QueryResult<T>> {
  const res = await pg.query<T>(sql, params === undefined ? undefined : [...params]);
  return { rows: res.rows, rowCount: res.rowCount ?? res.affectedRows ?? res.rows.length };
}

export async function openPglite(opts: PgliteOptions = {}): Promise<Db> {
  const dataDir = opts.dataDir ?? DEFAULT_PGLITE_DIR;
  if (!dataDir.includes('://')) {
    const { mkdir } = await import('node:fs/promises');
    await mkdir(dataDir, { recursive: true });
  }
  const pg = await PGlite.create(dataDir, {
    parsers: { [OID_INT8]: parseInt8, [OID_DATE]: parseDate },
  });
  if (opts.schema !== undefined) {
    const s = quoteIdent(opts.schema);
    // Session-level setting: PGlite has exactly one session, so it holds for every later query.
    await pg.exec(`CREATE SCHEMA IF NOT EXISTS ${s}; SET search_path TO ${s}`);
  }
  const mutex = createMutex();
  let closed = false;
  const ensureOpen = (): void => {
    if (closed) throw new Error('database is closed');
  };

  const txDb = (isOpen: () => boolean): Db =>
    transactionDb(
      'pglite',
      {
        query: <T>(sql: string, params?: readonly SqlParam[]) => runQuery<T>(pg, sql, params),
        exec: async (sql) => {
          await pg.exec(sql);
        },
      },
      isOpen,
    );

  const db: Db = {
    kind: 'pglite',
    query: <T>(sql: string, params?: readonly SqlParam[]) => {
      ensureOpen();
      return mutex.run(() => runQuery<T>(pg, sql, params));
    },
    exec: (sql) => {
      ensureOpen();
      return mutex.run(async () => {
        await pg.exec(sql);
      });
    },
    transaction: (fn) => {
      ensureOpen();
      return mutex.run(async () => {
        let open = true;
        await pg.exec('BEGIN');
        try {
          const result = await fn(txDb(() => open));
          await pg.exec('COMMIT');
          return result;
        } catch (e) {
          await pg.exec('ROLLBACK').catch(() => undefined);
          throw e;
        } finally {
          open = false;
        }
      });
    },
    close: async () => {
      if (closed) return;
      closed = true;
      // Let queued work finish first: closing under a running transaction would lose it.
      await mutex.run(() => pg.close());
    },
  };
  return db;
}
