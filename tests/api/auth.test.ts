// Login, tokens, the HTTP basics (security headers, problem+json, 404, body limits), OpenAPI.
import { describe, expect, it } from 'vitest';
import { dbVariants } from '../helpers/db.ts';
import { PASSWORD, USERS, useHarness } from './harness.ts';
import { issueToken } from '../../src/auth/token.ts';

for (const variant of dbVariants()) {
  describe.skipIf(variant.skipReason !== undefined)(`auth and HTTP basics [${variant.name}]`, () => {
    // A settable clock: token expiry is tested by moving it, not by waiting.
    let now = Date.parse('2026-03-02T08:00:00Z');
    const h = useHarness(variant, {
      clock: () => new Date(now),
      env: { LOGIN_RATE_LIMIT_PER_MIN: '40', BODY_LIMIT: '2048', TOKEN_TTL_MIN: '60' },
    });

    it('logs in with the right password and returns a token and the user', async () => {
      const r = await h().call(undefined, 'POST', '/api/auth/login', {
        body: { email: USERS.vaxjo.email, password: PASSWORD },
      });
      expect(r.status).toBe(200);
      expect(r.json.token).toMatch(/^v1\.[\w-]+\.[\w-]+$/);
      expect(r.json.user).toMatchObject({
        role: 'coordinator',
        hospitalId: 'h-vaxjo',
        email: USERS.vaxjo.email,
      });
      expect(r.json.expiresAt).toBe(new Date(now + 60 * 60_000).toISOString());
    });

    it('refuses a wrong password and an unknown user alike (401 problem+json)', async () => {
      for (const body of [
        { email: USERS.planner.email, password: 'wrong' },
        { email: 'nobody@test.example', password: PASSWORD },
      ]) {
        const r = await h().call(undefined, 'POST', '/api/auth/login', { body });
        expect(r.status).toBe(401);
        expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(r.json).toMatchObject({
          status: 401,
          title: 'Unauthorized',
          detail: 'wrong email or password',
          instance: '/api/auth/login',
        });
      }
    });

    it('names the field of a bad login body', async () => {
      const r = await h().call(undefined, 'POST', '/api/auth/login', { body: { email: 'not-an-email' } });
      expect(r.status).toBe(400);
      const fields = r.json.errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['body.email', 'body.password']));
    });

    it('GET /api/me needs a valid, unexpired token', async () => {
      const me = await h().call('planner', 'GET', '/api/me');
      expect(me.status).toBe(200);
      expect(me.json).toMatchObject({ id: 'u-planner', role: 'planner' });
      expect(me.json.passwordHash).toBeUndefined();
      expect((await h().call(undefined, 'GET', '/api/me')).status).toBe(401);
      const forged = await fetch(`${h().base}/api/me`, {
        headers: {
          authorization: `Bearer ${issueToken('y'.repeat(40), { sub: 'u-admin', role: 'admin', sid: 's-1', ver: 0 }, now, 60).token}`,
        },
      });
      expect(forged.status).toBe(401);
      now += 61 * 60_000; // past the 60-minute TTL
      const expired = await h().call('planner', 'GET', '/api/me');
      expect(expired.status).toBe(401);
      expect(expired.json.detail).toBe('token expired');
      now -= 61 * 60_000;
    });

    it('sends security headers, a request id and no X-Powered-By', async () => {
      const r = await h().call('planner', 'GET', '/api/regions');
      expect(r.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('referrer-policy')).toBe('no-referrer');
      expect(r.headers.get('x-request-id')).toMatch(/^[\w-]+$/);
      expect(r.headers.get('x-powered-by')).toBeNull();
      expect(r.headers.get('cache-control')).toBe('no-store');
    });

    it('answers unknown routes, bad JSON and too-large bodies with problem+json', async () => {
      const nf = await h().call('planner', 'GET', '/api/nothing-here');
      expect(nf.status).toBe(404);
      expect(nf.headers.get('content-type')).toMatch(/problem\+json/);
      const bad = await fetch(`${h().base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"email":',
      });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe('body');
      const big = await h().call(undefined, 'POST', '/api/auth/login', {
        body: { email: 'a@b.se', password: 'x'.repeat(5000) },
      });
      expect(big.status).toBe(413);
      expect(big.json.code).toBe('body_too_large');
    });

    it('serves favicon (204), the OpenAPI 3.1 document and the docs page', async () => {
      expect((await fetch(`${h().base}/favicon.ico`)).status).toBe(204);
      const doc = await h().call(undefined, 'GET', '/api/openapi.json');
      expect(doc.status).toBe(200);
      expect(doc.json.openapi).toBe('3.1.0');
      expect(Object.keys(doc.json.paths)).toEqual(
        expect.arrayContaining([
          '/api/plans',
          '/api/plans/{id}',
          '/api/waiting-list',
          '/api/hospitals/{id}/waiting-list/import',
        ]),
      );
      expect(
        doc.json.paths['/api/plans'].post.requestBody.content['application/json'].schema.properties.week,
      ).toBeDefined();
      const docs = await fetch(`${h().base}/api/docs`);
      expect(docs.headers.get('content-type')).toMatch(/text\/html/);
      expect(await docs.text()).toContain('/api/plans/:id/kpis');
      const root = await fetch(`${h().base}/`);
      expect(await root.text()).toContain('The API is up');
    });

    it('every route with input answers bad input with 400 problem+json naming the field', async () => {
      const cases: [string, string, string, unknown, string][] = [
        ['planner', 'GET', '/api/plans?status=finished', undefined, 'query.status'],
        ['planner', 'GET', '/api/plans?week=2026-49', undefined, 'query.week'],
        ['planner', 'GET', '/api/plans/0', undefined, 'params.id'],
        ['planner', 'GET', '/api/plans/x/kpis', undefined, 'params.id'],
        ['planner', 'POST', '/api/plans/-1/resolve', {}, 'params.id'],
        ['planner', 'POST', '/api/plans', { weeks: 2 }, 'body.week'],
        ['planner', 'PATCH', '/api/plans/1', {}, 'body'],
        ['planner', 'GET', '/api/plans/1/settlement.csv'.replace('1', 'one'), undefined, 'params.id'],
        [
          'planner',
          'GET',
          '/api/plans/1/day-list.html?hospitalId=h-vaxjo&date=2026-02-31',
          undefined,
          'query.date',
        ],
        ['planner', 'GET', '/api/hospitals/h-vaxjo/roster-overrides?from=tomorrow', undefined, 'query.from'],
        ['planner', 'PUT', '/api/hospitals/h-vaxjo/roster-overrides', { from: '2026-03-01' }, 'body.to'],
        ['planner', 'DELETE', '/api/hospitals/h-vaxjo/closures/abc', undefined, 'params.closureId'],
        [
          'planner',
          'POST',
          '/api/hospitals/bad id/closures',
          { date: '2026-03-01', reason: 'x' },
          'params.id',
        ],
        [
          'vaxjo',
          'POST',
          '/api/plans/1/decisions',
          { patientId: 'wl-0001', decision: 'maybe' },
          'body.decision',
        ],
        ['planner', 'POST', '/api/plans/1/offers/wl-0001', {}, 'body.answer'],
        ['admin', 'GET', '/api/audit?limit=5000', undefined, 'query.limit'],
        ['admin', 'GET', '/api/audit/patients/%20', undefined, 'params.patientId'],
        ['planner', 'GET', '/api/waiting-list?offset=-1', undefined, 'query.offset'],
      ];
      for (const [who, method, path, body, field] of cases) {
        const r = await h().call(who as 'planner', method, path, body === undefined ? {} : { body });
        expect(r.status, `${method} ${path}`).toBe(400);
        expect(r.headers.get('content-type'), path).toMatch(/^application\/problem\+json/);
        expect(
          r.json.errors.map((e: { field: string }) => e.field),
          `${method} ${path}`,
        ).toContain(field);
      }
    });

    it('lists users for admins only, without password hashes', async () => {
      const r = await h().call('admin', 'GET', '/api/users');
      expect(r.status).toBe(200);
      expect(r.json.map((u: { id: string }) => u.id)).toEqual(
        expect.arrayContaining(['u-planner', 'u-vaxjo']),
      );
      expect(r.text).not.toMatch(/scrypt\$/);
      expect((await h().call('planner', 'GET', '/api/users')).status).toBe(403);
      expect((await h().call(undefined, 'GET', '/api/health')).json).toMatchObject({ ok: true });
    });

    it('rate-limits login per client (429 with Retry-After)', async () => {
      let last = 0;
      let retryAfter: string | null = null;
      for (let i = 0; i < 45 && last !== 429; i++) {
        const r = await h().call(undefined, 'POST', '/api/auth/login', {
          // A new address each time: the per-address limit, not the per-account lockout, answers.
          body: { email: `x${i}@test.example`, password: 'nope' },
        });
        last = r.status;
        retryAfter = r.headers.get('retry-after');
      }
      expect(last).toBe(429);
      expect(Number(retryAfter)).toBeGreaterThan(0);
      now += 60_000; // the next window
      const ok = await h().call(undefined, 'POST', '/api/auth/login', {
        body: { email: USERS.admin.email, password: PASSWORD },
      });
      expect(ok.status).toBe(200);
    });
  });
}
