import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/calendar.ts';
import { ValidationError } from '../../src/errors.ts';

const opflow = (...args: string[]) =>
  spawnSync(process.execPath, ['bin/opflow.mjs', ...args], { cwd: process.cwd(), encoding: 'utf8' });

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

describe('opflow calendar (in process)', () => {
  it('prints a readable table by default', async () => {
    const c = capture();
    expect(await run(['--year', '2026'], c.io)).toBe(0);
    const text = c.out.join('\n');
    expect(text).toMatch(/2026-06-19 +fre +v25 +closure_day +midsommarafton \(Midsummer Eve\)/);
    expect(c.out).toHaveLength(2 + 17);
  });

  it.each([['abc'], ['1800'], ['2201'], ['20270']])(
    'rejects --year %s with a ValidationError naming the flag',
    async (y) => {
      await expect(run(['--year', y], capture().io)).rejects.toThrow(ValidationError);
      await expect(run(['--year', y], capture().io)).rejects.toThrow(/^--year: /);
    },
  );

  it('requires --year', async () => {
    await expect(run([], capture().io)).rejects.toThrow(/--year/);
  });
});

describe('opflow calendar (spawned CLI)', () => {
  it('--year 2027 --json prints JSON with långfredagen 2027-03-26 and exits 0', () => {
    const r = opflow('calendar', '--year', '2027', '--json');
    expect(r.status).toBe(0);
    const days = JSON.parse(r.stdout) as { date: string; nameSv: string; nameEn: string; kind: string }[];
    expect(days).toContainEqual({
      date: '2027-03-26',
      nameSv: 'långfredagen',
      nameEn: 'Good Friday',
      kind: 'public_holiday',
    });
    expect(days.map((d) => d.date)).toEqual(days.map((d) => d.date).toSorted());
  });

  it('--year abc exits non-zero with one line on stderr naming --year', () => {
    const r = opflow('calendar', '--year', 'abc');
    expect(r.status).not.toBe(0);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/--year/);
  });
});
