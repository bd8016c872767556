import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import {
  closeTestApp,
  newKey,
  testDatabaseKinds,
  testLedgerConfig,
  testPrincipals,
  type AuthHeaders,
} from '@ledger/testing';
import { Clock } from '@ledger/platform';
import { createApp } from '../../apps/api/src/bootstrap';

const xof = (amountMinor: string | number) => ({ amountMinor: String(amountMinor), currency: 'XOF' });

for (const kind of testDatabaseKinds()) {
  describe(`a mutual guarantee company's life through HTTP, on ${kind}`, () => {
    let app: INestApplication;
    const { config, dropSchema } = testLedgerConfig(kind);
    const http = () => request(app.getHttpServer());
    let officer: AuthHeaders;
    const get = (path: string) => http().get(path).set(officer);
    const post = (path: string, body: object, key?: string) => {
      const req = http().post(path).set(newKey()).set(officer);
      return (key ? req.set('Idempotency-Key', key) : req).send(body);
    };
    const head = async () => (await get('/health').expect(200)).body.headPosition as string;

    const ids: Record<string, string> = {};

    beforeAll(async () => {
      app = await createApp(config, { logger: false });
      await app.init();
      officer = (await testPrincipals(app)).guaranteeOfficer;
    });
    afterAll(() => closeTestApp(app, dropSchema));

    it('registers a federation and a company with two members who pay their capital', async () => {
      const federation = await post('/guarantee-federations', {
        name: 'Fédération des SCM PAPES',
        currency: 'XOF',
        registeredOn: '2008-01-10',
      }).expect(201);
      ids.federation = federation.body.federationId;
      expect(federation.body.position).toMatch(/^\d+$/);

      const company = await post('/guarantee-companies', {
        name: 'SCM de Thiès',
        currency: 'XOF',
        federationId: ids.federation,
        registeredOn: '2008-01-15',
      }).expect(201);
      ids.company = company.body.companyId;

      for (const name of ['GIE Céréales', 'Atelier Bois']) {
        const member = await post(`/guarantee-companies/${ids.company}/members`, {
          name,
          admittedOn: '2008-02-01',
        }).expect(201);
        ids[name] = member.body.memberId;
        await post(`/guarantee-companies/${ids.company}/members/${member.body.memberId}/capital-subscriptions`, {
          amount: xof(100_000),
          subscribedOn: '2008-02-01',
        }).expect(201);
        const paid = await post(
          `/guarantee-companies/${ids.company}/members/${member.body.memberId}/capital-payments`,
          {
            amount: xof(100_000),
            paidOn: '2008-02-15',
          },
        ).expect(201);
        expect(paid.body).toMatchObject({ capitalSubscribed: xof(100_000), capitalPaid: xof(100_000) });
      }
      const members = await get(`/guarantee-companies/${ids.company}/members`).expect(200);
      expect(members.body.items).toHaveLength(2);
      expect(members.body.items[0]).toMatchObject({ status: 'active', capitalPaid: xof(100_000) });
    });

    it('deposits the 340,000,000 XOF guarantee fund and signs the convention worth 1 billion of credit', async () => {
      const deposit = await post(`/guarantee-companies/${ids.company}/fund-deposits`, {
        bankId: 'CNCAS',
        amount: xof(340_000_000),
        termDepositReference: 'DAT-2008-001',
        depositedOn: '2008-03-01',
        maturesOn: '2011-03-01',
      }).expect(201);
      expect(deposit.body.fundBalance).toEqual(xof(340_000_000));

      const convention = await post('/bank-conventions', {
        companyId: ids.company,
        bankId: 'CNCAS',
        multiplier: '1000000000/340000000',
        coverageRateBp: 5000,
        ceilingBasis: 'loan-principal',
        validFrom: '2008-04-01',
        validUntil: '2010-12-31',
        signedOn: '2008-03-20',
      }).expect(201);
      ids.convention = convention.body.conventionId;
      expect(convention.body).toMatchObject({ multiplier: '50/17', capacity: xof(1_000_000_000) });

      const read = await get(`/bank-conventions/${ids.convention}`).expect(200);
      expect(read.body).toMatchObject({
        multiplier: { ratio: '50/17', decimal: '2.9411' },
        fundBalance: xof(340_000_000),
        capacity: xof(1_000_000_000),
        headroom: xof(1_000_000_000),
      });
    });

    it('issues guarantees up to the ceiling and refuses the next one, naming the headroom', async () => {
      const a = await post(`/bank-conventions/${ids.convention}/guarantees`, {
        memberId: ids['GIE Céréales'],
        loanReference: 'CNCAS/2008/001',
        principal: xof(340_000_000),
        loanStartDate: '2008-05-01',
        maturityDate: '2010-05-01',
        issuedOn: '2008-05-01',
      }).expect(201);
      ids.a = a.body.guaranteeId;
      expect(a.body).toMatchObject({ guaranteedAmount: xof(170_000_000), headroom: xof(660_000_000) });

      const b = await post(`/bank-conventions/${ids.convention}/guarantees`, {
        memberId: ids['Atelier Bois'],
        loanReference: 'CNCAS/2008/002',
        principal: xof(660_000_000),
        loanStartDate: '2008-05-02',
        maturityDate: '2010-05-02',
        issuedOn: '2008-05-02',
      }).expect(201);
      ids.b = b.body.guaranteeId;
      expect(b.body).toMatchObject({ outstanding: xof(1_000_000_000), headroom: xof(0) });

      const before = await head();
      const refused = await post(`/bank-conventions/${ids.convention}/guarantees`, {
        memberId: ids['Atelier Bois'],
        loanReference: 'CNCAS/2008/003',
        principal: xof(1),
        loanStartDate: '2008-05-03',
        maturityDate: '2009-05-03',
        issuedOn: '2008-05-03',
      }).expect(422);
      expect(refused.body).toMatchObject({
        error: 'insufficient-headroom',
        details: {
          headroom: { amountMinor: '0', currency: 'XOF' },
          requested: { amountMinor: '1', currency: 'XOF' },
          capacity: { amountMinor: '1000000000', currency: 'XOF' },
          outstanding: { amountMinor: '1000000000', currency: 'XOF' },
        },
      });
      expect(await head()).toBe(before);
    });

    it('records a repayment, a default, the claim paid from the fund and a recovery', async () => {
      const repaid = await post(`/guarantees/${ids.a}/repayments`, {
        amount: xof(40_000_000),
        repaidOn: '2008-11-01',
      }).expect(201);
      expect(repaid.body).toMatchObject({
        outstandingPrincipal: xof(300_000_000),
        guaranteedOutstanding: xof(150_000_000),
      });

      const called = await post(`/guarantees/${ids.a}/call`, { calledOn: '2009-02-01' }).expect(201);
      expect(called.body).toMatchObject({ status: 'called', claim: xof(150_000_000) });

      const paid = await post(`/guarantees/${ids.a}/claim-payments`, { paidOn: '2009-03-01' }).expect(201);
      expect(paid.body).toMatchObject({ claimPaid: xof(150_000_000), fundBalance: xof(190_000_000) });

      // floor(190,000,000 × 50/17) = 558,823,529 < 660,000,000 outstanding: negative headroom, shown.
      let headroom = await get(`/banks/CNCAS/conventions/${ids.convention}/headroom`).expect(200);
      expect(headroom.body).toMatchObject({
        capacity: xof(558_823_529),
        outstanding: xof(660_000_000),
        headroom: xof(-101_176_471),
      });

      const recovered = await post(`/guarantees/${ids.a}/recoveries`, {
        amount: xof(50_000_000),
        receivedOn: '2009-06-01',
      }).expect(201);
      expect(recovered.body).toMatchObject({ recovered: xof(50_000_000), fundBalance: xof(240_000_000) });
      headroom = await get(`/banks/CNCAS/conventions/${ids.convention}/headroom`).expect(200);
      expect(headroom.body).toMatchObject({ capacity: xof(705_882_352), headroom: xof(45_882_352) });
    });

    it("answers a bank's coverage question from the read models, scoped by the bank", async () => {
      const covered = await get('/banks/CNCAS/loan-coverage').query({ loanReference: 'CNCAS/2008/002' }).expect(200);
      expect(covered.body).toMatchObject({
        covered: true,
        state: 'active',
        guaranteeId: ids.b,
        coverageRateBp: 5000,
        guaranteedOutstanding: xof(330_000_000),
      });
      const called = await get('/banks/CNCAS/loan-coverage').query({ loanReference: 'CNCAS/2008/001' }).expect(200);
      // Called, its claim paid in full, a third of it recovered: the bank sees the whole story.
      expect(called.body).toMatchObject({
        covered: false,
        state: 'partially-recovered',
        status: 'called',
        outstandingPrincipal: xof(300_000_000),
        guaranteedOutstanding: xof(0),
        claimPaid: xof(150_000_000),
        default: {
          outstandingAtDefault: xof(300_000_000),
          claim: xof(150_000_000),
          claimPaid: xof(150_000_000),
          claimLeftToPay: xof(0),
          recovered: xof(50_000_000),
          lastRecoveredOn: '2009-06-01',
        },
      });
      const unknown = await get('/banks/CNCAS/loan-coverage').query({ loanReference: 'NOPE-1' }).expect(200);
      expect(unknown.body).toMatchObject({ covered: false, state: 'not-guaranteed' });
      const otherBank = await get('/banks/BICIS/loan-coverage').query({ loanReference: 'CNCAS/2008/002' }).expect(200);
      expect(otherBank.body).toMatchObject({ covered: false, state: 'not-guaranteed' });
      await get(`/banks/BICIS/conventions/${ids.convention}/headroom`).expect(404);
      const list = await get('/banks/CNCAS/conventions').expect(200);
      expect(list.body.items.map((c: { conventionId: string }) => c.conventionId)).toEqual([ids.convention]);
    });

    it('shows the company, convention and federation figures with their rates', async () => {
      // Read on a day the convention (2008-04-01..2010-12-31) was in force: it counts in the
      // company's capacity and headroom. Today it has expired, and counts for nothing.
      const clock = jest.spyOn(app.get(Clock), 'now').mockReturnValue(new Date('2009-07-01T12:00:00Z'));
      const company = await get(`/guarantee-companies/${ids.company}`).expect(200);
      const federation = await get(`/guarantee-federations/${ids.federation}`).expect(200);
      clock.mockRestore();
      expect(company.body).toMatchObject({
        members: { active: 2, total: 2 },
        capitalSubscribed: xof(200_000),
        capitalPaid: xof(200_000),
        fundDeposited: xof(340_000_000),
        fundBalance: xof(240_000_000),
        outstandingPrincipal: xof(660_000_000),
        capacity: xof(705_882_352),
        headroom: xof(45_882_352),
        guaranteesIssued: 2,
        creditMobilised: xof(1_000_000_000),
        calls: 1,
        claimsCalled: xof(150_000_000),
        claimsPaid: xof(150_000_000),
        recoveries: xof(50_000_000),
        callRateBp: 3000,
        recoveryRateBp: 3333,
        leverage: { ratio: '25/6', decimal: '4.1666' },
        conventions: [{ status: 'in-force', openForIssuance: true }],
      });
      expect(federation.body).toMatchObject({
        companies: [ids.company],
        consolidated: { fundBalance: xof(240_000_000), creditMobilised: xof(1_000_000_000), headroom: xof(45_882_352) },
      });
      const today = await get(`/guarantee-companies/${ids.company}`).expect(200);
      expect(today.body).toMatchObject({
        fundBalance: xof(240_000_000),
        capacity: xof(0),
        headroom: xof(0),
        conventions: [{ status: 'expired', openForIssuance: false, headroom: xof(45_882_352) }],
      });
      const guarantee = await get(`/guarantees/${ids.a}`).expect(200);
      expect(guarantee.body).toMatchObject({
        status: 'called',
        outstandingAtDefault: xof(300_000_000),
        claim: xof(150_000_000),
        recovered: xof(50_000_000),
      });
    });

    it('applies a repeated command once, and refuses the same key for another request', async () => {
      const body = { amount: xof(10_000_000), repaidOn: '2009-07-01' };
      const first = await post(`/guarantees/${ids.b}/repayments`, body, 'repay-b-1').expect(201);
      const position = await head();
      const again = await post(`/guarantees/${ids.b}/repayments`, body, 'repay-b-1').expect(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);
      expect(await head()).toBe(position);
      const other = await post(`/guarantees/${ids.b}/repayments`, { ...body, amount: xof(1) }, 'repay-b-1').expect(409);
      expect(other.body.error).toBe('idempotency-key-reused');
      const guarantee = await get(`/guarantees/${ids.b}`).expect(200);
      expect(guarantee.body.outstandingPrincipal).toEqual(xof(650_000_000));

      const member = await post(
        `/guarantee-companies/${ids.company}/members`,
        { name: 'Late firm', admittedOn: '2009-01-01' },
        'admit-late',
      );
      const memberAgain = await post(
        `/guarantee-companies/${ids.company}/members`,
        { name: 'Late firm', admittedOn: '2009-01-01' },
        'admit-late',
      ).expect(201);
      expect(memberAgain.body.memberId).toBe(member.body.memberId);
      const members = await get(`/guarantee-companies/${ids.company}/members`).expect(200);
      expect(members.body.items).toHaveLength(3);
    });

    it('releases a guarantee at full repayment and then refuses to repay it again', async () => {
      const released = await post(`/guarantees/${ids.b}/repayments`, {
        amount: xof(650_000_000),
        repaidOn: '2010-05-02',
      }).expect(201);
      expect(released.body).toMatchObject({ status: 'released', outstandingPrincipal: xof(0) });
      const before = await head();
      const refused = await post(`/guarantees/${ids.b}/repayments`, { amount: xof(1), repaidOn: '2010-06-01' }).expect(
        409,
      );
      expect(refused.body).toMatchObject({
        error: 'illegal-guarantee-transition',
        details: { from: 'released', command: 'RecordRepayment' },
      });
      expect(await head()).toBe(before);
    });

    it('answers bad inputs with a 4xx naming the problem, and writes nothing', async () => {
      const before = await head();
      const issue = (body: object) => post(`/bank-conventions/${ids.convention}/guarantees`, body);
      const valid = {
        memberId: ids['Atelier Bois'],
        loanReference: 'CNCAS/2009/100',
        principal: xof(1_000),
        loanStartDate: '2009-08-01',
        maturityDate: '2010-08-01',
        issuedOn: '2009-08-01',
      };

      const numberAmount = await issue({ ...valid, principal: { amountMinor: 1000, currency: 'XOF' } }).expect(400);
      expect(numberAmount.body.fields).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'principal.amountMinor' })]),
      );
      const badDate = await issue({ ...valid, issuedOn: '01/08/2009' }).expect(400);
      expect(badDate.body.fields).toEqual([expect.objectContaining({ field: 'issuedOn' })]);
      const unknownField = await issue({ ...valid, rate: 1 }).expect(400);
      expect(unknownField.body.error).toBe('validation-failed');
      const wrongCurrency = await issue({ ...valid, principal: { amountMinor: '1000', currency: 'EUR' } }).expect(422);
      expect(wrongCurrency.body).toMatchObject({ error: 'wrong-currency', details: { field: 'principal.currency' } });
      expect(wrongCurrency.body.fields).toEqual([
        { field: 'principal.currency', reasons: [wrongCurrency.body.message] },
      ]);
      const expired = await issue({ ...valid, issuedOn: '2011-01-05' }).expect(422);
      expect(expired.body.error).toBe('convention-expired');
      await issue({ ...valid, loanReference: 'CNCAS/2008/001' }).expect(409);

      await post('/guarantee-companies/nope/members', { name: 'X', admittedOn: '2009-01-01' }).expect(404);
      await post('/bank-conventions/nope/guarantees', valid).expect(404);
      await post('/guarantees/nope/repayments', { amount: xof(1), repaidOn: '2009-01-01' }).expect(404);
      const uncalled = await post(`/guarantees/${ids.b}/claim-payments`, { paidOn: '2010-06-01' }).expect(409);
      expect(uncalled.body.details).toMatchObject({ from: 'released', command: 'PayClaim' });
      const badMultiplier = await post('/bank-conventions', {
        companyId: ids.company,
        bankId: 'CNCAS',
        multiplier: '5/0',
        coverageRateBp: 5000,
        ceilingBasis: 'loan-principal',
        validFrom: '2009-01-01',
        validUntil: '2010-12-31',
        signedOn: '2009-01-01',
      }).expect(422);
      expect(badMultiplier.body.details).toMatchObject({ field: 'multiplier' });
      await post('/bank-conventions', {
        companyId: ids.company,
        bankId: 'CNCAS',
        multiplier: '2,94',
        coverageRateBp: 12000,
        ceilingBasis: 'everything',
        validFrom: '2009-01-01',
        validUntil: '2010-12-31',
        signedOn: '2009-01-01',
      }).expect(400);
      const overdraw = await post(`/guarantee-companies/${ids.company}/fund-deposits/nope/withdrawals`, {
        amount: xof(1),
        withdrawnOn: '2009-01-01',
      }).expect(404);
      expect(overdraw.body.error).toBe('deposit-not-found');
      await get('/banks/CNCAS/loan-coverage').expect(400);
      expect(await head()).toBe(before);
    });
  });
}
