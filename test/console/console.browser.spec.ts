import type { Page } from 'playwright-core';
import type { SeededLedger } from './support/seed';
import { consoleHarness, type ConsoleKeys } from './support/browser-harness';

/**
 * The web console in headless Debian Chromium, against the real service on an embedded database:
 * each role signs in with its API key and does its main task end to end; a bank cannot reach
 * another bank's data; the approval flow works with the keyboard alone; no console errors.
 * (Four-eyes proposals and corrections: four-eyes.browser.spec.ts.)
 */

describe('the web console in a real browser', () => {
  const h = consoleHarness();
  const { signIn, shot, fieldError, seeStat, focusedText, tabTo } = h;
  let page: Page;
  let baseUrl: string;
  let keys: ConsoleKeys;
  let seeded: SeededLedger;
  beforeAll(() => {
    ({ baseUrl, keys, seeded } = h);
  });
  beforeEach(() => {
    page = h.page;
  });

  it('refuses an unknown key on the sign-in form, next to the field', async () => {
    await page.goto(`${baseUrl}/`);
    await page.waitForURL(/\/console\/$/);
    await page.getByLabel('API key').fill('lk_nope_nope');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(fieldError('API key')).resolves.toBe('This API key is unknown or revoked.');
    await shot('sign-in');
  });

  it('fund manager: dashboard, then approves a request with the keyboard alone, rejects one, disburses and closes', async () => {
    await signIn(keys.fundManager);
    await seeStat(page, 'Contributed', '2,750,000.00 MAD');
    await seeStat(page, 'Committed', '230,000.00 MAD');
    await page.getByRole('img', { name: /Contributed, committed, disbursed and available/ }).waitFor();
    await page
      .getByRole('row', { name: /Promotion costs/ })
      .getByText('180,000.00 MAD')
      .waitFor();
    await page.getByRole('row', { name: /ONUDI/ }).getByText('500,000.00 MAD').waitFor();
    await shot('fund-manager-dashboard');

    // Keyboard only from here: Tab to the tab, Enter; Tab to the request, Enter; Tab to Approve, Enter.
    await tabTo('Grant requests');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Review Catalogue and website' }).waitFor();
    await tabTo('Review Catalogue and website');
    await page.keyboard.press('Enter');
    const review = page.getByRole('region', { name: 'Review: Catalogue and website' });
    await expect(focusedText()).resolves.toBe('Review: Catalogue and website');
    // Participation year 2: 60 % of 80,000 = 48,000, within the 200,000 cap, all of it left.
    await seeStat(review, 'Subsidy the schedule would give', '48,000.00 MAD');
    await seeStat(review, 'Cap left', '200,000.00 MAD');
    await seeStat(review, 'Rate, participation year 2', '60.00 %');
    await shot('fund-manager-grant-review');
    await tabTo('Approve');
    expect(await page.evaluate('document.activeElement.type')).toBe('submit');
    await page.keyboard.press('Enter');
    await page
      .getByRole('status')
      .filter({ hasText: 'Approved “Catalogue and website”: subsidy 48,000.00 MAD.' })
      .waitFor();

    // Reject the other one: the API's refusal of an empty reason shows next to the field.
    await page.getByRole('button', { name: 'Review SIAL Paris stand' }).click();
    await page.getByLabel('Reject', { exact: true }).check();
    await page.getByRole('button', { name: 'Reject', exact: true }).click();
    await expect(fieldError('Reason')).resolves.toContain('reason should not be empty');
    await page.getByLabel('Reason').fill('Trade fair outside the eligible list');
    await page.getByRole('button', { name: 'Reject', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Rejected “SIAL Paris stand”.' }).waitFor();
    await page.getByText('No request is waiting.').waitFor();

    // Disburse against an invoice: a bad date is refused by the API next to its field.
    await page.getByRole('button', { name: 'Approved grants' }).click();
    await page.getByRole('button', { name: 'Record disbursement for Catalogue and website' }).click();
    await page.getByLabel('Invoice reference').fill('F-2022-104');
    await page.getByLabel('Invoice amount').fill('30,000.005');
    await page.getByLabel('Invoice date').fill('2022-02-30');
    await page.getByRole('button', { name: 'Record disbursement', exact: true }).click();
    await page.getByText('MAD has 2 decimals at most').waitFor();
    await page.getByLabel('Invoice amount').fill('30,000.00');
    await page.getByRole('button', { name: 'Record disbursement', exact: true }).click();
    await expect(fieldError('Invoice date')).resolves.toContain('invoiceDate must be a real calendar date');
    await page.getByLabel('Invoice date').fill('2022-06-10');
    await page.getByRole('button', { name: 'Record disbursement', exact: true }).click();
    // Effective rate 48,000 ÷ 80,000 = 60 %: 60 % of 30,000 = 18,000; 30,000 of the commitment left.
    await page
      .getByRole('status')
      .filter({ hasText: 'Paid 18,000.00 MAD on “Catalogue and website”; commitment left 30,000.00 MAD.' })
      .waitFor();

    await page.getByRole('button', { name: 'Close Gulfood stand, Dubai' }).click();
    await page.getByRole('button', { name: 'Close grant' }).click();
    await page.getByRole('status').filter({ hasText: 'Closed “Gulfood stand, Dubai”' }).waitFor();
    await page.getByRole('button', { name: 'Close Gulfood stand, Dubai' }).waitFor({ state: 'detached' });
    await shot('fund-manager-approved-grants');

    await page.getByRole('button', { name: 'Dashboard' }).click();
    // 230,000 + 48,000 committed, less the 120,000 unused of the Gulfood grant returned at closure.
    await seeStat(page, 'Committed', '158,000.00 MAD');
  });

  it('guarantee officer: company dashboard, issues a guarantee, records repayment, default, claim and recovery', async () => {
    await signIn(keys.guaranteeOfficer);
    // The company is picked from the list (GET /guarantee-companies), not typed in.
    await page.getByLabel('Company', { exact: true }).waitFor();
    await page
      .getByLabel('Company', { exact: true })
      .selectOption({ label: (await optionLabel('Company', 'SCM de Thiès'))! });
    await page.getByRole('button', { name: 'Open company' }).click();
    await seeStat(page, 'Fund balance', '290,000,000 XOF');
    await seeStat(page, 'Outstanding', '450,000,000 XOF');
    await page.getByRole('meter', { name: 'Outstanding as a share of capacity' }).waitFor();
    await shot('guarantee-officer-dashboard');

    await page.getByRole('button', { name: 'Issue a guarantee' }).click();
    await page.getByLabel('Bank convention').selectOption({ label: (await optionLabel('Bank convention', 'CNCAS'))! });
    await page.getByLabel('Member').selectOption({ label: 'Coopérative Niayes' });
    await page.getByLabel('Loan reference').fill('CNCAS/2009/010');
    await page.getByLabel('Loan principal').fill('50,000,000');
    await page.getByLabel('Loan start date').fill('2009-07-01');
    await page.getByLabel('Maturity date').fill('2010-12-31');
    await page.getByLabel('Issued on').fill('2009-07-01');
    await page.getByRole('button', { name: 'Issue guarantee' }).click();
    await page.getByRole('status').filter({ hasText: 'Guarantee issued: 25,000,000 XOF guaranteed' }).waitFor();

    const act = async (action: string, fill: Record<string, string>, submit: string, outcome: string) => {
      await page.getByRole('button', { name: `${action} on CNCAS/2009/010` }).click();
      for (const [label, value] of Object.entries(fill)) await page.getByLabel(label).fill(value);
      await page.getByRole('button', { name: submit }).click();
      await page.getByRole('status').filter({ hasText: outcome }).waitFor();
    };
    await act(
      'Repayment',
      { 'Amount repaid': '10,000,000', 'Repaid on': '2009-12-01' },
      'Record repayment',
      'outstanding 40,000,000 XOF',
    );
    await act('Default', { 'Called on': '2010-01-15' }, 'Record default', 'claim 20,000,000 XOF');
    await act(
      'Claim payment',
      { 'Paid on': '2010-02-01' },
      'Record claim payment',
      'Claim paid on CNCAS/2009/010: 20,000,000 XOF',
    );
    await act(
      'Recovery',
      { 'Amount recovered': '5,000,000', 'Received on': '2010-03-01' },
      'Record recovery',
      '5,000,000 XOF in all',
    );
    await page
      .getByRole('row', { name: /CNCAS\/2009\/010/ })
      .getByText('called')
      .waitFor();
    await shot('guarantee-officer-guarantees');

    await page.getByRole('button', { name: 'Dashboard' }).click();
    await seeStat(page, 'Claims paid', '100,000,000 XOF');
    await seeStat(page, 'Recoveries', '35,000,000 XOF');
  });

  const optionLabel = async (select: string, contains: string) => {
    const labels = await page.getByLabel(select).locator('option').allTextContents();
    return labels.find((label) => label.includes(contains));
  };

  it('auditor: timeline, a balance as of a date, verify, an export and the monitoring charts', async () => {
    await signIn(keys.auditor);
    await page.getByRole('cell', { name: 'cofinancing.FundCreated' }).waitFor();
    await page.getByLabel('Event type').fill('cofinancing.GrantApproved');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByText('3 events shown.').waitFor();
    await shot('auditor-timeline');
    await page.getByRole('button', { name: `cofinancing-grant-${seeded.pendingGrantIds[0]}` }).click();
    await page.getByRole('cell', { name: 'cofinancing.GrantRequested' }).waitFor();
    await expect(page.getByLabel('Stream id').inputValue()).resolves.toBe(
      `cofinancing-grant-${seeded.pendingGrantIds[0]}`,
    );

    await page.getByRole('button', { name: 'Balances as of' }).click();
    await page.getByLabel('As of', { exact: true }).fill('2021-06-30');
    await page.getByRole('button', { name: 'Show balances' }).click();
    const asOf = page.getByRole('status');
    await seeStat(asOf, 'Contributed', '1,500,000.00 MAD');
    await seeStat(asOf, 'Committed', '240,000.00 MAD');
    await seeStat(asOf, 'Disbursed', '50,000.00 MAD');

    // A guarantee company's capacity before and after the claim paid on 1 March 2009 (80,000,000 XOF)
    // shrank its fund: its two conventions share the one fund, so the company's capacity is
    // floor(fund × the largest multiplier, 50/17), not the sum of the two.
    await page.getByLabel('Balances of').selectOption({ label: 'A mutual guarantee company' });
    await page.getByLabel('Company id').fill(seeded.companyId);
    await page.getByLabel('As of', { exact: true }).fill('2009-02-15');
    await page.getByRole('button', { name: 'Show balances' }).click();
    await page.getByRole('heading', { name: 'SCM de Thiès as of 2009-02-15' }).waitFor();
    await seeStat(asOf, 'Fund balance', '340,000,000 XOF');
    await seeStat(asOf, 'Capacity', '1,000,000,000 XOF');
    await seeStat(asOf, 'Claims paid', '0 XOF');
    await page.getByLabel('As of', { exact: true }).fill('2009-03-15');
    await page.getByRole('button', { name: 'Show balances' }).click();
    await page.getByRole('heading', { name: 'SCM de Thiès as of 2009-03-15' }).waitFor();
    await seeStat(asOf, 'Fund balance', '260,000,000 XOF');
    await seeStat(asOf, 'Capacity', '764,705,882 XOF');
    await seeStat(asOf, 'Claims paid', '80,000,000 XOF');
    // One convention, and the guarantee that was called, by id.
    await page.getByLabel('Balances of').selectOption({ label: 'A bank convention' });
    await page.getByLabel('Convention id').fill(seeded.conventionId);
    await page.getByLabel('As of', { exact: true }).fill('2009-03-15');
    await page.getByRole('button', { name: 'Show balances' }).click();
    await seeStat(asOf, 'Capacity', '764,705,882 XOF');
    await seeStat(asOf, 'Status', 'in-force');
    await page.getByLabel('Balances of').selectOption({ label: 'A guarantee' });
    await page.getByLabel('Guarantee id').fill(seeded.activeGuaranteeId);
    await page.getByLabel('As of', { exact: true }).fill('2008-06-30');
    await page.getByRole('button', { name: 'Show balances' }).click();
    await seeStat(asOf, 'Outstanding principal', '300,000,000 XOF');
    await page.getByLabel('Guarantee id').fill('no-such-guarantee');
    await page.getByRole('button', { name: 'Show balances' }).click();
    await page.getByRole('alert').filter({ hasText: 'guarantee no-such-guarantee does not exist' }).waitFor();

    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('button', { name: 'Run verification' }).click();
    await page.getByText('Verified: nothing was altered, removed or reordered.').waitFor();
    await shot('auditor-verify');

    await page.getByRole('button', { name: 'Exports' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download events (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('events.csv');
    const file = await download.path();
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(file, 'utf8').split('\n')[0]).toMatch(/^position,stream_id,revision/);

    await page.getByRole('button', { name: 'Monitoring', exact: true }).click();
    await page
      .getByRole('img', { name: 'Effective subsidy rate by participation year of the beneficiaries' })
      .waitFor();
    await page.getByRole('img', { name: 'Credit mobilised per unit of guarantee fund, by currency' }).waitFor();
    await page.getByRole('row', { name: /^2 1 60\.00 %$/ }).waitFor();
    await shot('auditor-monitoring');
  });

  it('bank: a loan’s coverage and its conventions’ headroom — and nothing of another bank', async () => {
    await signIn(keys.cncas);
    await page.getByRole('rowheader', { name: /CNCAS/ }).first().waitFor();
    expect(await page.locator('main').textContent()).not.toContain('BICIS');

    await page.getByLabel('Loan reference').fill(seeded.activeLoanReference);
    await page.getByRole('button', { name: 'Look up coverage' }).click();
    const coverage = page.getByRole('status');
    await coverage.getByText(`${seeded.activeLoanReference}: covered`).waitFor();
    await seeStat(coverage, 'Guaranteed outstanding', '150,000,000 XOF');

    await page.getByLabel('Convention id').fill(seeded.conventionId);
    await page.getByRole('button', { name: 'Show headroom' }).click();
    await page.getByRole('meter', { name: new RegExp(seeded.conventionId) }).waitFor();
    await shot('bank');

    // Another bank's loan and convention, typed in: nothing of theirs is shown.
    await page.getByLabel('Loan reference').fill(seeded.otherBankLoanReference);
    await page.getByRole('button', { name: 'Look up coverage' }).click();
    await coverage.getByText(`${seeded.otherBankLoanReference}: not guaranteed by our conventions`).waitFor();
    await page.getByLabel('Convention id').fill(seeded.otherConventionId);
    await page.getByRole('button', { name: 'Show headroom' }).click();
    await page.getByText(`Convention ${seeded.otherConventionId}: not found.`).waitFor();
    expect(await page.getByRole('meter').count()).toBe(0);
    expect(await coverage.locator('.stats').count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Conventions of CNCAS' }).textContent()).not.toContain('BICIS');
  });
});
