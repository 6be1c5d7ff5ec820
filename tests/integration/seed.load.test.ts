// `opflow seed --load` end to end on an in-memory PGlite: DATABASE_URL is cleared for the call so
// this never writes into a shared PostgreSQL database.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../src/cli/seed.ts';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('opflow seed --load', () => {
  it('loads the generated snapshot and prints the table counts', async () => {
    vi.stubEnv('DATABASE_URL', '');
    const out: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => out.push(l) };
    expect(await run(['--seed', '7', '--scale', '0.02', '--load', '--data-dir', 'memory://'], io)).toBe(0);
    const text = out.join('\n');
    expect(text).toMatch(/loaded into PGlite \(memory:\/\/\)/);
    expect(text).toMatch(/hospitals=18\b/);
    expect(text).toMatch(/waiting_list=\d{3}\b/);
  });
});
