import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import {
  closeTestApp,
  newKey,
  testDatabaseKinds,
  testLedgerConfig,
  testPrincipals,
  type TestPrincipals,
} from '@ledger/testing';
import { createApp } from '../../apps/api/src/bootstrap';

const xof = (amountMinor: string | number) => ({ amountMinor: String(amountMinor), currency: 'XOF' });

/**
 * A bank's convention headroom as of a date (`?asOf=&knownAt=`, still scoped to the bank), and
 * the list of companies with their live balances (`GET /guarantee-companies`, paginated).
 */
for (const kind of testDatabaseKinds()) {
  describe(`headroom as of a date and the list of companies, on ${kind}`, () => {
    let app: INestApplication;
    let principals: TestPrincipals;
    const { config, dropSchema } = testLedgerConfig(kind);
    const http = () => request(app.getHttpServer());
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      app = await createApp(config, { logger: false });
      await app.init();
      principals = await testPrincipals(app, { banks: ['CNCAS', 'BICIS'] });
      const post = async (path: string, body: object) =>
        (await http().post(path).set(newKey()).set(principals.guaranteeOfficer).send(body).expect(201)).body as Record<
          string,
          string
        >;

      // Thiès: 340,000,000 XOF on deposit, a CNCAS convention (× 50/17 = 1,000,000,000 of credit) and a BICIS one.
      ids.thies = (
        await post('/guarantee-companies', { name: 'SCM de Thiès', currency: 'XOF', registeredOn: '2008-01-15' })
      ).companyId;
      ids.member = (
        await post(`/guarantee-companies/${ids.thies}/members`, { name: 'GIE', admittedOn: '2008-02-01' })
      ).memberId;
      const capital = `/guarantee-companies/${ids.thies}/members/${ids.member}`;
      await post(`${capital}/capital-subscriptions`, { amount: xof(100_000), subscribedOn: '2008-02-01' });
      await post(`${capital}/capital-payments`, { amount: xof(100_000), paidOn: '2008-02-15' });
      await post(`/guarantee-companies/${ids.thies}/fund-deposits`, {
        bankId: 'CNCAS',
        amount: xof(340_000_000),
        termDepositReference: 'DAT-2008-001',
        depositedOn: '2008-03-01',
        maturesOn: '2011-03-01',
      });
      const sign = async (bankId: string) =>
        (
          await post('/bank-conventions', {
            companyId: ids.thies,
            bankId,
            multiplier: '1000000000/340000000',
            coverageRateBp: 5000,
            ceilingBasis: 'loan-principal',
            validFrom: '2008-04-01',
            // In force today too: the live company figures below count both conventions.
            validUntil: '2030-12-31',
            signedOn: '2008-03-20',
          })
        ).conventionId;
      ids.cncas = await sign('CNCAS');
      ids.bicis = await sign('BICIS');
      // A 300,000,000 loan on 1 May 2008; called on 1 February 2009, its claim of 150,000,000 paid on 1 March.
      ids.guarantee = (
        await post(`/bank-conventions/${ids.cncas}/guarantees`, {
          memberId: ids.member,
          loanReference: 'CNCAS/2008/001',
          principal: xof(300_000_000),
          loanStartDate: '2008-05-01',
          maturityDate: '2010-05-01',
          issuedOn: '2008-05-01',
        })
      ).guaranteeId;
      await post(`/guarantees/${ids.guarantee}/call`, { calledOn: '2009-02-01' });
      await post(`/guarantees/${ids.guarantee}/claim-payments`, { paidOn: '2009-03-01' });

      // Two more companies, to page through: names sort Dakar, Kaolack, Thiès.
      for (const name of ['SCM de Kaolack', 'SCM de Dakar']) {
        await post('/guarantee-companies', { name, currency: 'XOF', registeredOn: '2009-06-01' });
      }
    });
    afterAll(() => closeTestApp(app, dropSchema));

    const headroom = (bank: string, conventionId: string, query = '') =>
      http().get(`/banks/${bank}/conventions/${conventionId}/headroom${query}`).set(principals.bank(bank));

    it("answers a bank's convention headroom as of a date, before and after the claim shrank the fund", async () => {
      const before = await headroom('CNCAS', ids.cncas, '?asOf=2009-02-15').expect(200);
      expect(before.body).toEqual({
        asOf: '2009-02-15',
        knownAt: null,
        throughPosition: expect.stringMatching(/^\d+$/),
        conventionId: ids.cncas,
        bankId: 'CNCAS',
        companyId: ids.thies,
        status: 'in-force',
        openForIssuance: true,
        validFrom: '2008-04-01',
        validUntil: '2030-12-31',
        multiplier: { ratio: '50/17', decimal: '2.9411' },
        ceilingBasis: 'loan-principal',
        fundBalance: xof(340_000_000),
        capacity: xof(1_000_000_000),
        // Called on 1 February: the loan no longer counts as outstanding.
        outstanding: xof(0),
        headroom: xof(1_000_000_000),
      });
      // After the claim: floor(190,000,000 × 50/17) = 558,823,529.
      const after = await headroom('CNCAS', ids.cncas, '?asOf=2009-03-31').expect(200);
      expect(after.body).toMatchObject({ fundBalance: xof(190_000_000), capacity: xof(558_823_529) });
      const issued = await headroom('CNCAS', ids.cncas, '?asOf=2008-06-30').expect(200);
      expect(issued.body).toMatchObject({ outstanding: xof(300_000_000), headroom: xof(700_000_000) });

      // Today as known now equals the live answer's figures; without parameters, the live answer as before.
      const live = await headroom('CNCAS', ids.cncas).expect(200);
      expect(live.body.asOf).toBeUndefined();
      expect(live.body.position).toMatch(/^\d+$/);
      const now = await headroom('CNCAS', ids.cncas, `?knownAt=${new Date(Date.now() + 60_000).toISOString()}`).expect(
        200,
      );
      for (const figure of ['fundBalance', 'capacity', 'outstanding', 'headroom'])
        expect(now.body[figure]).toEqual(live.body[figure]);
      // As known an hour ago, nothing had been recorded: not found.
      const past = new Date(Date.now() - 3_600_000).toISOString();
      await headroom('CNCAS', ids.cncas, `?asOf=2009-03-31&knownAt=${past}`).expect(404);
    });

    it('keeps the bank scoping as of a date: another bank, or its convention, is 404', async () => {
      // CNCAS names the BICIS convention under its own bank id: not found, as live.
      const other = await headroom('CNCAS', ids.bicis, '?asOf=2009-03-31').expect(404);
      expect(other.body.error).toBe('convention-not-found');
      await headroom('CNCAS', ids.bicis).expect(404);
      // CNCAS names another bank's id: refused by the guard before any query.
      await http()
        .get(`/banks/BICIS/conventions/${ids.bicis}/headroom?asOf=2009-03-31`)
        .set(principals.bank('CNCAS'))
        .expect(404);
      // BICIS sees its own convention (same company, same fund), and not CNCAS's.
      const bicis = await headroom('BICIS', ids.bicis, '?asOf=2009-03-31').expect(200);
      expect(bicis.body).toMatchObject({ bankId: 'BICIS', capacity: xof(558_823_529), outstanding: xof(0) });
      await headroom('BICIS', ids.cncas, '?asOf=2009-03-31').expect(404);
      // The guarantee officer reads it too.
      await http()
        .get(`/banks/CNCAS/conventions/${ids.cncas}/headroom?asOf=2009-03-31`)
        .set(principals.guaranteeOfficer)
        .expect(200);
    });

    it('refuses a bad asOf or knownAt on the headroom with a 400 naming the field', async () => {
      const fields = async (query: string) =>
        ((await headroom('CNCAS', ids.cncas, query).expect(400)).body.fields as { field: string }[]).map(
          (f) => f.field,
        );
      expect(await fields('?asOf=2009-02-30')).toEqual(['asOf']);
      expect(await fields('?knownAt=yesterday')).toEqual(['knownAt']);
      const docs = await http().get('/docs/json').set(principals.auditor).expect(200);
      const parameters = docs.body.paths['/banks/{bankId}/conventions/{conventionId}/headroom'].get.parameters.map(
        (p: { name: string }) => p.name,
      );
      expect(parameters).toEqual(expect.arrayContaining(['asOf', 'knownAt']));
    });

    it('lists the companies by name with their live balances, a page at a time', async () => {
      const all = await http().get('/guarantee-companies').set(principals.guaranteeOfficer).expect(200);
      expect(all.body).toMatchObject({ total: 3 });
      expect(all.body.nextCursor).toBeUndefined();
      expect(all.body.items.map((c: { name: string }) => c.name)).toEqual([
        'SCM de Dakar',
        'SCM de Kaolack',
        'SCM de Thiès',
      ]);
      const thies = all.body.items[2];
      const one = await http().get(`/guarantee-companies/${ids.thies}`).set(principals.guaranteeOfficer).expect(200);
      expect(thies).toMatchObject({
        companyId: ids.thies,
        currency: 'XOF',
        registeredOn: '2008-01-15',
        members: { active: 1, total: 1 },
        fundBalance: xof(190_000_000),
        // Both conventions in force share the one fund: fund × the largest multiplier, not the sum of both (issue #15).
        capacity: xof(558_823_529),
        claimsPaid: xof(150_000_000),
      });
      for (const figure of ['fundBalance', 'capacity', 'headroom', 'outstandingPrincipal', 'creditMobilised'])
        expect(thies[figure]).toEqual(one.body[figure]);
      expect(thies.conventions).toBeUndefined();

      const page = await http().get('/guarantee-companies?limit=1&offset=1').set(principals.auditor).expect(200);
      expect(page.body).toMatchObject({ total: 3, limit: 1, offset: 1 });
      expect(page.body.items.map((c: { name: string }) => c.name)).toEqual(['SCM de Kaolack']);
      // The cursor (the rule of every list) walks the same pages; `offset` is deprecated.
      const first = await http().get('/guarantee-companies?limit=1').set(principals.auditor).expect(200);
      const second = await http()
        .get(`/guarantee-companies?limit=1&cursor=${first.body.nextCursor}`)
        .set(principals.auditor)
        .expect(200);
      expect(second.body).toEqual({ total: 3, items: page.body.items, nextCursor: expect.any(String) });
      await http().get('/guarantee-companies').set(principals.admin).expect(200);
    });

    it('refuses the list to other roles, and bad paging with a 400 naming the field', async () => {
      await http().get('/guarantee-companies').set(principals.fundManager).expect(403);
      await http().get('/guarantee-companies').set(principals.bank('CNCAS')).expect(403);
      const field = async (query: string) =>
        (
          (await http().get(`/guarantee-companies${query}`).set(principals.guaranteeOfficer).expect(400)).body
            .fields as { field: string }[]
        ).map((f) => f.field);
      expect(await field('?limit=0')).toEqual(['limit']);
      expect(await field('?limit=201')).toEqual(['limit']);
      expect(await field('?offset=-1')).toEqual(['offset']);
      const docs = await http().get('/docs/json').set(principals.auditor).expect(200);
      const parameters = docs.body.paths['/guarantee-companies'].get.parameters.map((p: { name: string }) => p.name);
      expect(parameters).toEqual(expect.arrayContaining(['limit', 'cursor', 'offset']));
    });
  });
}
