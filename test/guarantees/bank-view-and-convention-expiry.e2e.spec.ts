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
 * Issue #15, rules 4 and 5: a convention expires without any event (its status is worked out
 * when read, today or as of a date), and a bank sees its defaulted loan through the call, the
 * claim payments and the recoveries, whatever case and spaces it types the reference with.
 */
for (const kind of testDatabaseKinds()) {
  describe(`the bank's view of a defaulted loan and a convention that expires, on ${kind}`, () => {
    let app: INestApplication;
    let principals: TestPrincipals;
    const { config, dropSchema } = testLedgerConfig(kind);
    const http = () => request(app.getHttpServer());
    const ids: Record<string, string> = {};
    const post = (path: string, body: object) =>
      http().post(path).set(newKey()).set(principals.guaranteeOfficer).send(body);
    const created = async (path: string, body: object) =>
      (await post(path, body).expect(201)).body as Record<string, string>;
    const officer = (path: string) => http().get(path).set(principals.guaranteeOfficer);
    const bank = (path: string) => http().get(`/banks/CNCAS${path}`).set(principals.bank('CNCAS'));
    const coverage = (loanReference: string) => bank('/loan-coverage').query({ loanReference }).expect(200);

    beforeAll(async () => {
      app = await createApp(config, { logger: false });
      await app.init();
      principals = await testPrincipals(app, { banks: ['CNCAS'] });

      // Thiès: 340,000,000 XOF on deposit and a CNCAS convention valid 2008-04-01..2010-12-31
      // (× 50/17 = 1,000,000,000 of credit, 50 % cover).
      ids.company = (
        await created('/guarantee-companies', { name: 'SCM de Thiès', currency: 'XOF', registeredOn: '2008-01-15' })
      ).companyId;
      ids.member = (
        await created(`/guarantee-companies/${ids.company}/members`, { name: 'GIE Niayes', admittedOn: '2008-02-01' })
      ).memberId;
      const capital = `/guarantee-companies/${ids.company}/members/${ids.member}`;
      await created(`${capital}/capital-subscriptions`, { amount: xof(100_000), subscribedOn: '2008-02-01' });
      await created(`${capital}/capital-payments`, { amount: xof(100_000), paidOn: '2008-02-15' });
      await created(`/guarantee-companies/${ids.company}/fund-deposits`, {
        bankId: 'CNCAS',
        amount: xof(340_000_000),
        termDepositReference: 'DAT-2008-001',
        depositedOn: '2008-03-01',
        maturesOn: '2011-03-01',
      });
      ids.convention = (
        await created('/bank-conventions', {
          companyId: ids.company,
          bankId: 'CNCAS',
          multiplier: '1000000000/340000000',
          coverageRateBp: 5000,
          ceilingBasis: 'loan-principal',
          validFrom: '2008-04-01',
          validUntil: '2010-12-31',
          signedOn: '2008-03-20',
        })
      ).conventionId;
    });
    afterAll(() => closeTestApp(app, dropSchema));

    it('stores a loan reference by one rule, and finds it whatever case and spaces the bank types', async () => {
      const issued = await created(`/bank-conventions/${ids.convention}/guarantees`, {
        memberId: ids.member,
        loanReference: '  cncas/2008/017 ',
        principal: xof(100_000_000),
        loanStartDate: '2008-05-01',
        maturityDate: '2010-05-01',
        issuedOn: '2008-05-01',
      });
      ids.guarantee = issued.guaranteeId;
      const guarantee = await officer(`/guarantees/${ids.guarantee}`).expect(200);
      expect(guarantee.body.loanReference).toBe('CNCAS/2008/017');

      for (const typed of ['CNCAS/2008/017', 'cncas/2008/017', ' Cncas/2008/017  ']) {
        expect((await coverage(typed)).body).toMatchObject({
          loanReference: 'CNCAS/2008/017',
          covered: true,
          state: 'active',
          guaranteeId: ids.guarantee,
          default: null,
        });
      }

      // The same loan typed otherwise is the same loan: guaranteed once.
      const before = (await officer('/health').expect(200)).body.headPosition;
      const again = await post(`/bank-conventions/${ids.convention}/guarantees`, {
        memberId: ids.member,
        loanReference: 'Cncas/2008/017',
        principal: xof(1_000_000),
        loanStartDate: '2008-06-01',
        maturityDate: '2009-06-01',
        issuedOn: '2008-06-01',
      }).expect(409);
      expect(again.body).toMatchObject({
        error: 'loan-already-guaranteed',
        details: { loanReference: 'CNCAS/2008/017', guaranteeId: ids.guarantee },
      });
      expect((await officer('/health').expect(200)).body.headPosition).toBe(before);

      expect((await coverage('cncas/2008/018')).body).toMatchObject({ covered: false, state: 'not-guaranteed' });
      const blank = await bank('/loan-coverage').query({ loanReference: '   ' }).expect(400);
      expect(blank.body).toMatchObject({ error: 'validation-failed', fields: [{ field: 'loanReference' }] });
    });

    it('shows the bank its defaulted loan through the call, the claim payments and the recoveries', async () => {
      // 20,000,000 repaid, then default with 80,000,000 outstanding: the claim is 50 %, 40,000,000.
      await created(`/guarantees/${ids.guarantee}/repayments`, { amount: xof(20_000_000), repaidOn: '2008-11-01' });
      await created(`/guarantees/${ids.guarantee}/call`, { calledOn: '2009-02-01' });
      const defaulted = {
        loanReference: 'CNCAS/2008/017',
        status: 'called',
        principal: xof(100_000_000),
        guaranteedAmount: xof(50_000_000),
        // Not 0: the borrower still owed 80,000,000 when the loan defaulted.
        outstandingPrincipal: xof(80_000_000),
        issuedOn: '2008-05-01',
        maturityDate: '2010-05-01',
      };
      expect((await coverage('cncas/2008/017')).body).toMatchObject({
        ...defaulted,
        covered: true,
        state: 'claim-pending',
        guaranteedOutstanding: xof(40_000_000),
        default: {
          calledOn: '2009-02-01',
          outstandingAtDefault: xof(80_000_000),
          claim: xof(40_000_000),
          claimPaid: xof(0),
          claimLeftToPay: xof(40_000_000),
          claimLastPaidOn: null,
          recovered: xof(0),
          lastRecoveredOn: null,
        },
      });

      await created(`/guarantees/${ids.guarantee}/claim-payments`, { amount: xof(15_000_000), paidOn: '2009-03-01' });
      expect((await coverage('CNCAS/2008/017')).body).toMatchObject({
        ...defaulted,
        covered: true,
        state: 'claim-partially-paid',
        guaranteedOutstanding: xof(25_000_000),
        default: { claimPaid: xof(15_000_000), claimLeftToPay: xof(25_000_000), claimLastPaidOn: '2009-03-01' },
      });

      await created(`/guarantees/${ids.guarantee}/claim-payments`, { paidOn: '2009-03-15' });
      expect((await coverage('CNCAS/2008/017')).body).toMatchObject({
        ...defaulted,
        covered: false,
        state: 'claim-paid',
        guaranteedOutstanding: xof(0),
        default: { claimPaid: xof(40_000_000), claimLeftToPay: xof(0), claimLastPaidOn: '2009-03-15' },
      });

      await created(`/guarantees/${ids.guarantee}/recoveries`, { amount: xof(10_000_000), receivedOn: '2009-06-01' });
      expect((await coverage('CNCAS/2008/017')).body).toMatchObject({
        ...defaulted,
        state: 'partially-recovered',
        default: { recovered: xof(10_000_000), lastRecoveredOn: '2009-06-01', claimLastPaidOn: '2009-03-15' },
      });

      await created(`/guarantees/${ids.guarantee}/recoveries`, { amount: xof(30_000_000), receivedOn: '2009-09-01' });
      const recovered = await coverage('CNCAS/2008/017');
      expect(recovered.body).toMatchObject({
        ...defaulted,
        covered: false,
        state: 'recovered',
        default: {
          outstandingAtDefault: xof(80_000_000),
          claim: xof(40_000_000),
          claimPaid: xof(40_000_000),
          recovered: xof(40_000_000),
          lastRecoveredOn: '2009-09-01',
        },
      });
      // The officer's view of the guarantee carries the same dates.
      expect((await officer(`/guarantees/${ids.guarantee}`).expect(200)).body).toMatchObject({
        claimLastPaidOn: '2009-03-15',
        lastRecoveredOn: '2009-09-01',
      });
    });

    it('reads a convention past its validUntil as expired today and as of a later date, in force as of a date inside', async () => {
      const convention = await officer(`/bank-conventions/${ids.convention}`).expect(200);
      expect(convention.body).toMatchObject({ status: 'expired', openForIssuance: false, validUntil: '2010-12-31' });

      const company = await officer(`/guarantee-companies/${ids.company}`).expect(200);
      expect(company.body.conventions).toEqual([
        expect.objectContaining({ status: 'expired', openForIssuance: false }),
      ]);
      // An expired convention takes no new guarantee: it adds nothing to the company's capacity and headroom.
      expect(company.body).toMatchObject({ capacity: xof(0), headroom: xof(0) });
      const listed = await http().get('/guarantee-companies').set(principals.guaranteeOfficer).expect(200);
      expect(listed.body.items).toEqual([
        expect.objectContaining({ companyId: ids.company, capacity: xof(0), headroom: xof(0) }),
      ]);

      const ofBank = await bank('/conventions').expect(200);
      expect(ofBank.body.items).toEqual([expect.objectContaining({ conventionId: ids.convention, status: 'expired' })]);
      const headroom = await bank(`/conventions/${ids.convention}/headroom`).expect(200);
      // Its figures stay (the fund still backs the loans under it), but it is closed for issuance.
      expect(headroom.body).toMatchObject({
        status: 'expired',
        openForIssuance: false,
        validFrom: '2008-04-01',
        validUntil: '2010-12-31',
        // 340,000,000 again once the claim was recovered: × 50/17.
        capacity: xof(1_000_000_000),
      });

      const asOf = async (date: string) => {
        const [own, viaBank, ofCompany] = await Promise.all([
          officer(`/bank-conventions/${ids.convention}?asOf=${date}`).expect(200),
          bank(`/conventions/${ids.convention}/headroom?asOf=${date}`).expect(200),
          officer(`/guarantee-companies/${ids.company}?asOf=${date}`).expect(200),
        ]);
        expect(viaBank.body.status).toBe(own.body.status);
        expect(ofCompany.body.conventions[0].status).toBe(own.body.status);
        return { status: own.body.status, open: viaBank.body.openForIssuance, company: ofCompany.body };
      };
      expect(await asOf('2008-03-25')).toMatchObject({ status: 'not-yet-in-force', open: false });
      const inside = await asOf('2009-12-31');
      expect(inside).toMatchObject({ status: 'in-force', open: true });
      expect(BigInt(inside.company.capacity.amountMinor)).toBeGreaterThan(0n);
      expect(await asOf('2010-12-31')).toMatchObject({ status: 'in-force', open: true });
      const after = await asOf('2011-01-01');
      expect(after).toMatchObject({ status: 'expired', open: false });
      expect(after.company).toMatchObject({ capacity: xof(0), headroom: xof(0) });

      // Offered for nothing, and refused as before when asked for today.
      const today = new Date().toISOString().slice(0, 10);
      const before = (await officer('/health').expect(200)).body.headPosition;
      const refused = await post(`/bank-conventions/${ids.convention}/guarantees`, {
        memberId: ids.member,
        loanReference: 'CNCAS/2026/001',
        principal: xof(1_000_000),
        loanStartDate: today,
        maturityDate: '2040-01-01',
        issuedOn: today,
      }).expect(422);
      expect(refused.body).toMatchObject({ error: 'convention-expired' });
      expect((await officer('/health').expect(200)).body.headPosition).toBe(before);
    });
  });
}
