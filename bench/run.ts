// `npm run bench`: runs every benchmark in fresh child processes (so peak memory is per run),
// takes medians of 3, and writes bench/RESULTS.md with the machine, date and figures.
// Figures are measurements, never test assertions.
import { spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { writeFileSync, existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '3' }, only: { type: 'string' } },
  strict: true,
});
const runs = Number(values.runs);
const only = values.only?.split(',');
const want = (name: string): boolean => only === undefined || only.includes(name);

type Json = Record<string, unknown>;
function runJson(script: string, args: string[], env: NodeJS.ProcessEnv = process.env): Json[] {
  const r = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
    encoding: 'utf8',
    env,
    maxBuffer: 64 * 1024 * 1024,
    timeout: 20 * 60 * 1000,
  });
  if (r.status !== 0) throw new Error(`${script} ${args.join(' ')} failed: ${r.stderr.slice(-2000)}`);
  return r.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Json);
}
const median = (xs: number[]): number => xs.toSorted((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const num = (j: Json, k: string): number => Number(j[k]);
const pct = (j: Json, k: string): string =>
  j[k] === null ? '–' : `${(Math.abs(num(j, k)) < 5e-4 ? 0 : num(j, k) * 100).toFixed(1)} %`;

const sections: string[] = [];
const now = new Date().toISOString();
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}`;

if (want('plan')) {
  const rows: string[] = [];
  const configs: { label: string; args: string[] }[] = [
    { label: 'Södra (scale 1), HiGHS (default: daily resolution)', args: ['--scale', '1'] },
    { label: 'Södra (scale 1), HiGHS, weekly resolution', args: ['--scale', '1', '--resolution', 'week'] },
    { label: 'national size (scale 5), HiGHS (default: weekly resolution)', args: ['--scale', '5'] },
    { label: 'small (30 patients), HiGHS', args: ['--scale', '1', '--patients', '30', '--aggregate', 'mip'] },
    {
      label: 'small (30 patients), javascript-lp-solver',
      args: ['--scale', '1', '--patients', '30', '--backend', 'jsl', '--aggregate', 'mip'],
    },
  ];
  for (const c of configs) {
    const results = Array.from({ length: runs }, () => runJson('bench/plan.ts', c.args)[0] as Json);
    const r = results[0] as Json;
    const wall = median(results.map((x) => num(x, 'wallMs')));
    const rss = Math.max(...results.map((x) => num(x, 'peakRssMb')));
    const identical = results.every((x) => x.objective === r.objective && x.treated === r.treated);
    rows.push(
      `| ${c.label} | ${r.patients} | ${(wall / 1000).toFixed(2)} s | ${rss} MB | ${(Math.abs(num(r, 'gap')) < 5e-6 ? 0 : num(r, 'gap') * 100).toFixed(2)} % | ${r.feasible ? 'feasible' : `${r.violations} violations`} | ${r.treated} / ${r.baselineTreated} | ${r.pastGuarantee} / ${r.baselinePastGuarantee} | ${pct(r, 'overtakingShare')} (${r.overtakings}) | ${pct(r, 'topNeedCoverage')} / ${pct(r, 'baselineTopNeedCoverage')} | ${pct(r, 'longProcedureMinShare')} / ${pct(r, 'baselineLongProcedureMinShare')} | ${r.moved} | ${r.teamPlacements} / ${r.lentLists} | ${r.columns} × ${r.rows} | ${identical ? 'yes' : 'NO'} |`,
    );
    process.stderr.write(`plan ${c.label}: ${JSON.stringify(r)}\n`);
  }
  sections.push(
    [
      '## Weekly plan (`bench/plan.ts`, week 2026-W50, seed 7, median of ' + runs + ' runs)',
      '',
      'Wall time covers building the problem, the aggregate LP/MIP, construction, improvement, the independent checker and the baseline (seed generation excluded). Gap = (plan cost − bound) / |bound| with cost = −benefit over doing nothing (ADR 0002).',
      '',
      '| instance | waiting | wall | peak RSS | gap | checker | treated plan / baseline | past guarantee at week end plan / baseline | overtakings | P1 coverage plan / baseline | minutes on ≥ 90-min procedures plan / baseline | moved | teams / lent lists | model cols × rows | same plan every run |',
      '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
      ...rows,
    ].join('\n'),
  );
}

if (want('seed')) {
  const lines = runJson('bench/seed.ts', ['--scales', '1,5', '--runs', String(runs)]);
  sections.push(
    [
      '## Seed generation (`bench/seed.ts`)',
      '',
      '```json',
      ...lines.map((l) => JSON.stringify(l)),
      '```',
    ].join('\n'),
  );
}

if (want('db')) {
  const out: string[] = [];
  // One run per scale: in-memory PGlite always, PostgreSQL too when DATABASE_URL is set.
  for (const scale of ['1', '5']) {
    const lines = runJson('bench/db-load.ts', ['--scale', scale, '--seed', '7']);
    out.push(...lines.map((l) => JSON.stringify({ scale: Number(scale), ...l })));
  }
  sections.push(
    ['## Snapshot load into the database (`bench/db-load.ts`)', '', '```json', ...out, '```'].join('\n'),
  );
}

if (want('dashboard')) {
  const lines = runJson('bench/dashboard.ts', ['--runs', String(runs)]);
  sections.push(
    [
      '## Dashboard in Chromium (`bench/dashboard.ts`, Södra seed, solved plan)',
      '',
      'Login submitted → region overview showing the plan KPIs and the waiting list per hospital; then the virtualised waiting list to its first page.',
      '',
      '```json',
      ...lines.map((l) => JSON.stringify(l)),
      '```',
    ].join('\n'),
  );
}

// The API load test runs for minutes per database and must not share the 2 cores with the rest,
// so it is run on its own (`npx tsx bench/api.ts`, once with and once without DATABASE_URL) and
// writes bench/RESULTS.api.md; that record is included here as measured.
if (want('api') && existsSync('bench/RESULTS.api.md')) {
  const api = readFileSync('bench/RESULTS.api.md', 'utf8').replace(/^# .*\n/, '');
  sections.push(`## API under load (from bench/RESULTS.api.md, measured by \`bench/api.ts\`)\n${api}`);
}

// The security run (bench/security.ts, ≥ 10,000 fuzzed requests per database) is recorded the same
// way, in bench/RESULTS.security.md.
if (want('security') && existsSync('bench/RESULTS.security.md')) {
  const sec = readFileSync('bench/RESULTS.security.md', 'utf8').replace(/^# .*\n/, '');
  sections.push(`## Security (from bench/RESULTS.security.md, measured by \`bench/security.ts\`)\n${sec}`);
}

const doc = [
  '# Benchmark results',
  '',
  `Machine: ${machine}. Date: ${now}. Command: \`npm run bench\`${only ? ` (only ${only.join(', ')})` : ''}.`,
  '',
  ...sections.flatMap((s) => [s, '']),
].join('\n');
const target = only ? `bench/RESULTS.${only.join('-')}.md` : 'bench/RESULTS.md';
writeFileSync(target, doc);
process.stdout.write(`wrote ${target}\n`);
