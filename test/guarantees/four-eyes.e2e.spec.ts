import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { ProposalExpiry } from '@ledger/four-eyes';
import { Clock } from '@ledger/platform';
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
 * Four-eyes control in the mutual guarantee context, through HTTP: above the company's threshold an
 * issuance is only proposed (202), its exposure reserved on the convention's headroom and its loan
 * locked; a second, different guarantee officer confirms it; the proposer cannot; concurrent
 * proposals never reserve beyond the headroom; a decline or the expiry (a fake clock moved past the
 * deadline, then the scheduler's `runDue`) releases the reservation; corrections under the policy
 * need a second person too. Reservations are not balances: the outstanding moves only on confirmation.
 */
for (const kind of testDatabaseKinds()) {
  describe(`guarantees four-eyes through HTTP on ${kind}`, () => {
    let app: INestApplication;
    let principals: TestPrincipals;
    const { config, dropSchema } = testLedgerConfig(kind);
    let now = new Date('2026-03-02T09:00:00.000Z');
    const http = () => request(app.getHttpServer());
    const get = (path: string) => http().get(path).set(principals.guaranteeOfficer);
    const post = (path: string, body: object = {}) =>
      http().post(path).set(newKey()).set(principals.guaranteeOfficer).send(body);
    const asSecond = (path: string, body: object = {}) =>
      http().post(path).set(newKey()).set(principals.secondGuaranteeOfficer).send(body);
    const head = async () => (await http().get('/health').expect(200)).body.headPosition as string;

    beforeAll(async () => {
      app = await createApp(config, { logger: false });
      await app.init();
      principals = await testPrincipals(app);
      jest.spyOn(app.get(Clock), 'now').mockImplementation(() => now);
    });
    afterAll(() => closeTestApp(app, dropSchema));

    let companies = 0;
    /**
     * A company with one member in good standing, a 340,000,000 XOF fund and a convention of
     * 1,000,000,000 (loan principal, 50 % coverage); issuing above 100,000,000 guaranteed (a loan
     * above 200,000,000) and every correction need a second guarantee officer; 48 h to confirm.
     */
    async function guardedCompany() {
      const company = await post('/guarantee-companies', {
        name: `SCM four-eyes ${++companies}`,
        currency: 'XOF',
        registeredOn: '2008-01-15',
      }).expect(201);
      const companyId = company.body.companyId as string;
      const member = await post(`/guarantee-companies/${companyId}/members`, {
        name: 'GIE Céréales',
        admittedOn: '2008-02-01',
      }).expect(201);
      const memberId = member.body.memberId as string;
      const memberPath = `/guarantee-companies/${companyId}/members/${memberId}`;
      await post(`${memberPath}/capital-subscriptions`, { amount: xof(100_000), subscribedOn: '2008-02-01' }).expect(
        201,
      );
      await post(`${memberPath}/capital-payments`, { amount: xof(100_000), paidOn: '2008-02-15' }).expect(201);
      const deposit = await post(`/guarantee-companies/${companyId}/fund-deposits`, {
        bankId: 'CNCAS',
        amount: xof(340_000_000),
        termDepositReference: `DAT-${companies}`,
        depositedOn: '2008-03-01',
      }).expect(201);
      const convention = await post('/bank-conventions', {
        companyId,
        bankId: 'CNCAS',
        multiplier: '1000000000/340000000',
        coverageRateBp: 5000,
        ceilingBasis: 'loan-principal',
        validFrom: '2008-04-01',
        validUntil: '2010-12-31',
        signedOn: '2008-03-20',
      }).expect(201);
      await http()
        .put(`/guarantee-companies/${companyId}/approval-policy`)
        .set(newKey())
        .set(principals.guaranteeOfficer)
        .send({
          issueGuaranteeAbove: xof(100_000_000),
          correctionsNeedSecondPerson: true,
          proposalTtlHours: 48,
          setOn: '2008-03-01',
        })
        .expect(200);
      return {
        companyId,
        memberId,
        depositId: deposit.body.depositId as string,
        conventionId: convention.body.conventionId as string,
      };
    }
    type Ids = Awaited<ReturnType<typeof guardedCompany>>;

    let loans = 0;
    const issue = (ids: Ids, principal: number, loanReference = `CNCAS-4E-${++loans}`) =>
      post(`/bank-conventions/${ids.conventionId}/guarantees`, {
        memberId: ids.memberId,
        loanReference,
        principal: xof(principal),
        loanStartDate: '2008-05-01',
        maturityDate: '2010-05-01',
        issuedOn: '2008-05-01',
      });
    const convention = async (ids: Ids) => (await get(`/bank-conventions/${ids.conventionId}`).expect(200)).body;
    const company = async (ids: Ids) => (await get(`/guarantee-companies/${ids.companyId}`).expect(200)).body;

    it('refuses a policy from an auditor, and a time to live out of range', async () => {
      const ids = await guardedCompany();
      const path = `/guarantee-companies/${ids.companyId}/approval-policy`;
      const body = { correctionsNeedSecondPerson: false, proposalTtlHours: 48, setOn: '2008-03-01' };
      await http().put(path).set(newKey()).set(principals.auditor).send(body).expect(403);
      await http()
        .put(path)
        .set(newKey())
        .set(principals.guaranteeOfficer)
        .send({ ...body, proposalTtlHours: 721 })
        .expect(400);
    });

    it('below the threshold, one officer issues in one step', async () => {
      const ids = await guardedCompany();
      // 50 % of 200,000,000 = 100,000,000 guaranteed: not above the threshold.
      const issued = await issue(ids, 200_000_000).expect(201);
      expect(issued.body).toMatchObject({ guaranteedAmount: xof(100_000_000), outstanding: xof(200_000_000) });
      expect((await convention(ids)).outstanding).toEqual(xof(200_000_000));
    });

    it('above it, 202 and nothing committed until a second guarantee officer confirms', async () => {
      const ids = await guardedCompany();
      const proposed = await issue(ids, 300_000_000, 'CNCAS-4E-BIG').expect(202);
      expect(proposed.body).toMatchObject({
        status: 'pending',
        action: 'issue-guarantee',
        companyId: ids.companyId,
        conventionId: ids.conventionId,
        reserved: xof(300_000_000),
        threshold: xof(100_000_000),
        expiresAt: '2026-03-04T09:00:00.000Z',
      });
      const { proposalId, guaranteeId } = proposed.body as { proposalId: string; guaranteeId: string };

      // Nothing committed: no guarantee, no outstanding; the headroom is reserved, and the loan locked.
      await get(`/guarantees/${guaranteeId}`).expect(404);
      expect((await convention(ids)).outstanding).toEqual(xof(0));
      expect((await company(ids)).reserved).toEqual({
        pendingProposals: 1,
        headroom: xof(300_000_000),
        guaranteeFund: xof(0),
      });
      const locked = await issue(ids, 1_000, 'CNCAS-4E-BIG').expect(409);
      expect(locked.body.error).toBe('loan-guarantee-pending');
      const pending = await get(
        `/proposals?context=guarantees&status=pending&subject=companyId:${ids.companyId}`,
      ).expect(200);
      expect(pending.body.items).toEqual([
        expect.objectContaining({
          proposalId,
          action: 'issue-guarantee',
          proposedBy: principals.userIds.guaranteeOfficer,
          status: 'pending',
          reserved: xof(300_000_000),
          subjects: expect.objectContaining({ guaranteeId, loanReference: 'CNCAS-4E-BIG' }),
          command: expect.objectContaining({ principal: xof(300_000_000), issuedOn: '2008-05-01' }),
        }),
      ]);
      // An auditor reads them, and may not confirm.
      await http().get('/proposals?context=guarantees').set(principals.auditor).expect(200);
      await http().post(`/proposals/${proposalId}/confirm`).set(newKey()).set(principals.auditor).expect(403);

      const confirmed = await asSecond(`/proposals/${proposalId}/confirm`).expect(200);
      expect(confirmed.body).toMatchObject({
        status: 'confirmed',
        released: xof(300_000_000),
        committed: { guaranteeId, guaranteedAmount: xof(150_000_000) },
      });
      expect((await get(`/guarantees/${guaranteeId}`).expect(200)).body).toMatchObject({ status: 'active' });
      expect(await convention(ids)).toMatchObject({ outstanding: xof(300_000_000), headroom: xof(700_000_000) });
      expect((await company(ids)).reserved.pendingProposals).toBe(0);
      const settled = await get(`/proposals/${proposalId}`).expect(200);
      expect(settled.body).toMatchObject({ status: 'confirmed', settledBy: principals.userIds.secondGuaranteeOfficer });
      // Confirmed once: again is a conflict; the loan is now guaranteed.
      await asSecond(`/proposals/${proposalId}/confirm`).expect(409);
      expect((await issue(ids, 1_000, 'CNCAS-4E-BIG').expect(409)).body.error).toBe('loan-already-guaranteed');
      await get('/proposals/no-such-proposal').expect(404);
    });

    it('the proposer cannot confirm their own proposal: 403, nothing written', async () => {
      const ids = await guardedCompany();
      const proposed = await issue(ids, 300_000_000).expect(202);
      const before = await head();
      const refused = await post(`/proposals/${proposed.body.proposalId}/confirm`).expect(403);
      expect(refused.body).toMatchObject({ error: 'self-confirmation-refused' });
      expect(await head()).toBe(before);
      expect((await convention(ids)).outstanding).toEqual(xof(0));
      expect((await get(`/proposals/${proposed.body.proposalId}`).expect(200)).body.status).toBe('pending');
    });

    it('concurrent proposals never reserve beyond the headroom; a decline releases', async () => {
      const ids = await guardedCompany();
      // 10 simultaneous proposals of 300,000,000 against a headroom of 1,000,000,000: 3 fit.
      const answers = await Promise.all(Array.from({ length: 10 }, () => issue(ids, 300_000_000)));
      const accepted = answers.filter((answer) => answer.status === 202);
      const refused = answers.filter((answer) => answer.status !== 202);
      expect(accepted).toHaveLength(3);
      expect(refused).toHaveLength(7);
      for (const answer of refused) {
        expect(answer.status).toBe(422);
        expect(answer.body).toMatchObject({
          error: 'insufficient-headroom',
          details: {
            headroom: { amountMinor: '100000000', currency: 'XOF' },
            reserved: { amountMinor: '900000000', currency: 'XOF' },
            requested: { amountMinor: '300000000', currency: 'XOF' },
          },
        });
      }
      expect((await company(ids)).reserved).toMatchObject({ pendingProposals: 3, headroom: xof(900_000_000) });
      expect((await convention(ids)).outstanding).toEqual(xof(0));
      // A direct issuance under the threshold may use what is left, not more.
      expect((await issue(ids, 100_000_001).expect(422)).body.error).toBe('insufficient-headroom');

      await asSecond(`/proposals/${accepted[0].body.proposalId}/decline`, { reason: '' }).expect(400);
      const declined = await asSecond(`/proposals/${accepted[0].body.proposalId}/decline`, {
        reason: 'collateral schedule missing',
      }).expect(200);
      expect(declined.body).toMatchObject({ status: 'declined', released: xof(300_000_000) });
      expect((await get(`/proposals/${accepted[0].body.proposalId}`).expect(200)).body).toMatchObject({
        status: 'declined',
        reason: 'collateral schedule missing',
      });
      await issue(ids, 300_000_000).expect(202);
    });

    it('an unconfirmed proposal expires after its time and releases its reservation', async () => {
      const ids = await guardedCompany();
      const proposed = await issue(ids, 900_000_000, 'CNCAS-4E-LATE').expect(202);
      const proposalId = proposed.body.proposalId as string;
      expect((await issue(ids, 200_000_000).expect(422)).body.error).toBe('insufficient-headroom');
      const scheduler = app.get(ProposalExpiry);
      expect(await scheduler.runDue()).not.toContain(proposalId); // not yet due

      now = new Date(now.getTime() + 48 * 3_600_000); // the deadline
      // Past it, it can no longer be confirmed, even before the scheduler has run.
      const late = await asSecond(`/proposals/${proposalId}/confirm`).expect(409);
      expect(late.body).toMatchObject({ error: 'proposal-not-pending', details: { status: 'expired' } });

      expect(await scheduler.runDue()).toContain(proposalId);
      expect(await scheduler.runDue()).toEqual([]); // idempotent
      expect((await get(`/proposals/${proposalId}`).expect(200)).body.status).toBe('expired');
      expect((await company(ids)).reserved).toMatchObject({ pendingProposals: 0, headroom: xof(0) });

      // Released: the headroom is whole again, and the loan can be proposed again.
      await issue(ids, 200_000_000).expect(201);
      const again = await issue(ids, 800_000_000, 'CNCAS-4E-LATE').expect(202);
      await asSecond(`/proposals/${again.body.proposalId}/confirm`).expect(200);
      expect(await convention(ids)).toMatchObject({ outstanding: xof(1_000_000_000), headroom: xof(0) });
    });

    it('a deposit reversal under the policy needs a second person, and holds the capacity meanwhile', async () => {
      const ids = await guardedCompany();
      const extra = await post(`/guarantee-companies/${ids.companyId}/fund-deposits`, {
        bankId: 'CNCAS',
        amount: xof(68_000_000),
        termDepositReference: 'DAT-WRONG',
        depositedOn: '2008-03-05',
      }).expect(201);
      // 408,000,000 in the fund: capacity 1,200,000,000.
      expect((await convention(ids)).capacity).toEqual(xof(1_200_000_000));
      const path = `/guarantee-companies/${ids.companyId}/fund-deposits/${extra.body.depositId}/reversal`;
      const proposed = await post(path, { reason: 'booked to the wrong company', correctedOn: '2008-04-01' }).expect(
        202,
      );
      expect(proposed.body).toMatchObject({
        status: 'pending',
        action: 'reverse-deposit',
        reserved: xof(68_000_000),
        threshold: null,
      });
      // Nothing reversed yet, but the capacity it gives cannot be used: 1,000,000,000 left for new loans.
      expect(await company(ids)).toMatchObject({
        fundBalance: xof(408_000_000),
        reserved: { pendingProposals: 1, headroom: xof(0), guaranteeFund: xof(68_000_000) },
      });
      for (let i = 0; i < 4; i++) await issue(ids, 200_000_000).expect(201);
      const full = await issue(ids, 200_000_001).expect(422);
      expect(full.body.details).toMatchObject({
        headroom: { amountMinor: '200000000', currency: 'XOF' },
        capacity: { amountMinor: '1000000000', currency: 'XOF' },
      });
      // Locked: no second reversal of it meanwhile.
      expect((await post(path, { reason: 'again', correctedOn: '2008-04-01' }).expect(409)).body.error).toBe(
        'correction-pending',
      );

      const before = await head();
      await post(`/proposals/${proposed.body.proposalId}/confirm`).expect(403);
      expect(await head()).toBe(before);
      await asSecond(`/proposals/${proposed.body.proposalId}/confirm`).expect(200);
      expect(await company(ids)).toMatchObject({
        fundBalance: xof(340_000_000),
        reserved: { pendingProposals: 0, guaranteeFund: xof(0) },
      });
      expect(await convention(ids)).toMatchObject({ capacity: xof(1_000_000_000), headroom: xof(200_000_000) });
    });

    it('a repayment reversal under the policy needs a second person; a decline leaves the repayment', async () => {
      const ids = await guardedCompany();
      const issued = await issue(ids, 200_000_000).expect(201);
      const guaranteeId = issued.body.guaranteeId as string;
      await post(`/guarantees/${guaranteeId}/repayments`, { amount: xof(50_000_000), repaidOn: '2008-06-01' }).expect(
        201,
      );
      const events = await http()
        .get(`/audit/streams/guarantees.guarantee-${guaranteeId}/events`)
        .set(principals.auditor)
        .expect(200);
      const list = (events.body.events ?? events.body.items) as { id: string; type: string }[];
      const repayment = list.find((event) => event.type === 'guarantees.LoanRepaymentRecorded');
      const path = `/guarantees/${guaranteeId}/repayments/${repayment?.id}/reversal`;

      const proposed = await post(path, { reason: 'recorded on the wrong loan', correctedOn: '2008-06-10' }).expect(
        202,
      );
      expect(proposed.body).toMatchObject({ action: 'reverse-repayment', reserved: xof(50_000_000) });
      // Outstanding 150,000,000 + 50,000,000 reserved: 800,000,000 left for new loans.
      expect(await convention(ids)).toMatchObject({ outstanding: xof(150_000_000) });
      expect((await company(ids)).reserved.headroom).toEqual(xof(50_000_000));
      expect((await issue(ids, 200_000_000).expect(201)).body.headroom).toEqual(xof(650_000_000));
      expect((await post(path, { reason: 'again', correctedOn: '2008-06-10' }).expect(409)).body.error).toBe(
        'correction-pending',
      );

      await asSecond(`/proposals/${proposed.body.proposalId}/decline`, { reason: 'it was right' }).expect(200);
      expect((await get(`/guarantees/${guaranteeId}`).expect(200)).body.outstandingPrincipal).toEqual(xof(150_000_000));
      // Proposed again, then confirmed by the second officer: the outstanding goes back up.
      const again = await post(path, { reason: 'recorded on the wrong loan', correctedOn: '2008-06-10' }).expect(202);
      await asSecond(`/proposals/${again.body.proposalId}/confirm`).expect(200);
      expect((await get(`/guarantees/${guaranteeId}`).expect(200)).body.outstandingPrincipal).toEqual(xof(200_000_000));
      expect(await convention(ids)).toMatchObject({ outstanding: xof(400_000_000), headroom: xof(600_000_000) });
    });
  });
}
