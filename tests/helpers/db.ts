// Databases for integration tests: PGlite always, PostgreSQL when DATABASE_URL is set. Each test
// file opens one database per variant (PGlite cold start is ~3-4 s, so share it within the file);
// on PostgreSQL each file gets its own schema, dropped again by dispose().
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import type { Db } from '../../src/db/db.ts';
import { openDb } from '../../src/db/index.ts';
import { openPostgres } from '../../src/db/postgres.ts';

export interface TestDb extends Db {
  /** Close, and on PostgreSQL drop the file's schema. */
  dispose(): Promise<void>;
  /** The schema in use (PostgreSQL only). */
  readonly schema: string | undefined;
}

export interface DbVariant {
  name: string;
  /** Why the variant does not run here; undefined when it does. */
  skipReason: string | undefined;
  open(): Promise<TestDb>;
}

export function uniqueSchemaName(prefix = 't'): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

export function dbVariants(): DbVariant[] {
  const url = process.env.DATABASE_URL;
  const pglite: DbVariant = {
    name: 'pglite',
    skipReason: undefined,
    open: async () => {
      const db = await openDb({ dataDir: 'memory://' });
      return { ...db, schema: undefined, dispose: () => db.close() };
    },
  };
  const postgres: DbVariant = {
    name: url ? 'postgres' : 'postgres (DATABASE_URL not set)',
    skipReason: url ? undefined : 'DATABASE_URL not set',
    open: async () => {
      if (!url) throw new Error('DATABASE_URL not set');
      const schema = uniqueSchemaName();
      const db = await openDb({ databaseUrl: url, schema });
      return {
        ...db,
        schema,
        dispose: async () => {
          await db.close();
          // A separate short-lived pool: the test's own pool is closed by now.
          const admin = await openPostgres({ databaseUrl: url, max: 1 });
          try {
            await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
          } finally {
            await admin.close();
          }
        },
      };
    },
  };
  return [pglite, postgres];
}

/** Open the variant's database before the suite's tests and dispose of it after them. */
export function useDb(variant: DbVariant): () => TestDb {
  let db: TestDb | undefined;
  beforeAll(async () => {
    db = await variant.open();
  });
  afterAll(async () => {
    await db?.dispose();
  });
  return () => {
    if (db === undefined) throw new Error(`${variant.name}: database not open`);
    return db;
  };
}
