import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { consoleHarness } from './support/browser-harness';
import { apiClient } from './support/seed';

/**
 * Issue #16, the bank's part of the console: CNCAS reads its own guaranteed loans (never BICIS's),
 * looks a loan up typed in lower case, picks its convention to see the headroom, draws up, prints
 * and downloads a statement as of a date; its key revoked mid-session, it gets a plain French message.
 */
describe('the bank console', () => {
  const h = consoleHarness({ seed: true });
  const digits = async (page: Page, label: string) =>
    (
      (await page
        .locator('.stat')
        .filter({ has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) })
        .locator('dd')
        .innerText()) ?? ''
    ).replace(/\D/g, '');

  it('shows CNCAS its loans, a lookup, its convention headroom and a statement; a revoked key signs it out', async () => {
    const page = h.page;
    const bank = apiClient(h.baseUrl, h.keys.cncas);
    await h.signIn(h.keys.cncas);

    // Its portfolio: only its own loans, each with its state, coverage and claim.
    await page.getByRole('heading', { level: 1, name: 'Mes prêts garantis' }).waitFor();
    const table = page.getByRole('table', { name: 'Prêts garantis de votre banque' });
    await table.getByRole('link', { name: 'CNCAS/2008/001' }).waitFor();
    await table.getByRole('link', { name: h.seeded.activeLoanReference }).waitFor();
    expect(await page.getByText(h.seeded.otherBankLoanReference).count()).toBe(0);
    const defaulted = table.getByRole('row').filter({ hasText: 'CNCAS/2008/001' });
    expect(await defaulted.innerText()).toContain('Indemnité payée, en partie récupérée');
    // 160,000,000 outstanding at default, a claim of 80,000,000 paid, 30,000,000 recovered.
    expect((await defaulted.locator('td[data-label="Indemnité"]').innerText()).replace(/\D/g, '')).toBe('80000000');
    expect((await defaulted.locator('td[data-label="Récupéré"]').innerText()).replace(/\D/g, '')).toBe('30000000');
    expect(await digits(page, 'Prêts garantis')).toBe('2');
    await h.shot('bank-portfolio');
    // Found by its reference, typed in lower case.
    await page.getByLabel('Filtrer').fill('cncas/2008/002');
    await table.getByRole('link', { name: 'CNCAS/2008/001' }).waitFor({ state: 'detached' });
    expect(await table.getByRole('link', { name: h.seeded.activeLoanReference }).count()).toBe(1);

    // A lookup typed in lower case; another bank's loan is "not guaranteed", a notice, never a success.
    await page.getByRole('link', { name: "Couverture d'un prêt" }).click();
    await page.getByLabel('Référence du prêt').fill(' cncas/2008/002 ');
    await page.getByRole('button', { name: 'Vérifier la couverture' }).click();
    await page.getByRole('heading', { name: `Prêt ${h.seeded.activeLoanReference}` }).waitFor();
    await page.getByText('Ce prêt est couvert.').waitFor();
    await page.getByLabel('Référence du prêt').fill(h.seeded.otherBankLoanReference.toLowerCase());
    await page.getByRole('button', { name: 'Vérifier la couverture' }).click();
    const notice = page.getByText(`Le prêt ${h.seeded.otherBankLoanReference} n'est pas garanti.`);
    await notice.waitFor();
    const noticeBox = page.locator('.bank-notice', { has: notice });
    expect(await noticeBox.getAttribute('class')).toContain('warn');
    expect(await page.locator('.success').count()).toBe(0);
    await page.getByLabel('Référence du prêt').fill('cncas/2008/001');
    await page.getByRole('button', { name: 'Vérifier la couverture' }).click();
    await page.getByRole('heading', { name: 'Défaut, indemnité et récupérations' }).waitFor();
    expect(await digits(page, 'Reste à payer')).toBe('0');
    await h.shot('bank-coverage');

    // Its convention, picked by the company's name: capacity and headroom as the API has them.
    await page.getByRole('link', { name: 'Conventions et marge' }).click();
    const pick = page.getByLabel('Convention', { exact: true });
    await pick.locator('option', { hasText: 'SCM de Thiès' }).waitFor({ state: 'attached' });
    expect(await pick.locator('option').count()).toBe(2);
    await pick.selectOption({ index: 1 });
    await page.getByRole('meter').waitFor();
    const headroom = (await bank.get(`/banks/CNCAS/conventions/${h.seeded.conventionId}/headroom`)) as {
      headroom: { amountMinor: string };
    };
    expect(await digits(page, 'Marge disponible')).toBe(headroom.headroom.amountMinor);

    // The statement as of 31 December 2009, kept in the address, printed and downloaded.
    await page.getByRole('link', { name: 'Relevé à une date' }).click();
    await page.getByLabel('Date du relevé', { exact: true }).fill('2009-12-31');
    await page.getByRole('button', { name: 'Afficher le relevé' }).click();
    await page.getByRole('heading', { name: /^Relevé de CNCAS au 31 déc\. 2009$/ }).waitFor();
    expect(page.url()).toContain('asOf=2009-12-31');
    const loans = page.getByRole('table', { name: 'Prêts garantis à cette date' });
    await loans.getByText(h.seeded.activeLoanReference).waitFor();
    expect(await loans.getByText('CNCAS/2008/001').count()).toBe(1);
    expect(await page.getByText(h.seeded.otherBankLoanReference).count()).toBe(0);
    await page.getByRole('table', { name: 'Conventions à cette date' }).getByText('SCM de Thiès').waitFor();
    await h.shot('bank-statement');
    // window.print stubbed in the page: the test counts the calls instead of opening a print dialog.
    await page.evaluate('window.printed = 0; window.print = () => { window.printed += 1; };');
    await page.getByRole('button', { name: 'Imprimer' }).click();
    expect(await page.evaluate<number>('window.printed')).toBe(1);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Télécharger (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('releve-CNCAS-2009-12-31.csv');
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv).toContain('CNCAS/2008/002;active;XOF;50,00;300000000;300000000;150000000');
    expect(csv).toContain('SCM de Thiès');
    expect(csv).not.toContain('BICIS');
    // A reload keeps the date.
    await page.reload();
    await page.getByRole('heading', { name: /^Relevé de CNCAS au 31 déc\. 2009$/ }).waitFor();

    // The admin revokes this user's key; the next action signs the user out with a plain message.
    const admin = apiClient(h.baseUrl, h.keys.admin);
    const keys = (await admin.get('/access/api-keys?userId=test-bank-cncas')) as {
      items: { keyId: string; revokedAt: string | null }[];
    };
    const active = keys.items.filter((k) => k.revokedAt === null);
    expect(active).toHaveLength(1);
    const revoked = await fetch(`${h.baseUrl}/access/api-keys/${active[0].keyId}`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${h.keys.admin}`, 'Idempotency-Key': crypto.randomUUID() },
    });
    expect(revoked.status).toBe(200);
    await page.getByRole('link', { name: "Couverture d'un prêt" }).click();
    await page.getByLabel('Référence du prêt').fill('CNCAS/2008/009');
    await page.getByRole('button', { name: 'Vérifier la couverture' }).click();
    await page.getByText(/^Votre clé d'API n'est plus valide/).waitFor();
    await page.getByLabel("Clé d'API").waitFor();
  });

  it('fits a 375 px phone: the portfolio and the statement scroll only downwards', async () => {
    // A new key for the same CNCAS user (the first test revoked its key).
    const issued = (await apiClient(h.baseUrl, h.keys.admin).post('/access/api-keys', {
      userId: 'test-bank-cncas',
      label: 'phone',
    })) as { apiKey: string };
    const context = await h.page
      .context()
      .browser()!
      .newContext({
        viewport: { width: 375, height: 812 },
        locale: 'fr-FR',
      });
    try {
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(error.message));
      const overflow = () =>
        page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
      await page.goto(`${h.baseUrl}/console/`);
      await page.getByLabel("Clé d'API").fill(issued.apiKey);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.getByRole('heading', { level: 1, name: 'Mes prêts garantis' }).waitFor();
      await page.getByRole('link', { name: h.seeded.activeLoanReference }).waitFor();
      expect(await overflow()).toBe(0);
      await page.goto(`${h.baseUrl}/console/bank/statement?asOf=2009-12-31`);
      await page.getByRole('table', { name: 'Prêts garantis à cette date' }).waitFor();
      expect(await overflow()).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
