import type { Response } from 'supertest';
import { testDatabaseKinds } from '@ledger/testing';
import { parseCsv } from '@ledger/audit';
import { moroccanConsortium, openAuditApp, senegalGuarantees, tunisianFund, type AuditTestApp } from './audit-support';

const BOM = '\uFEFF';
const text = (response: Response): string => response.body as string;

/** The records of an excel-fr file, after checking what makes it one: BOM, CRLF, `;`. */
function frenchTable(csv: string): Record<string, string>[] {
  expect(csv.startsWith(BOM)).toBe(true);
  expect(csv.slice(1).startsWith(BOM)).toBe(false);
  expect(csv.endsWith('\r\n')).toBe(true);
  expect(csv.replace(/\r\n/g, '')).not.toMatch(/(^|[^"])\n/);
  const [header, ...rows] = parseCsv(csv, 'excel-fr');
  expect(header.length).toBeGreaterThan(3);
  for (const row of rows) expect(row).toHaveLength(header.length);
  return rows.map((row) => Object.fromEntries(header.map((column, index) => [column, row[index]])));
}

for (const kind of testDatabaseKinds()) {
  describe(`CSV exports for a French Excel (dialect=excel-fr) on ${kind}`, () => {
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

    it('events: BOM, ";", decimal comma in amounts, accents intact, quotes where RFC 4180 asks', async () => {
      const response = await t.getText('/audit/exports/events.csv?dialect=excel-fr').expect(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      const csv = text(response);
      const rows = frenchTable(csv);
      const head = (await t.runtime.store.headPosition()).toString();
      expect(rows).toHaveLength(Number(head));

      const approval = rows.find(
        (row) => row.type === 'cofinancing.GrantApproved' && row['data.grantId'] === ids.morocco.grants[0],
      ) as Record<string, string>;
      expect([approval['data.subsidy_amount'], approval['data.subsidy_currency']]).toEqual(['135000,00', 'MAD']);
      const deposit = rows.find((row) => row.type === 'guarantees.GuaranteeFundDeposited') as Record<string, string>;
      expect(deposit['data.amount_amount']).toBe('340000000');
      const dinars = rows.find(
        (row) => row.type === 'cofinancing.ContributionRecorded' && row['data.fundId'] === ids.tunisia.fundId,
      ) as Record<string, string>;
      expect(dinars['data.amount_amount']).toBe('1,500');
      // Only amounts change: positions, rates and the stored payload keep their text.
      expect(JSON.parse(dinars.data_json)).toMatchObject({ amount: { amountMinor: '1500', currency: 'TND' } });

      // Accents survive (UTF-8 with its BOM), a quote is doubled inside quotes, a formula is defused.
      expect(rows.flatMap((row) => Object.values(row))).toContain('Coopérative Tifawin');
      expect(csv).toContain(';"Foprohoc, ""pilot"", Sfax";');
      const fund = rows.find((row) => row['data.fundId'] === ids.tunisia.fundId) as Record<string, string>;
      expect(fund['data.name']).toBe('Foprohoc, "pilot", Sfax');
      const donor = rows.find(
        (row) => row.type === 'cofinancing.DonorRegistered' && row['data.donorId'] === ids.tunisia.donorId,
      ) as Record<string, string>;
      expect(donor['data.name']).toBe(`'=HYPERLINK("http://evil.example")`);
    });

    it('balances: the same rows as the default export, amounts with a decimal comma', async () => {
      const rows = frenchTable(text(await t.getText('/audit/exports/balances.csv?dialect=excel-fr').expect(200)));
      const row = (entity: string, id: string) =>
        rows.find((r) => r.entity === entity && r.id === id) as Record<string, string>;
      expect(row('fund', ids.morocco.fundId)).toMatchObject({
        currency: 'MAD',
        contributed: '10000000,00',
        committed: '435000,00',
        available: '9565000,00',
        basis: 'live',
      });
      expect(row('fund', ids.tunisia.fundId)).toMatchObject({ currency: 'TND', contributed: '1,500' });
      expect(row('company', ids.senegal.companyId)).toMatchObject({ currency: 'XOF', fund_balance: '280000000' });
      const standard = parseCsv(text(await t.getText('/audit/exports/balances.csv').expect(200)));
      expect(rows).toHaveLength(standard.length - 1);
    });

    it('monitoring: amounts and ratios with a decimal comma; rates in bp and exact ratios unchanged', async () => {
      const response = await t.getText('/audit/monitoring?format=csv&dialect=excel-fr').expect(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      const records = frenchTable(text(response));
      const find = (indicator: string, year = '') =>
        records.find((r) => r.indicator === indicator && r.participation_year === year) as Record<string, string>;
      expect(find('subsidy_per_firm')).toMatchObject({ value: '145000,00', currency: 'MAD', unit: 'amount' });
      expect(find('effective_rate', '3')).toMatchObject({ value: '5000', exact: '1/2', unit: 'bp' });
      expect(find('credit_per_unit_of_guarantee_fund')).toMatchObject({ value: '2,9411', exact: '50/17' });
      expect(find('credit_mobilised')).toMatchObject({ value: '1000000000', exact: '1000000000' });
    });

    it('the default stays RFC 4180: no BOM, commas, decimal points', async () => {
      for (const path of [
        '/audit/exports/events.csv',
        '/audit/exports/balances.csv',
        '/audit/monitoring?format=csv',
        '/audit/exports/balances.csv?dialect=rfc4180',
      ]) {
        const csv = text(await t.getText(path).expect(200));
        expect([path, csv.charCodeAt(0)]).not.toEqual([path, 0xfeff]);
        expect(parseCsv(csv)[0].length).toBeGreaterThan(3);
      }
      const rows = parseCsv(text(await t.getText('/audit/exports/balances.csv').expect(200)));
      expect(rows.flat()).toContain('10000000.00');
    });

    it('refuses an unknown dialect, or one where it means nothing, naming `dialect`', async () => {
      const refused = async (path: string) => {
        const body = (await t.get(path).expect(400)).body as { error: string; fields: { field: string }[] };
        expect(body.error).toBe('validation-failed');
        return body.fields.map((f) => f.field);
      };
      expect(await refused('/audit/exports/events.csv?dialect=excel-de')).toEqual(['dialect']);
      expect(await refused('/audit/exports/balances.csv?dialect=')).toEqual(['dialect']);
      expect(await refused('/audit/monitoring?format=csv&dialect=EXCEL-FR')).toEqual(['dialect']);
      expect(await refused('/audit/monitoring?dialect=excel-fr')).toEqual(['dialect']);
      expect(await refused('/audit/exports/events.ndjson?dialect=excel-fr')).toEqual(['dialect']);
    });
  });
}
