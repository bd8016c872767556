import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { closeTestApp, testLedgerConfig, testPrincipals } from '@ledger/testing';
import { createApp } from '../../../apps/api/src/bootstrap';
import { consoleDirectory } from '../../../apps/api/src/console-static';
import { seedLedger, type SeededLedger } from './seed';

/**
 * What every browser spec of the console needs, as Jest hooks of the calling `describe`: the real
 * service on an embedded database of its own, seeded through the API (support/seed.ts); one API
 * key per principal; headless Debian Chromium with a fresh context (and page) per test; and no
 * console error other than the API's expected 4xx refusals, checked after each test.
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = join(__dirname, '../../../docs/screenshots');

/**
 * Chromium logs every 4xx answer as "Failed to load resource"; those are the API's expected
 * refusals (a wrong key, a bad date, another bank's convention). Every other console error fails.
 */
const EXPECTED_HTTP_REFUSAL = /^Failed to load resource: the server responded with a status of 4\d\d/;

export interface ConsoleKeys {
  readonly admin: string;
  readonly fundManager: string;
  /** Another fund manager: the second person of a four-eyes proposal. */
  readonly secondFundManager: string;
  readonly guaranteeOfficer: string;
  /** Another guarantee officer: the second person of a four-eyes proposal. */
  readonly secondGuaranteeOfficer: string;
  readonly auditor: string;
  readonly cncas: string;
  readonly bicis: string;
}

export interface HarnessOptions {
  /** Seed the demo ledger through the API first (support/seed.ts); default: an empty ledger. */
  readonly seed?: boolean;
  /** The address the service listens on and the browser uses (default 127.0.0.1). */
  readonly host?: string;
  /** The browser window (default 1280 × 860; 375 wide for a phone). */
  readonly viewport?: { width: number; height: number };
}

export function consoleHarness(options: HarnessOptions = {}) {
  let app: INestApplication;
  let browser: Browser;
  let baseUrl: string;
  let keys: ConsoleKeys;
  let userIds: Awaited<ReturnType<typeof testPrincipals>>['userIds'];
  let seeded: SeededLedger | undefined;
  const { config, dropSchema } = testLedgerConfig('embedded');
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    if (!consoleDirectory())
      throw new Error('the console is not built: run `npm run build` (npm run test:browser does)');
    app = await createApp(config, { logger: false });
    const host = options.host ?? '127.0.0.1';
    await app.listen(0, host);
    baseUrl = `http://${host}:${(app.getHttpServer().address() as AddressInfo).port}`;
    const principals = await testPrincipals(app, { banks: ['CNCAS', 'BICIS'] });
    const key = (headers: { Authorization: string }) => headers.Authorization.replace(/^Bearer /, '');
    keys = {
      admin: key(principals.admin),
      fundManager: key(principals.fundManager),
      secondFundManager: key(principals.secondFundManager),
      guaranteeOfficer: key(principals.guaranteeOfficer),
      secondGuaranteeOfficer: key(principals.secondGuaranteeOfficer),
      auditor: key(principals.auditor),
      cncas: key(principals.bank('CNCAS')),
      bicis: key(principals.bank('BICIS')),
    };
    userIds = principals.userIds;
    if (options.seed) seeded = await seedLedger(baseUrl, keys);
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      // Playwright starts Chromium with a fresh, empty profile of its own (a new user-data-dir).
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await closeTestApp(app, dropSchema);
  });

  beforeEach(async () => {
    const context = await browser.newContext({
      viewport: options.viewport ?? { width: 1280, height: 860 },
      acceptDownloads: true,
      // The console speaks French by default whatever the browser says; the locale shapes Intl too.
      locale: 'fr-FR',
    });
    page = await context.newPage();
    problems = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && !EXPECTED_HTTP_REFUSAL.test(message.text())) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  });

  afterEach(async () => {
    await page.context().close();
    expect(problems).toEqual([]);
  });

  /** Signs in on the French console (the default) and waits for the header. */
  const signIn = async (apiKey: string) => {
    await page.goto(`${baseUrl}/console/`);
    await page.getByLabel("Clé d'API").fill(apiKey);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByText(/^Connecté :/).waitFor();
  };
  const signOut = async () => {
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByLabel("Clé d'API").waitFor();
  };
  /** Confirms the open confirmation dialog with its button `name`, returning the figures it showed. */
  const confirmDialog = async (name: string | RegExp) => {
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const figures = await dialog.locator('.figures').innerText();
    await dialog.getByRole('button', { name }).click();
    await dialog.waitFor({ state: 'hidden' });
    return figures;
  };
  /** The page is no wider than the window: nothing to scroll sideways (375 px phones). */
  const horizontalOverflow = () =>
    page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
  const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const stat = (scope: Locator | Page, label: string) =>
    scope
      .locator('.stat')
      .filter({ has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) })
      .locator('dd');
  /** Waits for the field to be marked invalid and returns the error shown next to it. */
  const fieldError = async (label: string) => {
    const field = page.getByLabel(label, { exact: true });
    await page.locator(`[aria-invalid="true"][name="${await field.getAttribute('name')}"]`).waitFor();
    return page.locator(`[id="${await field.getAttribute('aria-describedby')}"]`).textContent();
  };
  /** Waits until the figure labelled `label` shows `value` (screens re-read after each command). */
  const seeStat = (scope: Locator | Page, label: string, value: string) =>
    stat(scope, label).getByText(value, { exact: true }).waitFor({ timeout: 10_000 });
  const focusedText = () => page.evaluate('document.activeElement ? document.activeElement.textContent : null');
  /** Presses Tab until the focused element's text is `text`; fails after `max` presses. */
  const tabTo = async (text: string, max = 60) => {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press('Tab');
      if ((await focusedText()) === text) return;
    }
    throw new Error(`Tab never reached "${text}"`);
  };

  return {
    get page() {
      return page;
    },
    get baseUrl() {
      return baseUrl;
    },
    get keys() {
      return keys;
    },
    get userIds() {
      return userIds;
    },
    /** The demo ledger, when the harness was asked to seed it. */
    get seeded(): SeededLedger {
      if (!seeded) throw new Error('consoleHarness({ seed: true }) seeds the demo ledger');
      return seeded;
    },
    get app() {
      return app;
    },
    signIn,
    signOut,
    shot,
    stat,
    fieldError,
    seeStat,
    focusedText,
    tabTo,
    confirmDialog,
    horizontalOverflow,
  };
}
