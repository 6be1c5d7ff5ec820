// The browser side of every e2e file: Debian's Chromium, a page per browser context in Swedish
// with page errors collected, the login form, and full-page screenshots under
// tests/e2e/screenshots/ (git-ignored). Each file starts its own server (tests/e2e/server.ts) and
// hands its address here.
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from './server.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
export const SHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
/** Waits that include a solve or a first load under a busy machine. */
export const LONG = 90_000;
export const WIDE = { width: 1440, height: 900 };
export const SMALL = { width: 1024, height: 768 };

/** Internal hospital ids look like "h-vaxjo", "h-sus-lund". */
export const HOSPITAL_ID_RE = /\bh-[a-z][a-z-]*/;
/** Personnummer / samordningsnummer anywhere in a text. */
export const PERSONNUMMER_RE = /\d{8}[-+]\d{4}/;

export const hasChromium = existsSync(CHROMIUM);

/** `describe` when Chromium is installed, else a skipped suite whose title says why. */
export function browserSuite(title: string, body: () => void): void {
  if (hasChromium) describe(title, body);
  else describe.skip(`${title} — skipped: ${CHROMIUM} is not installed (apt-get install -y chromium)`, body);
}

export interface Browsing {
  /** The running browser (after `launch`). */
  readonly browser: Browser;
  /** Page and console errors of every page; tests empty it in beforeEach. */
  readonly pageErrors: string[];
  /** Launch Chromium (in beforeAll). */
  launch(): Promise<void>;
  /** A page in a new context, Swedish browser locale unless given. */
  newPage(
    viewport?: { width: number; height: number },
    o?: { locale?: string; acceptDownloads?: boolean },
  ): Promise<Page>;
  /** Fill and submit the login form on the current page; by default wait for the live feed. */
  fillLogin(page: Page, email: string, o?: { password?: string; live?: boolean }): Promise<void>;
  /** Open the dashboard at `hash` and log in; returns when the live feed is connected. */
  login(page: Page, email: string, hash?: string): Promise<void>;
  /** A full-page screenshot named `<shotPrefix><name>.png`. */
  shot(page: Page, name: string): Promise<unknown>;
  /** Close every context and the browser (in afterAll). */
  close(): Promise<void>;
}

/**
 * The browser of one e2e file. `base` is read when a page logs in (the server starts in beforeAll);
 * `consoleErrors: false` collects only uncaught page errors (for files whose scenes make refused
 * requests on purpose).
 */
export function browsing(
  base: () => string,
  o: { shotPrefix?: string; consoleErrors?: boolean } = {},
): Browsing {
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  const fillLogin: Browsing['fillLogin'] = async (page, email, f = {}) => {
    await page.getByLabel('E-post').fill(email);
    await page.getByLabel('Lösenord').fill(f.password ?? DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).click();
    if (f.live !== false)
      await page.locator('[data-testid=live][data-state=live]').waitFor({ timeout: LONG });
  };
  return {
    get browser(): Browser {
      if (browser === undefined) throw new Error('browsing: launch() first');
      return browser;
    },
    pageErrors,
    async launch() {
      mkdirSync(SHOTS, { recursive: true });
      browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    },
    async newPage(viewport = WIDE, n = {}) {
      if (browser === undefined) throw new Error('browsing: launch() first');
      const ctx = await browser.newContext({
        viewport,
        locale: n.locale ?? 'sv-SE',
        ...(n.acceptDownloads === true ? { acceptDownloads: true } : {}),
      });
      contexts.push(ctx);
      const page = await ctx.newPage();
      page.setDefaultTimeout(30_000);
      page.on('pageerror', (e) => pageErrors.push(`${e.name}: ${e.message}`));
      if (o.consoleErrors !== false)
        page.on('console', (m) => {
          if (m.type() === 'error') pageErrors.push(`console: ${m.text()}`);
        });
      return page;
    },
    fillLogin,
    async login(page, email, hash = '') {
      await page.goto(`${base()}/${hash}`);
      await fillLogin(page, email);
    },
    shot: (page, name) =>
      page.screenshot({ path: `${SHOTS}${o.shotPrefix ?? ''}${name}.png`, fullPage: true }),
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser?.close();
    },
  };
}
