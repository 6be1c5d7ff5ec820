/* eslint-disable @typescript-eslint/no-explicit-any -- API bodies used to set the scene are read structurally */
// The dashboard end to end in Debian's Chromium: each role's main flow against the real server
// (createApp + PGlite + the small snapshot + the demo users), with screenshots of every main view
// saved under tests/e2e/screenshots/ (git-ignored). No sleeps: every wait is on a visible state.
import { afterAll, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import type { Page } from 'playwright-core';
import { buildDashboard, DEMO_PASSWORD, startServer, type E2eServer } from './server.ts';
import { browserSuite, browsing, LONG, PERSONNUMMER_RE } from './page.ts';
import { scaledSnapshot } from '../helpers/smallSnapshot.ts';

// The small snapshot's first plannable week (as of 2026-03-02 + the default 14 lead days).
const WEEK = '2026-W12';

const PLANNER = 'planner@opti.example';
const VAXJO = 'vaxjo@opti.example';
const ANALYST = 'analyst@opti.example';

browserSuite('dashboard in Chromium', () => {
  let server: E2eServer;
  /** A second server with a Södra-sized waiting list, started by the last test. */
  let big: E2eServer | undefined;
  const b = browsing(() => server.base, { shotPrefix: '' });
  const { newPage, login, shot } = b;
  const pageErrors = b.pageErrors;

  beforeAll(async () => {
    await buildDashboard();
    await b.launch();
    server = await startServer();
  });
  beforeEach(() => {
    pageErrors.length = 0;
  });
  afterAll(async () => {
    await b.close();
    await server?.close();
    await big?.close();
  });

  async function expectNoPersonnummer(page: Page, where: string): Promise<void> {
    const html = await page.content();
    const text = await page.locator('body').innerText();
    expect(html.match(PERSONNUMMER_RE)?.[0], `personnummer in the HTML of ${where}`).toBeUndefined();
    expect(text.match(PERSONNUMMER_RE)?.[0], `personnummer in the text of ${where}`).toBeUndefined();
  }

  /** The newest plan with a result; solved through the API when the UI test before did not leave one. */
  async function solvedPlan(token: string): Promise<any> {
    const list = await server.call<any>(token, 'GET', '/api/plans');
    let id: number | undefined = list.json.rows.find((p: any) =>
      ['draft', 'proposed', 'published'].includes(p.status),
    )?.id;
    if (id === undefined) {
      id = (await server.call<any>(token, 'POST', '/api/plans', { body: { week: WEEK, leadDays: 0 } })).json
        .planId as number;
      await vi.waitFor(
        async () =>
          expect((await server.call<any>(token, 'GET', `/api/plans/${id}`)).json.status).toBe('draft'),
        { timeout: LONG, interval: 250 },
      );
    }
    return (await server.call<any>(token, 'GET', `/api/plans/${id}`)).json;
  }

  it('a planner logs in, starts a solve and sees its progress, then the result in every view', async () => {
    const page = await newPage();
    await page.goto(server.base);
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('sv');
    await shot(page, '01-login');
    await login(page, PLANNER, '#/plan');
    await page.locator('h1', { hasText: 'Planredigering' }).waitFor();
    await page.getByLabel('Vecka (ISO, t.ex. 2026-W11)').fill(WEEK);
    await page.getByRole('button', { name: 'Starta optimering' }).click();
    const progress = page.getByTestId('solve-progress');
    await progress.waitFor();
    await expect.poll(async () => progress.locator('progress').count()).toBe(1);
    await page.getByTestId('solve-result').waitFor({ timeout: LONG });
    expect(await progress.getAttribute('data-phase')).toBe('done');
    const phases = await page.getByTestId('phases-seen').innerText();
    expect(phases).toContain('bygger problemet');
    expect(phases).toContain('klar');
    expect(await page.getByTestId('solve-result').innerText()).toMatch(/opererade/);
    // The plan is named by its week and version, not by its internal id ("plan 1").
    expect(await page.getByTestId('solve-result').innerText()).toMatch(
      /^Klar: planen \(v\. 12, version 1\) är /,
    );
    await page.locator('[data-testid=assignments] tbody tr').first().waitFor();
    expect(await page.locator('[data-testid=assignments] tbody tr').count()).toBeGreaterThan(0);
    // The heading names the plan by its week, version and status in words, not by its internal id.
    expect(await page.getByTestId('plan-heading').innerText()).toMatch(
      /^Plan för v\. \d+, version \d+ – utkast$/,
    );
    await shot(page, '02-planner-plan-editing');

    await page.locator('[data-nav=overview]').click();
    await page.getByTestId('plan-kpis').waitFor();
    await page.getByTestId('waiting-by-hospital').waitFor();
    expect(await page.getByTestId('kpi-solve-status').innerText()).toMatch(/godtagbar|optimal/);
    // Fairness figures (Swedish by default) and the booked-vs-waiting tables of the plan just solved.
    await page.getByTestId('fairness-kpis').waitFor();
    expect(await page.getByTestId('fairness-kpis').innerText()).toMatch(/Omkörningar/);
    expect(await page.locator('[data-testid=booked-by-procedure] tbody tr').count()).toBeGreaterThan(0);
    await shot(page, '03-planner-overview');

    await page.locator('[data-nav=redistribution]').click();
    await page.getByTestId('flow-map').waitFor();
    await shot(page, '04-planner-redistribution');

    await page.locator('[data-nav=hospital]').click();
    await page.locator('.tl-case').first().waitFor();
    await shot(page, '05-planner-hospital-week');

    await page.locator('[data-nav=waiting]').click();
    await expect.poll(() => page.getByTestId('waiting-count').innerText()).toMatch(/\d+ patienter/);
    await page.locator('.vbody .vrow [role=cell]').first().waitFor();
    await shot(page, '06-planner-waiting-list');
    expect(pageErrors).toEqual([]);
  });

  it('a manual move that breaks a rule names the rule in plain words and changes nothing', async () => {
    const token = await server.token(PLANNER);
    const before = await solvedPlan(token);
    const chole = before.result.assignments.find((a: any) => a.patient.procedureId === 'p-chole');
    expect(chole, 'a cholecystectomy in the plan').toBeDefined();
    const page = await newPage();
    await login(page, PLANNER, '#/plan');
    const row = page.locator(`[data-testid=assignments] tr[data-patient="${chole.patientId}"]`);
    await row.getByTestId('move').click();
    const form = page.getByTestId('move-form');
    // A hospital offered in the form (it has a list with room) that does not do cholecystectomies.
    const hospitals = (await server.call<any>(token, 'GET', '/api/hospitals')).json as any[];
    const offered = await form
      .getByLabel('Sjukhus')
      .locator('option')
      .evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value));
    const target = hospitals.find((h) => offered.includes(h.id) && !h.procedureIds.includes('p-chole'));
    expect(target, 'an offered hospital without cholecystectomy').toBeDefined();
    await form.getByLabel('Sjukhus').selectOption(target.id);
    await form.getByRole('button', { name: 'Flytta patienten' }).click();
    const v = page.getByTestId('violations');
    await v.waitFor();
    expect(await v.innerText()).toContain('Ingenting har ändrats');
    const rules = await v
      .locator('li[data-rule]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-rule')));
    expect(rules.length).toBeGreaterThan(0);
    expect(rules).toContain('procedure not offered');
    expect(await v.innerText()).toContain('Sjukhuset utför inte denna åtgärd');
    // The rule in Swedish with its hospital (never an internal id).
    expect(await v.getByTestId('refusal-text').innerText()).toMatch(
      new RegExp(`^${target.shortName} utför inte `),
    );
    await shot(page, '07-planner-bad-move');
    const after = (await server.call<any>(token, 'GET', `/api/plans/${before.id}`)).json;
    expect(after.etag).toBe(before.etag);
    expect(after.result.assignments.find((a: any) => a.patientId === chole.patientId).hospitalId).toBe(
      chole.hospitalId,
    );
    // Chromium logs the refused PATCH itself; that one 422 is the expected answer.
    expect(pageErrors).toEqual([expect.stringMatching(/status of 422/)]);
  });

  it('a planner excludes a case and moves one to a list with room: both succeed, applied without refetching the plan', async () => {
    const token = await server.token(PLANNER);
    const before = await solvedPlan(token);
    const lists = before.result.lists as any[];
    const byId = new Map((before.result.assignments as any[]).map((a) => [a.patientId, a]));
    // Exclude the first case of a list with two or more, then move into that list a case of the
    // same specialty from another list of the same hospital (same procedure first: the list then
    // holds the mix of procedures it held before). Tried in order; a refusal must be the overrun
    // risk, the one rule the freed room does not settle.
    const list = lists.find((l) => l.patientIds.length >= 2);
    expect(list, 'a list with two cases').toBeDefined();
    const excluded = byId.get(list.patientIds[0]);
    const specialtyOf = new Map<string, string>();
    for (const l of lists) for (const id of l.patientIds) specialtyOf.set(id, l.specialtyId);
    const candidates = (before.result.assignments as any[])
      .filter(
        (a) =>
          a.hospitalId === list.hospitalId &&
          !list.patientIds.includes(a.patientId) &&
          specialtyOf.get(a.patientId) === list.specialtyId,
      )
      .toSorted(
        (a, b) =>
          Number(b.patient.procedureId === excluded.patient.procedureId) -
          Number(a.patient.procedureId === excluded.patient.procedureId),
      );
    expect(candidates.length, 'a case of the same specialty in another list').toBeGreaterThan(0);
    const page = await newPage();
    const planFetches: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'GET' && new RegExp(`/api/plans/${before.id}$`).test(r.url()))
        planFetches.push(r.url());
    });
    await login(page, PLANNER, '#/plan');
    const rowOf = (id: string) => page.locator(`[data-testid=assignments] tr[data-patient="${id}"]`);
    await rowOf(excluded.patientId).waitFor();
    const fetchesBefore = planFetches.length;
    await rowOf(excluded.patientId).getByRole('button', { name: 'Uteslut' }).click();
    await rowOf(excluded.patientId).waitFor({ state: 'detached' });
    await page.getByText('Ändringen är sparad och kontrollerad.').waitFor();
    expect(await page.getByTestId('busy').count()).toBe(0);
    let moved: string | undefined;
    let tried = 0;
    for (const c of candidates) {
      if (tried >= 5) break;
      await rowOf(c.patientId).getByTestId('move').click();
      const form = page.getByTestId('move-form');
      // The form offers only lists with room for this case: skip a case the list cannot take.
      const value = `${list.theatreId}|${list.date}`;
      if ((await form.locator(`select[name=list] option[value="${value}"]`).count()) === 0) {
        await form.getByRole('button', { name: 'Avbryt' }).click();
        continue;
      }
      tried += 1;
      await form.getByLabel('Lista').selectOption(value);
      await form.getByRole('button', { name: 'Flytta patienten' }).click();
      const outcome = await Promise.race([
        form.waitFor({ state: 'detached' }).then(() => 'ok' as const),
        page
          .getByTestId('violations')
          .waitFor()
          .then(() => 'refused' as const),
      ]);
      if (outcome === 'ok') {
        moved = c.patientId;
        break;
      }
      expect(await page.getByTestId('violations').locator('li[data-rule]').getAttribute('data-rule')).toBe(
        'overrun risk',
      );
      await form.getByRole('button', { name: 'Avbryt' }).click();
    }
    expect(moved, 'a legal move into the list').toBeDefined();
    await expect.poll(() => rowOf(moved!).innerText()).toContain('låst');
    await shot(page, '08-planner-exclude-and-move');
    // Both actions came back as deltas: the plan was not fetched again.
    expect(planFetches.length).toBe(fetchesBefore);
    const after = (await server.call<any>(token, 'GET', `/api/plans/${before.id}`)).json;
    expect(after.request.excludedPatientIds).toContain(excluded.patientId);
    expect(after.result.assignments.find((a: any) => a.patientId === moved)).toMatchObject({
      hospitalId: list.hospitalId,
      theatreId: list.theatreId,
      date: list.date,
    });
    expect(after.result.check.feasible).toBe(true);
    // Chromium logs a refused PATCH (422) itself; nothing else may have gone wrong.
    expect(pageErrors.filter((e) => !/status of 422/.test(e))).toEqual([]);
  });

  it('a coordinator accepts an incoming case and a planner’s open dashboard shows it without reload', async () => {
    const token = await server.token(PLANNER);
    let plan = await solvedPlan(token);
    // Set the scene through the API: move a consenting patient to Växjö, then propose the plan.
    let movedId: string | undefined;
    const dates = [...new Set(plan.result.lists.map((l: any) => l.date))] as string[];
    const candidates = plan.result.assignments.filter(
      (a: any) => a.patient.consentElsewhere && a.patient.listingHospitalId !== 'h-vaxjo',
    );
    for (const a of candidates) {
      for (const date of dates) {
        for (const theatreId of ['h-vaxjo-op1', 'h-vaxjo-op2']) {
          if (movedId !== undefined) continue;
          const r = await server.call<any>(token, 'PATCH', `/api/plans/${plan.id}`, {
            body: { moves: [{ patientId: a.patientId, hospitalId: 'h-vaxjo', theatreId, date }] },
            ifMatch: plan.etag,
          });
          if (r.status === 200) movedId = a.patientId;
        }
      }
    }
    expect(movedId, 'a feasible move to Växjö').toBeDefined();
    plan = (await server.call<any>(token, 'GET', `/api/plans/${plan.id}`)).json;
    expect(
      (
        await server.call<any>(token, 'POST', `/api/plans/${plan.id}/status`, {
          body: { status: 'proposed' },
          ifMatch: plan.etag,
        })
      ).status,
    ).toBe(200);

    const planner = await newPage();
    await login(planner, PLANNER, '#/hospital/h-vaxjo');
    const plannerRow = planner.locator(
      `[data-testid=incoming] tr[data-patient="${movedId}"] [data-testid=decision]`,
    );
    await expect.poll(() => plannerRow.getAttribute('data-decision')).toBe('pending');

    const coord = await newPage();
    await login(coord, VAXJO);
    await coord.locator('h1', { hasText: 'Sjukhusvecka' }).waitFor();
    const row = coord.locator(`[data-testid=incoming] tr[data-patient="${movedId}"]`);
    await row.waitFor();
    await shot(coord, '08-coordinator-hospital-week');
    // The print view of one day's list: print CSS hides navigation, timeline and buttons.
    await coord.getByTestId('day-picker').getByRole('button').nth(1).click();
    await coord.emulateMedia({ media: 'print' });
    expect(await coord.locator('header.top').isVisible()).toBe(false);
    await shot(coord, '08b-coordinator-day-list-print');
    await coord.emulateMedia({ media: 'screen' });
    // The server's print page opens in a new tab through a signed link (no bearer header there).
    const [tab] = await Promise.all([
      coord.context().waitForEvent('page'),
      coord.getByTestId('print-page').click(),
    ]);
    await tab.waitForURL(/\/day-list\.html\?hospitalId=h-vaxjo&date=.*&token=l1\./);
    await tab.locator('table').first().waitFor();
    await shot(tab, '08c-coordinator-day-list-page');
    await tab.close();
    await row.getByRole('button', { name: 'Godkänn' }).click();
    await expect.poll(() => row.getByTestId('decision').getAttribute('data-decision')).toBe('accept');

    // The planner's page was not reloaded: the live event made it refetch.
    await expect.poll(() => plannerRow.getAttribute('data-decision'), { timeout: 10_000 }).toBe('accept');
    // Announced by hospital and decision in words (no internal patient id on screen).
    expect(await planner.getByTestId('announcer').innerText()).toContain('Beslut från Växjö: Godkänd');
    await shot(planner, '09-planner-sees-decision-live');

    await coord.locator('[data-nav=waiting]').click();
    await expect.poll(() => coord.getByTestId('waiting-count').innerText()).toMatch(/\d+ patienter/);
    await shot(coord, '10-coordinator-waiting-list');
    expect(pageErrors).toEqual([]);
  });

  it('an analyst sees no personnummer in any view they can open', async () => {
    const page = await newPage();
    await login(page, ANALYST);
    const navs = await page
      .locator('nav [data-nav]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-nav')));
    expect(navs).toEqual(['overview', 'redistribution', 'scenarios']);
    await page.getByTestId('waiting-by-hospital').waitFor();
    await page.getByTestId('plan-kpis').waitFor();
    await expectNoPersonnummer(page, 'overview');
    await shot(page, '11-analyst-overview');

    await page.locator('[data-nav=redistribution]').click();
    await page.getByTestId('flow-map').waitFor();
    await expectNoPersonnummer(page, 'redistribution');
    // Drill down into the patients behind a moved number: pseudonymised.
    const cell = page.locator('[data-testid=od-matrix] td.moved button').first();
    await cell.click();
    await page.getByTestId('drill').waitFor();
    expect(await page.getByTestId('drill').innerText()).toMatch(/\d+-\d+|100\+/);
    await expectNoPersonnummer(page, 'redistribution drill-down');
    await shot(page, '12-analyst-redistribution');

    // Views outside the role fall back to the analyst's first view.
    await page.goto(`${server.base}/#/waiting`);
    await page.locator('h1', { hasText: 'Regionöversikt' }).waitFor();
    await expectNoPersonnummer(page, 'fallback');
    expect(pageErrors).toEqual([]);
  });

  it('the language switch changes the visible strings and the lang attribute', async () => {
    const page = await newPage();
    await login(page, PLANNER, '#/overview');
    await page.locator('h1', { hasText: 'Regionöversikt' }).waitFor();
    await page.getByTestId('lang').click();
    await page.locator('h1', { hasText: 'Region overview' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.locator('nav').innerText()).toContain('Waiting list');
    await page.getByTestId('plan-kpis').waitFor();
    await shot(page, '13-planner-overview-english');
    await page.getByTestId('lang').click();
    await page.locator('h1', { hasText: 'Regionöversikt' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('sv');
    expect(await page.locator('nav').innerText()).toContain('Väntelista');
    expect(pageErrors).toEqual([]);
  });
  it('a planner re-solves keeping pins, compares the two versions and publishes the new one', async () => {
    const token = await server.token(PLANNER);
    const parent = await solvedPlan(token);
    const pinned = parent.result.assignments.filter((a: any) => a.pinned).map((a: any) => a.patientId);
    const page = await newPage();
    await login(page, PLANNER, '#/plan');
    await page
      .getByTestId('plan-heading')
      .filter({ hasText: `version ${parent.version} –` })
      .waitFor();
    await page.getByRole('button', { name: 'Optimera om (behåll låsningar)' }).click();
    await page.getByTestId('solve-result').waitFor({ timeout: LONG });
    const child = (await server.call<any>(token, 'GET', '/api/plans')).json.rows.find(
      (p: any) => p.parentId === parent.id,
    );
    expect(child, 're-solved version').toBeDefined();
    await page
      .getByTestId('plan-heading')
      .filter({ hasText: `version ${child.version} –` })
      .waitFor();
    const kept = (await server.call<any>(token, 'GET', `/api/plans/${child.id}`)).json.result.assignments;
    for (const id of pinned) expect(kept.some((a: any) => a.patientId === id)).toBe(true);
    await page.getByRole('button', { name: 'Jämför', exact: true }).click();
    await page.getByTestId('diff').waitFor();
    expect(await page.getByTestId('diff').innerText()).toContain('Opererade patienter');
    await shot(page, '14-planner-resolve-compare');
    await page.getByRole('button', { name: 'Föreslå till sjukhusen' }).click();
    await page.getByRole('button', { name: 'Publicera', exact: true }).click();
    // A confirmation with the summary comes first.
    const dialog = page.getByTestId('publish-dialog');
    await dialog.getByTestId('publish-summary').waitFor();
    expect(await dialog.innerText()).toContain('operationer');
    await shot(page, '15-planner-publish-confirm');
    await dialog.getByRole('button', { name: 'Publicera nu' }).click();
    await page
      .getByTestId('plan-heading')
      .filter({ hasText: `version ${child.version} – publicerad` })
      .waitFor();
    expect(pageErrors).toEqual([]);
  });
  it('the waiting list stays virtualised with 20,000 patients: few DOM rows, pages fetched on scroll', async () => {
    big = await startServer(scaledSnapshot(20_000));
    const page = await newPage();
    await page.goto(big.base);
    await page.getByLabel('E-post').fill(PLANNER);
    await page.getByLabel('Lösenord').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.locator('[data-nav=waiting]').click();
    await expect
      .poll(() => page.getByTestId('waiting-count').innerText(), { timeout: LONG })
      .toMatch(/19\s000 patienter/);
    await page.locator('.vbody .vrow [role=cell]').first().waitFor();
    expect(await page.locator('.vbody .vrow').count()).toBeLessThan(80);
    // Keyboard: End jumps to the last rows, which are fetched on demand.
    await page.locator('.vbody').focus();
    await page.keyboard.press('End');
    await page.locator('.vbody .vrow[aria-rowindex="19001"] [role=cell]').first().waitFor({ timeout: LONG });
    expect(await page.locator('.vbody .vrow').count()).toBeLessThan(80);
    await shot(page, '15-planner-waiting-list-20000');
    expect(pageErrors).toEqual([]);
  });
});
