// Real processes around one PostgreSQL schema for the job-queue tests and bench/queue.ts: start an
// `opflow worker` child, find the replication jobs pg-boss holds, wait for conditions.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Db } from '../../src/db/db.ts';
import { quoteIdent } from '../../src/db/db.ts';

const BIN = fileURLToPath(new URL('../../bin/opflow.mjs', import.meta.url));

export interface WorkerProcess {
  child: ChildProcess;
  /** Resolves when the worker printed its "ready" line. */
  ready: Promise<void>;
  output(): string;
}

export function startWorker(databaseUrl: string, schema: string, concurrency = 1): WorkerProcess {
  const child = spawn(process.execPath, [BIN, 'worker', '--concurrency', String(concurrency)], {
    env: { ...process.env, DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('ready')) resolve();
    });
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => reject(new Error(`worker exited with ${code}: ${out}`)));
  });
  ready.catch(() => undefined);
  return { child, ready, output: () => out };
}

export async function stopWorker(w: WorkerProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (w.child.exitCode !== null || w.child.signalCode !== null) return;
  const exited = new Promise<void>((r) => w.child.once('exit', () => r()));
  w.child.kill(signal);
  await exited;
}

/** Active replication jobs in pg-boss (the job schema is the test's own schema). */
export async function activeReplicationJobs(
  db: Db,
  jobSchema: string,
): Promise<{ id: string; retryCount: number; startedOn: string }[]> {
  const { rows } = await db.query<{ id: string; retry_count: number; started_on: Date | string }>(
    `SELECT id, retry_count, started_on FROM ${quoteIdent(jobSchema)}.job WHERE name = 'opflow-replication' AND state = 'active'`,
  );
  return rows.map((r) => ({
    id: r.id,
    retryCount: Number(r.retry_count),
    startedOn: new Date(r.started_on).toISOString(),
  }));
}

export async function until<T>(
  f: () => Promise<T>,
  ok: (v: T) => boolean,
  timeoutMs: number,
  pollMs = 200,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await f();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms; last value ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
