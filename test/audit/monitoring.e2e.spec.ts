import { testDatabaseKinds } from '@ledger/testing';
import { moroccanConsortium, openAuditApp, senegalGuarantees, type AuditTestApp } from './audit-support';
import { parseCsv, type CofinancingFigures, type GuaranteeFigures, type MonitoringReport } from '@ledger/audit';

for (const kind of testDatabaseKinds()) {
  describe(`the monitoring report on ${kind}`, () => {
    let t: AuditTestApp;
    let morocco: Awaited<ReturnType<typeof moroccanConsortium>>;
    let senegal: Awaited<ReturnType<typeof senegalGuarantees>>;

    beforeAll(async () => {
      t = await openAuditApp(kind);
      morocco = await moroccanConsortium(t.app);
      senegal = await senegalGuarantees(t.app);
    });
    afterAll(() => t.close());

    const report = async (query: string) =>
      (await t.get(`/audit/monitoring?${query}`).expect(200)).body as MonitoringReport;

    it('a Moroccan consortium over three years: the effective rate falls 75 % → 60 % → 50 %', async () => {
      const body = await report(`scope=fund&id=${morocco.fundId}`);
      expect(body.guarantees).toEqual([]);
      const [figures] = body.cofinancing as CofinancingFigures[];
      expect(figures.effectiveRateByParticipationYear).toEqual([
        {
          participationYear: 1,
          grantsApproved: 1,
          networks: 1,
          eligibleCost: { amountMinor: '18000000', currency: 'MAD' },
          subsidy: { amountMinor: '13500000', currency: 'MAD' },
          ownShare: { amountMinor: '4500000', currency: 'MAD' },
          effectiveRateBp: 7500,
          effectiveRate: '3/4',
        },
        {
          participationYear: 2,
          grantsApproved: 1,
          networks: 1,
          eligibleCost: { amountMinor: '25000000', currency: 'MAD' },
          subsidy: { amountMinor: '15000000', currency: 'MAD' },
          ownShare: { amountMinor: '10000000', currency: 'MAD' },
          effectiveRateBp: 6000,
          effectiveRate: '3/5',
        },
        {
          participationYear: 3,
          grantsApproved: 1,
          networks: 1,
          eligibleCost: { amountMinor: '30000000', currency: 'MAD' },
          subsidy: { amountMinor: '15000000', currency: 'MAD' },
          ownShare: { amountMinor: '15000000', currency: 'MAD' },
          effectiveRateBp: 5000,
          effectiveRate: '1/2',
        },
      ]);
      expect(figures).toMatchObject({
        currency: 'MAD',
        funds: 1,
        grantsApproved: 3, // the fourth request was never approved
        networksReached: 1,
        networksReachedByKind: { 'export-consortium': 1 },
        firmsReached: 3,
        womenOwnedFirms: 1,
        womenOwnershipRecorded: 2,
        subsidy: { amountMinor: '43500000', currency: 'MAD' },
        ownShare: { amountMinor: '29500000', currency: 'MAD' },
        // 435 000 MAD over three firms.
        subsidyPerFirm: { amountMinor: '14500000', currency: 'MAD', exactMinor: '14500000/1' },
        subsidyPerNetwork: { amountMinor: '43500000', currency: 'MAD', exactMinor: '43500000/1' },
        // 295 000 of the firms' own money per 435 000 of subsidy.
        privateCofinancingPerUnitOfSubsidy: { ratio: '59/87', decimal: '0.6781' },
        // 435 000 / 730 000, weighted over the three years.
        effectiveRate: { bp: 5958, ratio: '87/146' },
        effectiveRateFalls: true,
      });
    });

    it('a period keeps the grants approved in it', async () => {
      const body = await report(`scope=fund&id=${morocco.fundId}&from=2022-01-01&to=2022-12-31`);
      const [figures] = body.cofinancing as CofinancingFigures[];
      expect(figures.effectiveRateByParticipationYear.map((year) => year.participationYear)).toEqual([2]);
      expect(figures).toMatchObject({
        grantsApproved: 1,
        subsidyPerFirm: { amountMinor: '5000000', currency: 'MAD', exactMinor: '5000000/1' },
        privateCofinancingPerUnitOfSubsidy: { ratio: '2/3', decimal: '0.6666' },
        effectiveRateFalls: null,
      });
      expect(body).toMatchObject({ scope: 'fund', from: '2022-01-01', to: '2022-12-31' });
    });

    it('the Senegal company: 1 000 000 000 of credit on a 340 000 000 fund, calls and recoveries', async () => {
      const body = await report(`scope=company&id=${senegal.companyId}`);
      expect(body.cofinancing).toEqual([]);
      const [figures] = body.guarantees as GuaranteeFigures[];
      expect(figures).toEqual({
        currency: 'XOF',
        companies: 1,
        members: 4,
        membersReached: 4,
        womenOwnedMembers: null,
        guaranteesIssued: 4,
        creditMobilised: { amountMinor: '1000000000', currency: 'XOF' },
        guaranteedAmount: { amountMinor: '500000000', currency: 'XOF' },
        guaranteeFund: { amountMinor: '340000000', currency: 'XOF' },
        guaranteeFundBalance: { amountMinor: '280000000', currency: 'XOF' },
        creditPerUnitOfGuaranteeFund: { ratio: '50/17', decimal: '2.9411' },
        calls: 1,
        claimsCalled: { amountMinor: '100000000', currency: 'XOF' },
        claimsPaid: { amountMinor: '100000000', currency: 'XOF' },
        recoveries: { amountMinor: '40000000', currency: 'XOF' },
        callRate: { bp: 2000, ratio: '1/5' },
        callRateByCount: { bp: 2500, ratio: '1/4' },
        recoveryRate: { bp: 4000, ratio: '2/5' },
      });
      // A period that ends before the default counts the call out of it.
      const before = await report(`scope=company&id=${senegal.companyId}&to=2008-12-31`);
      expect((before.guarantees[0] as GuaranteeFigures).calls).toBe(0);
    });

    it('the programme puts both instruments side by side, one section per currency', async () => {
      const body = await report('');
      expect(body.scope).toBe('programme');
      expect(body.cofinancing.map((figures) => figures.currency)).toEqual(['MAD']);
      expect(body.guarantees.map((figures) => figures.currency)).toEqual(['XOF']);
      expect(BigInt(body.readModelsPosition)).toBe(await t.runtime.store.headPosition());
    });

    it('as CSV: one indicator per row, amounts in major units with their currency, exact ratios beside', async () => {
      const response = await t.getText('/audit/monitoring?format=csv').expect(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.headers['content-disposition']).toBe('attachment; filename="monitoring-programme.csv"');
      const [header, ...rows] = parseCsv(response.body as string);
      const records = rows.map((row) => Object.fromEntries(header.map((column, i) => [column, row[i]])));
      const find = (indicator: string, year = '') =>
        records.find((r) => r.indicator === indicator && r.participation_year === year) as Record<string, string>;
      expect(find('subsidy_per_firm')).toMatchObject({ value: '145000.00', currency: 'MAD', unit: 'amount' });
      expect(['1', '2', '3'].map((year) => find('effective_rate', year).value)).toEqual(['7500', '6000', '5000']);
      expect(find('effective_rate', '3')).toMatchObject({ exact: '1/2', unit: 'bp', dimension: 'durability' });
      expect(find('credit_per_unit_of_guarantee_fund')).toMatchObject({
        value: '2.9411',
        exact: '50/17',
        currency: 'XOF',
      });
      expect(find('credit_mobilised')).toMatchObject({ value: '1000000000', currency: 'XOF' });
      expect(find('women_owned_firms')).toMatchObject({ value: '1', dimension: 'extension' });
    });

    it('refuses bad requests naming the field, and unknown ids with 404', async () => {
      const field = async (query: string) =>
        ((await t.get(`/audit/monitoring?${query}`).expect(400)).body.fields as { field: string }[]).map(
          (f) => f.field,
        );
      expect(await field('scope=fund')).toEqual(['id']);
      expect(await field('scope=galaxy')).toEqual(['scope']);
      expect(await field('id=x')).toEqual(['id']);
      expect(await field('from=2023-01-01&to=2022-01-01')).toEqual(['to']);
      expect(await field('to=2023-02-29')).toEqual(['to']);
      expect(await field('format=xlsx')).toEqual(['format']);
      await t.get('/audit/monitoring?scope=company&id=nope').expect(404);
    });
  });
}
