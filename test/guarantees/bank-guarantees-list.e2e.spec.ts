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
 * Issue #16: a bank lists its own guaranteed loans (`GET /banks/:bankId/guarantees`), each as
 * loan-coverage answers it, a page at a time, now or as of a date — never another bank's.
 */
for (const kind of testDatabaseKinds()) {
  describe(`a bank's list of its guaranteed loans, on ${kind}`, () => {
    let app: INestApplication;
    let principals: TestPrincipals;
    const { config, dropSchema } = testLedgerConfig(kind);
    const http = () => request(app.getHttpServer());
    const ids: Record<string, string> = {};
    const list = (bank: string, query: Record<string, string | number> = {}, as = bank) =>
      http().get(`/banks/${bank}/guarantees`).query(query).set(principals.bank(as));

    beforeAll(async () => {
      app = await createApp(config, { logger: false });
      await app.init();
      principals = await testPrincipals(app, { banks: ['CNCAS', 'BICIS'] });
      const post = async (path: string, body: object) =>
        (await http().post(path).set(newKey()).set(principals.guaranteeOfficer).send(body).expect(201)).body as Record<
          string,
          string
        >;

      ids.company = (
        await post('/guarantee-companies', { name: 'SCM de Thiès', currency: 'XOF', registeredOn: '2008-01-15' })
      ).companyId;
      ids.member = (
        await post(`/guarantee-companies/${ids.company}/members`, { name: 'GIE Niayes', admittedOn: '2008-02-01' })
      ).memberId;
      const capital = `/guarantee-companies/${ids.company}/members/${ids.member}`;
      await post(`${capital}/capital-subscriptions`, { amount: xof(100_000), subscribedOn: '2008-02-01' });
      await post(`${capital}/capital-payments`, { amount: xof(100_000), paidOn: '2008-02-15' });
      await post(`/guarantee-companies/${ids.company}/fund-deposits`, {
        bankId: 'CNCAS',
        amount: xof(340_000_000),
        termDepositReference: 'DAT-2008-001',
        depositedOn: '2008-03-01',
        maturesOn: '2011-03-01',
      });
      const sign = async (bankId: string) =>
        (
          await post('/bank-conventions', {
            companyId: ids.company,
            bankId,
            multiplier: '1000000000/340000000',
            coverageRateBp: 5000,
            ceilingBasis: 'loan-principal',
            validFrom: '2008-04-01',
            validUntil: '2030-12-31',
            signedOn: '2008-03-20',
          })
        ).conventionId;
      ids.cncas = await sign('CNCAS');
      ids.bicis = await sign('BICIS');
      const issue = async (conventionId: string, loanReference: string, principal: number, issuedOn: string) =>
        (
          await post(`/bank-conventions/${conventionId}/guarantees`, {
            memberId: ids.member,
            loanReference,
            principal: xof(principal),
            loanStartDate: issuedOn,
            maturityDate: '2010-05-01',
            issuedOn,
          })
        ).guaranteeId;
      // CNCAS: a 100,000,000 loan repaid by 20,000,000 then called (claim 40,000,000, 15,000,000 paid);
      // a 60,000,000 loan issued later; BICIS: one loan of its own.
      // (The member in default takes no new guarantee: all issued first, then the default recorded.)
      ids.first = await issue(ids.cncas, 'cncas/2008/001', 100_000_000, '2008-05-01');
      ids.second = await issue(ids.cncas, 'CNCAS/2009/002', 60_000_000, '2009-04-01');
      ids.other = await issue(ids.bicis, 'BICIS/2009/001', 10_000_000, '2009-04-02');
      await post(`/guarantees/${ids.first}/repayments`, { amount: xof(20_000_000), repaidOn: '2008-11-01' });
      await post(`/guarantees/${ids.first}/call`, { calledOn: '2009-02-01' });
      await post(`/guarantees/${ids.first}/claim-payments`, { amount: xof(15_000_000), paidOn: '2009-03-01' });
    });
    afterAll(() => closeTestApp(app, dropSchema));

    it('lists only the bank’s own loans, each as loan-coverage answers it, by issuing date', async () => {
      const page = await list('CNCAS').expect(200);
      expect(page.body.total).toBe(2);
      expect(page.body.nextCursor).toBeUndefined();
      expect(page.body.items.map((item: { guaranteeId: string }) => item.guaranteeId)).toEqual([ids.first, ids.second]);
      const coverage = await http()
        .get('/banks/CNCAS/loan-coverage')
        .query({ loanReference: 'cncas/2008/001' })
        .set(principals.bank('CNCAS'))
        .expect(200);
      expect(page.body.items[0]).toEqual(coverage.body);
      expect(page.body.items[0]).toMatchObject({
        loanReference: 'CNCAS/2008/001',
        state: 'claim-partially-paid',
        coverageRateBp: 5000,
        outstandingPrincipal: xof(80_000_000),
        default: {
          calledOn: '2009-02-01',
          claim: xof(40_000_000),
          claimPaid: xof(15_000_000),
          claimLeftToPay: xof(25_000_000),
          recovered: xof(0),
        },
      });
      expect(page.body.items[1]).toMatchObject({
        loanReference: 'CNCAS/2009/002',
        state: 'active',
        covered: true,
        guaranteedOutstanding: xof(30_000_000),
        default: null,
      });

      const bicis = await list('BICIS').expect(200);
      expect(bicis.body.items.map((item: { guaranteeId: string }) => item.guaranteeId)).toEqual([ids.other]);
    });

    it('pages with limit and cursor', async () => {
      const first = await list('CNCAS', { limit: 1 }).expect(200);
      expect(first.body.items).toHaveLength(1);
      expect(first.body.items[0].guaranteeId).toBe(ids.first);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await list('CNCAS', { limit: 1, cursor: first.body.nextCursor }).expect(200);
      expect(second.body.items.map((item: { guaranteeId: string }) => item.guaranteeId)).toEqual([ids.second]);
      expect(second.body.nextCursor).toBeUndefined();
      const tooMany = await list('CNCAS', { limit: 500 }).expect(400);
      expect(tooMany.body.error).toBe('validation-failed');
    });

    it('answers as of a date: the loans issued by then, with their figures then, stamped', async () => {
      const before = await list('CNCAS', { asOf: '2009-01-31' }).expect(200);
      expect(before.body).toMatchObject({ asOf: '2009-01-31', knownAt: null, total: 1 });
      expect(before.body.throughPosition).toMatch(/^\d+$/);
      expect(before.body.items).toEqual([
        expect.objectContaining({
          guaranteeId: ids.first,
          state: 'active',
          outstandingPrincipal: xof(80_000_000),
          guaranteedOutstanding: xof(40_000_000),
          default: null,
        }),
      ]);
      expect(before.body.items[0].position).toBeUndefined();

      const after = await list('CNCAS', { asOf: '2009-12-31' }).expect(200);
      expect(after.body.items.map((item: { guaranteeId: string }) => item.guaranteeId)).toEqual([
        ids.first,
        ids.second,
      ]);
      expect(after.body.items[0]).toMatchObject({
        state: 'claim-partially-paid',
        default: {
          calledOn: null,
          claim: xof(40_000_000),
          claimPaid: xof(15_000_000),
          claimLeftToPay: xof(25_000_000),
        },
      });
      const bad = await list('CNCAS', { asOf: '2009-02-30' }).expect(400);
      expect(bad.body.error).toBe('validation-failed');
    });

    it("refuses another bank's list to a bank, and lets the officer read any bank's", async () => {
      await list('BICIS', {}, 'CNCAS').expect(404);
      await list('CNCAS', { asOf: '2009-12-31' }, 'BICIS').expect(404);
      const officer = await http().get('/banks/BICIS/guarantees').set(principals.guaranteeOfficer).expect(200);
      expect(officer.body.items).toHaveLength(1);
    });
  });
}
