/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies are asserted structurally */
// Issue 12: change and audit in one transaction, text the database cannot store, out-of-range ids,
// Node's own 431. Each rule has one example test here; the fuzz suite covers the space.
import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { dbVariants } from '../helpers/db.ts';
import { PERSONNUMMER_RE, useHarness } from './harness.ts';
import { pseudonym } from '../../src/auth/scoping.ts';
import { withAudit, createAuditor } from '../../src/auth/audit.ts';
import { insertClosure } from '../../src/capacity/repo.ts';

const count = async (db: { query: (s: string) => Promise<{ rows: any[] }> }, sql: string): Promise<number> =>
  Number((await db.query(sql)).rows[0].n);

for (const variant of dbVariants()) {
  describe.skipIf(variant.skipReason !== undefined)(`security basics [${variant.name}]`, () => {
    const h = useHarness(variant);

    it('rejects a lone surrogate or NUL in a closure reason with a 400 naming the field; nothing is written', async () => {
      const before = await count(h().db, 'SELECT count(*)::int AS n FROM closures');
      const auditBefore = await count(h().db, 'SELECT count(*)::int AS n FROM audit_log');
      for (const reason of ['repro \ud800', 'tail \udc00 x', 'nul \u0000 here']) {
        const r = await h().call('planner', 'POST', '/api/hospitals/h-hassleholm/closures', {
          body: { date: '2026-03-20', reason },
        });
        expect(r.status).toBe(400);
        expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(r.json.errors.map((e: any) => e.field)).toContain('body.reason');
      }
      expect(await count(h().db, 'SELECT count(*)::int AS n FROM closures')).toBe(before);
      // Only the audit rows of the refusals (none: a 400 is not a change).
      expect(await count(h().db, 'SELECT count(*)::int AS n FROM audit_log')).toBe(auditBefore);
    });

    it('accepts a well-formed surrogate pair (an emoji) in a reason', async () => {
      const r = await h().call('planner', 'POST', '/api/hospitals/h-hassleholm/closures', {
        body: { date: '2026-03-21', reason: 'vattenläcka 💧' },
      });
      expect(r.status).toBe(201);
    });

    it('rejects NUL in a query string parameter (400), never 500', async () => {
      const r = await h().call('planner', 'GET', '/api/waiting-list?priorityGroup=A%00');
      expect(r.status).toBe(400);
      expect(r.json.errors[0].field).toBe('query.priorityGroup');
      const a = await h().call('admin', 'GET', '/api/audit?action=x%00y');
      expect(a.status).toBe(400);
    });

    it('answers an out-of-range closure id with 400 and an unknown one with 404', async () => {
      const big = await h().call('planner', 'DELETE', '/api/hospitals/h-hassleholm/closures/191212121212');
      expect(big.status).toBe(400);
      expect(big.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const none = await h().call('planner', 'DELETE', '/api/hospitals/h-hassleholm/closures/2147483647');
      expect(none.status).toBe(404);
    });

    it('writes a change and its audit row together: a failing audit insert rolls the change back', async () => {
      const db = h().db;
      const before = await count(db, 'SELECT count(*)::int AS n FROM closures');
      const failing = {
        ...createAuditor(() => new Date()),
        log: () => Promise.reject(new Error('audit down')),
      };
      await expect(
        withAudit(db, failing, undefined, { action: 'capacity.change' }, (tx) =>
          insertClosure(tx, { hospitalId: 'h-hassleholm', date: '2026-03-22', reason: 'x' }),
        ),
      ).rejects.toThrow('audit down');
      expect(await count(db, 'SELECT count(*)::int AS n FROM closures')).toBe(before);
      // And the other way round: a successful change has its row, in the same commit.
      const auditBefore = await count(
        db,
        "SELECT count(*)::int AS n FROM audit_log WHERE action = 'capacity.change'",
      );
      await withAudit(
        db,
        createAuditor(() => new Date()),
        undefined,
        { action: 'capacity.change' },
        (tx) => insertClosure(tx, { hospitalId: 'h-hassleholm', date: '2026-03-23', reason: 'y' }),
      );
      expect(await count(db, 'SELECT count(*)::int AS n FROM closures')).toBe(before + 1);
      expect(
        await count(db, "SELECT count(*)::int AS n FROM audit_log WHERE action = 'capacity.change'"),
      ).toBe(auditBefore + 1);
    });

    it('admins see patients pseudonymised unless they state a break-the-glass reason, which is audited', async () => {
      const url = '/api/waiting-list?limit=5';
      const plain = await h().call('admin', 'GET', url);
      expect(plain.status).toBe(200);
      expect(plain.text).not.toMatch(PERSONNUMMER_RE);
      expect(plain.json.rows.every((p: any) => p.view === 'pseudonymised' && p.id.startsWith('ps-'))).toBe(
        true,
      );
      const planner = await h().call('planner', 'GET', url);
      const analyst = await h().call('analyst', 'GET', url);
      // Per-role keys: the admin's and the analyst's pseudonyms of a patient differ, and neither is
      // the planner's id.
      const ids = (r: any): string[] => r.json.rows.map((p: any) => p.id);
      expect(ids(plain)).toEqual(ids(planner).map((id) => pseudonym('admin', id)));
      expect(ids(plain).some((id) => ids(analyst).includes(id) || ids(planner).includes(id))).toBe(false);
      const reason = 'Patient request for a log extract, ticket 4711';
      const glass = await h().call('admin', 'GET', url, { headers: { 'x-break-glass-reason': reason } });
      expect(glass.status).toBe(200);
      expect(ids(glass)).toEqual(ids(planner));
      expect(glass.text).toMatch(PERSONNUMMER_RE);
      const { rows } = await h().db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'break-the-glass' AND user_id = 'u-admin'
           AND details ->> 'reason' = $1`,
        [reason],
      );
      expect(rows[0]?.n).toBe(1);
      const short = await h().call('admin', 'GET', url, { headers: { 'x-break-glass-reason': 'because' } });
      expect(short.status).toBe(400);
    });

    it("a patient's log extract names only that patient", async () => {
      const page = await h().call('planner', 'GET', '/api/waiting-list?limit=20');
      const ids: string[] = page.json.rows.map((p: any) => p.id);
      expect(ids.length).toBeGreaterThan(2);
      const target = ids[1] as string;
      const r = await h().call('admin', 'GET', `/api/audit/patients/${target}`);
      expect(r.status).toBe(200);
      expect(r.json.rows.length).toBeGreaterThan(0);
      for (const other of ids.filter((id) => id !== target)) expect(r.text).not.toContain(`"${other}"`);
      const listRows = r.json.rows.filter((x: any) => x.action === 'patient.list');
      expect(listRows.length).toBeGreaterThan(0);
      for (const row of listRows) {
        expect(row.details.patientIds).toEqual([target]);
        expect(row.details.patientsShown).toBeGreaterThan(1);
      }
    });

    it("answers Node's 431 (headers over 16 KB) with problem+json", async () => {
      const url = new URL(h().base);
      const reply = await new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
        const req = httpRequest(
          {
            host: url.hostname,
            port: url.port,
            path: '/api/regions',
            headers: { 'x-big': 'a'.repeat(20_000) },
          },
          (res) => {
            let body = '';
            res.on('data', (c: Buffer) => (body += c.toString()));
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }),
            );
          },
        );
        req.on('error', reject);
        req.end();
      });
      expect(reply.status).toBe(431);
      expect(reply.type).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(reply.body)).toMatchObject({ status: 431, code: 'headers_too_large' });
    });
  });
}
