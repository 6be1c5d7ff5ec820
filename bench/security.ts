// Security figures of issue 12, on one database (PGlite, or PostgreSQL with DATABASE_URL in a
// throw-away schema); run it once without and once with DATABASE_URL. The server is the real app
// on loopback with the small test region, one user per role and one solved plan. Prints JSON:
//   fuzz        ≥ 10,000 requests built from every route's zod schema (tests/helpers/fuzz.ts):
//               status counts, 5xx, errors that are not problem+json, writes without an audit
//               row (checked in SQL after the run);
//   bola        every route × every role against another hospital's objects (tests/helpers/bola.ts);
//   revocation  time from an admin's PATCH {disabled: true} (and from a hand-made UPDATE in SQL)
//               until the user's token gets 401 and their socket is disconnected.
//
//   npx tsx bench/security.ts [--requests 10000] [--concurrency 8] [--seed 12]
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as ioClient, type Socket } from 'socket.io-client';
import { openDb } from '../src/db/index.ts';
import { openPostgres } from '../src/db/postgres.ts';
import { loadSnapshot } from '../src/db/load.ts';
import { loadConfig } from '../src/config.ts';
import { createUser } from '../src/users/service.ts';
import { createApp } from '../api/app.ts';
import { uniqueSchemaName } from '../tests/helpers/db.ts';
import { smallSnapshot } from '../tests/helpers/smallSnapshot.ts';
import { poolsFrom, routeTable, runFuzz, writesWithoutAudit } from '../tests/helpers/fuzz.ts';
import { probeBola } from '../tests/helpers/bola.ts';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '10000' },
    concurrency: { type: 'string', default: '8' },
    seed: { type: 'string', default: '12' },
  },
  strict: true,
});

// The same users as the API tests' harness (which imports vitest, so it is not imported here).
const PASSWORD = 'test-password-1';
const USERS = {
  planner: { email: 'planner@test.example', role: 'planner' },
  hassleholm: { email: 'hassleholm@test.example', role: 'coordinator', hospitalId: 'h-hassleholm' },
  vaxjo: { email: 'vaxjo@test.example', role: 'coordinator', hospitalId: 'h-vaxjo' },
  analyst: { email: 'analyst@test.example', role: 'analyst' },
  admin: { email: 'admin@test.example', role: 'admin' },
} as const;

const url = process.env.DATABASE_URL;
const schema = url ? uniqueSchemaName('bsec') : undefined;
const dataDir = url ? undefined : mkdtempSync(join(tmpdir(), 'opflow-bsec-'));
const db = await openDb(
  url ? { databaseUrl: url, schema: schema as string } : { dataDir: dataDir as string },
);
await loadSnapshot(db, smallSnapshot());
for (const [key, u] of Object.entries(USERS))
  await createUser(db, {
    id: `u-${key}`,
    email: u.email,
    displayName: key,
    role: u.role,
    hospitalId: 'hospitalId' in u ? u.hospitalId : undefined,
    password: PASSWORD,
  });
const config = loadConfig({
  PORT: '0',
  TOKEN_SECRET: 's'.repeat(40),
  LOGIN_RATE_LIMIT_PER_MIN: '100000',
  SOLVE_TIME_LIMIT_S: '20',
});
const app = createApp({ db, config, log: () => undefined });
await app.recover();
const addr = await app.listen(0, '127.0.0.1');
const base = `http://127.0.0.1:${addr.port}`;

