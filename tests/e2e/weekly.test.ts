/* eslint-disable @typescript-eslint/no-explicit-any -- API bodies used to set the scene are read structurally */
// The weekly job in Chromium: the coordinator's work queue by keyboard only, the one-day hospital
// week, the move form's lists with room, the grouped comparison, and Swedish without solver English
// or internal hospital ids. Screenshots of each view in both languages at 1440×900 and 1024×768 go
// to tests/e2e/screenshots/ (git-ignored). No sleeps: every wait is on a visible state.
import { afterAll, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import type { Page } from 'playwright-core';
import { buildDashboard, startServer, type E2eServer } from './server.ts';
import { browserSuite, browsing, LONG, HOSPITAL_ID_RE } from './page.ts';

const WEEK = '2026-W12';
const PLANNER = 'planner@opti.example';
const VAXJO = 'vaxjo@opti.example';
/** Phrases of the solver's English reason and violation texts. */
const SOLVER_ENGLISH_RE =
  /past the care guarantee|past the target|target date|listing hospital|full there|pinned by|moved from|at the listing|overrun|travel beyond|not offered|\b(draft|proposed|published)\b/i;

browserSuite('weekly job in Chromium (work queue, day picker, move, compare, Swedish)', () => {
  let server: E2eServer;
  const b = browsing(() => server.base, { shotPrefix: 'weekly-' });
  const { newPage, login, shot } = b;
  const pageErrors = b.pageErrors;
  let planId: number;
  /** The re-solved draft version made by the comparison test (editable). */
  let child: number | undefined;
  /** Cases at Växjö from other hospitals' lists (moved there as needed) for its coordinator to decide. */
  const incoming: string[] = [];

  beforeAll(async () => {
    await buildDashboard();
    await b.launch();
    server = await startServer();
    // Scene: a solved plan with at least three cases moved to Växjö, proposed to the hospitals.
    const token = await server.token(PLANNER);
    planId = (await server.call<any>(token, 'POST', '/api/plans', { body: { week: WEEK, leadDays: 0 } })).json
      .planId as number;
    await vi.waitFor(
      async () =>
        expect((await server.call<any>(token, 'GET', `/api/plans/${planId}`)).json.status).toBe('draft'),
      { timeout: LONG, interval: 250 },
    );
    let plan = (await server.call<any>(token, 'GET', `/api/plans/${planId}`)).json;
    for (const a of plan.result.assignments as any[])
      if (a.hospitalId === 'h-vaxjo' && a.patient.listingHospitalId !== 'h-vaxjo') incoming.push(a.patientId);
    const dates = [...new Set(plan.result.lists.map((l: any) => l.date))] as string[];
    const candidates = (plan.result.assignments as any[]).filter(
      (a) =>
        a.patient.consentElsewhere && a.patient.listingHospitalId !== 'h-vaxjo' && a.hospitalId !== 'h-vaxjo',
    );
    for (const a of candidates) {
      if (incoming.length >= 5) break;
      for (const date of dates) {
        if (incoming.includes(a.patientId)) break;
        for (const theatreId of ['h-vaxjo-op1', 'h-vaxjo-op2']) {
          if (incoming.includes(a.patientId)) break;
          const r = await server.call<any>(token, 'PATCH', `/api/plans/${planId}`, {
            body: { moves: [{ patientId: a.patientId, hospitalId: 'h-vaxjo', theatreId, date }] },
            ifMatch: plan.etag,
          });
          if (r.status === 200) {
            incoming.push(a.patientId);
            plan = (await server.call<any>(token, 'GET', `/api/plans/${planId}`)).json;
          }
        }
      }
    }
    expect(incoming.length, 'four incoming cases at Växjö').toBeGreaterThanOrEqual(4);
    const prop = await server.call<any>(token, 'POST', `/api/plans/${planId}/status`, {
      body: { status: 'proposed' },
      ifMatch: plan.etag,
    });
    expect(prop.status).toBe(200);
  }, 240_000);
  beforeEach(() => {
    pageErrors.length = 0;
  });
  afterAll(async () => {
    await b.close();
    await server?.close();
  });

  /** The visible Swedish text names no hospital by id and has no English solver phrase. */
  async function expectSwedishOnly(page: Page, where: string): Promise<void> {
    const text = await page.locator('body').innerText();
    expect(text.match(HOSPITAL_ID_RE)?.[0], `hospital id in ${where}`).toBeUndefined();
    expect(text.match(SOLVER_ENGLISH_RE)?.[0], `English in ${where}`).toBeUndefined();
    expect(text, `"1 patienter" in ${where}`).not.toMatch(/\b1 (patienter|operationer)\b/);
    expect(text, `−0 in ${where}`).not.toMatch(/[−-]0(?![,.\d])/);
  }

  it('a coordinator accepts three incoming cases with the keyboard only, then the rest in bulk', async () => {
    const page = await newPage();
    await login(page, VAXJO);
    const queue = page.getByTestId('queue');
    await queue.waitFor();
    const count = queue.getByTestId('pending-count');
    const n0 = Number(await count.getAttribute('data-n'));
    expect(n0).toBe(incoming.length);
    expect(await count.innerText()).toContain(`${n0} väntar på beslut`);
    // The facts to decide on are in every pending row, in words.
    const first = queue.locator('[data-testid=pending] tr').first();
    const cells = await first.locator('td, th').allInnerTexts();
    expect(cells.join(' | ')).toMatch(/\d+ min/);
    expect(cells.join(' | ')).toMatch(/\d+ km/);
    await shot(page, 'queue-sv-1440');
    // Keyboard only: Tab to the first case's accept button, then Enter three times; after each
    // decision the focus is on the next case's accept button.
    for (let k = 0; k < 80; k += 1) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement?.hasAttribute('data-accept') ?? false)) break;
    }
    for (let k = 1; k <= 3; k += 1) {
      const before = await page.evaluate(() => document.activeElement?.getAttribute('data-accept'));
      expect(before, `focus on an accept button before decision ${k}`).toBeTruthy();
      await page.keyboard.press('Enter');
      await expect.poll(() => count.getAttribute('data-n')).toBe(String(n0 - k));
      await queue
        .locator(`[data-testid=decided] tr[data-patient="${before}"] [data-decision=accept]`)
        .waitFor();
      if (k < n0)
        await expect
          .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-accept') ?? null))
          .not.toBe(null);
    }
    const token = await server.token(VAXJO);
    const inbox = (await server.call<any>(token, 'GET', `/api/plans/${planId}/decisions`)).json;
    expect(inbox.cases.filter((c: any) => c.state === 'accepted').length).toBe(3);
    // Bulk accept the rest: select all pending, accept the selection.
    const rest = n0 - 3;
    await queue.getByLabel('Markera alla väntande').check();
    await queue.getByRole('button', { name: `Godkänn markerade (${rest})` }).click();
    await expect.poll(() => count.getAttribute('data-n')).toBe('0');
    await queue.getByText(`${rest} ${rest === 1 ? 'patient godkänd' : 'patienter godkända'}.`).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('queue-title');
    const all = (await server.call<any>(token, 'GET', `/api/plans/${planId}/decisions`)).json;
    expect(all.cases.filter((c: any) => c.state === 'accepted').length).toBe(n0);
    // A decided case shows its decision and "Ändra", which offers the other decision.
    const decidedId = await queue
      .locator('[data-testid=decided] tr[data-patient]')
      .first()
      .getAttribute('data-patient');
    const decidedRow = queue.locator(`[data-testid=decided] tr[data-patient="${decidedId}"]`);
    expect(await decidedRow.getByTestId('decision').innerText()).toContain('Godkänd');
    await decidedRow.getByRole('button', { name: /^Ändra/ }).press('Enter');
    await decidedRow.getByRole('button', { name: /^Avvisa/ }).press('Enter');
    // The reason field has the focus; Enter rejects.
    await page.keyboard.type('Ingen operationssköterska');
    await page.keyboard.press('Enter');
    await expect.poll(() => decidedRow.getByTestId('decision').getAttribute('data-decision')).toBe('reject');
    expect(await decidedRow.getByTestId('decision').innerText()).toContain('Ingen operationssköterska');
    // Off the list, drawn as a rejected marker on its day; never on the printed day list.
    const rejectedCase = (
      await server.call<any>(token, 'GET', `/api/plans/${planId}/decisions`)
    ).json.cases.find((c: any) => c.patientId === decidedId);
    expect(rejectedCase).toMatchObject({ state: 'rejected', replan: true });
    await page.locator(`[data-testid=day-picker] button[data-day="${rejectedCase.date}"]`).click();
    await page.locator(`[data-testid="day-${rejectedCase.date}"] .tl-case.rejected`).waitFor();
    const listText = (
      await page.locator(`[data-testid="day-${rejectedCase.date}"] .list`).allInnerTexts()
    ).join('\n');
    expect(listText).not.toContain(await decidedRow.locator('th').innerText());
    // "Ändra" again: back to accepted.
    await decidedRow.getByRole('button', { name: /^Ändra/ }).click();
    await decidedRow.getByRole('button', { name: /^Godkänn/ }).click();
    await expect.poll(() => decidedRow.getByTestId('decision').getAttribute('data-decision')).toBe('accept');
    await shot(page, 'queue-after-sv-1440');
    await expectSwedishOnly(page, 'hospital week (coordinator)');
    expect(pageErrors).toEqual([]);
  });

  it('the hospital week shows one day at a time with a day picker and a legend', async () => {
    const page = await newPage();
    await login(page, PLANNER, '#/hospital/h-vaxjo');
    const picker = page.getByTestId('day-picker');
    await picker.waitFor();
    const buttons = picker.getByRole('button');
    const nDays = await buttons.count();
    expect(nDays).toBeGreaterThan(1);
    expect(await page.locator('section.day').count()).toBe(1);
    const day1 = await buttons.nth(0).getAttribute('data-day');
    const day2 = await buttons.nth(1).getAttribute('data-day');
    await page.getByTestId(`day-${day1}`).waitFor();
    expect(await buttons.nth(0).getAttribute('aria-pressed')).toBe('true');
    await buttons.nth(1).click();
    await page.getByTestId(`day-${day2}`).waitFor();
    expect(await page.locator('section.day').count()).toBe(1);
    expect(await buttons.nth(1).getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('button', { name: 'Föregående dag' }).click();
    await page.getByTestId(`day-${day1}`).waitFor();
    const legend = await page.getByTestId('legend').innerText();
    for (const w of ['Inkommande', 'Egen patient', 'Låst', 'Avvisad']) expect(legend).toContain(w);
    await expectSwedishOnly(page, 'hospital week (planner)');
    await shot(page, 'hospital-week-sv-1440');
    // Printing the day: stamped with the print time; the queue, picker, legend and timeline stay off paper.
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('p.print-only').innerText()).toMatch(
      /^Utskriven \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/,
    );
    for (const id of ['queue', 'day-picker', 'legend'])
      expect(await page.getByTestId(id).isVisible(), `${id} in print`).toBe(false);
    expect(await page.locator('.timeline').isVisible()).toBe(false);
    expect(await page.locator('.list table').first().isVisible()).toBe(true);
    await shot(page, 'hospital-week-print');
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1024, height: 768 });
    await shot(page, 'hospital-week-sv-1024');
    await page.getByTestId('lang').click();
    await page.locator('h1', { hasText: 'Hospital week' }).waitFor();
    await shot(page, 'hospital-week-en-1024');
    await page.getByTestId('lang').click();
    await page.locator('h1', { hasText: 'Sjukhusvecka' }).waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('compare separates real moves from time shifts, grouped by hospital, coloured by better/worse', async () => {
    const token = await server.token(PLANNER);
    // A second version: re-solve the proposed plan (a new draft child).
    const r = await server.call<any>(token, 'POST', `/api/plans/${planId}/resolve`);
    expect(r.status).toBeLessThan(300);
    child = r.json.planId as number;
    await vi.waitFor(
      async () =>
        expect((await server.call<any>(token, 'GET', `/api/plans/${child}`)).json.status).toBe('draft'),
      { timeout: LONG, interval: 250 },
    );
    const diff = (await server.call<any>(token, 'GET', `/api/plans/${planId}/diff/${child}`)).json;
    const isReal = (d: any) => d.from.hospitalId !== d.to.hospitalId || d.from.date !== d.to.date;
    const perHospital = (xs: any[], at: (d: any) => string) => {
      const m = new Map<string, number>();
      for (const d of xs) m.set(at(d), (m.get(at(d)) ?? 0) + 1);
      return m;
    };
    const page = await newPage();
    await login(page, PLANNER, '#/plan');
    await page.locator('#cmp-title').waitFor();
    await page.locator('#cmp-title + form select').nth(0).selectOption(String(planId));
    await page.locator('#cmp-title + form select').nth(1).selectOption(String(child));
    await page.getByRole('button', { name: 'Jämför', exact: true }).click();
    const d = page.getByTestId('diff');
    await d.waitFor();
    for (const [testId, xs, at] of [
      ['cmp-real', diff.moved.filter(isReal), (x: any) => x.to.hospitalId],
      ['cmp-shifts', diff.moved.filter((x: any) => !isReal(x)), (x: any) => x.to.hospitalId],
      ['cmp-added', diff.added, (x: any) => x.to.hospitalId],
      ['cmp-removed', diff.removed, (x: any) => x.from.hospitalId],
    ] as const) {
      const want = perHospital(xs as any[], at as (x: any) => string);
      if (want.size === 0) continue;
      const groups = await d
        .getByTestId(testId)
        .locator('.cmp-group')
        .evaluateAll((els) =>
          els.map(
            (e) =>
              [
                e.getAttribute('data-hospital'),
                Number(/\((\d+)\)/.exec(e.querySelector('h4')?.textContent ?? '')?.[1]),
              ] as const,
          ),
        );
      expect(new Map(groups), testId).toEqual(want);
      // Paged: at most ten rows per group before "Visa fler".
      for (const g of await d.getByTestId(testId).locator('.cmp-group ul').all())
        expect(await g.locator('li').count()).toBeLessThanOrEqual(10);
    }
    // Colour by better or worse, not by sign: more treated is better, more past the guarantee worse.
    for (const [kpi, better] of [
      ['patientsTreated', 1],
      ['pastGuaranteeAtEnd', -1],
    ] as const) {
      const v = diff.kpiDelta[kpi] as number | undefined;
      if (v === undefined) continue;
      const verdict = await d.locator(`tr[data-kpi=${kpi}]`).getAttribute('data-verdict');
      expect(verdict).toBe(Math.round(v) === 0 ? 'neutral' : v * better > 0 ? 'better' : 'worse');
    }
    await expectSwedishOnly(page, 'plan comparison');
    await shot(page, 'compare-sv-1440');
    await page.setViewportSize({ width: 1024, height: 768 });
    await shot(page, 'compare-sv-1024');
    await page.getByTestId('lang').click();
    await page.locator('h1', { hasText: 'Plan editing' }).waitFor();
    await shot(page, 'compare-en-1024');
    await page.getByTestId('lang').click();
    expect(pageErrors).toEqual([]);
  });
  it('the move form offers only open lists with room, with their free minutes', async () => {
    expect(child, 'the draft made by the comparison test').toBeDefined();
    const token = await server.token(PLANNER);
    const plan = (await server.call<any>(token, 'GET', `/api/plans/${child}`)).json;
    expect(plan.status).toBe('draft');
    const page = await newPage();
    await login(page, PLANNER, '#/plan');
    await page
      .getByTestId('plan-heading')
      .filter({ hasText: `version ${plan.version} – utkast` })
      .waitFor();
    const a = (plan.result.assignments as any[])[0];
    const row = page.locator(`[data-testid=assignments] tr[data-patient="${a.patientId}"]`);
    await row.getByTestId('move').click();
    const form = page.getByTestId('move-form');
    await form.waitFor();
    const need = a.durationMin + a.turnoverMin;
    const room = (plan.result.lists as any[])
      .filter((l) => !(l.theatreId === a.theatreId && l.date === a.date))
      .filter((l) => l.listEndMin - l.plannedEndMin >= need);
    const hospitals = await form
      .getByLabel('Sjukhus')
      .locator('option')
      .evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value));
    expect(hospitals.toSorted()).toEqual([...new Set(room.map((l) => l.hospitalId))].toSorted());
    for (const hid of hospitals) {
      await form.getByLabel('Sjukhus').selectOption(hid);
      const opts = await form
        .getByLabel('Lista')
        .locator('option')
        .evaluateAll((els) =>
          els.map((e) => ({
            value: (e as HTMLOptionElement).value,
            text: e.textContent ?? '',
            free: Number(e.getAttribute('data-free')),
          })),
        );
      const expected = room.filter((l) => l.hospitalId === hid);
      expect(opts.map((o) => o.value).toSorted()).toEqual(
        expected.map((l) => `${l.theatreId}|${l.date}`).toSorted(),
      );
      for (const o of opts) {
        expect(o.free).toBeGreaterThanOrEqual(need);
        expect(o.text).toContain(`${o.free} min ledigt`);
      }
    }
    await shot(page, 'move-form-sv-1440');
    await expectSwedishOnly(page, 'plan editing with the move form');
    expect(pageErrors).toEqual([]);
  });

  it('a wrong password and an unreachable server are told in Swedish, without the server’s English', async () => {
    const page = await newPage();
    await page.goto(server.base);
    await page.getByLabel('E-post').fill(PLANNER);
    await page.getByLabel('Lösenord').fill('fel-lösenord');
    await page.getByRole('button', { name: 'Logga in' }).click();
    const alert = page.locator('main [role=alert]');
    await expect.poll(() => alert.innerText()).toContain('Fel e-postadress eller lösenord.');
    expect(await alert.innerText()).not.toMatch(/wrong|password/i);
    // The network is down: fetch itself fails.
    await page.route('**/api/auth/login', (r) => r.abort('internetdisconnected'));
    await page.getByRole('button', { name: 'Logga in' }).click();
    await expect.poll(() => alert.innerText()).toContain('Servern går inte att nå');
    await shot(page, 'login-network-sv-1024');
    // The console reports the refused login and the aborted request; nothing else went wrong.
    expect(
      pageErrors.filter((e) => !/401|ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(e)),
    ).toEqual([]);
  });
});
