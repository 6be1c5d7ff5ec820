// Two servers on one database (issue 12, for issue 14's several servers): the login lockout and
// revocations are the database's, not a process's. A lockout counted through either server holds
// on both; a user disabled or a session revoked through one server is refused by the other, on
// REST and on its live socket, within a second. On PGlite the two apps share one Db; on
// PostgreSQL each app has its own connection pool on the same schema, as two processes would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as ioClient, type Socket } from 'socket.io-client';
import { createApp, type App } from '../../api/app.ts';
import { loadConfig } from '../../src/config.ts';
import { loadSnapshot } from '../../src/db/load.ts';
import { openDb } from '../../src/db/index.ts';
import type { Db } from '../../src/db/db.ts';
import { createUser } from '../../src/users/service.ts';
import { LOCK_AFTER } from '../../src/auth/lockout.ts';
import { dbVariants, type TestDb } from '../helpers/db.ts';
import { smallSnapshot } from '../helpers/smallSnapshot.ts';

const PASSWORD = 'multi-server-password';

for (const variant of dbVariants()) {
  describe.skipIf(variant.skipReason !== undefined)(`two servers, one database [${variant.name}]`, () => {
    let db: TestDb;
    let second: Db | undefined;
    const apps: App[] = [];
    const bases: string[] = [];
    const sockets: Socket[] = [];

    beforeAll(async () => {
      db = await variant.open();
      await loadSnapshot(db, smallSnapshot());
      await createUser(db, {
        id: 'u-admin',
        email: 'admin@multi.example',
        displayName: 'admin',
        role: 'admin',
        password: PASSWORD,
      });
      second =
        db.schema !== undefined
          ? await openDb({ databaseUrl: process.env.DATABASE_URL!, schema: db.schema })
          : undefined;
      const config = loadConfig({
        PORT: '0',
        TOKEN_SECRET: 's'.repeat(40),
        LOGIN_RATE_LIMIT_PER_MIN: '1000',
      });
      for (const d of [db, second ?? db]) {
        const app = createApp({ db: d, config, log: () => undefined });
        const addr = await app.listen(0, '127.0.0.1');
        apps.push(app);
        bases.push(`http://127.0.0.1:${addr.port}`);
      }
    });
    afterAll(async () => {
      for (const s of sockets) s.disconnect();
      for (const a of apps) await a.close({ graceMs: 0 });
      await second?.close();
      await db?.dispose();
    });

    const call = async (
      server: number,
      token: string | undefined,
      method: string,
      path: string,
      body?: unknown,
    ) => {
      const res = await fetch(bases[server] + path, {
        method,
        headers: {
          ...(token !== undefined ? { authorization: `Bearer ${token}` } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await res.text();
      return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : undefined };
    };
    const login = (server: number, email: string, password = PASSWORD) =>
      call(server, undefined, 'POST', '/api/auth/login', { email, password });
    let n = 0;
    /** A new coordinator created through server 0, logged in through `server`. */
    const coordinator = async (server: number) => {
      const admin = (await login(0, 'admin@multi.example')).json.token as string;
      const email = `m${++n}@multi.example`;
      const c = await call(0, admin, 'POST', '/api/users', {
        email,
        displayName: `Koordinator ${n}`,
        role: 'coordinator',
        hospitalId: 'h-vaxjo',
        password: PASSWORD,
      });
      expect(c.status).toBe(201);
      const l = await login(server, email);
      expect(l.status).toBe(200);
      return { id: c.json.id as string, email, token: l.json.token as string, admin };
    };
    const connect = (server: number, token: string): Promise<Socket> =>
      new Promise((resolve, reject) => {
        const s = ioClient(bases[server]!, {
          auth: { token },
          transports: ['websocket'],
          reconnection: false,
        });
        sockets.push(s);
        s.on('connect', () => resolve(s));
        s.on('connect_error', reject);
      });
    /** Poll `server` with the token until it is refused; the milliseconds that took. */
    const refusedAfterMs = async (server: number, token: string, t0: number): Promise<number> => {
      for (;;) {
        const r = await call(server, token, 'GET', '/api/me');
        if (r.status === 401) return Date.now() - t0;
        expect(r.status).toBe(200);
        if (Date.now() - t0 > 5000) return Infinity;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };

    it('failures counted on both servers lock the account on both', async () => {
      const u = await coordinator(0);
      // Alternate servers: the count is one count.
      for (let i = 0; i < LOCK_AFTER; i++)
        expect((await login(i % 2, u.email, 'wrong-password')).status).toBe(401);
      for (const server of [0, 1]) {
        const r = await login(server, u.email); // the right password
        expect(r.status).toBe(429);
        expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
      }
      // A lock made through server 1 alone holds on server 0 too.
      const v = await coordinator(1);
      for (let i = 0; i < LOCK_AFTER; i++)
        expect((await login(1, v.email, 'wrong-password')).status).toBe(401);
      expect((await login(0, v.email)).status).toBe(429);
    });

    it('disabling a user through one server ends REST and socket access on the other within a second', async () => {
      const u = await coordinator(1);
      const s = await connect(1, u.token);
      const gone = new Promise<number>((resolve) => s.on('disconnect', () => resolve(Date.now())));
      // Server 1 has just checked the session: its cache holds a fresh "yes".
      expect((await call(1, u.token, 'GET', '/api/me')).status).toBe(200);
      const p = await call(0, u.admin, 'PATCH', `/api/users/${u.id}`, { disabled: true });
      expect(p.status).toBe(200);
      // From the moment the change is committed (the answer is sent after the commit).
      const t0 = Date.now();
      const restMs = await refusedAfterMs(1, u.token, t0);
      expect(restMs).toBeLessThanOrEqual(1000);
      expect((await gone) - t0).toBeLessThanOrEqual(1000);
      expect((await login(1, u.email)).status).toBe(401);
    });

    it('revoking a session through one server refuses it on the other within a second', async () => {
      const u = await coordinator(1);
      expect((await call(1, u.token, 'GET', '/api/me')).status).toBe(200);
      const r = await call(0, u.admin, 'DELETE', `/api/users/${u.id}/sessions`);
      expect(r.status).toBe(200);
      const t0 = Date.now();
      expect(r.json.revoked).toBe(1);
      expect(await refusedAfterMs(1, u.token, t0)).toBeLessThanOrEqual(1000);
    });
  });
}
