// The Db adapters and migrations: idempotent migrations, transactions that commit, roll back and
// nest, PGlite's serialised transactions, and the append-only audit log.
import { describe, expect, it } from 'vitest';
import { migrate, readMigrations } from '../../src/db/migrate.ts';
import { dbVariants, useDb } from '../helpers/db.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

for (const variant of dbVariants()) {
  describe.skipIf(variant.skipReason !== undefined)(variant.name, () => {
    const db = useDb(variant);

    describe('migrations', () => {
      it('are recorded once each and re-running applies nothing', async () => {
        const files = (await readMigrations()).map((m) => m.name);
        expect(files.length).toBeGreaterThanOrEqual(2);
        const again = await migrate(db());
        expect(again.applied).toEqual([]);
        expect(again.alreadyApplied).toEqual(files);
        const { rows } = await db().query<{ name: string }>(
          'SELECT name FROM schema_migrations ORDER BY name',
        );
        expect(rows.map((r) => r.name)).toEqual(files);
      });

      it('refuse to run when an applied migration has changed', async () => {
        const [first] = await readMigrations();
        await db().query("UPDATE schema_migrations SET checksum = 'edited' WHERE name = $1", [first!.name]);
        try {
          await expect(migrate(db())).rejects.toMatchObject({ code: 'migration_changed' });
        } finally {
          await db().query('UPDATE schema_migrations SET checksum = $1 WHERE name = $2', [
            first!.checksum,
            first!.name,
          ]);
        }
      });

      it('accept a migration applied under an earlier, listed wording of its comments', async () => {
        const m = (await readMigrations()).find((x) => x.name === '003_service');
        expect(m).toBeDefined();
        const earlier = '35a69a0c13fcabf27a27e800c03eb9d64c8543636677fa72ca9f2b3379e1d42f';
        expect(m!.checksum).not.toBe(earlier);
        await db().query('UPDATE schema_migrations SET checksum = $1 WHERE name = $2', [earlier, m!.name]);
        try {
          const again = await migrate(db());
          expect(again.alreadyApplied).toContain('003_service');
        } finally {
          await db().query('UPDATE schema_migrations SET checksum = $1 WHERE name = $2', [
            m!.checksum,
            m!.name,
          ]);
        }
      });

      it('create the tables the planning service builds on', async () => {
        const { rows } = await db().query<{ table_name: string }>(
          `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()`,
        );
        const names = rows.map((r) => r.table_name);
        for (const t of ['waiting_list', 'users', 'audit_log', 'plans', 'jobs', 'idempotency_keys']) {
          expect(names).toContain(t);
        }
      });
    });

    describe('transactions', () => {
      it('commit when the function resolves', async () => {
        const result = await db().transaction(async (tx) => {
          await tx.query("INSERT INTO users (id, display_name, role) VALUES ('u-commit', 'C', 'planner')");
          return 'done';
        });
        expect(result).toBe('done');
        const { rowCount } = await db().query("SELECT 1 FROM users WHERE id = 'u-commit'");
        expect(rowCount).toBe(1);
      });

      it('roll back everything when the function throws, nested calls included', async () => {
        await expect(
          db().transaction(async (tx) => {
            await tx.query("INSERT INTO users (id, display_name, role) VALUES ('u-outer', 'O', 'planner')");
            await tx.transaction(async (inner) => {
              await inner.query(
                "INSERT INTO users (id, display_name, role) VALUES ('u-inner', 'I', 'planner')",
              );
            });
            throw new Error('boom');
          }),
        ).rejects.toThrow('boom');
        const { rowCount } = await db().query("SELECT 1 FROM users WHERE id IN ('u-outer', 'u-inner')");
        expect(rowCount).toBe(0);
      });

      it('roll back on an SQL error and leave the database usable', async () => {
        await expect(
          db().transaction(async (tx) => {
            await tx.query("INSERT INTO users (id, display_name, role) VALUES ('u-sqlerr', 'S', 'planner')");
            await tx.query('INSERT INTO users (id, display_name, role) VALUES ($1, $2, NULL)', [
              'u-null',
              'N',
            ]);
          }),
        ).rejects.toThrow();
        const { rowCount } = await db().query('SELECT 1 FROM users WHERE id = $1', ['u-sqlerr']);
        expect(rowCount).toBe(0);
      });

      it('refuse a transaction handle used after the transaction ended', async () => {
        const leaked = await db().transaction(async (tx) => tx);
        await expect(leaked.query('SELECT 1')).rejects.toThrow('transaction already finished');
      });

      it('do not let other work see uncommitted rows', async () => {
        const writer = db().transaction(async (tx) => {
          await tx.query("INSERT INTO users (id, display_name, role) VALUES ('u-pending', 'P', 'planner')");
          await sleep(50);
          throw new Error('abandon');
        });
        await sleep(5);
        const seen = await db().query("SELECT 1 FROM users WHERE id = 'u-pending'");
        await expect(writer).rejects.toThrow('abandon');
        expect(seen.rowCount).toBe(0);
      });

      // PGlite only: its one connection serialises transactions through opflow's own mutex; on
      // PostgreSQL transactions run concurrently by design, so that variant skips this test.
      it.runIf(variant.name === 'pglite')(
        'run one after the other on PGlite, never interleaved',
        async () => {
          const events: string[] = [];
          const tx = (name: string, pauseMs: number) =>
            db().transaction(async (t) => {
              events.push(`${name} begin`);
              await t.query('SELECT 1');
              await sleep(pauseMs);
              await t.query('SELECT 1');
              events.push(`${name} end`);
            });
          await Promise.all([
            tx('a', 40),
            tx('b', 0),
            db()
              .query('SELECT 1')
              .then(() => events.push('query')),
          ]);
          expect(events).toEqual(['a begin', 'a end', 'b begin', 'b end', 'query']);
        },
      );
    });

    describe('audit_log', () => {
      it('accepts inserts and rejects UPDATE, DELETE and TRUNCATE', async () => {
        const { rows } = await db().query<{ id: number }>(
          `INSERT INTO audit_log (user_id, role, action, patient_id, hospital_id, details)
           VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
          ['u-1', 'planner', 'view_patient', 'wl-0001', 'h-vaxjo', JSON.stringify({ reason: 'test' })],
        );
        const id = rows[0]!.id;
        expect(typeof id).toBe('number');
        await expect(
          db().query("UPDATE audit_log SET action = 'changed' WHERE id = $1", [id]),
        ).rejects.toThrow(/append-only/);
        await expect(db().query('DELETE FROM audit_log WHERE id = $1', [id])).rejects.toThrow(/append-only/);
        await expect(db().exec('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
        const after = await db().query<{ action: string; details: unknown }>(
          'SELECT action, details FROM audit_log WHERE id = $1',
          [id],
        );
        expect(after.rows).toEqual([{ action: 'view_patient', details: { reason: 'test' } }]);
      });
    });
  });
}