const post = async (path: string, body: unknown, token?: string) => {
  const r = await fetch(base + path, {
    method: path.startsWith('/api/users/') ? 'PATCH' : 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: r.status, json: (await r.json().catch(() => undefined)) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
};
const tokens: Record<string, string> = {};
for (const [key, u] of Object.entries(USERS))
  tokens[key] = (await post('/api/auth/login', { email: u.email, password: PASSWORD })).json.token;

// One solved plan, so plan routes have something to show.
const started = await post('/api/plans', { week: '2026-W11', leadDays: 0 }, tokens.planner);
if (started.status !== 202)
  throw new Error(`plan not started: ${started.status} ${JSON.stringify(started.json)}`);
for (let i = 0; i < 600; i++) {
  const st = await fetch(`${base}/api/plans/${started.json.planId}`, {
    headers: { authorization: `Bearer ${tokens.planner}` },
  });
  const plan = (await st.json()) as { status?: string };
  if (plan.status !== undefined && plan.status !== 'running') break;
  await new Promise((r) => setTimeout(r, 100));
}

// BOLA probes first (on the data as loaded), then the fuzz.
const bola = await probeBola(
  db,
  async (who, method, path, body) => {
    const r = await fetch(base + path, {
      method,
      headers: {
        authorization: `Bearer ${tokens[who]}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await r.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: r.status, text, json };
  },
  started.json.planId as number,
);

// Fresh tokens for the fuzz (a probe may have ended a session).
for (const [key, u] of Object.entries(USERS))
  tokens[key] = (await post('/api/auth/login', { email: u.email, password: PASSWORD })).json.token;

const q1 = async (sql: string): Promise<number> =>
  Number(Object.values((await db.query(sql)).rows[0] ?? { n: 0 })[0]);
const auditId = await q1('SELECT coalesce(max(id), 0)::int AS n FROM audit_log');
const closureOrd = await q1('SELECT coalesce(max(ord), -1)::int AS n FROM closures');
const t0 = performance.now();
const stats = await runFuzz({
  base,
  tokens,
  table: routeTable(),
  pools: await poolsFrom(db),
  requests: Number(values.requests),
  seed: Number(values.seed),
  concurrency: Number(values.concurrency),
});
const fuzzS = (performance.now() - t0) / 1000;
const audit = await writesWithoutAudit(db, stats, {
  auditId,
  closureOrd,
  userIds: Object.keys(USERS).map((k) => `u-${k}`),
});
const errors = Object.entries(stats.byStatus)
  .filter(([s]) => Number(s) >= 400)
  .reduce((a, [, n]) => a + n, 0);

// Revocation: through the API (in-process: immediate) and by hand in SQL (found by the guard's
// per-session re-check and the socket sweep).
const revocation = async (how: 'api' | 'sql', n: number) => {
  const email = `rev${how}${n}@test.example`;
  const created = await post(
    '/api/users',
    { email, displayName: 'R', role: 'analyst', password: 'a-long-enough-password' },
    tokens.admin,
  );
  const token = (await post('/api/auth/login', { email, password: 'a-long-enough-password' })).json
    .token as string;
  const socket: Socket = await new Promise((resolve, reject) => {
    const s = ioClient(base, { auth: { token }, transports: ['websocket'], reconnection: false });
    s.on('connect', () => resolve(s));
    s.on('connect_error', reject);
  });
  const start = performance.now();
  const socketGone = new Promise<number>((resolve) =>
    socket.on('disconnect', () => resolve(performance.now() - start)),
  );
  if (how === 'api') await post(`/api/users/${created.json.id}`, { disabled: true }, tokens.admin);
  else await db.query('UPDATE users SET disabled = true WHERE id = $1', [created.json.id]);
  let restMs = -1;
  while (performance.now() - start < 5000) {
    const r = await fetch(`${base}/api/me`, { headers: { authorization: `Bearer ${token}` } });
    if (r.status === 401) {
      restMs = performance.now() - start;
      break;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  const socketMs = await Promise.race([
    socketGone,
    new Promise<number>((r) => setTimeout(() => r(-1), 5000)),
  ]);
  socket.disconnect();
  return { restMs: Math.round(restMs), socketMs: Math.round(socketMs) };
};
const rev = { api: [] as unknown[], sql: [] as unknown[] };
for (let i = 0; i < 3; i++) {
  rev.api.push(await revocation('api', i));
  rev.sql.push(await revocation('sql', i));
}

process.stdout.write(
  `${JSON.stringify(
    {
      database: db.kind,
      fuzz: {
        requests: stats.requests,
        seconds: Number(fuzzS.toFixed(1)),
        byStatus: stats.byStatus,
        serverErrors: stats.serverErrors.length,
        errorResponses: errors,
        problemJsonShare: errors === 0 ? 1 : (errors - stats.nonProblemErrors.length) / errors,
        resent: stats.resent,
        writesWithoutAudit: audit.missing,
        writesPerAction: audit.perAction,
        firstServerErrors: stats.serverErrors
          .slice(0, 5)
          .map((o) => `${o.status} ${o.req.method} ${o.req.path}`),
      },
      bola: { probes: bola.probes, leaks: bola.leaks.length, firstLeaks: bola.leaks.slice(0, 5) },
      revocation: rev,
    },
    null,
    2,
  )}\n`,
);

await app.close({ graceMs: 0 });
await db.close();
if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
if (url !== undefined && schema !== undefined) {
  const admin = await openPostgres({ databaseUrl: url, max: 1 });
  await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await admin.close();
}
