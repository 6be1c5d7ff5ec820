// node-postgres adapter: a pool of connections to a real PostgreSQL. A transaction pins one
// pooled client from BEGIN to COMMIT/ROLLBACK; everything else borrows any client per statement.
import pg from 'pg';
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

export interface PostgresOptions {
  databaseUrl: string;
  /** Create and use this schema: every pooled connection starts with this search_path. */
  schema?: string;
  /** Pool size (default 10). */
  max?: number;
}

const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === OID_INT8) return parseInt8;
    if (oid === OID_DATE) return parseDate;
    return format === undefined ? pg.types.getTypeParser(oid) : pg.types.getTypeParser(oid, format);
  }) as typeof pg.types.getTypeParser,
};

type Queryable = Pick<pg.PoolClient, 'query'>;

async function runQuery<T>(
  c: Queryable,
  sql: string,
  params: readonly SqlParam[] | undefined,
): Promise<QueryResult<T>> {
  const res = await c.query(sql, params === undefined ? undefined : [...params]);
  return { rows: res.rows as T[], rowCount: res.rowCount ?? res.rows.length };
}

export async function openPostgres(opts: PostgresOptions): Promise<Db> {
  const schema = opts.schema === undefined ? undefined : quoteIdent(opts.schema);
  const pool = new pg.Pool({
    connectionString: opts.databaseUrl,
    max: opts.max ?? 10,
    types,
    // Startup parameters rather than a SET after connect: they hold for every pooled connection,
    // including ones opened later, with no race against the first query. JIT off: our statements
    // are short, and the planner's estimate for the past-guarantee rule (generate_series per row)
    // crosses jit_above_cost, so PostgreSQL 15 spent ~275 ms compiling a 40 ms count — seconds of
    // CPU per write under load (ADR 0007).
    options: `-c jit=off${schema !== undefined ? ` -c search_path=${schema}` : ''}`,
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  if (schema !== undefined) {
    try {
      await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } catch (e) {
      await pool.end();
      throw e;
    }
  }

  const txDb = (client: pg.PoolClient, isOpen: () => boolean): Db =>
    transactionDb(
      'postgres',
      {
        query: <T>(sql: string, params?: readonly SqlParam[]) => runQuery<T>(client, sql, params),
        exec: async (sql) => {
          await client.query(sql);
        },
      },
      isOpen,
    );

  return {
    kind: 'postgres',
    query: <T>(sql: string, params?: readonly SqlParam[]) => runQuery<T>(pool, sql, params),
    exec: async (sql) => {
      await pool.query(sql);
    },
    transaction: async (fn) => {
      const client = await pool.connect();
      let open = true;
      let broken = false;
      try {
        await client.query('BEGIN');
        const result = await fn(txDb(client, () => open));
        await client.query('COMMIT');
        return result;
      } catch (e) {
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true; // do not return a client in an unknown state to the pool
        }
        throw e;
      } finally {
        open = false;
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
