/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies are asserted structurally */
// User administration and revocation (issue 12): a disabled, changed or logged-out user's token
// stops working at once on REST and on socket.io; per-account lockout; the rate-limit key is the
// TCP peer unless TRUST_PROXY says otherwise; failed logins, lockouts and 403s are audited;
// one spelling per token.
import { describe, expect, it } from 'vitest';
import { io as ioClient, type Socket } from 'socket.io-client';
import { dbVariants } from '../helpers/db.ts';
import { useHarness } from './harness.ts';
import { LOCK_AFTER } from '../../src/auth/lockout.ts';

const NEW_PASSWORD = 'a-long-enough-password';

for (const variant of dbVariants()) {
  describe.skipIf(variant.skipReason !== undefined)(`users, sessions, lockout [${variant.name}]`, () => {
    const h = useHarness(variant, { env: { LOGIN_RATE_LIMIT_PER_MIN: '1000' } });

    const raw = async (token: string, method: string, path: string, body?: unknown) => {
      const res = await fetch(h().base + path, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await res.text();
      return {
        status: res.status,
        type: res.headers.get('content-type'),
        json: text ? JSON.parse(text) : undefined,
      };
    };
    const login = async (email: string, password = NEW_PASSWORD) => {
      const r = await h().call(undefined, 'POST', '/api/auth/login', { body: { email, password } });
      return r;
    };
    const connect = (token: string): Promise<Socket> =>
      new Promise((resolve, reject) => {
        const s = ioClient(h().base, { auth: { token }, transports: ['websocket'], reconnection: false });
        s.on('connect', () => resolve(s));
        s.on('connect_error', reject);
      });
    const disconnected = (s: Socket): Promise<number> => {
      const t0 = Date.now();
      return new Promise((resolve) => {
        if (!s.connected) resolve(0);
        s.on('disconnect', () => resolve(Date.now() - t0));
      });
    };
    let n = 0;
    const newCoordinator = async () => {
      const email = `c${++n}@test.example`;
      const c = await h().call('admin', 'POST', '/api/users', {
        body: {
          email,
          displayName: `Koordinator ${n}`,
          role: 'coordinator',
          hospitalId: 'h-vaxjo',
          password: NEW_PASSWORD,
        },
      });
      expect(c.status).toBe(201);
      const l = await login(email);
      expect(l.status).toBe(200);
      return { id: c.json.id as string, email, token: l.json.token as string };
    };

    it('an admin creates a user who can log in; only admins administer users', async () => {
      const u = await newCoordinator();
      expect((await raw(u.token, 'GET', '/api/me')).json).toMatchObject({ id: u.id, hospitalId: 'h-vaxjo' });
      const dup = await h().call('admin', 'POST', '/api/users', {
        body: { email: u.email.toUpperCase(), displayName: 'x', role: 'analyst', password: NEW_PASSWORD },
      });
      expect(dup.status).toBe(409);
      const noHospital = await h().call('admin', 'POST', '/api/users', {
        body: { email: 'z@test.example', displayName: 'x', role: 'coordinator', password: NEW_PASSWORD },
      });
      expect(noHospital.status).toBe(400);
      expect(noHospital.json.errors[0].field).toBe('body.hospitalId');
      for (const who of ['planner', 'vaxjo', 'analyst'] as const) {
        expect(
          (await h().call(who, 'PATCH', `/api/users/${u.id}`, { body: { disabled: true } })).status,
        ).toBe(403);
        expect((await h().call(who, 'POST', '/api/users', { body: {} })).status).toBe(403);
      }
    });

    it('disabling a user ends their REST access and their live socket at once', async () => {
      const u = await newCoordinator();
      const s = await connect(u.token);
      const gone = disconnected(s);
      expect((await raw(u.token, 'GET', '/api/me')).status).toBe(200);
      const t0 = Date.now();
      const p = await h().call('admin', 'PATCH', `/api/users/${u.id}`, { body: { disabled: true } });
      expect(p.status).toBe(200);
      expect(p.json.disabled).toBe(true);
      const after = await raw(u.token, 'GET', '/api/me');
      expect(after.status).toBe(401);
      expect(after.type).toMatch(/^application\/problem\+json/);
      expect(await gone).toBeLessThan(1000);
      expect(Date.now() - t0).toBeLessThan(1000);
      expect((await login(u.email)).status).toBe(401);
      // Sockets cannot come back with the old token either.
      await expect(connect(u.token)).rejects.toThrow(/unauthorized/);
    });

    it('moving a coordinator to another hospital ends the old token (no stale hospital scope)', async () => {
      const u = await newCoordinator();
      const s = await connect(u.token);
      const gone = disconnected(s);
      const p = await h().call('admin', 'PATCH', `/api/users/${u.id}`, {
        body: { hospitalId: 'h-hassleholm' },
      });
      expect(p.status).toBe(200);
      expect((await raw(u.token, 'GET', '/api/waiting-list?limit=1')).status).toBe(401);
      await gone;
      const again = await login(u.email);
      expect(again.json.user.hospitalId).toBe('h-hassleholm');
      const role = await h().call('admin', 'PATCH', `/api/users/${u.id}`, { body: { role: 'analyst' } });
      expect(role.json).toMatchObject({ role: 'analyst' });
      expect(role.json.hospitalId).toBeUndefined();
      expect((await raw(again.json.token, 'GET', '/api/me')).status).toBe(401);
    });

    it('a change made in the database by hand takes effect within a second (REST and socket)', async () => {
      const u = await newCoordinator();
      const s = await connect(u.token);
      const gone = disconnected(s);
      await h().db.query('UPDATE users SET disabled = true WHERE id = $1', [u.id]);
      const t0 = Date.now();
      let status = 200;
      while (status === 200 && Date.now() - t0 < 3000) {
        status = (await raw(u.token, 'GET', '/api/me')).status;
        if (status === 200) await new Promise((r) => setTimeout(r, 50));
      }
      expect(status).toBe(401);
      expect(Date.now() - t0).toBeLessThanOrEqual(1000);
      expect(await gone).toBeLessThanOrEqual(1100);
    });

    it('lists and revokes sessions; logout ends only that session', async () => {
      const u = await newCoordinator();
      const second = (await login(u.email)).json.token as string;
      const list = await h().call('admin', 'GET', `/api/users/${u.id}/sessions`);
      expect(list.status).toBe(200);
      expect(list.json).toHaveLength(2);
      expect(list.json.every((x: any) => x.revokedAt === undefined)).toBe(true);
      expect((await raw(second, 'POST', '/api/auth/logout')).status).toBe(204);
      expect((await raw(second, 'GET', '/api/me')).status).toBe(401);
      expect((await raw(u.token, 'GET', '/api/me')).status).toBe(200);
      const s = await connect(u.token);
      const gone = disconnected(s);
      const open = (await h().call('admin', 'GET', `/api/users/${u.id}/sessions`)).json.find(
        (x: any) => x.revokedAt === undefined,
      );
      const r = await h().call('admin', 'DELETE', `/api/users/${u.id}/sessions/${open.id}`);
      expect(r.status).toBe(200);
      expect(r.json.revoked).toBe(1);
      expect((await raw(u.token, 'GET', '/api/me')).status).toBe(401);
      await gone;
      expect((await h().call('admin', 'DELETE', `/api/users/${u.id}/sessions/${open.id}`)).status).toBe(404);
    });

    it('a password reset ends the old sessions; the new password works', async () => {
      const u = await newCoordinator();
      const r = await h().call('admin', 'PUT', `/api/users/${u.id}/password`, {
        body: { password: 'another-long-password' },
      });
      expect(r.status).toBe(204);
      expect((await raw(u.token, 'GET', '/api/me')).status).toBe(401);
      expect((await login(u.email, 'another-long-password')).status).toBe(200);
      expect(
        (await h().call('admin', 'PUT', `/api/users/${u.id}/password`, { body: { password: 'short' } }))
          .status,
      ).toBe(400);
    });

    it('an admin cannot lock themselves out', async () => {
      const r = await h().call('admin', 'PATCH', '/api/users/u-admin', { body: { disabled: true } });
      expect(r.status).toBe(403);
    });

    it(`locks an account after ${LOCK_AFTER} failures (429 problem+json, Retry-After), even for the right password; audited`, async () => {
      const u = await newCoordinator();
      for (let i = 0; i < LOCK_AFTER; i++) expect((await login(u.email, 'wrong-password')).status).toBe(401);
      const locked = await login(u.email); // the right password
      expect(locked.status).toBe(429);
      expect(locked.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
      const { rows } = await h().db.query<{ action: string; n: number }>(
        `SELECT action, count(*)::int AS n FROM audit_log WHERE action IN ('login.failed', 'login.locked')
           AND details ->> 'email' = $1 GROUP BY action`,
        [u.email],
      );
      const byAction = Object.fromEntries(rows.map((x) => [x.action, x.n]));
      expect(byAction['login.failed']).toBe(LOCK_AFTER + 1);
      expect(byAction['login.locked']).toBe(1);
    });

    it('audits 403 refusals', async () => {
      const r = await h().call('vaxjo', 'POST', '/api/hospitals/h-hassleholm/closures', {
        body: { date: '2026-03-20', reason: 'not mine' },
      });
      expect(r.status).toBe(403);
      const { rows } = await h().db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'access.denied' AND user_id = 'u-vaxjo'
           AND details ->> 'path' = '/api/hospitals/h-hassleholm/closures'`,
      );
      expect(rows[0]?.n).toBeGreaterThanOrEqual(1);
    });

    it('refuses non-canonical spellings of a genuine token', async () => {
      const t = h().tokens.planner;
      const [v, body, sig] = t.split('.') as [string, string, string];
      const variants = [
        `${v}.${body}.${sig}=`,
        `${v}.${body}=.${sig}`,
        `${v}.${body}.${sig.replace(/-/g, '+').replace(/_/g, '/')}`,
        // Flip the unused low bits of the last character: same bytes, different text.
        `${v}.${body}.${sig.slice(0, -1)}${String.fromCharCode(sig.charCodeAt(sig.length - 1) ^ 1)}`,
      ].filter((x) => x !== t);
      expect((await raw(t, 'GET', '/api/me')).status).toBe(200);
      for (const x of variants) expect((await raw(x, 'GET', '/api/me')).status).toBe(401);
    });
  });

  describe.skipIf(variant.skipReason !== undefined)(`login rate-limit key [${variant.name}]`, () => {
    // The harness itself logs in its five users from this address: five attempts are left.
    const h = useHarness(variant, { env: { LOGIN_RATE_LIMIT_PER_MIN: '10' } });
    it('ignores X-Forwarded-For unless TRUST_PROXY is set: a client cannot pick a fresh key', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) {
        const r = await h().call(undefined, 'POST', '/api/auth/login', {
          body: { email: `nobody${i}@test.example`, password: 'x' },
          headers: { 'x-forwarded-for': `10.0.0.${i}` },
        });
        statuses.push(r.status);
        if (r.status === 429) expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      }
      expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
      expect(statuses.slice(5)).toEqual([429, 429, 429]);
    });
  });
}
