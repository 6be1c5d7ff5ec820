// Dashboard speed with the Södra seed (issue 5: first meaningful view ≤ 2 s): the real server
// (PGlite in memory, seed 7, a solved plan for 2026-W50) and Debian's Chromium on loopback.
// Prints one JSON line: time from submitting the login to the region overview showing the plan's
// KPIs and the waiting list per hospital, and from opening the waiting list to its first rows.
//   npx tsx bench/dashboard.ts [--runs 3]
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';
import { buildDashboard, DEMO_PASSWORD, startServer } from '../tests/e2e/server.ts';
import { generateRegion } from '../seed/generate.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } }, strict: true });
const CHROMIUM = '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  process.stdout.write(`${JSON.stringify({ bench: 'dashboard', skipped: `${CHROMIUM} not installed` })}\n`);
  process.exit(0);
}
await buildDashboard();
const server = await startServer(generateRegion({ seed: 7, scale: 1 }));
const token = await server.token('planner@opti.example');
const { json } = await server.call<{ planId: number }>(token, 'POST', '/api/plans', {
  body: { week: '2026-W50' },
});
for (;;) {
  const p = await server.call<{ status: string }>(token, 'GET', `/api/plans/${json.planId}`);
  if (p.json.status !== 'running' && p.json.status !== 'queued') break;
  await new Promise((r) => setTimeout(r, 500));
}
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
const overviewMs: number[] = [];
const waitingListMs: number[] = [];
for (let i = 0; i < Number(values.runs); i++) {
  const ctx = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'sv-SE' });
  const page = await ctx.newPage();
  page.setDefaultTimeout(60_000);
  await page.goto(server.base);
  await page.getByLabel('E-post').fill('planner@opti.example');
  await page.getByLabel('Lösenord').fill(DEMO_PASSWORD);
  const t0 = performance.now();
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.locator('[data-testid=plan-kpis]').waitFor();
  await page.locator('[data-testid=waiting-by-hospital] tbody tr').first().waitFor();
  overviewMs.push(performance.now() - t0);
  const t1 = performance.now();
  await page.getByRole('link', { name: 'Väntelista' }).click();
  await page.locator('[data-testid=waiting-count]').waitFor();
  waitingListMs.push(performance.now() - t1);
  await ctx.close();
}
await browser.close();
await server.close();
const median = (xs: number[]): number =>
  Math.round(xs.toSorted((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN);
process.stdout.write(
  `${JSON.stringify({ bench: 'dashboard', waiting: 22350, runs: overviewMs.length, loginToOverviewMs: median(overviewMs), openWaitingListMs: median(waitingListMs), allOverviewMs: overviewMs.map(Math.round) })}\n`,
);
