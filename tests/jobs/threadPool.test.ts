// Persistent job threads (ADR 0026): a thread serves job after job and takes in a key's pinned
// inputs once; the main thread stays free while a thread computes; a thread that crashes fails its
// job only, and the next job gets a new thread.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createThreadPool, type ThreadPool } from '../../src/jobs/threadPool.ts';

const MODULE = new URL('./fixtures/poolThread.ts', import.meta.url);

describe('persistent job threads', () => {
  let pool: ThreadPool | undefined;
  afterEach(async () => {
    await pool?.close();
    pool = undefined;
  });

  it('sends a key’s pinned inputs to a thread once and reuses the thread', async () => {
    pool = createThreadPool({ module: MODULE });
    let loads = 0;
    const load = async () => {
      loads++;
      return { name: 'run-a' };
    };
    const progress: unknown[] = [];
    const results = [];
    for (let n = 0; n < 4; n++)
      results.push(
        await pool.run<{ name: string; n: number; prepared: number }>('run-a', load, { op: 'echo', n }, (p) =>
          progress.push(p),
        ).result,
      );
    expect(results.map((r) => r.result)).toEqual(
      [0, 1, 2, 3].map((n) => ({ name: 'run-a', n, prepared: 1 })),
    );
    expect(loads).toBe(1);
    expect(results[0]?.prepareMs).toBeGreaterThanOrEqual(0);
    expect(results.slice(1).every((r) => r.prepareMs === 0)).toBe(true);
    expect(progress).toHaveLength(4);
    expect(pool.size).toBe(1);
    // Another key is taken in by the same thread (one prepare more), the first is still there.
    const b = await pool.run<{ name: string; prepared: number }>('run-b', async () => ({ name: 'run-b' }), {
      op: 'echo',
      n: 9,
    }).result;
    expect(b.result).toMatchObject({ name: 'run-b', prepared: 2 });
    const a = await pool.run<{ prepared: number }>('run-a', load, { op: 'echo', n: 5 }).result;
    expect(a.result.prepared).toBe(2);
    expect(loads).toBe(1);
  }, 60_000);

  it('keeps the main thread free while a thread computes', async () => {
    pool = createThreadPool({ module: MODULE });
    await pool.warm(1);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 20);
    try {
      await pool.run('k', async () => ({ name: 'k' }), { op: 'busy', n: 600 }).result;
    } finally {
      clearInterval(timer);
    }
    // A blocked main thread would tick at most once.
    expect(ticks).toBeGreaterThan(5);
  }, 60_000);

  it('a crashed thread fails its job only; the next job runs on a new thread', async () => {
    const lines: string[] = [];
    pool = createThreadPool({ module: MODULE, log: (l) => lines.push(l) });
    const load = async () => ({ name: 'run-c' });
    await expect(pool.run('run-c', load, { op: 'crash', n: 1 }).result).rejects.toThrow(/exited with code 3/);
    expect(pool.size).toBe(0);
    await expect(pool.run('run-c', load, { op: 'throw', n: 2 }).result).rejects.toThrow('job 2 refused');
    const next = await pool.run<{ n: number }>('run-c', load, { op: 'echo', n: 3 }).result;
    expect(next.result.n).toBe(3);
    expect(pool.size).toBe(1);
  }, 60_000);

  it('runs jobs side by side on separate threads, and abort stops one', async () => {
    pool = createThreadPool({ module: MODULE });
    const load = async () => ({ name: 'p' });
    const slow = pool.run('p', load, { op: 'busy', n: 5_000 });
    const quick = await pool.run<{ n: number }>('p', load, { op: 'echo', n: 7 }).result;
    expect(quick.result.n).toBe(7);
    expect(pool.size).toBe(2);
    await slow.abort('stopped by the test');
    await expect(slow.result).rejects.toThrow('stopped by the test');
    expect(pool.size).toBe(1);
  }, 60_000);

  it('keeps a process alive while its thread boots or computes, and lets it end when idle', () => {
    const script = fileURLToPath(new URL('./fixtures/warmAlone.ts', import.meta.url));
    const out = execFileSync(process.execPath, ['--import', 'tsx', script], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(out).toBe('result 42\n');
  }, 90_000);
});
