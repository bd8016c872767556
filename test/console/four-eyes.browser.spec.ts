import type { Page } from 'playwright-core';
import { consoleHarness } from './support/browser-harness';
import { apiClient } from './support/seed';

/**
 * The fund manager's four-eyes and correction screens in headless Chromium against the real
 * service (a ledger of its own, seeded as in support/seed.ts): a policy set through the form; an
 * approval above its threshold only proposed, with what it reserves and its deadline; the
 * proposer's own confirmation refused with the API's message; a second fund manager confirming
 * it; a proposal declined with a reason; and a disbursement reversed and replaced through the
 * correction form, with the figures of the answer.
 */
describe('the console’s four-eyes proposals and corrections in a real browser', () => {
  const h = consoleHarness();
  const { signIn, signOut, shot, stat, fieldError, seeStat } = h;
  let page: Page;
  beforeEach(() => {
    page = h.page;
  });

  const tab = (name: string) => page.getByRole('button', { name, exact: true }).click();
  const status = (text: string) => page.getByRole('status').filter({ hasText: text });
  const waiting = () => page.getByRole('status', { name: 'Waiting for a second fund manager' });
  const proposalRow = (grant: string) => page.getByRole('row').filter({ hasText: grant });
  const today = () => new Date().toISOString().slice(0, 10);

  const approve = async (description: string) => {
    await tab('Grant requests');
    await page.getByRole('button', { name: `Review ${description}` }).click();
    await page.getByRole('button', { name: 'Approve', exact: true }).click();
  };
  const setPolicy = async (threshold: string, hours: string) => {
    await tab('Four-eyes proposals');
    await page.getByLabel('Grant approvals above (subsidy)').fill(threshold);
    await page.getByLabel('Proposal deadline (hours)').fill(hours);
    await page.getByRole('button', { name: 'Set policy' }).click();
  };

  it('corrects a disbursement: reversed and replaced by the right invoice, with the figures after', async () => {
    await signIn(h.keys.fundManager);
    await tab('Approved grants');
    // Gulfood stand: 75 % of 240,000 = 180,000 subsidy; invoice F-2021-077 of 80,000 paid 60,000.
    await page
      .getByRole('row', { name: /Gulfood stand, Dubai/ })
      .getByText('60,000.00 MAD')
      .waitFor();
    await page.getByRole('button', { name: 'Correct a disbursement of Gulfood stand, Dubai' }).click();
    const form = page.getByRole('region', { name: 'Correct a disbursement: Gulfood stand, Dubai' });
    await page.getByLabel('Disbursement to reverse').waitFor();
    await expect(page.getByLabel('Disbursement to reverse').locator('option').allTextContents()).resolves.toEqual([
      'F-2021-077 of 2021-10-05: 80,000.00 MAD invoiced, 60,000.00 MAD paid on 2021-10-20',
    ]);
    await page.getByRole('button', { name: 'Reverse disbursement' }).click();
    await expect(fieldError('Reason for the correction')).resolves.toContain('reason should not be empty');
    await page.getByLabel('Reason for the correction').fill('Invoice F-2021-077 was keyed as 80,000 instead of 60,000');
    await page.getByLabel('Right invoice reference (optional)').fill('F-2021-077');
    await page.getByLabel('Right invoice date').fill('2021-10-05');
    await page.getByLabel('Right invoice amount').fill('60,000.001');
    await page.getByRole('button', { name: 'Reverse disbursement' }).click();
    await expect(fieldError('Right invoice amount')).resolves.toBe('MAD has 2 decimals at most');
    await page.getByLabel('Right invoice amount').fill('60,000.00');
    await page.getByRole('button', { name: 'Reverse disbursement' }).click();

    const answer = form.getByRole('status', { name: 'Disbursement reversed' });
    await answer.getByText('and recorded the right invoice in its place').waitFor();
    await seeStat(answer, 'Reversed', '60,000.00 MAD');
    // 75 % of the right 60,000.
    await seeStat(answer, 'Replacement paid', '45,000.00 MAD');
    await seeStat(answer, 'Invoiced total after', '60,000.00 MAD');
    await seeStat(answer, 'Disbursed total after', '45,000.00 MAD');
    await seeStat(answer, 'Commitment left after', '135,000.00 MAD');
    expect(await stat(answer, 'Corrected event').textContent()).toMatch(/\S{8,}/);
    const corrected = Number(await stat(answer, 'Corrected event position').textContent());
    const recorded = Number(await stat(answer, 'Recorded at position').textContent());
    expect(corrected).toBeGreaterThan(0);
    expect(recorded).toBeGreaterThan(corrected);
    await page
      .getByRole('row', { name: /Gulfood stand, Dubai/ })
      .getByText('45,000.00 MAD')
      .waitFor();
    await page
      .getByRole('row', { name: /Gulfood stand, Dubai/ })
      .getByText('135,000.00 MAD')
      .waitFor();
    await shot('fund-manager-correction');

    // The reversed entry cannot be picked again; the replacement can.
    await page.getByRole('button', { name: 'Record disbursement for Gulfood stand, Dubai' }).click();
    await page.getByRole('button', { name: 'Correct a disbursement of Gulfood stand, Dubai' }).click();
    await page.getByLabel('Disbursement to reverse').waitFor();
    await expect(page.getByLabel('Disbursement to reverse').locator('option').allTextContents()).resolves.toEqual([
      'F-2021-077 of 2021-10-05: 60,000.00 MAD invoiced, 45,000.00 MAD paid on 2021-10-20',
    ]);
  });

  it('a policy, an approval above it proposed, refused to its proposer, confirmed by a second fund manager; declines', async () => {
    await signIn(h.keys.fundManager);
    await tab('Four-eyes proposals');
    await page.getByText('No proposal is waiting.').waitFor();

    // The policy: a deadline of 0 hours is refused by the API next to its field; then 48 hours.
    await setPolicy('100,000.00', '0');
    await expect(fieldError('Proposal deadline (hours)')).resolves.toContain('proposalTtlHours');
    await setPolicy('100,000.00', '48');
    await status(
      `Policy set on ${today()}: grant approvals above 100,000.00 MAD need a second fund manager; proposals wait 48 hours.`,
    ).waitFor();

    // SIAL Paris stand: participation year 1, 75 % of 150,000 = 112,500 MAD > 100,000: only proposed.
    const before = Date.now();
    await approve('SIAL Paris stand');
    const notice = waiting();
    await notice.getByText('the approval of “SIAL Paris stand” is proposed, not done').waitFor();
    await seeStat(notice, 'Reserved', '112,500.00 MAD');
    await seeStat(notice, 'Threshold', '100,000.00 MAD');
    const proposalId = (await stat(notice, 'Proposal').textContent())!;
    expect(proposalId).toMatch(/\S{8,}/);
    // The deadline is 48 hours from the proposal, to the minute.
    const deadline = (await stat(notice, 'Deadline').textContent())!;
    expect(deadline).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
    const due = Date.parse(deadline.replace(' UTC', ':00Z').replace(' ', 'T'));
    expect(due).toBeGreaterThanOrEqual(before + 48 * 3600_000 - 60_000);
    expect(due).toBeLessThanOrEqual(Date.now() + 48 * 3600_000);
    expect(await page.getByText('Approved “SIAL Paris stand”').count()).toBe(0);
    await shot('fund-manager-four-eyes-proposed');

    // A reservation is not a balance: nothing committed yet.
    await tab('Dashboard');
    await seeStat(page, 'Committed', '230,000.00 MAD');

    // The proposer tries to confirm it: refused, with the API's reason.
    await tab('Four-eyes proposals');
    const row = proposalRow('SIAL Paris stand');
    await row.getByText(proposalId).waitFor();
    await row.getByText('Grant approval').waitFor();
    await row.getByText('112,500.00 MAD').waitFor();
    await row.getByText(h.userIds.fundManager, { exact: true }).waitFor();
    await row.getByText(deadline).waitFor();
    await row.getByText('pending', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Confirm grant approval of “SIAL Paris stand”' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'You proposed this yourself' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain(
      `${h.userIds.fundManager} proposed ${proposalId} and may not confirm it: a second person must`,
    );
    expect(await refusal.textContent()).toContain('self-confirmation-refused');
    await row.getByText('pending', { exact: true }).waitFor();
    await shot('fund-manager-four-eyes-refused');

    // The second fund manager confirms it: approved, the subsidy committed.
    await signOut();
    await signIn(h.keys.secondFundManager);
    await page.getByText(`Signed in as ${h.userIds.secondFundManager}`).waitFor();
    await tab('Four-eyes proposals');
    await page.getByRole('button', { name: 'Refresh proposals' }).click();
    await page.getByRole('button', { name: 'Confirm grant approval of “SIAL Paris stand”' }).click();
    await status('Confirmed: grant approval of “SIAL Paris stand” done: subsidy 112,500.00 MAD.').waitFor();
    await page.getByText('No proposal is waiting.').waitFor();
    await page.getByLabel('Status').selectOption('confirmed');
    const confirmed = proposalRow('SIAL Paris stand');
    await confirmed.getByText('confirmed', { exact: true }).waitFor();
    await confirmed.getByText(`by ${h.userIds.secondFundManager}`).waitFor();
    await tab('Approved grants');
    await page
      .getByRole('row', { name: /SIAL Paris stand/ })
      .getByText('112,500.00 MAD') // subsidy, and commitment left
      .first()
      .waitFor();
    await tab('Dashboard');
    // 230,000 + 112,500.
    await seeStat(page, 'Committed', '342,500.00 MAD');

    // A lower threshold: Catalogue and website (60 % of 80,000 = 48,000) is proposed, then declined.
    await setPolicy('10,000.00', '24');
    await status('grant approvals above 10,000.00 MAD need a second fund manager; proposals wait 24 hours.').waitFor();
    await approve('Catalogue and website');
    await seeStat(waiting(), 'Reserved', '48,000.00 MAD');
    await tab('Four-eyes proposals');
    await page.getByRole('button', { name: 'Decline grant approval of “Catalogue and website”' }).click();
    await page.getByRole('button', { name: 'Decline proposal' }).click();
    await expect(fieldError('Reason for declining')).resolves.toContain('reason should not be empty');
    await page.getByLabel('Reason for declining').fill('Catalogue already funded by the region');
    await page.getByRole('button', { name: 'Decline proposal' }).click();
    await status('Declined: grant approval of “Catalogue and website”; 48,000.00 MAD released.').waitFor();
    await page.getByText('No proposal is waiting.').waitFor();
    await page.getByLabel('Status').selectOption('declined');
    await proposalRow('Catalogue and website').getByText('Catalogue already funded by the region').waitFor();

    // Proposed again; declined meanwhile by someone else: confirming the row still on screen is refused (409).
    await approve('Catalogue and website');
    await seeStat(waiting(), 'Reserved', '48,000.00 MAD');
    await tab('Four-eyes proposals');
    const stale = proposalRow('Catalogue and website');
    await stale.getByText('pending', { exact: true }).waitFor();
    const again = (await stale.locator('small').first().textContent())!;
    await apiClient(h.baseUrl, h.keys.fundManager).post(`/proposals/${again}/declination`, {
      reason: 'withdrawn by the first fund manager',
    });
    await page.getByRole('button', { name: 'Confirm grant approval of “Catalogue and website”' }).click();
    const conflict = page.getByRole('alert').filter({ hasText: 'This proposal is no longer pending.' });
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain(`proposal ${again} is declined`);
    expect(await conflict.textContent()).toContain('proposal-not-pending');
    await page.getByText('No proposal is waiting.').waitFor();
    await tab('Dashboard');
    await seeStat(page, 'Committed', '342,500.00 MAD');

    // Loosening the policy (a higher threshold) is itself only proposed: shown pending, not set.
    await setPolicy('200,000.00', '24');
    await page.getByRole('status', { name: 'Proposal pending confirmation' }).waitFor();
    expect(await status('Policy set on').count()).toBe(0);
    await page.getByRole('button', { name: 'Refresh proposals' }).click();
    await proposalRow('Policy change').getByText('pending', { exact: true }).waitFor();
    // The same policy as in force writes nothing, and says so.
    await setPolicy('10,000.00', '24');
    await status('This is already the policy in force: nothing changed.').waitFor();
  });
});
