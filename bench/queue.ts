// The job queue on PostgreSQL (ADR 0019), for the record on a quiet machine:
//   1. N replications with 1 worker process vs 2 worker processes (wall-clock; same bytes);
//   2. kill -9 of a worker during a run of N: results stored, bytes equal, take-over delay;
//   3. two servers on one PostgreSQL: an event emitted through A reaches a client on B (latency).
// Usage: DATABASE_URL=postgres://… npx tsx bench/queue.ts [--replications 8 --weeks 4 --scale 0.05]
//        [--only workers,kill,servers]
// Prints one JSON line per measurement, and per worker count where each replication job's time
// went (mean milliseconds per phase, the first job of each worker apart: it starts the thread and
// takes in the run's inputs). Uses (and drops) its own schemas.
import { parseArgs } from 'node:util';
import { io as ioClient } from 'socket.io-client';
import { generateRegion } from '../seed/generate.ts';
import { openDb } from '../src/db/index.ts';
import { openPostgres } from '../src/db/postgres.ts';
import type { Db } from '../src/db/db.ts';
import { createJobHost } from '../src/jobs/host.ts';
import { createQueueRunExecutor } from '../src/scenarios/runs/queueExecutor.ts';
import { getRunStatus, runReplications } from '../src/scenarios/runs/repo.ts';
import { baseScenario } from '../src/scenarios/model.ts';
import { REPLICATION_THREAD } from '../src/cli/worker.ts';
import { createUser } from '../src/users/service.ts';
import { loadConfig } from '../src/config.ts';
import { createApp } from '../api/app.ts';
import { uniqueSchemaName } from '../tests/helpers/db.ts';
import {
  activeReplicationJobs,
  startWorker,
  stopWorker,
  until,
  type WorkerProcess,
} from '../tests/helpers/queueProcesses.ts';

