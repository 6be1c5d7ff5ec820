// Two servers on one PostgreSQL (ADR 0019): an event emitted through server A reaches a socket.io
// client connected to server B within a second (the PostgreSQL adapter), and a solve started through
// A completes while B restarts (no server fails another's jobs at start).
import { afterAll, describe, expect, it } from 'vitest';
import { io as ioClient, type Socket } from 'socket.io-client';
import { dbVariants } from '../helpers/db.ts';
import { useHarness } from '../api/harness.ts';
import { openDb } from '../../src/db/index.ts';
import { createApp, type App } from '../../api/app.ts';
import { getPlanMeta } from '../../src/plans/repo.ts';
import type { Db } from '../../src/db/db.ts';

const url = process.env.DATABASE_URL;
const pg = dbVariants().find((v) => v.name.startsWith('postgres'));

describe.skipIf(!url || pg === undefined)(
  `two servers on one PostgreSQL${url ? '' : ' [skipped: DATABASE_URL not set]'}`,
  () => {
    if (!url || pg === undefined) return;
    const h = useHarness(pg, { env: { DATABASE_URL: url } });
    let b: { app: App; db: Db; base: string } | undefined;
    const clients: Socket[] = [];

    async function startB(): Promise<{ app: App; db: Db; base: string }> {
      const db = await openDb({ databaseUrl: url as string, schema: h().db.schema as string });
      const app = createApp({ db, config: h().config, log: () => undefined });
      await app.recover();
      const addr = await app.listen(0, '127.0.0.1');
      return { app, db, base: `http://127.0.0.1:${addr.port}` };
    }
    async function stopB(): Promise<void> {
      if (b === undefined) return;
      await b.app.close({ graceMs: 0 });
      await b.db.close();
      b = undefined;
    }
    afterAll(async () => {
      for (const c of clients) c.disconnect();
      await stopB();
    });

    it('an event emitted through A reaches a client connected to B within 1 s', async () => {
      b = await startB();
      const client = ioClient(b.base, {
        auth: { token: h().tokens.planner },
        transports: ['websocket'],
        reconnection: false,
      });
      clients.push(client);
      await new Promise<void>((resolve, reject) => {
        client.on('connect', () => resolve());
        client.on('connect_error', reject);
      });
      const received = new Promise<number>((resolve) =>
        client.on('plan.status', () => resolve(performance.now())),
      );
      const sent = performance.now();
      h().app.io.to('planners').emit('plan.status', { planId: 0, status: 'draft' });
      const at = await Promise.race([
        received,
        new Promise<number>((r) => setTimeout(() => r(Number.NaN), 1000)),
      ]);
      expect(Number.isNaN(at)).toBe(false);
      process.stdout.write(`  A → client on B (under load): ${(at - sent).toFixed(0)} ms\n`);
    });

    it('a solve started through A completes while B restarts', async () => {
      const r = await h().call('planner', 'POST', '/api/plans', { body: { week: '2026-W11', leadDays: 0 } });
      expect(r.status).toBe(202);
      const planId = (r.json as { planId: number }).planId;
      await stopB();
      b = await startB();
      await h().app.plans.queue.idle();
      expect(await getPlanMeta(h().db, planId)).toMatchObject({ status: 'draft' });
    });
  },
);
