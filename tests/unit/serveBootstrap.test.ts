// `opflow serve` without --demo creates no user with a known password and loads no demo data;
// the first admin comes from `opflow user create` with the password from OPFLOW_PASSWORD or stdin.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/db/index.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'opflow-serve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const env = { ...process.env, DATA_DIR: join(dir, 'pglite'), PORT: '0', DATABASE_URL: '' };

function run(args: string[], opts: { stdin?: string; env?: Record<string, string>; until?: RegExp } = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/opflow.mjs', ...args], {
      cwd: ROOT,
      env: { ...env, ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      if (opts.until?.test(stdout)) child.kill('SIGTERM');
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(opts.stdin ?? '');
  });
}

const users = async (): Promise<{ email: string; role: string }[]> => {
  const db = await openDb({ dataDir: join(dir, 'pglite') });
  try {
    return (await db.query<{ email: string; role: string }>('SELECT email, role FROM users ORDER BY email'))
      .rows;
  } finally {
    await db.close();
  }
};

describe('first start without --demo', () => {
  it('serves an empty database with no users and says how to create the first admin', async () => {
    const r = await run(['serve'], { until: /listening on/ });
    expect(r.stdout).toMatch(/no users yet — create the first admin/);
    expect(r.stdout).not.toMatch(/demo logins|opflow-demo/);
    expect(await users()).toEqual([]);
  }, 60_000);

  it('creates the first admin from stdin; refuses a short password; the password is never a flag', async () => {
    const short = await run(['user', 'create', '--email', 'boss@example.org', '--role', 'admin'], {
      stdin: 'short\n',
    });
    expect(short.code).not.toBe(0);
    expect(short.stderr).toMatch(/password: at least 12 characters/);
    const ok = await run(['user', 'create', '--email', 'boss@example.org', '--role', 'admin'], {
      stdin: 'correct horse battery staple\n',
    });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/created admin boss@example.org/);
    const bad = await run([
      'user',
      'create',
      '--email',
      'boss@example.org',
      '--role',
      'admin',
      '--password',
      'x',
    ]);
    expect(bad.code).not.toBe(0);
    expect(await users()).toEqual([{ email: 'boss@example.org', role: 'admin' }]);
  }, 60_000);
});