const { values } = parseArgs({
  options: {
    replications: { type: 'string', default: '8' },
    weeks: { type: 'string', default: '4' },
    scale: { type: 'string', default: '0.05' },
    only: { type: 'string', default: 'workers,kill,servers' },
  },
  strict: true,
});
const url = process.env.DATABASE_URL;
if (!url) {
  process.stderr.write('bench/queue.ts needs DATABASE_URL\n');
  process.exit(2);
}
const only = new Set(values.only.split(','));
// The worker processes report each replication job's phases on stderr (see src/cli/worker.ts).
process.env.OPFLOW_JOB_PHASES = '1';
const replications = Number(values.replications);
const weeks = Number(values.weeks);
const BASE = generateRegion({ seed: 7, scale: Number(values.scale) });
const out = (o: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(o)}\n`);

async function withSchema<T>(fn: (db: Db, schema: string) => Promise<T>): Promise<T> {
  const schema = uniqueSchemaName('bq');
  const db = await openDb({ databaseUrl: url as string, schema });
  try {
    return await fn(db, schema);
  } finally {
    await db.close();
    const admin = await openPostgres({ databaseUrl: url as string, max: 1 });
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).finally(() => admin.close());
  }
}

/** One run of `replications` on `workerCount` worker processes; optionally kill one mid-run. */
async function timedRun(workerCount: number, kill: boolean) {
  return withSchema(async (db, schema) => {
    const host = createJobHost({ db, workers: false });
    await host.start();
    const workers: WorkerProcess[] = [];
    try {
      for (let i = 0; i < workerCount; i++) workers.push(startWorker(url as string, schema));
      await Promise.all(workers.map((w) => w.ready));
      const executor = createQueueRunExecutor({
        host,
        sources: { loadSnapshot: async () => BASE },
        threadModule: REPLICATION_THREAD,
      });
      const scenario = baseScenario();
      const t0 = performance.now();
      const run = await executor.startWith({
        spec: {
          scenarios: [{ id: scenario.id, version: scenario.version }],
          policies: ['optimised'],
          replications,
          weeks,
          seed: 11,
        },
        scenarios: [scenario],
        base: BASE,
        createdBy: 'bench',
      });
      let takeoverS: number | null = null;
      if (kill) {
        const [victim] = await until(
          () => activeReplicationJobs(db, schema),
          (j) => j.length > 0,
          120_000,
          50,
        );
        workers[0]?.child.kill('SIGKILL');
        const killedAt = performance.now();
        if (victim !== undefined) {
          await until(
            () => activeReplicationJobs(db, schema),
            (j) => j.some((x) => x.id === victim.id && x.retryCount > 0),
            600_000,
            250,
          ).then(
            () => (takeoverS = (performance.now() - killedAt) / 1000),
            () => undefined,
          );
        }
      }
      await until(
        () => getRunStatus(db, run.runId),
        (s) => s?.state === 'done',
        3_600_000,
        250,
      );
      const wallS = (performance.now() - t0) / 1000;
      const stored = await runReplications(db, run.runId);
      return {
        wallS,
        takeoverS,
        count: stored.length,
        bytes: JSON.stringify(stored.map((r) => r.result)),
        phases: phaseSummary(workers.map((w) => w.output())),
      };
    } finally {
      for (const w of workers) await stopWorker(w);
      await host.stop(0);
    }
  });
}

/** Mean milliseconds per phase over the workers' `job-phases` lines; each worker's first job apart. */
function phaseSummary(outputs: string[]) {
  const first: Record<string, number>[] = [];
  const rest: Record<string, number>[] = [];
  for (const o of outputs) {
    const lines = o.split('\n').filter((l) => l.startsWith('job-phases '));
    lines.forEach((l, i) => (i === 0 ? first : rest).push(JSON.parse(l.slice('job-phases '.length))));
  }
  const mean = (rows: Record<string, number>[]) => {
    const m: Record<string, number> = {};
    for (const k of Object.keys(rows[0] ?? {})) {
      const xs = rows.map((r) => r[k]).filter((x): x is number => typeof x === 'number');
      if (xs.length > 0) m[k] = Math.round(xs.reduce((a, b) => a + b, 0) / xs.length);
    }
    return m;
  };
  return { firstJobs: first.length, first: mean(first), laterJobs: rest.length, later: mean(rest) };
}

const scale = Number(values.scale);
const one = only.has('workers') || only.has('kill') ? await timedRun(1, false) : undefined;
if (one !== undefined && only.has('workers')) {
  out({ bench: 'queue.workers', workers: 1, replications, weeks, scale, wallS: one.wallS, count: one.count });
  out({ bench: 'queue.phases', workers: 1, ...one.phases });
  const two = await timedRun(2, false);
  out({
    bench: 'queue.workers',
    workers: 2,
    replications,
    weeks,
    scale,
    wallS: two.wallS,
    count: two.count,
    ratioTo1: two.wallS / one.wallS,
    bytesEqual: two.bytes === one.bytes,
  });
  out({ bench: 'queue.phases', workers: 2, ...two.phases });
}
if (one !== undefined && only.has('kill')) {
  const killed = await timedRun(2, true);
  out({
    bench: 'queue.kill9',
    replications,
    count: killed.count,
    bytesEqual: killed.bytes === one.bytes,
    takeoverS: killed.takeoverS,
    wallS: killed.wallS,
  });
}

// Two servers on one schema: emit through A, time the arrival at a client on B.
if (only.has('servers'))
  await withSchema(async (dbA, schema) => {
    const dbB = await openDb({ databaseUrl: url, schema });
    const config = loadConfig({ PORT: '0', TOKEN_SECRET: 'b'.repeat(40), DATABASE_URL: url });
    await createUser(dbA, {
      id: 'u-bench',
      email: 'bench@opti.example',
      displayName: 'bench',
      role: 'planner',
      hospitalId: undefined,
      password: 'bench-password-123',
    });
    const a = createApp({ db: dbA, config, log: () => undefined, jobs: { workers: false } });
    const b = createApp({ db: dbB, config, log: () => undefined, jobs: { workers: false } });
    await a.recover();
    await b.recover();
    const addrB = await b.listen(0, '127.0.0.1');
    const login = await fetch(`http://127.0.0.1:${addrB.port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'bench@opti.example', password: 'bench-password-123' }),
    });
    const token = ((await login.json()) as { token: string }).token;
    const client = ioClient(`http://127.0.0.1:${addrB.port}`, {
      auth: { token },
      transports: ['websocket'],
      reconnection: false,
    });
    await new Promise<void>((resolve, reject) => {
      client.on('connect', () => resolve());
      client.on('connect_error', reject);
    });
    const latencies: number[] = [];
    for (let i = 0; i < 20; i++) {
      const heard = new Promise<number>((resolve) =>
        client.once('plan.status', () => resolve(performance.now())),
      );
      const sent = performance.now();
      a.io.to('planners').emit('plan.status', { planId: i, status: 'draft' });
      latencies.push((await heard) - sent);
    }
    latencies.sort((x, y) => x - y);
    out({
      bench: 'queue.twoServers',
      emits: latencies.length,
      medianMs: latencies[Math.floor(latencies.length / 2)],
      maxMs: latencies.at(-1),
    });
    client.disconnect();
    await a.close({ graceMs: 0 });
    await b.close({ graceMs: 0 });
    await dbB.close();
  });
