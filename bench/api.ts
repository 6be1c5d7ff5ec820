// API benchmark on the Södra seed, loopback only. The server runs as `opflow serve` runs it (PGlite
// in a data directory, or PostgreSQL with DATABASE_URL in a throw-away schema); the load comes from
// wrk in its own process (C, so the load generator takes little of the two cores), or from
// autocannon when wrk is not installed (`apt-get install wrk`). Prints one JSON document.
//
//   npx tsx bench/api.ts [--connections 50] [--duration 30] [--seed 7] [--scale 1]
//                        [--time-limit-s 30] [--load wrk|autocannon] [--write-every-ms 1000] [--warmup-s 5]
//
// Scenarios, each after --warmup-s seconds of the same load (reported apart: the first seconds after
// a start or a write), then --duration seconds with --connections clients always waiting:
//   same page    GET /api/waiting-list?limit=100, planner and analyst (issue 4's figure);
//   mixed pages  ~90 different pages (every hospital, deep offsets, sorts, past guarantee), planner;
//   with writes  mixed pages while the list is written every --write-every-ms (each write makes every
//                served page stale: the worst case for the page cache, ADR 0007);
//   KPIs         GET /api/plans/:id/kpis;
// then the time from POST /api/plans to the `plan.solved` socket event. After each read scenario
// the audit log is counted: every completed read must have written its row.
import { createRequire } from 'node:module';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { io as ioClient } from 'socket.io-client';
import { openDb } from '../src/db/index.ts';
import { loadSnapshot } from '../src/db/load.ts';
import { loadConfig } from '../src/config.ts';
import { DEMO_PASSWORD, seedDemoUsers } from '../src/users/service.ts';
import { listHospitals } from '../src/reference/repo.ts';
import { addDays, isoWeekStringOf } from '../src/calendar/isoWeek.ts';
import { generateRegion } from '../seed/generate.ts';
import { createApp } from '../api/app.ts';
import { uniqueSchemaName } from '../tests/helpers/db.ts';

const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '50' },
    duration: { type: 'string', default: '30' },
    seed: { type: 'string', default: '7' },
    scale: { type: 'string', default: '1' },
    'time-limit-s': { type: 'string', default: '30' },
    load: { type: 'string' },
    'write-every-ms': { type: 'string', default: '1000' },
    'warmup-s': { type: 'string', default: '5' },
  },
  strict: true,
});
const connections = Number(values.connections);
const durationS = Number(values.duration);
const writeEveryMs = Number(values['write-every-ms']);
const warmupS = Number(values['warmup-s']);
const hasWrk = spawnSync('wrk', ['--version']).error === undefined;
const loadTool = values.load ?? (hasWrk ? 'wrk' : 'autocannon');
if (loadTool !== 'wrk' && loadTool !== 'autocannon')
  throw new Error(`--load: wrk or autocannon, not ${loadTool}`);
if (loadTool === 'wrk' && !hasWrk) throw new Error('--load wrk: wrk is not installed (apt-get install wrk)');

const url = process.env.DATABASE_URL;
const dataDir = url ? undefined : mkdtempSync(join(tmpdir(), 'opflow-bench-'));
const db = await openDb(url ? { databaseUrl: url, schema: uniqueSchemaName('bench') } : { dataDir });
const snapshot = generateRegion({ seed: Number(values.seed), scale: Number(values.scale) });
const load = await loadSnapshot(db, snapshot);
const hospitals = await listHospitals(db);
await seedDemoUsers(db, hospitals);
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

// ---- POST plan -> plan.solved, observed by a socket client like the dashboard's.
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
type Outcome = { planId: number; status?: string; gap?: number; patientsTreated?: number; error?: string };
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

// ---- load runners
interface LoadFigures {
  requests: number;
  throughputReqPerS: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}

async function runWrk(paths: readonly string[], token: string, seconds: number): Promise<LoadFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'opflow-wrk-'));
  const script = join(dir, 'paths.lua');
  writeFileSync(
    script,
    `math.randomseed(7)
local paths = { ${paths.map((p) => JSON.stringify(p)).join(', ')} }
wrk.headers["authorization"] = ${JSON.stringify(`Bearer ${token}`)}
request = function() return wrk.format("GET", paths[math.random(#paths)]) end
done = function(s, latency, _)
  io.write(string.format('@@{"requests":%d,"durationUs":%d,"p50Us":%d,"p90Us":%d,"p99Us":%d,"maxUs":%d,"errors":%d,"timeouts":%d,"non2xx":%d}\\n',
    s.requests, s.duration, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    s.errors.connect + s.errors.read + s.errors.write, s.errors.timeout, s.errors.status))
end
`,
  );
  // Asynchronous: the server shares this process's event loop and must keep serving meanwhile.
  const child = spawn(
    'wrk',
    ['-t1', `-c${connections}`, `-d${seconds}s`, '--timeout', '10s', '-s', script, base],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  await new Promise<void>((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`wrk exited with ${code}`)))),
  );
  rmSync(dir, { recursive: true, force: true });
  const line = out.split('\n').find((l) => l.startsWith('@@'));
  if (line === undefined) throw new Error(`wrk printed no summary: ${out}`);
  const w = JSON.parse(line.slice(2)) as Record<string, number>;
  const n = (k: string): number => w[k] as number;
  return {
    requests: n('requests'),
    throughputReqPerS: Math.round(n('requests') / (n('durationUs') / 1e6)),
    p50Ms: n('p50Us') / 1000,
    p90Ms: n('p90Us') / 1000,
    p99Ms: n('p99Us') / 1000,
    maxMs: n('maxUs') / 1000,
    errors: n('errors'),
    timeouts: n('timeouts'),
    non2xx: n('non2xx'),
  };
}

