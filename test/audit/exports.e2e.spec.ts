import type { Response } from 'supertest';
import { testDatabaseKinds } from '@ledger/testing';
import { moroccanConsortium, openAuditApp, senegalGuarantees, tunisianFund, type AuditTestApp } from './audit-support';
import { parseCsv, type AuditEventView } from '@ledger/audit';

/** The body of a streamed answer as text, whatever its content type. */
const text = (response: Response): string => response.body as string;

function table(csv: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(csv);
  for (const row of rows) expect(row).toHaveLength(header.length);
  return rows.map((row) => Object.fromEntries(header.map((column, index) => [column, row[index]])));
}

for (const kind of testDatabaseKinds()) {
  describe(`audit exports on ${kind}`, () => {
    let t: AuditTestApp;
    let ids: {
      morocco: Awaited<ReturnType<typeof moroccanConsortium>>;
      senegal: Awaited<ReturnType<typeof senegalGuarantees>>;
      tunisia: Awaited<ReturnType<typeof tunisianFund>>;
    };

    beforeAll(async () => {
      t = await openAuditApp(kind);
      ids = {
        morocco: await moroccanConsortium(t.app),
        senegal: await senegalGuarantees(t.app),
        tunisia: await tunisianFund(t.app),
      };
    });
    afterAll(() => t.close());

    const raw = (path: string) => t.getText(path);

    it('exports events as CSV a spreadsheet opens: one row per event, amounts in major units with their currency', async () => {
      const response = await raw('/audit/exports/events.csv').expect(200);
      const head = (await t.runtime.store.headPosition()).toString();
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.headers['content-disposition']).toBe(`attachment; filename="ledger-events-to-${head}.csv"`);
      expect(response.headers['x-export-up-to']).toBe(head);
      const rows = table(text(response));
      expect(rows.map((row) => row.position)).toEqual(Array.from({ length: Number(head) }, (_, i) => String(i + 1)));

      const window = rows.find((row) => row.type === 'cofinancing.WindowOpened') as Record<string, string>;
      expect(window['data.schedule.years.0.cap_amount']).toBe('200000.00');
      expect(window['data.schedule.years.0.cap_currency']).toBe('MAD');
      expect(window['data.schedule.years.0.rate']).toBe('7500');
      const approval = rows.find(
        (row) => row.type === 'cofinancing.GrantApproved' && row['data.grantId'] === ids.morocco.grants[0],
      ) as Record<string, string>;
      expect([approval['data.subsidy_amount'], approval['data.subsidy_currency']]).toEqual(['135000.00', 'MAD']);
      expect([approval['data.ownShare_amount'], approval['data.eligibleCost_amount']]).toEqual([
        '45000.00',
        '180000.00',
      ]);
      expect(approval).toMatchObject({ actor: 'int-test', role: 'manager', schema_version: '1', revision: '1' });
      expect(approval.hash).toMatch(/^[0-9a-f]{64}$/);
      const deposit = rows.find((row) => row.type === 'guarantees.GuaranteeFundDeposited') as Record<string, string>;
      expect([deposit['data.amount_amount'], deposit['data.amount_currency']]).toEqual(['340000000', 'XOF']);
      const dinars = rows.find(
        (row) => row.type === 'cofinancing.ContributionRecorded' && row['data.fundId'] === ids.tunisia.fundId,
      ) as Record<string, string>;
      expect([dinars['data.amount_amount'], dinars['data.amount_currency']]).toEqual(['1.500', 'TND']);

      // Quoting and the formula guard: the text survives the round trip, the formula is defused.
      const fund = rows.find((row) => row['data.fundId'] === ids.tunisia.fundId) as Record<string, string>;
      expect(fund['data.name']).toBe('Foprohoc, "pilot", Sfax');
      const donor = rows.find(
        (row) => row.type === 'cofinancing.DonorRegistered' && row['data.donorId'] === ids.tunisia.donorId,
      ) as Record<string, string>;
      expect(donor['data.name']).toBe(`'=HYPERLINK("http://evil.example")`);
      // The payload as stored, minor units and all.
      expect(JSON.parse(dinars.data_json)).toMatchObject({ amount: { amountMinor: '1500', currency: 'TND' } });
    });

    it('exports events as NDJSON that round-trips to exactly what the history API answers', async () => {
      const response = await raw('/audit/exports/events.ndjson').expect(200);
      expect(response.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
      const lines = text(response)
        .split('\n')
        .filter((line) => line.length > 0)
        .map((line) => JSON.parse(line) as AuditEventView);
      const page = await t.get('/audit/events?limit=1000').expect(200);
      expect(lines).toEqual(page.body.items);
      const filtered = await raw('/audit/exports/events.ndjson?type=guarantees.GuaranteeIssued&after=10').expect(200);
      const issued = text(filtered)
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as AuditEventView);
      expect(issued.map((event) => event.type)).toEqual(Array(4).fill('guarantees.GuaranteeIssued'));
    });

    it('exports balances, one row per entity, amounts in major units and a currency column', async () => {
      const response = await raw('/audit/exports/balances.csv').expect(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.headers['content-disposition']).toMatch(
        /^attachment; filename="ledger-balances-live-at-\d+\.csv"$/,
      );
      expect(response.headers['x-balances-basis']).toBe('live');
      const rows = table(text(response));
      const row = (entity: string, id: string) =>
        rows.find((r) => r.entity === entity && r.id === id) as Record<string, string>;
      expect(row('fund', ids.morocco.fundId)).toMatchObject({
        currency: 'MAD',
        contributed: '10000000.00',
        committed: '435000.00',
        available: '9565000.00',
        basis: 'live',
      });
      expect(row('fund', ids.tunisia.fundId)).toMatchObject({
        currency: 'TND',
        contributed: '1.500',
        available: '1.500',
      });
      expect(row('donor', ids.tunisia.donorId).name).toBe(`'=HYPERLINK("http://evil.example")`);
      expect(row('window', ids.morocco.windowId)).toMatchObject({
        committed: '435000.00',
        fund_id: ids.morocco.fundId,
      });
      expect(row('beneficiary-year', `${ids.morocco.beneficiaryId}/${ids.morocco.windowId}/1`)).toMatchObject({
        participation_year: '1',
        eligible_cost: '180000.00',
        subsidy: '135000.00',
        own_share: '45000.00',
        name: 'Consortium Fonoon Vitargan',
      });
      expect(row('company', ids.senegal.companyId)).toMatchObject({
        currency: 'XOF',
        fund_deposited: '340000000',
        fund_balance: '280000000',
        credit_mobilised: '1000000000',
        claims_paid: '100000000',
        recoveries: '40000000',
      });
      expect(row('convention', ids.senegal.conventionId)).toMatchObject({ bank_id: 'CNCAS', status: 'in-force' });
      expect(row('guarantee', ids.senegal.guarantees[0])).toMatchObject({
        status: 'called',
        principal: '250000000',
        claims_called: '100000000',
      });
      expect(rows.filter((r) => r.entity === 'guarantee')).toHaveLength(4);
    });

    const ndjsonRows = async (path: string) => {
      const response = await raw(path).expect(200);
      const rows = text(response)
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      const row = (entity: string, id: string) => rows.find((r) => r.entity === entity && r.id === id);
      return { response, rows, row };
    };

    it('exports balances as of a date from the as-of services: a contribution dated after it does not count', async () => {
      // 15 January 2022: the dinar fund exists (created 1 January) but its contribution came on 1 February;
      // the Moroccan consortium has its year-1 grant only (years 2 and 3 were approved in 2022 and 2023).
      const asOf = await ndjsonRows('/audit/exports/balances.ndjson?asOf=2022-01-15');
      const live = await ndjsonRows('/audit/exports/balances.ndjson');
      expect(asOf.response.headers['x-balances-basis']).toBe('as-of');
      expect(asOf.response.headers['x-balances-as-of']).toBe('2022-01-15');
      expect(asOf.response.headers['content-disposition']).toBe(
        'attachment; filename="ledger-balances-as-of-2022-01-15.ndjson"',
      );
      expect(asOf.response.headers['x-balances-note']).toBeUndefined();
      expect(asOf.response.headers['x-read-models-position']).toBeUndefined();
      expect(
        asOf.rows.every((r) => r.basis === 'as-of' && r.asOf === '2022-01-15' && r.readModelsPosition === null),
      ).toBe(true);
      expect(live.response.headers['x-balances-basis']).toBe('live');

      const tnd = (amountMinor: string) => ({ amountMinor, currency: 'TND' });
      expect(asOf.row('fund', ids.tunisia.fundId)).toMatchObject({ contributed: tnd('0'), available: tnd('0') });
      expect(live.row('fund', ids.tunisia.fundId)).toMatchObject({ contributed: tnd('1500'), available: tnd('1500') });
      expect(asOf.row('donor', ids.tunisia.donorId)).toMatchObject({
        fundId: ids.tunisia.fundId,
        name: '=HYPERLINK("http://evil.example")',
        contributed: tnd('0'),
      });
      expect(live.row('donor', ids.tunisia.donorId)).toMatchObject({ contributed: tnd('1500') });

      const mad = (amountMinor: string) => ({ amountMinor, currency: 'MAD' });
      expect(asOf.row('fund', ids.morocco.fundId)).toMatchObject({
        contributed: mad('1000000000'),
        committed: mad('13500000'),
        available: mad('986500000'),
        outstandingCommitments: mad('13500000'),
      });
      expect(live.row('fund', ids.morocco.fundId)).toMatchObject({ committed: mad('43500000') });
      expect(asOf.row('window', ids.morocco.windowId)).toMatchObject({
        fundId: ids.morocco.fundId,
        committed: mad('13500000'),
      });
      const years = (rows: Record<string, unknown>[]) =>
        rows
          .filter((r) => r.entity === 'beneficiary-year' && r.beneficiaryId === ids.morocco.beneficiaryId)
          .map((r) => r.participationYear);
      expect(years(asOf.rows)).toEqual([1]);
      expect(years(live.rows)).toEqual([1, 2, 3]);
      expect(asOf.row('beneficiary-year', `${ids.morocco.beneficiaryId}/${ids.morocco.windowId}/1`)).toMatchObject({
        name: 'Consortium Fonoon Vitargan',
        eligibleCost: mad('18000000'),
        subsidy: mad('13500000'),
        ownShare: mad('4500000'),
      });
      // The guarantees all date from 2008–2009: as of 2022 they stand as they do now.
      expect(asOf.row('company', ids.senegal.companyId)).toEqual({
        ...live.row('company', ids.senegal.companyId),
        basis: 'as-of',
        asOf: '2022-01-15',
        readModelsPosition: null,
      });
    });

    it('exports the as-of balances as CSV with the live columns, and no row for what did not exist yet', async () => {
      const liveCsv = text(await raw('/audit/exports/balances.csv').expect(200));
      // 15 February 2009: the first loan was called on 1 February, its claim paid on 1 March.
      const response = await raw('/audit/exports/balances.csv?asOf=2009-02-15').expect(200);
      expect(response.headers['x-balances-basis']).toBe('as-of');
      const csv = text(response);
      expect(csv.split('\r\n')[0]).toBe(liveCsv.split('\r\n')[0]);
      const rows = table(csv);
      const row = (entity: string, id: string) =>
        rows.find((r) => r.entity === entity && r.id === id) as Record<string, string>;
      // No fund, window, donor or beneficiary existed before 2021.
      expect(rows.filter((r) => !['company', 'convention', 'guarantee'].includes(r.entity))).toEqual([]);
      expect(rows.every((r) => r.basis === 'as-of' && r.as_of === '2009-02-15' && r.read_models_position === '')).toBe(
        true,
      );
      expect(row('company', ids.senegal.companyId)).toMatchObject({
        currency: 'XOF',
        fund_deposited: '340000000',
        fund_balance: '340000000',
        claims_called: '100000000',
        claims_paid: '0',
        recoveries: '0',
        credit_mobilised: '1000000000',
      });
      expect(row('convention', ids.senegal.conventionId)).toMatchObject({
        bank_id: 'CNCAS',
        status: 'in-force',
        capacity: '1000000000',
        fund_balance: '340000000',
      });
      expect(row('guarantee', ids.senegal.guarantees[0])).toMatchObject({
        status: 'called',
        name: 'PAPES-1',
        principal: '250000000',
        // Called: out of the outstanding, its claim is 50 % of the 200,000,000 left at default.
        outstanding_principal: '0',
        claims_called: '100000000',
        claims_paid: '0',
        recoveries: '0',
      });

      // 15 April 2008: the convention is signed, no guarantee is issued yet.
      const before = table(text(await raw('/audit/exports/balances.csv?asOf=2008-04-15').expect(200)));
      expect(before.map((r) => r.entity)).toEqual(['company', 'convention']);
      expect(before[1]).toMatchObject({ capacity: '1000000000', outstanding: '0', headroom: '1000000000' });
      // Before the company was registered (15 January 2008): nothing at all, just the header.
      expect(table(text(await raw('/audit/exports/balances.csv?asOf=2008-01-01').expect(200)))).toEqual([]);
    });

    it('refuses bad export queries naming the field', async () => {
      const field = async (path: string) =>
        ((await t.get(path).expect(400)).body.fields as { field: string }[]).map((f) => f.field);
      expect(await field('/audit/exports/balances.csv?asOf=2023-02-30')).toEqual(['asOf']);
      expect(await field('/audit/exports/events.csv?after=abc')).toEqual(['after']);
      expect(await field('/audit/exports/events.ndjson?upTo=-4')).toEqual(['upTo']);
    });
  });
}
