import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateRegion } from '../../seed/generate.ts';
import { snapshotToJson } from '../../seed/serialize.ts';
import { run } from '../../src/cli/seed.ts';
import { validateSnapshot } from '../../src/domain/validateSnapshot.ts';
import { ValidationError } from '../../src/errors.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'opflow-seed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('opflow seed', () => {
  it('--out FILE writes the snapshot JSON and prints a per-hospital summary', async () => {
    const file = join(dir, 'region.json');
    const c = capture();
    expect(await run(['--seed', '7', '--scale', '0.05', '--out', file], c.io)).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text).toBe(snapshotToJson(generateRegion({ seed: 7, scale: 0.05 })));
    expect(validateSnapshot(JSON.parse(text)).ok).toBe(true);
    const printed = c.out.join('\n');
    expect(printed).toMatch(/\d+ patients, 18 hospitals/);
    expect(printed).toMatch(/SUS Lund +r-skane +\d+ +\d+ +\d+\.\d %/);
    expect(c.err).toEqual([]);
  });

  it('--out - writes only JSON to stdout and the summary to stderr', async () => {
    const c = capture();
    expect(await run(['--seed', '3', '--scale', '0.02', '--as-of', '2026-12-07', '--out', '-'], c.io)).toBe(
      0,
    );
    const parsed = JSON.parse(c.out.join('\n')) as { asOfDate: string; generator: { seed: number } };
    expect(parsed.asOfDate).toBe('2026-12-07');
    expect(parsed.generator.seed).toBe(3);
    expect(c.err.join('\n')).toMatch(/past the 90-day guarantee/);
  });

  it.each([
    [['--scale', '-1'], '--scale'],
    [['--scale', '0'], '--scale'],
    [['--scale', '11'], '--scale'],
    [['--scale', 'big'], '--scale'],
    [['--seed', 'x'], '--seed'],
    [['--seed', '1.5'], '--seed'],
    [['--as-of', '2026-13-01'], '--as-of'],
  ])('rejects %j with a ValidationError naming %s', async (args, flag) => {
    const c = capture();
    await expect(run(args, c.io)).rejects.toThrow(ValidationError);
    await expect(run(args, c.io)).rejects.toThrow(new RegExp(`^${flag}: `));
  });

  it('rejects an unknown flag', async () => {
    await expect(run(['--sed', '7'], capture().io)).rejects.toThrow(ValidationError);
  });
});