interface AutocannonResult {
  requests: { total: number; average: number };
  latency: { p50: number; p90: number; p99: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}
type Autocannon = (opts: Record<string, unknown>) => Promise<AutocannonResult>;

async function runAutocannon(paths: readonly string[], token: string, seconds: number): Promise<LoadFigures> {
  const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
  const r = await autocannon({
    url: base,
    connections,
    duration: seconds,
    workers: 1, // its own worker thread, not the server's event loop
    headers: { authorization: `Bearer ${token}` },
    // Each connection cycles through the paths in order (a function could not reach the worker).
    requests: paths.map((path) => ({ method: 'GET', path })),
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
}

const auditedReads = async (): Promise<number> =>
  (
    await db.query<{ n: number }>(
      `SELECT count(*)::integer AS n FROM audit_log WHERE action = 'patient.list'`,
    )
  ).rows[0]?.n ?? 0;

/** One scenario; list scenarios also report the audit rows their reads wrote. */
async function scenario(
  paths: readonly string[],
  token: string,
  opts: { writes?: boolean } = {},
): Promise<LoadFigures & { auditRows?: number; writes?: number; warmup?: Partial<LoadFigures> }> {
  let writes = 0;
  let writing: Promise<unknown> = Promise.resolve();
  const timer =
    opts.writes === true
      ? setInterval(() => {
          // Another writer (a coordinator's import, an operator): any change to the list.
          writing = db.query(
            `UPDATE waiting_list SET max_travel_km = max_travel_km + (CASE WHEN $1 % 2 = 0 THEN 1 ELSE -1 END)
             WHERE id = (SELECT id FROM waiting_list ORDER BY ord LIMIT 1)`,
            [writes++],
          );
        }, writeEveryMs)
      : undefined;
  const run = loadTool === 'wrk' ? runWrk : runAutocannon;
  // Warm-up (JIT, first reads of each page, 50 new connections), reported apart from the figures.
  const warmup = warmupS > 0 ? await run(paths, token, warmupS) : undefined;
  const audited0 = await auditedReads();
  const figures = await run(paths, token, durationS);
  if (timer !== undefined) clearInterval(timer);
  await writing;
  const out: LoadFigures & { auditRows?: number; writes?: number; warmup?: Partial<LoadFigures> } = {
    ...figures,
  };
  if (warmup !== undefined) {
    const { throughputReqPerS, p50Ms, p99Ms, maxMs, errors, timeouts, non2xx } = warmup;
    out.warmup = { throughputReqPerS, p50Ms, p99Ms, maxMs, errors, timeouts, non2xx };
  }
  if (paths[0]?.startsWith('/api/waiting-list')) out.auditRows = (await auditedReads()) - audited0;
  if (opts.writes === true) out.writes = writes;
  return out;
}

const samePage = ['/api/waiting-list?limit=100'];
const mixedPages = [
  ...[0, 100, 200, 500, 1000, 2000, 5000, 10000, 20000].map((o) => `/api/waiting-list?limit=100&offset=${o}`),
  ...hospitals.flatMap((h) =>
    [0, 100, 300].map((o) => `/api/waiting-list?limit=100&hospitalId=${h.id}&offset=${o}`),
  ),
  ...['-decisionDate', 'medicalTargetDate', 'priorityGroup'].flatMap((s) =>
    [0, 100].map((o) => `/api/waiting-list?limit=100&sort=${s}&offset=${o}`),
  ),
  '/api/waiting-list?limit=100&pastGuarantee=true',
  '/api/waiting-list?limit=100&pastGuarantee=true&offset=1000',
  '/api/waiting-list?limit=100&specialtyId=ortho&status=waiting',
];

const results = {
  samePlanner: await scenario(samePage, plannerToken),
  sameAnalyst: await scenario(samePage, analystToken),
  mixed: await scenario(mixedPages, plannerToken),
  mixedWithWrites: await scenario(mixedPages, plannerToken, { writes: true }),
  kpis: await scenario([`/api/plans/${planId}/kpis`], plannerToken),
};

await app.close({ graceMs: 0 });
await db.close();
if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });

process.stdout.write(
  `${JSON.stringify(
    {
      when: new Date().toISOString(),
      node: process.version,
      db: db.kind,
      pgliteDataDir: dataDir === undefined ? undefined : 'a fresh temporary directory (as DATA_DIR)',
      seed: {
        seed: Number(values.seed),
        scale: Number(values.scale),
        waitingList: load.counts.waiting_list,
        loadMs: load.ms,
      },
      load: { tool: loadTool, connections, durationS, warmupS, loopback: true, writeEveryMs },
      'GET /api/waiting-list?limit=100 (planner, same page)': results.samePlanner,
      'GET /api/waiting-list?limit=100 (analyst, same page)': results.sameAnalyst,
      [`GET /api/waiting-list (planner, ${mixedPages.length} pages at random)`]: results.mixed,
      [`GET /api/waiting-list (planner, ${mixedPages.length} pages, a write every ${writeEveryMs} ms)`]:
        results.mixedWithWrites,
      'GET /api/plans/:id/kpis': results.kpis,
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
