/* eslint-disable @typescript-eslint/no-explicit-any -- API bodies used to set the scene are read structurally */
// The region overview in Chromium (dashboard issue, item 2): the week's plan comes first, then the
// waiting list per hospital with subtotals and keyboard-sortable columns, the snapshot date, and the
// cross-region settlement netted per region pair. Then every view of every role, in Swedish: none
// shows an internal hospital id or an English phrase of the solver's reasons. Against the real
// server (createApp + PGlite + the small snapshot + the demo users). No sleeps: every wait is on a
// visible state.
import { afterAll, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import type { Page } from 'playwright-core';
import { buildDashboard, startServer, type E2eServer } from './server.ts';
import { browserSuite, browsing, LONG, HOSPITAL_ID_RE } from './page.ts';

const WEEK = '2026-W12';
const PLANNER = 'planner@opti.example';
const USERS = {
  planner: PLANNER,
  coordinator: 'vaxjo@opti.example',
  analyst: 'analyst@opti.example',
  admin: 'admin@opti.example',
};
/** Phrases of the solver's English reason, explanation and violation texts, and plan states. */
const SOLVER_ENGLISH_RE =
  /past the care guarantee|past the target|medical target|target date|listing hospital|lists are full|eligible hospitals|full there|pinned by|moved from|overrun|travel beyond|km from home|more urgent patients|has not consented|consent up to|pre-operative|not offered|do not do|excluded from this plan|\b(draft|proposed|published)\b/i;
/** "1 234" as the dashboard writes it in Swedish (a narrow no-break space between thousands). */
const int = (s: string): number => Number(s.replace(/[\s\u00a0\u202f]|kr/g, '').replace('−', '-'));

browserSuite('region overview and every view in Swedish, in Chromium', () => {
  let server: E2eServer;
  const b = browsing(() => server.base, { shotPrefix: 'overview-' });
  const { newPage, login, shot } = b;
  let plan: any;
  const pageErrors = b.pageErrors;

  beforeAll(async () => {
    await buildDashboard();
    await b.launch();
    server = await startServer();
    // Scene: a solved plan with at least one patient operated on outside the home region (moved to
    // Växjö, Kronoberg, from a Skåne list when the solver did not do so itself), proposed so that
    // the coordinator's views have a plan too.
    const token = await server.token(PLANNER);
    const id = (await server.call<any>(token, 'POST', '/api/plans', { body: { week: WEEK, leadDays: 0 } }))
      .json.planId as number;
    await vi.waitFor(
      async () =>
        expect((await server.call<any>(token, 'GET', `/api/plans/${id}`)).json.status).toBe('draft'),
      { timeout: LONG, interval: 250 },
    );
    plan = (await server.call<any>(token, 'GET', `/api/plans/${id}`)).json;
    const dates = [...new Set(plan.result.lists.map((l: any) => l.date))] as string[];
    for (const a of plan.result.assignments as any[]) {
      if (Object.keys(plan.result.kpis.settlementSek).length > 0) break;
      if (!a.patient.consentElsewhere || a.patient.homeRegionId !== 'r-skane') continue;
      for (const date of dates)
        for (const theatreId of ['h-vaxjo-op1', 'h-vaxjo-op2']) {
          if (Object.keys(plan.result.kpis.settlementSek).length > 0) break;
          const r = await server.call<any>(token, 'PATCH', `/api/plans/${id}`, {
            body: { moves: [{ patientId: a.patientId, hospitalId: 'h-vaxjo', theatreId, date }] },
            ifMatch: plan.etag,
          });
          if (r.status === 200) plan = (await server.call<any>(token, 'GET', `/api/plans/${id}`)).json;
        }
    }
    expect(Object.keys(plan.result.kpis.settlementSek).length, 'a cross-region case').toBeGreaterThan(0);
    const prop = await server.call<any>(token, 'POST', `/api/plans/${id}/status`, {
      body: { status: 'proposed' },
      ifMatch: plan.etag,
    });
    expect(prop.status).toBe(200);
    plan = (await server.call<any>(token, 'GET', `/api/plans/${id}`)).json;
  }, 240_000);
  beforeEach(() => {
    pageErrors.length = 0;
  });
  afterAll(async () => {
    await b.close();
    await server?.close();
  });

  /** The hospitals in the table's order, each with its subtotal and its specialty rows' counts. */
  async function hospitalGroups(page: Page) {
    return page.locator('[data-testid=waiting-by-hospital] tbody').evaluateAll((bodies) =>
      bodies.map((b) => {
        const rows = [...b.querySelectorAll('tr')];
        const count = (r: Element) => r.querySelectorAll('td')[1]?.textContent ?? '';
        return {
          name: b.getAttribute('data-hospital') ?? '',
          subtotal: count(rows[0]!),
          specialties: rows.slice(1).map(count),
        };
      }),
    );
  }

  it('the week’s plan comes first, then the waiting list per hospital as of the snapshot date', async () => {
    const page = await newPage();
    await login(page, PLANNER, '#/overview');
    await page.getByTestId('plan-kpis').waitFor();
    await page.getByTestId('waiting-by-hospital').waitFor();
    // The small snapshot is taken on 2 March 2026.
    expect(await page.getByTestId('as-of').innerText()).toContain('Väntelista per 2 mars 2026');
    const headings = await page.locator('main h2').allInnerTexts();
    expect(headings[0]).toMatch(/^Veckans plan · v\. 12, version \d+ · föreslagen/);
    const planIdx = headings.findIndex((h) => h.startsWith('Veckans plan'));
    const hospIdx = headings.indexOf('Väntelista per sjukhus och specialitet');
    expect(hospIdx).toBeGreaterThan(planIdx);
    // The plan's figures are above the waiting list on the page, not only in the outline.
    const top = async (id: string) => (await page.getByTestId(id).boundingBox())!.y;
    expect(await top('plan-kpis')).toBeLessThan(await top('waiting-by-hospital'));
    expect(await top('net-settlement')).toBeLessThan(await top('waiting-by-hospital'));
    // Hospitals first, their specialties folded; one hospital's open with its button.
    expect((await hospitalGroups(page)).every((g) => g.specialties.length === 0)).toBe(true);
    const first = page.locator('[data-testid=waiting-by-hospital] tbody button.disclosure').first();
    await first.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => first.getAttribute('aria-expanded')).toBe('true');
    expect((await hospitalGroups(page))[0]!.specialties.length).toBeGreaterThan(0);
    await page.getByTestId('show-specialties').check();
    // Subtotals add up: each hospital's is the sum of its specialties, the region's of the hospitals.
    const groups = await hospitalGroups(page);
    expect(groups.every((g) => g.specialties.length > 0)).toBe(true);
    expect(groups.length).toBe(3);
    for (const g of groups)
      expect(int(g.subtotal), g.name).toBe(g.specialties.reduce((s, x) => s + int(x), 0));
    const total = await page.locator('[data-testid=waiting-by-hospital] tfoot td').nth(1).innerText();
    expect(int(total)).toBe(groups.reduce((s, g) => s + int(g.subtotal), 0));
    expect(int(await page.getByTestId('kpi-waiting').locator('.kpi-value').innerText())).toBe(int(total));
    await shot(page, 'order-sv');
    expect(pageErrors).toEqual([]);
  });

  it('the hospital table sorts by its column headers with the keyboard, hospitals by subtotal', async () => {
    const page = await newPage();
    await login(page, PLANNER, '#/overview');
    const table = page.getByTestId('waiting-by-hospital');
    await table.waitFor();
    const header = (key: string) => table.locator(`th:has(button[data-sort=${key}])`);
    // Default: most waiting first.
    expect(await header('waiting').getAttribute('aria-sort')).toBe('descending');
    const byWaiting = (await hospitalGroups(page)).map((g) => int(g.subtotal));
    expect(byWaiting).toEqual(byWaiting.toSorted((a, b) => b - a));
    // Tab to the hospital column's button and sort A–Ö with Enter, then Ö–A with Space.
    await table.locator('button[data-sort=name]').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => header('name').getAttribute('aria-sort')).toBe('ascending');
    expect(await header('waiting').getAttribute('aria-sort')).toBe('none');
    const names = (await hospitalGroups(page)).map((g) => g.name);
    expect(names).toEqual(names.toSorted((a, b) => a.localeCompare(b, 'sv')));
    await page.keyboard.press('Space');
    await expect.poll(() => header('name').getAttribute('aria-sort')).toBe('descending');
    expect((await hospitalGroups(page)).map((g) => g.name)).toEqual(names.toReversed());
    // Waiting, ascending on a second press: hospitals and the specialties within each.
    await page.getByTestId('show-specialties').check();
    await table.locator('button[data-sort=waiting]').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await expect.poll(() => header('waiting').getAttribute('aria-sort')).toBe('ascending');
    const groups = await hospitalGroups(page);
    const subtotals = groups.map((g) => int(g.subtotal));
    expect(subtotals).toEqual(subtotals.toSorted((a, b) => a - b));
    for (const g of groups) {
      const counts = g.specialties.map(int);
      expect(counts, g.name).toEqual(counts.toSorted((a, b) => a - b));
    }
    expect(pageErrors).toEqual([]);
  });

  it('settlement is netted per region pair: the net amount and who pays whom, from the plan’s KPIs', async () => {
    const token = await server.token(PLANNER);
    const regions = new Map(
      ((await server.call<any>(token, 'GET', '/api/regions')).json as any[]).map((r) => [r.id, r.name]),
    );
    // Expected from the API's gross amounts per direction.
    const gross = plan.result.kpis.settlementSek as Record<string, number>;
    const expected = new Map<string, { payer: string; payee: string; net: number }>();
    for (const [key, sek] of Object.entries(gross)) {
      const [from = '', to = ''] = key.split('->');
      const back = gross[`${to}->${from}`] ?? 0;
      const pair = [regions.get(from), regions.get(to)].toSorted().join(' ↔ ');
      if (sek > back || (sek === back && !expected.has(pair)))
        expected.set(pair, { payer: regions.get(from), payee: regions.get(to), net: Math.round(sek - back) });
    }
    const page = await newPage({ width: 1024, height: 768 });
    await login(page, PLANNER, '#/overview');
    const table = page.getByTestId('net-settlement');
    await table.waitFor();
    const rows = await table.locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({
        pair: tr.querySelector('th')?.textContent ?? '',
        payer: tr.getAttribute('data-payer'),
        payee: tr.getAttribute('data-payee'),
        net: tr.querySelector('[data-testid=net-sek]')?.textContent ?? '',
        text: tr.textContent ?? '',
      })),
    );
    expect(rows.length).toBe(expected.size);
    for (const r of rows) {
      const e = expected.get(r.pair);
      expect(e, r.pair).toBeDefined();
      expect({ payer: r.payer, payee: r.payee, net: int(r.net) }).toEqual(e);
      expect(r.net).toMatch(/kr$/);
      if (e!.net > 0) expect(r.text).toContain(`${e!.payer} betalar ${e!.payee}`);
    }
    // Not a gross sum anywhere on the overview: no amount larger than the nets' total.
    const nets = rows.reduce((s, r) => s + int(r.net), 0);
    const grossTotal = Object.values(gross).reduce((s, v) => s + v, 0);
    if (grossTotal > nets) expect(await page.locator('main').innerText()).not.toContain(String(grossTotal));
    const [scroll, client] = await page.evaluate(() => [
      document.documentElement.scrollWidth,
      document.documentElement.clientWidth,
    ]);
    expect(scroll, 'overview fits 1024 px').toBeLessThanOrEqual(client);
    await shot(page, 'settlement-sv-1024');
    await page.getByTestId('lang').click();
    await table
      .getByText(/ pays /)
      .first()
      .waitFor();
    await shot(page, 'settlement-en-1024');
    expect(pageErrors).toEqual([]);
  });

  it('every view of every role, in Swedish: no internal hospital id and no English solver phrase', async () => {
    const seen: string[] = [];
    for (const [role, email] of Object.entries(USERS)) {
      const page = await newPage();
      await login(page, email);
      const navs = await page
        .locator('nav [data-nav]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-nav') ?? ''));
      expect(navs.length, `${role} has views`).toBeGreaterThan(0);
      for (const nav of navs) {
        await page.locator(`[data-nav=${nav}]`).click();
        await page.locator(`[data-nav=${nav}][aria-current=page]`).waitFor();
        await page.locator('main h1').waitFor();
        // The view has loaded what it loads: no "Laddar…" left.
        await expect
          .poll(() => page.locator('main [role=status]', { hasText: 'Laddar' }).count(), { timeout: LONG })
          .toBe(0);
        expect(await page.evaluate(() => document.documentElement.lang)).toBe('sv');
        const text = await page.locator('body').innerText();
        expect(text.match(HOSPITAL_ID_RE)?.[0], `hospital id in ${role}/${nav}`).toBeUndefined();
        expect(text.match(SOLVER_ENGLISH_RE)?.[0], `English in ${role}/${nav}`).toBeUndefined();
        expect(text, `−0 in ${role}/${nav}`).not.toMatch(/[−-]0(?![,.\d])/);
        expect(text, `NaN or a placeholder in ${role}/${nav}`).not.toMatch(/\bNaN\b|\bundefined\b|\{\w+\}/);
        seen.push(`${role}/${nav}`);
      }
    }
    // Every role saw its whole menu; the union is every view of the dashboard.
    expect(seen).toEqual(expect.arrayContaining(['planner/overview', 'coordinator/hospital', 'admin/audit']));
    expect(pageErrors).toEqual([]);
  });
});
