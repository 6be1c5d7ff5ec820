// `opflow simulate … --on-queue` with a real `opflow worker` process: the replications are
// computed by the worker and the printed report equals a local run's, except `timingsMs` (compute
// time summed over workers there, wall-clock here; ADR 0019). PostgreSQL only.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { uniqueSchemaName } from '../helpers/db.ts';
import { startWorker, stopWorker, type WorkerProcess } from '../helpers/queueProcesses.ts';
import { openPostgres } from '../../src/db/postgres.ts';

const url = process.env.DATABASE_URL;
const BIN = fileURLToPath(new URL('../../bin/opflow.mjs', import.meta.url));

function cli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}

const withoutTimings = (json: string): unknown =>
  JSON.parse(json, (k: string, v: unknown) => (k === 'timingsMs' ? undefined : v));

describe.skipIf(!url)(`simulate --on-queue${url ? '' : ' [skipped: DATABASE_URL not set]'}`, () => {
  const args = ['simulate', '--seed', '7', '--scale', '0.05', '--weeks', '2', '--replications', '2'];
  args.push('--policy', 'baseline', '--json');

  it('prints the report of a local run, computed by a worker process', async () => {
    if (!url) return;
    const schema = uniqueSchemaName('ts');
    let worker: WorkerProcess | undefined;
    try {
      const admin = await openPostgres({ databaseUrl: url, max: 1 });
      await admin.query(`CREATE SCHEMA "${schema}"`).finally(() => admin.close());
      const local = await cli(args, { DATABASE_URL: '' });
      expect(local.code, local.err).toBe(0);
      worker = startWorker(url, schema);
      await worker.ready;
      const queued = await cli([...args, '--on-queue'], { DATABASE_URL: url, DATABASE_SCHEMA: schema });
      expect(queued.code, queued.err).toBe(0);
      expect(withoutTimings(queued.out)).toEqual(withoutTimings(local.out));
    } finally {
      if (worker !== undefined) await stopWorker(worker);
      const admin = await openPostgres({ databaseUrl: url, max: 1 });
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).finally(() => admin.close());
    }
  }, 400_000);

  it('without DATABASE_URL: one line naming the flag, exit 2', async () => {
    const r = await cli([...args, '--on-queue'], { DATABASE_URL: '' });
    expect(r.code).toBe(2);
    expect(r.err.trim()).toBe(
      'opflow simulate: --on-queue: needs DATABASE_URL (the queue the workers share)',
    );
  });
});
