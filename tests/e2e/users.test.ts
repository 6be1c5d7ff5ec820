// User administration in Debian's Chromium against the real server (createApp + PGlite + the
// small snapshot + the demo users): the admin creates a coordinator (a field error first, shown at
// the field), hands over the one-time password, the coordinator logs in; the admin disables them
// with the keyboard, and the coordinator's next request ends in "session expired" and their login
// fails. The Swedish page shows no internal ids. No sleeps: every wait is on a visible state.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildDashboard, startServer, type E2eServer } from './server.ts';
import { browserSuite, browsing, LONG } from './page.ts';

const ADMIN = 'admin@opti.example';
const NEW_EMAIL = 'ny.koordinator@test.example';
const NEW_NAME = 'Nora Koordinator';

browserSuite('user administration in Chromium', () => {
  let server: E2eServer;
  const b = browsing(() => server.base, { shotPrefix: 'users-', consoleErrors: false });
  const { newPage, shot, fillLogin } = b;
  const pageErrors = b.pageErrors;

  beforeAll(async () => {
    await buildDashboard();
    await b.launch();
    server = await startServer();
  });
  afterAll(async () => {
    await b.close();
    await server?.close();
  });

  it('an admin creates a coordinator, disables them, and their next request is refused', async () => {
    const admin = await newPage();
    await admin.goto(`${server.base}/#/users`);
    await fillLogin(admin, ADMIN, { password: 'opflow-demo', live: false });
    await admin.locator('h1', { hasText: 'Användare och inloggningar' }).waitFor({ timeout: LONG });
    await admin.locator('[data-testid=users] tbody tr').first().waitFor();

    // A coordinator without a hospital: refused, and the error sits at the hospital field.
    const form = admin.getByTestId('user-create');
    await form.getByLabel('Namn').fill(NEW_NAME);
    await form.getByLabel('E-post').fill(NEW_EMAIL);
    await form.getByLabel('Roll').selectOption({ label: 'Koordinator' });
    await form.getByRole('button', { name: 'Skapa konto' }).click();
    await admin.getByTestId('nu-hospital-error').waitFor();
    expect(await admin.getByTestId('nu-hospital-error').innerText()).toBe(
      'En koordinator behöver ett sjukhus.',
    );
    expect(await form.getByLabel('Sjukhus').getAttribute('aria-invalid')).toBe('true');

    await form.getByLabel('Sjukhus').selectOption({ label: 'Hässleholms sjukhus' });
    await form.getByRole('button', { name: 'Skapa konto' }).click();
    const password = await admin.getByTestId('one-time-password').innerText();
    expect(password).toMatch(/^[A-Za-z0-9]{16}$/);
    const row = admin.locator(`[data-testid=users] tr[data-email="${NEW_EMAIL}"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain('Hässleholm');
    expect(await row.getByTestId('user-status').innerText()).toBe('Aktiv');
    await shot(admin, '01-created-sv');

    // The coordinator logs in with the one-time password in their own browser.
    const coord = await newPage();
    await coord.goto(`${server.base}/`);
    await fillLogin(coord, NEW_EMAIL, { password, live: false });
    await coord.locator('[data-testid=live][data-state=live]').waitFor({ timeout: LONG });
    expect(await coord.getByTestId('user').innerText()).toContain(NEW_NAME);

    // The admin opens the account and disables it with the keyboard only.
    await row.getByRole('button', { name: `Hantera ${NEW_NAME}` }).focus();
    await admin.keyboard.press('Enter');
    const detail = admin.getByTestId('user-detail');
    await detail.waitFor();
    // Focus moves to the panel in an effect after it renders: wait for it rather than race it.
    await expect.poll(() => admin.evaluate(() => document.activeElement?.id)).toBe('user-detail');
    await detail.locator('[data-testid=user-sessions] tbody tr').first().waitFor();
    expect(await detail.getByTestId('user-sessions').innerText()).toContain('Pågår');
    await detail.getByTestId('user-toggle').focus();
    await admin.keyboard.press('Enter');
    await detail.getByTestId('user-note').waitFor();
    expect(await detail.getByTestId('user-note').innerText()).toContain('avstängd');
    await expect.poll(() => row.getByTestId('user-status').innerText()).toBe('Avstängd');
    await expect.poll(() => detail.getByTestId('user-sessions').innerText()).toContain('Avslutad');
    // No internal ids on the Swedish page (users are "u-…", hospitals "h-…").
    const text = await admin.locator('body').innerText();
    expect(text).not.toMatch(/\bu-[A-Za-z0-9_-]{4,}|\bh-[a-z]/);
    await shot(admin, '02-disabled-sv');
    await admin.getByTestId('lang').click();
    await admin.locator('h1', { hasText: 'Users and sessions' }).waitFor();
    await shot(admin, '02-disabled-en');

    // The coordinator's next request is refused: told "session expired", back at the login form,
    // and logging in again fails.
    await coord.locator('[data-nav=waiting]').click();
    await coord.getByTestId('session-expired').waitFor();
    expect(await coord.getByTestId('session-expired').innerText()).toContain('Sessionen har gått ut');
    await fillLogin(coord, NEW_EMAIL, { password, live: false });
    await coord.getByRole('alert').filter({ hasText: 'Fel e-postadress eller lösenord' }).waitFor();
    expect(await coord.locator('[data-testid=user]').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
