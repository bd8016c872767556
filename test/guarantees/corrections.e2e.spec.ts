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
 * Corrections in the mutual guarantee context: a deposit booked to the wrong company (reversed,
 * and booked on the right one in the same append), a repayment on the wrong loan. Balances,
 * capacity and headroom follow; history links the correction to the entry; as-of on both axes.
 */
for (const kind of testDatabaseKinds()) {
  describe(`guarantee corrections through HTTP on ${kind}`, () => {
    let app: INestApplication;
    const { config, dropSchema } = testLedgerConfig(kind);
    const http = () => request(app.getHttpServer());
    let officer: AuthHeaders;
    let auditor: AuthHeaders;
    const get = (path: string) => http().get(path).set(officer);
    const post = (path: string, body: object, key?: string) => {
      const req = http().post(path).set(newKey()).set(officer);
      return (key ? req.set('Idempotency-Key', key) : req).send(body);
    };
    const head = async () => (await get('/health').expect(200)).body.headPosition as string;
    const pause = () => new Promise((resolve) => setTimeout(resolve, 20));
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      app = await createApp(config, { logger: false });
      await app.init();
      ({ guaranteeOfficer: officer, auditor } = await testPrincipals(app));
      for (const name of ['Thiès', 'Kaolack']) {
        const company = await post('/guarantee-companies', {
          name: `SCM de ${name}`,
          currency: 'XOF',
          registeredOn: '2008-01-15',
        }).expect(201);
        ids[name] = company.body.companyId;
      }
      const member = await post(`/guarantee-companies/${ids['Thiès']}/members`, {
        name: 'GIE Céréales',
        admittedOn: '2008-02-01',
      }).expect(201);
      ids.member = member.body.memberId;
      const memberPath = `/guarantee-companies/${ids['Thiès']}/members/${ids.member}`;
      await post(`${memberPath}/capital-subscriptions`, { amount: xof(100_000), subscribedOn: '2008-02-01' }).expect(
        201,
      );
      await post(`${memberPath}/capital-payments`, { amount: xof(100_000), paidOn: '2008-02-15' }).expect(201);
      const deposit = await post(`/guarantee-companies/${ids['Thiès']}/fund-deposits`, {
        bankId: 'CNCAS',
        amount: xof(340_000_000),
        termDepositReference: 'DAT-2008-001',
        depositedOn: '2008-03-01',
      }).expect(201);
      ids.deposit = deposit.body.depositId;
      const convention = await post('/bank-conventions', {
        companyId: ids['Thiès'],
        bankId: 'CNCAS',
        multiplier: '1000000000/340000000',
        coverageRateBp: 5000,
        ceilingBasis: 'loan-principal',
        validFrom: '2008-04-01',
        validUntil: '2010-12-31',
        signedOn: '2008-03-20',
      }).expect(201);
      ids.convention = convention.body.conventionId;
    });
    afterAll(() => closeTestApp(app, dropSchema));

    const convention = async (query = '') =>
      (await get(`/bank-conventions/${ids.convention}${query}`).expect(200)).body;
    const company = async (name: string, query = '') =>
      (await get(`/guarantee-companies/${ids[name]}${query}`).expect(200)).body;
    const streamEvents = async (streamId: string) => {
      const page = await http().get(`/audit/streams/${streamId}/events`).set(auditor).expect(200);
      return (page.body.events ?? page.body.items) as {
        id: string;
        type: string;
        position: string;
        data: Record<string, unknown>;
        causationId?: string;
      }[];
    };

    it('moves a deposit booked to the wrong company: reversal on A and deposit on B, in one append', async () => {
      const wrong = await post(`/guarantee-companies/${ids['Thiès']}/fund-deposits`, {
        bankId: 'CNCAS',
        amount: xof(170_000_000),
        termDepositReference: 'DAT-2008-017',
        depositedOn: '2008-06-01',
      }).expect(201);
      expect(wrong.body.fundBalance).toEqual(xof(510_000_000));
      expect(await convention()).toMatchObject({ capacity: xof(1_500_000_000), headroom: xof(1_500_000_000) });
      await pause();
      const beforeCorrection = new Date().toISOString();
      await pause();

      const path = `/guarantee-companies/${ids['Thiès']}/fund-deposits/${wrong.body.depositId}/reversal`;
      const body = { reason: 'the deposit is Kaolack’s', correctedOn: '2008-07-15', moveToCompanyId: ids['Kaolack'] };
      const moved = await post(path, body, 'move-dat-017').expect(200);
      expect(moved.body).toMatchObject({
        reversed: xof(170_000_000),
        fundBalance: xof(340_000_000),
        movedTo: { companyId: ids['Kaolack'] },
      });
      // Balances, capacity and headroom follow on both companies.
      expect(await company('Thiès')).toMatchObject({ fundBalance: xof(340_000_000) });
      expect(await company('Kaolack')).toMatchObject({ fundBalance: xof(170_000_000) });
      expect(await convention()).toMatchObject({ capacity: xof(1_000_000_000), headroom: xof(1_000_000_000) });

      // History: the reversal names the deposit event (payload and causation), with the same position.
      const thies = await streamEvents(`guarantees.company-${ids['Thiès']}`);
      const original = thies.find((e) => e.position === moved.body.correctsPosition);
      const reversal = thies.find((e) => e.type === 'guarantees.GuaranteeFundDepositReversed');
      expect(original).toMatchObject({ type: 'guarantees.GuaranteeFundDeposited', id: moved.body.correctsEventId });
      expect(reversal?.data).toMatchObject({ correctsEventId: original?.id, reason: body.reason });
      expect(reversal?.causationId ?? (reversal as { metadata?: { causationId?: string } }).metadata?.causationId).toBe(
        original?.id,
      );
      const kaolack = await streamEvents(`guarantees.company-${ids['Kaolack']}`);
      // One append: the deposit on B right after the reversal on A; the answer's position is the command's own record, after both.
      const movedDeposit = kaolack.find((e) => e.type === 'guarantees.GuaranteeFundDeposited');
      expect(BigInt(movedDeposit?.position ?? '0')).toBeGreaterThanOrEqual(BigInt(reversal?.position ?? '0'));
      expect(BigInt(moved.body.position)).toBeGreaterThan(BigInt(movedDeposit?.position ?? '0'));

      // As of a date: what was true; as known before the correction: what was known then.
      expect(await company('Thiès', '?asOf=2008-06-30')).toMatchObject({ fundBalance: xof(340_000_000) });
      expect(await company('Kaolack', '?asOf=2008-06-30')).toMatchObject({ fundBalance: xof(170_000_000) });
      expect(await company('Kaolack', '?asOf=2008-05-31')).toMatchObject({ fundBalance: xof(0) });
      expect(await company('Thiès', `?asOf=2008-06-30&knownAt=${beforeCorrection}`)).toMatchObject({
        fundBalance: xof(510_000_000),
      });

      // Replayed under its key; a second reversal refused; nothing written by either.
      const at = await head();
      const again = await post(path, body, 'move-dat-017').expect(200);
      expect(again.headers['idempotent-replayed']).toBe('true');
      const refused = await post(path, { ...body, reason: 'again' }).expect(409);
      expect(refused.body).toMatchObject({ error: 'entry-already-reversed', details: { entry: 'deposit' } });
      const otherBody = await post(path, { ...body, reason: 'changed' }, 'move-dat-017').expect(409);
      expect(otherBody.body.error).toBe('idempotency-key-reused');
      expect(await head()).toBe(at);
    });

    it('reverses a repayment recorded on the wrong loan; outstanding and headroom follow', async () => {
      const issue = (loanReference: string) =>
        post(`/bank-conventions/${ids.convention}/guarantees`, {
          memberId: ids.member,
          loanReference,
          principal: xof(100_000_000),
          loanStartDate: '2008-05-01',
          maturityDate: '2010-05-01',
          issuedOn: '2008-05-01',
        }).expect(201);
      ids.g1 = (await issue('CNCAS/2008/101')).body.guaranteeId;
      ids.g2 = (await issue('CNCAS/2008/102')).body.guaranteeId;
      const repaid = await post(`/guarantees/${ids.g1}/repayments`, {
        amount: xof(10_000_000),
        repaidOn: '2008-09-01',
      }).expect(201);
      expect(repaid.body.outstandingPrincipal).toEqual(xof(90_000_000));
      expect(await convention()).toMatchObject({ outstanding: xof(190_000_000), headroom: xof(810_000_000) });
      await pause();
      const beforeCorrection = new Date().toISOString();
      await pause();

      const events = await streamEvents(`guarantees.guarantee-${ids.g1}`);
      const repayment = events.find((e) => e.type === 'guarantees.LoanRepaymentRecorded');
      const reversed = await post(`/guarantees/${ids.g1}/repayments/${repayment?.id}/reversal`, {
        reason: 'it was loan CNCAS/2008/102',
        correctedOn: '2008-09-10',
      }).expect(200);
      expect(reversed.body).toMatchObject({
        outstandingPrincipal: xof(100_000_000),
        guaranteedOutstanding: xof(50_000_000),
      });
      // The right entry on the right loan.
      await post(`/guarantees/${ids.g2}/repayments`, { amount: xof(10_000_000), repaidOn: '2008-09-01' }).expect(201);
      expect(await convention()).toMatchObject({ outstanding: xof(190_000_000), headroom: xof(810_000_000) });
      expect((await get(`/guarantees/${ids.g1}`).expect(200)).body.outstandingPrincipal).toEqual(xof(100_000_000));
      expect((await get(`/guarantees/${ids.g2}`).expect(200)).body.outstandingPrincipal).toEqual(xof(90_000_000));
      const after = await streamEvents(`guarantees.guarantee-${ids.g1}`);
      expect(after.find((e) => e.type === 'guarantees.LoanRepaymentReversed')?.data).toMatchObject({
        correctsEventId: repayment?.id,
        correctsPosition: repayment?.position,
        repaidOn: '2008-09-01',
      });

      // As of 2008-09-30: loan 101 was never repaid; as known before the correction, it was.
      const asOf = (await get(`/guarantees/${ids.g1}?asOf=2008-09-30`).expect(200)).body;
      expect(JSON.stringify(asOf)).toContain('"outstandingPrincipal":{"amountMinor":"100000000"');
      const known = (await get(`/guarantees/${ids.g1}?asOf=2008-09-30&knownAt=${beforeCorrection}`).expect(200)).body;
      expect(JSON.stringify(known)).toContain('"outstandingPrincipal":{"amountMinor":"90000000"');

      // A second reversal of the same repayment is refused.
      const refused = await post(`/guarantees/${ids.g1}/repayments/${repayment?.id}/reversal`, {
        reason: 'again',
        correctedOn: '2008-09-10',
      }).expect(409);
      expect(refused.body).toMatchObject({ error: 'entry-already-reversed', details: { entry: 'repayment' } });
    });

    it('refuses a reversal that would make the fund negative below the claims paid, with its figures', async () => {
      await post(`/guarantees/${ids.g2}/call`, { calledOn: '2009-01-10' }).expect(201);
      await post(`/guarantees/${ids.g2}/claim-payments`, { paidOn: '2009-02-01' }).expect(201);
      // Claim: 50 % of 90,000,000 = 45,000,000 out of the fund, which now holds 295,000,000.
      expect(await company('Thiès')).toMatchObject({ fundBalance: xof(295_000_000) });
      const before = await head();
      const refused = await post(`/guarantee-companies/${ids['Thiès']}/fund-deposits/${ids.deposit}/reversal`, {
        reason: 'wrong',
        correctedOn: '2009-03-01',
      }).expect(422);
      expect(refused.body).toMatchObject({
        error: 'reversal-would-break-invariant',
        details: {
          invariant: 'fund-balance-not-negative',
          amount: { amountMinor: '340000000', currency: 'XOF' },
          fundBalance: { amountMinor: '295000000', currency: 'XOF' },
          fundBalanceAfter: { amountMinor: '-45000000', currency: 'XOF' },
        },
      });
      expect(await head()).toBe(before);
    });
  });
}
