// The one database interface of opflow. Two adapters implement it: embedded PGlite (single
// process, no server) and node-postgres against a real PostgreSQL. Repositories take a `Db` and
// never know which one they talk to.

/** A value bound to a `$n` placeholder. Objects meant for json/jsonb columns are passed as JSON text. */
export type SqlParam = string | number | boolean | null | Date | readonly SqlParam[];

export interface QueryResult<T> {
  rows: T[];
  /** Rows returned (SELECT) or affected (INSERT/UPDATE/DELETE). */
  rowCount: number;
}

export interface Db {
  readonly kind: 'pglite' | 'postgres';
  /** One statement, parameterised with `$1…$n`. Never build SQL from input; bind it. */
  query<T = Record<string, unknown>>(sql: string, params?: readonly SqlParam[]): Promise<QueryResult<T>>;
  /**
   * Run `fn` in one transaction: COMMIT when it resolves, ROLLBACK when it throws. Inside `fn` use
   * only `tx` (the outer `Db` waits for the transaction to end, so using it there would deadlock on
   * PGlite and escape the transaction on PostgreSQL). A nested `tx.transaction()` reuses the outer
   * transaction: no savepoint, so an error inside aborts the whole.
   */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  /** A multi-statement script without parameters (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Value normalisation shared by both adapters, so repositories see the same JS types:
 * `date` stays the ISO text `YYYY-MM-DD` (a JS Date would shift with the process time zone), and
 * `bigint`/`bigserial` become numbers (ids and counts stay far below 2^53; beyond that we fail loudly
 * rather than round silently).
 */
export const OID_INT8 = 20;
export const OID_DATE = 1082;

export function parseInt8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new RangeError(`bigint ${text} exceeds the safe integer range`);
  return n;
}

export function parseDate(text: string): string {
  return text;
}

/** Quote a trusted identifier (schema names from configuration); rejects anything unusual. */
export function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) {
    throw new RangeError(`unsupported identifier "${name}" (use lower-case letters, digits and _)`);
  }
  return `"${name}"`;
}

/**
 * The `Db` handed to a transaction callback: every call runs on the transaction's own connection
 * and is refused once the transaction has finished; nested transactions reuse it. Shared by the
 * PGlite and pg adapters, which differ only in how they run a statement.
 */
export function transactionDb(
  kind: Db['kind'],
  run: {
    query<T>(sql: string, params?: readonly SqlParam[]): Promise<QueryResult<T>>;
    exec(sql: string): Promise<void>;
  },
  isOpen: () => boolean,
): Db {
  const check = (): void => {
    if (!isOpen()) throw new Error('transaction already finished');
  };
  const tx: Db = {
    kind,
    query: async <T>(sql: string, params?: readonly SqlParam[]) => {
      check();
      return run.query<T>(sql, params);
    },
    exec: async (sql) => {
      check();
      await run.exec(sql);
    },
    transaction: async (fn) => {
      check();
      return fn(tx);
    },
    close: async () => {
      throw new Error('close() the database, not a transaction');
    },
  };
  return tx;
}
