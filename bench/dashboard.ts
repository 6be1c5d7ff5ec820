// Dashboard speed with the Södra seed (targets: login → overview ≤ 1.5 s, hospital day ≤ 0.5 s,
// an action reflected on screen ≤ 1 s): the real server (PGlite in memory, seed 7, a solved plan
// for 2026-W50) and Debian's Chromium on loopback. Prints one JSON line: time from submitting the
// login to the region overview showing the plan's KPIs and the waiting list per hospital; from
// opening the waiting list to its first rows; from picking another day in the busiest hospital's
// week to that day's timeline; and from pressing "Lås" on a planned case in plan editing to the
// row showing it pinned (the edit's round trip, check included, and the delta applied).
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
// The hospital with the most planned cases (its day is the heaviest to draw).
const planned = await server.call<{ result: { assignments: { hospitalId: string }[] } }>(
  token,
  'GET',
  `/api/plans/${json.planId}`,
);
const perHospital = new Map<string, number>();
for (const a of planned.json.result.assignments)
  perHospital.set(a.hospitalId, (perHospital.get(a.hospitalId) ?? 0) + 1);
const busiest = [...perHospital].toSorted((a, b) => b[1] - a[1])[0]?.[0] ?? '';
const overviewMs: number[] = [];
const waitingListMs: number[] = [];
const hospitalDayMs: number[] = [];
const actionMs: number[] = [];
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

  // Hospital day: the week opens on its first day; time the switch to the next day with cases.
  await page.goto(`${server.base}/#/hospital/${encodeURIComponent(busiest)}`);
  const picker = page.getByTestId('day-picker');
  await picker.locator('button[aria-pressed=true]').waitFor();
  const days = picker.locator('button[aria-pressed]');
  const pressed = await days.evaluateAll((bs) =>
    bs.findIndex((b) => b.getAttribute('aria-pressed') === 'true'),
  );
  const next = days.nth((pressed + 1) % (await days.count()));
  const before = await page.locator('section.day').first().getAttribute('data-testid');
  const t2 = performance.now();
  await next.click();
  // One render draws the whole day: its section appearing means its timeline and lists are there.
  await page.locator(`section.day:not([data-testid="${before}"])`).first().waitFor();
  hospitalDayMs.push(performance.now() - t2);

  // Action → reflected: pin (then unpin, so each run starts alike) a case that is not pinned.
  await page.getByRole('link', { name: 'Planredigering' }).click();
  const row = page.locator('[data-testid=assignments] tbody tr:not(:has(.badge))').first();
  await row.waitFor();
  const patient = await row.getAttribute('data-patient');
  const same = page.locator(`[data-testid=assignments] tr[data-patient="${patient}"]`);
  const t3 = performance.now();
  await same.getByRole('button', { name: 'Lås', exact: true }).click();
  await same.locator('.badge').waitFor();
  actionMs.push(performance.now() - t3);
  await same.getByRole('button', { name: 'Lås upp' }).click();
  await same.locator('.badge').waitFor({ state: 'detached' });
  await ctx.close();
}
await browser.close();
await server.close();
const median = (xs: number[]): number =>
  Math.round(xs.toSorted((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN);
process.stdout.write(
  `${JSON.stringify({ bench: 'dashboard', waiting: 22350, runs: overviewMs.length, loginToOverviewMs: median(overviewMs), openWaitingListMs: median(waitingListMs), hospitalDayMs: median(hospitalDayMs), actionReflectedMs: median(actionMs), allOverviewMs: overviewMs.map(Math.round) })}\n`,
);
