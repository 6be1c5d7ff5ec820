// API benchmark on the Södra seed, loopback only: autocannon (programmatic) with 50 connections for
// 30 s against GET /api/waiting-list?limit=100 and GET /api/plans/:id/kpis, and the time from
// POST /api/plans to the `plan.solved` socket event. Prints one JSON document.
//
//   npx tsx bench/api.ts [--connections 50] [--duration 30] [--seed 7] [--scale 1] [--time-limit-s 30]
//
// Embedded PGlite in memory (DATABASE_URL set: that PostgreSQL, in a throw-away schema).
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { io as ioClient } from 'socket.io-client';
import { openDb } from '../src/db/index.ts';
import { loadSnapshot } from '../src/db/load.ts';
import { loadConfig } from '../src/config.ts';
import { DEMO_PASSWORD, seedDemoUsers } from '../src/auth/users.ts';
import { listHospitals } from '../src/db/referenceRepo.ts';
import { addDays, isoWeekStringOf } from '../src/calendar/isoWeek.ts';
import { generateRegion } from '../seed/generate.ts';
import { createApp } from '../api/app.ts';
import { uniqueSchemaName } from '../tests/helpers/db.ts';

interface AutocannonResult {
  requests: { average: number; mean: number; total: number; p50?: number };
  latency: { p50: number; p90: number; p99: number; max: number; average: number };
  throughput: { average: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
}
type Autocannon = (opts: {
  url: string;
  connections: number;
  duration: number;
  workers?: number;
  headers: Record<string, string>;
}) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '50' },
    duration: { type: 'string', default: '30' },
    seed: { type: 'string', default: '7' },
    scale: { type: 'string', default: '1' },
    'time-limit-s': { type: 'string', default: '30' },
  },
  strict: true,
});
const connections = Number(values.connections);
const duration = Number(values.duration);

const url = process.env.DATABASE_URL;
const db = await openDb(
  url ? { databaseUrl: url, schema: uniqueSchemaName('bench') } : { dataDir: 'memory://' },
);
const snapshot = generateRegion({ seed: Number(values.seed), scale: Number(values.scale) });
const load = await loadSnapshot(db, snapshot);
await seedDemoUsers(db, await listHospitals(db));
const config = loadConfig({
  PORT: '0',
  TOKEN_SECRET: 'b'.repeat(40),
  SOLVE_TIME_LIMIT_S: values['time-limit-s'],
  LOGIN_RATE_LIMIT_PER_MIN: '1000',
});
const app = createApp({ db, config, log: () => undefined });
await app.recover();
const addr = await app.listen(0, '127.0.0.1');
const base = `http://127.0.0.1:${addr.port}`;

const login = async (email: string): Promise<string> => {
  const r = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  return ((await r.json()) as { token: string }).token;
};
const plannerToken = await login('planner@opti.example');
const analystToken = await login('analyst@opti.example');

// POST plan -> plan.solved, observed by a socket client like the dashboard's.
const socket = ioClient(base, {
  auth: { token: plannerToken },
  transports: ['websocket'],
  reconnection: false,
});
await new Promise<void>((resolve, reject) => {
  socket.on('connect', () => resolve());
  socket.on('connect_error', reject);
});
const week = isoWeekStringOf(addDays(snapshot.asOfDate, 7));
const progress: { planId: number; phase: string; atMs: number }[] = [];
type Outcome = {
  planId: number;
  status?: string;
  objective?: number;
  gap?: number;
  patientsTreated?: number;
  error?: string;
};
const outcomes: Outcome[] = [];
let wake: (() => void) | undefined;
// Listen before posting: the result must not slip past between the POST and the subscription.
socket.on('solve.progress', (p: { planId: number; phase: string }) =>
  progress.push({ planId: p.planId, phase: p.phase, atMs: Math.round(performance.now() - t0) }),
);
for (const name of ['plan.solved', 'plan.failed']) {
  socket.on(name, (p: Outcome) => {
    outcomes.push(p);
    wake?.();
  });
}
const t0 = performance.now();
const post = await fetch(`${base}/api/plans`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization: `Bearer ${plannerToken}` },
  body: JSON.stringify({ week }),
});
const postMs = performance.now() - t0;
const { planId } = (await post.json()) as { planId: number };
while (!outcomes.some((o) => o.planId === planId)) await new Promise<void>((resolve) => (wake = resolve));
const solved = outcomes.find((o) => o.planId === planId) as Outcome;
if (solved.error !== undefined) throw new Error(`the solve failed: ${solved.error}`);
const solveMs = performance.now() - t0;
socket.disconnect();

const run = async (path: string, token: string): Promise<Record<string, number>> => {
  // The load generator runs in its own worker thread, so it does not share the server's event loop.
  const r = await autocannon({
    url: base + path,
    connections,
    duration,
    workers: 1,
    headers: { authorization: `Bearer ${token}` },
  });
  return {
    requests: r.requests.total,
    throughputReqPerS: Math.round(r.requests.average),
    p50Ms: r.latency.p50,
    p90Ms: r.latency.p90,
    p99Ms: r.latency.p99,
    maxMs: r.latency.max,
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
  };
};
const waitingList = await run('/api/waiting-list?limit=100', plannerToken);
const waitingListAnalyst = await run('/api/waiting-list?limit=100', analystToken);
const kpis = await run(`/api/plans/${planId}/kpis`, plannerToken);

await app.close({ graceMs: 0 });
await db.close();

process.stdout.write(
  `${JSON.stringify(
    {
      when: new Date().toISOString(),
      node: process.version,
      db: db.kind,
      seed: {
        seed: Number(values.seed),
        scale: Number(values.scale),
        waitingList: load.counts.waiting_list,
        loadMs: load.ms,
      },
      load: { connections, durationS: duration, loopback: true },
      'GET /api/waiting-list?limit=100 (planner)': waitingList,
      'GET /api/waiting-list?limit=100 (analyst)': waitingListAnalyst,
      'GET /api/plans/:id/kpis': kpis,
      solve: {
        week,
        postAcceptedMs: Math.round(postMs),
        postToPlanSolvedEventMs: Math.round(solveMs),
        progressEvents: progress
          .filter((p) => p.planId === planId)
          .map(({ phase, atMs }) => ({ phase, atMs })),
        status: solved.status,
        gap: solved.gap,
        patientsTreated: solved.patientsTreated,
        timeLimitS: Number(values['time-limit-s']),
      },
    },
    null,
    2,
  )}\n`,
);
