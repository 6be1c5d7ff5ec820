// The first hour with the command line: every subcommand has --help, an unknown flag lists the
// valid ones, and an unwritable --out, a port in use and an unreachable DATABASE_URL each end in
// one line (exit 2), not a stack trace.
import { createServer, type Server } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { systemErrorLine } from '../../src/cli/args.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

/** Run with some environment variables set, restoring them after. */
async function withEnv<T>(vars: Record<string, string | undefined>, f: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  try {
    return await f();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

describe('opflow <command> --help', () => {
  it.each([['seed'], ['calendar'], ['plan'], ['serve']])(
    '%s --help prints its flags and exits 0',
    async (cmd) => {
      const c = capture();
      expect(await main([cmd, '--help'], c.io)).toBe(0);
      expect(c.out[0]).toMatch(new RegExp(`^usage: opflow ${cmd} `));
      expect(c.out.at(-1)).toMatch(/--help, -h/);
      expect(c.err).toEqual([]);
    },
  );

  it('lists each flag of a command with its help text', async () => {
    const c = capture();
    expect(await main(['calendar', '-h'], c.io)).toBe(0);
    const text = c.out.join('\n');
    expect(text).toMatch(/--year VALUE/);
    expect(text).toMatch(/--json/);
  });
});

describe('unknown flags', () => {
  it('name the valid flags in one line', async () => {
    const c = capture();
    expect(await main(['calendar', '--yaer', '2027'], c.io)).toBe(2);
    expect(c.err).toHaveLength(1);
    expect(c.err[0]).toMatch(
      /^opflow calendar: Unknown option '--yaer'; valid flags: --year, --json, --help$/,
    );
  });
});

describe('unwritable --out', () => {
  it('is one line naming the flag and the file, and exit code 2', async () => {
    const c = capture();
    const file = '/nonexistent-opflow-dir/region.json';
    expect(await main(['seed', '--seed', '7', '--scale', '0.01', '--out', file], c.io)).toBe(2);
    expect(c.err).toHaveLength(1);
    expect(c.err[0]).toBe(
      `opflow seed: --out: cannot write ${file}: open ${file}: no such file or directory (ENOENT)`,
    );
  });
});

describe('opflow serve start-up failures', () => {
  let blocker: Server | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await new Promise<void>((r) => (blocker === undefined ? r() : blocker.close(() => r())));
    blocker = undefined;
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('a port in use is one line, before the database is touched', async () => {
    blocker = createServer();
    const port = await new Promise<number>((resolve) =>
      blocker!.listen(0, '127.0.0.1', () => resolve((blocker!.address() as { port: number }).port)),
    );
    dir = mkdtempSync(join(tmpdir(), 'opflow-cli-'));
    const c = capture();
    const code = await withEnv(
      { PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: undefined, DATA_DIR: join(dir, 'db') },
      () => main(['serve'], c.io),
    );
    expect(code).toBe(2);
    expect(c.err).toEqual([
      `opflow serve: port ${port} on 127.0.0.1 is in use (another opflow?) — stop that process or set PORT to a free port`,
    ]);
    expect(c.out).toEqual([]);
  });

  it('an unreachable DATABASE_URL is one line without the password', async () => {
    const c = capture();
    const code = await withEnv({ PORT: '0', DATABASE_URL: 'postgres://opflow:secret@127.0.0.1:1/none' }, () =>
      main(['serve'], c.io),
    );
    expect(code).toBe(2);
    expect(c.err).toHaveLength(1);
    expect(c.err[0]).toMatch(
      /^opflow serve: cannot use the database at DATABASE_URL postgres:\/\/127\.0\.0\.1:1\/none: .*connection refused \(ECONNREFUSED\)/,
    );
    expect(c.err[0]).not.toContain('secret');
  });
});

describe('systemErrorLine', () => {
  it('describes file and network errors; anything else is not its business', () => {
    expect(systemErrorLine({ code: 'EACCES', syscall: 'open', path: '/x' })).toBe(
      'open /x: permission denied (EACCES)',
    );
    expect(systemErrorLine({ code: 'EADDRINUSE', syscall: 'listen', address: '127.0.0.1', port: 3000 })).toBe(
      'listen 127.0.0.1:3000: address already in use (EADDRINUSE)',
    );
    expect(systemErrorLine(new Error('boom'))).toBeUndefined();
    expect(systemErrorLine({ code: 'E_SOMETHING' })).toBeUndefined();
  });
});
