import { networkInterfaces } from 'node:os';
import type { Page } from 'playwright-core';
import { consoleHarness } from './support/browser-harness';
import { apiClient } from './support/seed';

/**
 * Issue #16: any screen, any network. The console over plain http from another machine (no secure
 * context: no `crypto.randomUUID`, yet commands carry their Idempotency-Key and the CSP lets the
 * scripts run); every role's screens at 375 px with nothing to scroll sideways and a working menu
 * button; a confirmation reached with the keyboard alone; addresses that survive reload and Back.
 */

/** The first non-internal IPv4 address of this machine: what another computer on the network would use. */
const lanAddress = Object.values(networkInterfaces())
  .flat()
  .find((a) => a !== undefined && a.family === 'IPv4' && !a.internal)?.address;

/** Waits for the screen: its title, and nothing left loading. */
async function settled(page: Page) {
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  // A function, not a string: the console's CSP forbids evaluating strings.
  await page.waitForFunction(
    () =>
      (
        globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }
      ).document.querySelectorAll('.loading').length === 0,
    undefined,
    { timeout: 10_000 },
  );
}

(lanAddress ? describe : describe.skip)(
  lanAddress
    ? `the console over plain http at ${lanAddress}`
    : 'the console over plain http from another address — SKIPPED: this machine has no non-loopback IPv4 address',
  () => {
    const h = consoleHarness({ seed: true, host: lanAddress ?? '127.0.0.1' });

    it('loads without a secure context, and its commands still carry an Idempotency-Key', async () => {
      const page = h.page;
      expect(new URL(h.baseUrl).hostname).toBe(lanAddress);
      const keys: string[] = [];
      page.on('request', (request) => {
        if (request.method() !== 'GET') keys.push(request.headers()['idempotency-key'] ?? '(none)');
      });
      await h.signIn(h.keys.fundManager);
      await settled(page);
      expect((await page.locator('#main').innerText()).trim()).not.toBe('');
      expect(await page.evaluate('window.isSecureContext')).toBe(false);
      expect(await page.evaluate('typeof crypto.randomUUID')).toBe('undefined');

      // The fund manager registers a donor on the seeded fund, through the console.
      await page.goto(`${h.baseUrl}/console/cofinancing/funds/${h.seeded.fundId}`);
      await settled(page);
      await page.getByLabel('Nom du bailleur').fill('Banque africaine de développement');
      await page.getByRole('button', { name: 'Enregistrer le bailleur' }).click();
      await page.getByText('Bailleur « Banque africaine de développement » enregistré.').waitFor();
      const donors = await apiClient(h.baseUrl, h.keys.fundManager).get(`/cofinancing/funds/${h.seeded.fundId}/donors`);
      expect(JSON.stringify(donors)).toContain('Banque africaine de développement');
      expect(keys).toHaveLength(1);
      expect(keys[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    });
  },
);

describe('every role’s screens at 375 px', () => {
  const h = consoleHarness({ seed: true, viewport: { width: 375, height: 800 } });

  /**
   * Signs in, opens the menu with its button, then visits every screen of the menu and the role's
   * detail screens by URL: none may scroll sideways or be missing.
   */
  const visitAll = async (key: string, details: () => readonly string[]) => {
    const page = h.page;
    await h.signIn(key);
    await settled(page);
    const toggle = page.getByRole('button', { name: 'Menu' });
    const firstLink = page.locator('#menu a').first();
    expect(await firstLink.isVisible()).toBe(false);
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await firstLink.waitFor({ state: 'visible' });
    const links = await page.locator('#menu a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    // Following a menu link closes the menu.
    await firstLink.click();
    await page.locator('#menu a').first().waitFor({ state: 'hidden' });

    const problems: string[] = [];
    for (const path of [...links, ...details().map((d) => `/console${d}`)]) {
      await page.goto(`${h.baseUrl}${path}`);
      await settled(page);
      if ((await page.getByRole('heading', { level: 1, name: 'Page introuvable' }).count()) > 0)
        problems.push(`${path}: no such screen`);
      const overflow = await h.horizontalOverflow();
      if (overflow !== 0) problems.push(`${path}: ${overflow} px of sideways scroll`);
    }
    return { visited: links.length + details().length, problems };
  };

  it('fund manager', async () => {
    const result = await visitAll(h.keys.fundManager, () => [
      `/cofinancing/funds/${h.seeded.fundId}`,
      `/cofinancing/grants/${h.seeded.openGrantId}`,
      `/cofinancing/beneficiaries/${h.seeded.beneficiaryId}`,
    ]);
    expect(result.problems).toEqual([]);
  });

  it('guarantee officer', async () => {
    const result = await visitAll(h.keys.guaranteeOfficer, () => [
      `/guarantees/companies/${h.seeded.companyId}`,
      `/guarantees/guarantees/${h.seeded.activeGuaranteeId}`,
    ]);
    expect(result.problems).toEqual([]);
  });

  it('auditor', async () => {
    const result = await visitAll(h.keys.auditor, () => ['/audit/events/1']);
    expect(result.problems).toEqual([]);
  });

  it('bank', async () => {
    const result = await visitAll(h.keys.cncas, () => ['/bank/coverage?ref=CNCAS%2F2008%2F001']);
    expect(result.problems).toEqual([]);
  });

  it('admin (its own screens and the audit)', async () => {
    const result = await visitAll(h.keys.admin, () => ['/admin/users/test-bank-cncas']);
    expect(result.visited).toBeGreaterThan(3);
    expect(result.problems).toEqual([]);
  });
});

describe('the console by keyboard, reload and Back', () => {
  const h = consoleHarness();

  it('reaches a command with Tab alone; its confirmation opens on "Annuler" and Escape records nothing', async () => {
    const page = h.page;
    const admin = apiClient(h.baseUrl, h.keys.admin);
    await h.signIn(h.keys.admin);
    await page.goto(`${h.baseUrl}/console/admin/keys`);
    await page.getByRole('table', { name: "Toutes les clés d'API" }).waitFor();
    await h.tabTo('Révoquer');
    const button = await page.evaluate('document.activeElement.getAttribute("aria-label")');
    expect(button).toMatch(/^Révoquer la clé \w+ de /);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await h.focusedText()).toBe('Annuler');
    expect(await dialog.innerText()).toContain('Révoquer cette clé');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    const keys = (await admin.get('/access/api-keys')).items as { revokedAt: string | null }[];
    expect(keys.filter((k) => k.revokedAt !== null)).toEqual([]);
  });

  it('keeps a detail screen across reload, and Back returns to the list', async () => {
    const page = h.page;
    await h.signIn(h.keys.admin);
    await page.getByRole('heading', { level: 1, name: 'Utilisateurs' }).waitFor();
    await page.getByRole('link', { name: 'test-auditor', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Utilisateur test-auditor' }).waitFor();
    expect(page.url()).toBe(`${h.baseUrl}/console/admin/users/test-auditor`);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Utilisateur test-auditor' }).waitFor();
    await page.getByText('Auditeur', { exact: true }).first().waitFor();
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Utilisateurs' }).waitFor();
    expect(page.url()).toBe(`${h.baseUrl}/console/admin`);
  });
});
