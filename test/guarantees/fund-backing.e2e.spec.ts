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
import { createApp } from '../../apps/api/src/bootstrap';

const xof = (amountMinor: string | number) => ({ amountMinor: String(amountMinor), currency: 'XOF' });

/**
 * Issue #15, "the guarantee fund backs what it guarantees": the Senegal company (a 340,000,000 XOF
 * fund) with two bank conventions, CNCAS (1,000,000,000 / 340,000,000) and BICIS (×2). They share
 * the one fund: the company's capacity is 1,000,000,000 (fund × the largest multiplier), not
 * 1,680,000,000; a withdrawal that would leave a headroom negative is refused with the figures;
 * business dates must follow what they depend on.
 */
for (const kind of testDatabaseKinds()) {
  describe(`the guarantee fund backs what it guarantees, on ${kind}`, () => {
    let app: INestApplication;
    const { config, dropSchema } = testLedgerConfig(kind);
    const http = () => request(app.getHttpServer());
    let officer: AuthHeaders;
    let principals: Awaited<ReturnType<typeof testPrincipals>>;
    const get = (path: string) => http().get(path).set(officer);
    const post = (path: string, body: object) => http().post(path).set(newKey()).set(officer).send(body);
    const head = async () => (await get('/health').expect(200)).body.headPosition as string;
    const ids: Record<string, string> = {};
    let loans = 0;
    const issue = (conventionId: string, principal: number, issuedOn = '2008-05-01') =>
      post(`/bank-conventions/${conventionId}/guarantees`, {
        memberId: ids.member,
        loanReference: `LOAN-${++loans}`,
        principal: xof(principal),
        loanStartDate: issuedOn,
        maturityDate: '2010-05-01',
        issuedOn,
      });
    const withdraw = (amount: number, withdrawnOn: string) =>
      post(`/guarantee-companies/${ids.company}/fund-deposits/${ids.deposit}/withdrawals`, {
        amount: xof(amount),
        withdrawnOn,
      });

    beforeAll(async () => {
      app = await createApp(config, { logger: false });
      await app.init();
      principals = await testPrincipals(app);
      officer = principals.guaranteeOfficer;
      const company = await post('/guarantee-companies', {
        name: 'SCM de Thiès',
        currency: 'XOF',
        registeredOn: '2008-01-15',
      }).expect(201);
      ids.company = company.body.companyId;
      const member = await post(`/guarantee-companies/${ids.company}/members`, {
        name: 'GIE Céréales',
        admittedOn: '2008-02-01',
      }).expect(201);
      ids.member = member.body.memberId;
      const memberPath = `/guarantee-companies/${ids.company}/members/${ids.member}`;
      await post(`${memberPath}/capital-subscriptions`, { amount: xof(100_000), subscribedOn: '2008-02-01' }).expect(
        201,
      );
      await post(`${memberPath}/capital-payments`, { amount: xof(100_000), paidOn: '2008-02-15' }).expect(201);
      const deposit = await post(`/guarantee-companies/${ids.company}/fund-deposits`, {
        bankId: 'CNCAS',
        amount: xof(340_000_000),
        termDepositReference: 'DAT-2008-001',
        depositedOn: '2008-03-01',
      }).expect(201);
      ids.deposit = deposit.body.depositId;
      for (const [bankId, multiplier] of [
        ['CNCAS', '1000000000/340000000'],
        ['BICIS', '2/1'],
      ]) {
        const convention = await post('/bank-conventions', {
          companyId: ids.company,
          bankId,
          multiplier,
          coverageRateBp: 5000,
          ceilingBasis: 'loan-principal',
          validFrom: '2008-04-01',
          // In force today too, so the live figures count them (an expired convention does not).
          validUntil: '2030-12-31',
          signedOn: '2008-03-20',
        }).expect(201);
        ids[bankId] = convention.body.conventionId;
      }
    });
    afterAll(() => closeTestApp(app, dropSchema));

    it("reads the company's capacity as fund × the largest multiplier: 1,000,000,000, not 1,680,000,000", async () => {
      const company = await get(`/guarantee-companies/${ids.company}`).expect(200);
      expect(company.body).toMatchObject({ capacity: xof(1_000_000_000), headroom: xof(1_000_000_000) });
      const asOf = await get(`/guarantee-companies/${ids.company}?asOf=2008-05-01`).expect(200);
      expect(asOf.body).toMatchObject({ capacity: xof(1_000_000_000), headroom: xof(1_000_000_000) });
      const list = await get('/guarantee-companies').expect(200);
      expect(list.body.items.find((c: { companyId: string }) => c.companyId === ids.company)).toMatchObject({
        capacity: xof(1_000_000_000),
      });
    });

    it('refuses a withdrawal dated before its deposit, naming the date it must not precede', async () => {
      const before = await head();
      const refused = await withdraw(1, '2008-02-28').expect(422);
      expect(refused.body).toMatchObject({
        error: 'business-date-before-dependency',
        details: { field: 'withdrawnOn', date: '2008-02-28', notBefore: '2008-03-01' },
      });
      expect(await head()).toBe(before);
    });

    it('holds the company-wide limit under concurrent issuance on both conventions', async () => {
      await issue(ids.CNCAS, 600_000_000).expect(201);
      // CNCAS alone has 400,000,000 left, BICIS alone 680,000,000; the company 400,000,000 in all.
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, i) => issue(i % 2 === 0 ? ids.CNCAS : ids.BICIS, 100_000_000)),
      );
      const accepted = answers.filter((answer) => answer.status === 201);
      expect(accepted).toHaveLength(4);
      for (const answer of answers.filter((a) => a.status !== 201)) {
        expect(answer.status).toBe(422);
        expect(answer.body.error).toBe('insufficient-headroom');
        expect(['convention', 'company']).toContain(answer.body.details.limit);
      }
      const [cncas, bicis] = await Promise.all([
        get(`/bank-conventions/${ids.CNCAS}`).expect(200),
        get(`/bank-conventions/${ids.BICIS}`).expect(200),
      ]);
      const total = BigInt(cncas.body.outstanding.amountMinor) + BigInt(bicis.body.outstanding.amountMinor);
      expect(total).toBe(1_000_000_000n);
      const refused = await issue(ids.BICIS, 1).expect(422);
      expect(refused.body).toMatchObject({
        error: 'insufficient-headroom',
        details: { limit: 'company', capacity: xof(1_000_000_000), headroom: xof(0), requested: xof(1) },
      });
    });

    it('refuses a withdrawal that would leave a headroom negative, with the figures, and writes nothing', async () => {
      const before = await head();
      const refused = await withdraw(340_000_000, '2008-06-01').expect(422);
      expect(refused.body).toMatchObject({
        error: 'withdrawal-exceeds-headroom',
        details: { depositId: ids.deposit, requested: xof(340_000_000) },
      });
      const company = refused.body.details.conventions.find((c: { limit: string }) => c.limit === 'company');
      expect(company).toMatchObject({
        conventionId: null,
        on: '2008-06-01',
        capacityAfter: xof(0),
        outstanding: xof(1_000_000_000),
        headroomAfter: xof(-1_000_000_000),
      });
      expect((await withdraw(1, '2008-06-01').expect(422)).body.error).toBe('withdrawal-exceeds-headroom');
      expect(await head()).toBe(before);
      const read = await get(`/guarantee-companies/${ids.company}`).expect(200);
      expect(read.body).toMatchObject({ fundBalance: xof(340_000_000), headroom: xof(0) });
    });

    it('lets go what a repayment frees, from the repayment date on', async () => {
      const loan = (await get(`/bank-conventions/${ids.CNCAS}/guarantees`).expect(200)).body;
      const first = (Array.isArray(loan) ? loan : loan.items)[0] as { guaranteeId: string };
      await post(`/guarantees/${first.guaranteeId}/repayments`, {
        amount: xof(100_000_000),
        repaidOn: '2008-09-01',
      }).expect(201);
      // 900,000,000 outstanding needs 306,000,000 of fund (× 50/17): 34,000,000 may go, from 2008-09-01.
      expect((await withdraw(34_000_000, '2008-08-31').expect(422)).body.details.conventions[0]).toMatchObject({
        on: '2008-08-31',
        outstanding: expect.anything(),
      });
      await withdraw(34_000_001, '2008-09-01').expect(422);
      const done = await withdraw(34_000_000, '2008-09-01').expect(201);
      expect(done.body.fundBalance).toEqual(xof(306_000_000));
    });

    it('withdraws past the headroom only when a second person confirms (overrideHeadroom with a reason)', async () => {
      const path = `/guarantee-companies/${ids.company}/fund-deposits/${ids.deposit}/withdrawals`;
      const body = { amount: xof(6_000_000), withdrawnOn: '2008-10-01', overrideHeadroom: true };
      const before = await head();
      await post(path, body).expect(400);
      expect(await head()).toBe(before);
      const proposed = await post(path, { ...body, reason: 'term deposit broken to pay the bank' }).expect(202);
      expect(proposed.body).toMatchObject({
        status: 'pending',
        action: 'withdraw-guarantee-fund',
        companyId: ids.company,
        depositId: ids.deposit,
        reserved: xof(6_000_000),
      });
      // Nothing withdrawn yet; the amount is held back from the fund and the deposit locked.
      const pending = await get(`/guarantee-companies/${ids.company}`).expect(200);
      expect(pending.body).toMatchObject({
        fundBalance: xof(306_000_000),
        reserved: { pendingProposals: 1, guaranteeFund: xof(6_000_000), headroom: xof(0) },
      });
      expect((await withdraw(1, '2008-10-01').expect(409)).body.error).toBe('correction-pending');
      // The proposer may not confirm it; an admin may.
      await post(`/proposals/${proposed.body.proposalId}/confirm`, {}).expect(403);
      const confirmed = await http()
        .post(`/proposals/${proposed.body.proposalId}/confirm`)
        .set(newKey())
        .set(principals.admin)
        .send({})
        .expect(200);
      expect(confirmed.body).toMatchObject({
        status: 'confirmed',
        committed: { depositId: ids.deposit, fundBalance: xof(300_000_000) },
      });
      const after = await get(`/guarantee-companies/${ids.company}`).expect(200);
      // 300,000,000 × 50/17 = 882,352,941 against 900,000,000 outstanding: shown negative, as it is.
      expect(after.body).toMatchObject({ fundBalance: xof(300_000_000), headroom: xof(-17_647_059) });
    });
  });
}
