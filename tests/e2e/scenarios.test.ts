// The scenario workspace in Chromium: an analyst builds two scenarios in the form (today's
// situation and one more theatre), runs them under both policies with two simulations each, sees
// the progress bar finish, both charts drawn and the table of paired differences in words; a file
// with a bad field is refused naming it; no personnummer, patient name or hospital id on the page.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildDashboard, startServer, type E2eServer } from './server.ts';
import { browserSuite, browsing, HOSPITAL_ID_RE, PERSONNUMMER_RE } from './page.ts';

/** Two policies × two scenarios × two simulations: longer than the other files' waits. */
const LONG = 120_000;
const ANALYST = 'analyst@opti.example';

browserSuite('scenario workspace in Chromium', () => {
  let server: E2eServer;
  const b = browsing(() => server.base, { shotPrefix: 'scenarios-', consoleErrors: false });
  const { newPage, login, shot } = b;
  const pageErrors = b.pageErrors;

  beforeAll(async () => {
    await buildDashboard();
    await b.launch();
    server = await startServer();
  }, LONG);
  afterAll(async () => {
    await b.close();
    await server?.app.inverses.idle();
    await server?.close();
  });

  it(
    'an analyst builds two scenarios, runs them and reads the comparison',
    async () => {
      const page = await newPage({ width: 1280, height: 900 });
      await login(page, ANALYST, '#/scenarios');
      await page.getByRole('heading', { name: 'Scenarier – vad händer om?' }).waitFor({ timeout: LONG });

      const form = page.getByTestId('scen-form');
      await form.getByLabel('Namn').fill('Dagens läge');
      await form.getByLabel('Typ av ändring').selectOption('base');
      await form.getByRole('button', { name: 'Spara scenariot' }).click();
      await page.getByTestId('scen-message').getByText('Scenariot Dagens läge är sparat').waitFor();

      await form.getByLabel('Namn').fill('En sal till i Växjö');
      await form.getByLabel('Typ av ändring').selectOption('theatres');
      await form.locator('select[name=hospital]').selectOption({ label: 'Växjö' });
      await form.getByLabel('Mängd').fill('1');
      await form.getByRole('button', { name: 'Spara scenariot' }).click();
      await page.getByTestId('scen-message').getByText('Scenariot En sal till i Växjö är sparat').waitFor();
      await page.getByTestId('scen-table').locator('tbody tr').nth(1).waitFor();
      expect(await page.getByTestId('scen-table').locator('tbody tr').count()).toBe(2);

      // A file with a bad field: refused, the field named.
      await page.getByTestId('scen-upload').setInputFiles({
        name: 'fel.json',
        mimeType: 'application/json',
        buffer: Buffer.from(
          JSON.stringify({
            schemaVersion: 1,
            id: 'sc-bad',
            name: 'Fel',
            changes: [{ kind: 'consentShare', share: 3 }],
          }),
        ),
      });
      await page.getByTestId('scen-message').getByText('Fältet changes[0].share').waitFor();

      const run = page.getByTestId('scen-run-form');
      await run.getByLabel('Simuleringar per scenario').fill('2');
      await run.getByLabel('Veckor framåt').fill('2');
      await run.getByRole('button', { name: 'Starta körningen' }).click();
      await page.locator('[data-testid=scen-progress][data-state=done]').waitFor({ timeout: LONG });
      await page.getByTestId('scen-progress').getByText('8 av 8 simuleringar klara').waitFor();

      await page.getByTestId('scen-chart-waiting').locator('canvas').waitFor({ timeout: LONG });
      await page.getByTestId('scen-chart-share').locator('canvas').waitFor();
      const rows = page.getByTestId('scen-diff').locator('tbody tr');
      await rows.nth(3).waitFor({ timeout: LONG });
      expect(await rows.count()).toBe(4);
      const table = await page.getByTestId('scen-diff').innerText();
      expect(table).toContain('En sal till i Växjö jämfört med Dagens läge (Optimerad planering)');
      expect(table).toMatch(/procentenheter \[[−\d,+]+; [−\d,+]+\]/);

      await shot(page, 'sv');

      // One home region: the charts redraw for it.
      await page.getByTestId('scen-filter').selectOption({ label: 'Hemregion: Region Kronoberg' });
      await page.getByTestId('scen-chart-waiting').locator('canvas').waitFor();

      const text = await page.locator('body').innerText();
      const html = await page.content();
      expect(text.match(PERSONNUMMER_RE)?.[0]).toBeUndefined();
      expect(html.match(PERSONNUMMER_RE)?.[0]).toBeUndefined();
      expect(text.match(HOSPITAL_ID_RE)?.[0]).toBeUndefined();
      const names = (
        await server.db.query<{ given_name: string; family_name: string }>(
          'SELECT given_name, family_name FROM waiting_list',
        )
      ).rows;
      expect(names.filter((n) => text.includes(`${n.given_name} ${n.family_name}`))).toEqual([]);
      expect(text).not.toMatch(/\bsc-[0-9a-z]+|\brun-[0-9a-f-]{8}/);

      // The inverse question, answered in a sentence (a target of 100 % needs no extra capacity).
      await page.getByLabel('Mål: andel över vårdgarantin högst (procent)').fill('100');
      await page.getByLabel('Högst (enheter per vecka)').fill('2');
      await page.getByRole('button', { name: 'Räkna ut' }).click();
      await page
        .getByTestId('scen-inverse-answer')
        .getByText(/Det behövs minst 0 dagar med regionalt team per vecka vid SUS Lund/)
        .waitFor({ timeout: LONG });

      // English one click away.
      await page.getByTestId('lang').click();
      await page.getByRole('heading', { name: 'Scenarios – what if?' }).waitFor();
      expect(await page.getByTestId('scen-diff').innerText()).toContain('percentage points');
      expect(pageErrors).toEqual([]);
    },
    LONG * 2,
  );
});
