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

/** The largest amount the ledger holds: 10^30 − 1 minor units. */
const MAX = 10n ** 30n - 1n;
const xof = (amountMinor: bigint | number) => ({ amountMinor: String(amountMinor), currency: 'XOF' });

/**
 * Issue #12's first finding: a command whose total would overflow used to answer 400 after its
 * events were written, and the read models could then never apply them. Now each such total is
 * computed before the append (by the decision, or by `evolve`, which the pipeline runs first): the
 * command answers 4xx naming the overflow, nothing is written, and the service goes on.
 */
for (const kind of testDatabaseKinds()) {
  describe(`totals that would overflow are refused before anything is written, on ${kind}`, () => {
    let app: INestApplication;
    let officer: AuthHeaders;
    let auditor: AuthHeaders;
    const { config, dropSchema } = testLedgerConfig(kind);
    const http = () => request(app.getHttpServer());
    const get = (path: string) => http().get(path).set(officer);
    const post = (path: string, body: object, key?: string) => {
      const req = http().post(path).set(newKey()).set(officer);
      return (key ? req.set('Idempotency-Key', key) : req).send(body);
    };
    const ok = async (path: string, body: object) => (await post(path, body).expect(201)).body;
    const head = async () => (await http().get('/health').expect(200)).body.headPosition as string;

    /** The refusal names the overflow and the field that made it, and the log has not moved. */
    async function refusedWithNothingWritten(path: string, body: object, field: string, key?: string) {
      const before = await head();
      const refused = await post(path, body, key).expect(400);
      expect(refused.body).toMatchObject({
        statusCode: 400,
        error: 'AMOUNT_OVERFLOW',
        details: { field, bound: xof(MAX) },
        fields: [{ field }],
      });
      expect(refused.body.message).toMatch(/exceeds the bound of ±999999999999999999999999999999/);
      expect(await head()).toBe(before);
      return refused.body;
    }

    /** Healthy: the database answers, and every projection has applied the whole log. */
    async function healthy() {
      const health = await http().get('/health').expect(200);
      expect(health.body.status).toBe('ok');
      for (const projection of health.body.projections as { name: string; lag: string }[])
        expect([projection.name, projection.lag]).toEqual([projection.name, '0']);
    }

    async function company(name: string) {
      return (await ok('/guarantee-companies', { name, currency: 'XOF', registeredOn: '2008-01-15' }))
        .companyId as string;
    }

    const deposit = (companyId: string, amount: bigint, reference: string) => ({
      path: `/guarantee-companies/${companyId}/fund-deposits`,
      body: { bankId: 'CNCAS', amount: xof(amount), termDepositReference: reference, depositedOn: '2008-03-01' },
    });

    beforeAll(async () => {
      app = await createApp(config, { logger: false });
      await app.init();
      ({ guaranteeOfficer: officer, auditor } = await testPrincipals(app));
    });
    afterAll(() => closeTestApp(app, dropSchema));

    it('refuses a guarantee-fund deposit that takes the fund over 10^30 − 1, and goes on', async () => {
      const thies = await company('SCM de Thiès');
      const first = deposit(thies, MAX, 'DAT-MAX');
      const full = await ok(first.path, first.body);
      expect(full.fundBalance).toEqual(xof(MAX));

      const over = deposit(thies, 1n, 'DAT-ONE-MORE');
      await refusedWithNothingWritten(over.path, over.body, 'amount', 'deposit-over-the-bound');
      // Nothing was recorded under the key either: the same request is refused again, not replayed.
      await refusedWithNothingWritten(over.path, over.body, 'amount', 'deposit-over-the-bound');

      // The company's stream and the read models go on: a withdrawal, then a deposit back to the bound.
      const withdrawn = await ok(`/guarantee-companies/${thies}/fund-deposits/${full.depositId}/withdrawals`, {
        amount: xof(1_000),
        withdrawnOn: '2008-04-01',
      });
      expect(withdrawn.fundBalance).toEqual(xof(MAX - 1_000n));
      const refill = deposit(thies, 1_000n, 'DAT-REFILL');
      expect((await ok(refill.path, refill.body)).fundBalance).toEqual(xof(MAX));
      const read = await get(`/guarantee-companies/${thies}`).expect(200);
      // What was ever deposited is a flow, not a balance: it may pass the bound (exact numerics, shown as text).
      expect(read.body).toMatchObject({
        fundBalance: xof(MAX),
        fundDeposited: xof(MAX + 1_000n),
        fundWithdrawn: xof(1_000),
      });
      expect(read.body.deposits).toHaveLength(2);
      await healthy();
    });

    it('refuses a convention signed or amended whose capacity (fund × multiplier) overflows', async () => {
      const kaolack = await company('SCM de Kaolack');
      const fund = deposit(kaolack, 10n ** 29n, 'DAT-K1');
      await ok(fund.path, fund.body);
      const terms = {
        companyId: kaolack,
        bankId: 'CNCAS',
        coverageRateBp: 5000,
        ceilingBasis: 'loan-principal',
        validFrom: '2008-04-01',
        validUntil: '2012-12-31',
        signedOn: '2008-03-20',
      };
      // 10^29 × 10 = 10^30: one past the bound.
      await refusedWithNothingWritten('/bank-conventions', { ...terms, multiplier: '10' }, 'multiplier');
      expect((await get(`/guarantee-companies/${kaolack}`).expect(200)).body.conventions).toEqual([]);

      const signed = await ok('/bank-conventions', { ...terms, multiplier: '9' });
      expect(signed).toMatchObject({ termsVersion: 1, capacity: xof(9n * 10n ** 29n) });
      const amendments = `/bank-conventions/${signed.conventionId}/amendments`;
      const amendment = { effectiveFrom: '2009-01-01', amendedOn: '2008-12-20' };
      await refusedWithNothingWritten(amendments, { ...amendment, multiplier: '10.5' }, 'multiplier');
      expect((await get(`/bank-conventions/${signed.conventionId}`).expect(200)).body).toMatchObject({
        termsVersion: 1,
        capacity: xof(9n * 10n ** 29n),
      });

      const amended = await ok(amendments, { ...amendment, multiplier: '9.5' });
      expect(amended).toMatchObject({ termsVersion: 2, capacity: xof(95n * 10n ** 28n) });
      // A later deposit may take fund × multiplier past the bound: the capacity is then the bound
      // itself (no outstanding can exceed it), in the answer, the read models and as of a date alike.
      const more = deposit(kaolack, 10n ** 29n, 'DAT-K2');
      await ok(more.path, more.body);
      const read = await get(`/bank-conventions/${signed.conventionId}`).expect(200);
      expect(read.body).toMatchObject({ termsVersion: 2, capacity: xof(MAX), headroom: xof(MAX) });
      const asOf = await get(`/bank-conventions/${signed.conventionId}?asOf=2009-06-30`).expect(200);
      expect(asOf.body).toMatchObject({ termsVersion: 2, capacity: xof(MAX) });
      await healthy();
    });

    it("refuses a capital subscription that takes a member's or the company's capital over the bound", async () => {
      const louga = await company('SCM de Louga');
      const admit = async (name: string) =>
        (await ok(`/guarantee-companies/${louga}/members`, { name, admittedOn: '2008-02-01' })).memberId as string;
      const [a, b] = [await admit('GIE A'), await admit('GIE B')];
      const capital = (member: string, what: 'capital-subscriptions' | 'capital-payments') =>
        `/guarantee-companies/${louga}/members/${member}/${what}`;
      const subscribe = (amount: bigint) => ({ amount: xof(amount), subscribedOn: '2008-02-01' });
      const half = 6n * 10n ** 29n;
      await ok(capital(a, 'capital-subscriptions'), subscribe(half));

      // The member's own total would overflow (refused by evolve, before the append)…
      await refusedWithNothingWritten(capital(a, 'capital-subscriptions'), subscribe(half), 'amount');
      // …and so would the company's, all members together (refused by the decision).
      await refusedWithNothingWritten(capital(b, 'capital-subscriptions'), subscribe(half), 'amount');

      // A payment is bounded by the subscription: paying past it is refused by its own rule.
      const paid = await ok(capital(a, 'capital-payments'), { amount: xof(half), paidOn: '2008-02-15' });
      expect(paid).toMatchObject({ capitalSubscribed: xof(half), capitalPaid: xof(half) });
      const before = await head();
      const beyond = await post(capital(a, 'capital-payments'), { amount: xof(1), paidOn: '2008-02-16' }).expect(422);
      expect(beyond.body.error).toBe('capital-payment-exceeds-subscription');
      expect(await head()).toBe(before);

      // Up to the bound exactly, it is recorded and shown.
      const rest = await ok(capital(b, 'capital-subscriptions'), subscribe(MAX - half));
      expect(rest.capitalSubscribed).toEqual(xof(MAX - half));
      const read = await get(`/guarantee-companies/${louga}`).expect(200);
      expect(read.body).toMatchObject({ capitalSubscribed: xof(MAX), capitalPaid: xof(half) });
      const members = await get(`/guarantee-companies/${louga}/members`).expect(200);
      const byId = Object.fromEntries(
        (members.body.items as { memberId: string; capitalSubscribed: unknown }[]).map((m) => [
          m.memberId,
          m.capitalSubscribed,
        ]),
      );
      expect(byId).toEqual({ [a]: xof(half), [b]: xof(MAX - half) });
      await healthy();
    });

    it('adds up funds across companies past the bound of one amount, exactly, in monitoring and exports', async () => {
      // Two more companies, each with a fund at the bound: their sum is twice the bound.
      const [ziguinchor, tambacounda] = [await company('SCM de Ziguinchor'), await company('SCM de Tambacounda')];
      for (const [companyId, reference] of [
        [ziguinchor, 'DAT-Z'],
        [tambacounda, 'DAT-T'],
      ]) {
        const fund = deposit(companyId, MAX, reference);
        await ok(fund.path, fund.body);
      }
      const monitoring = await http().get('/audit/monitoring').set(auditor).expect(200);
      const [xofFigures] = (monitoring.body.guarantees as { currency: string; guaranteeFund: unknown }[]).filter(
        (figures) => figures.currency === 'XOF',
      );
      // The fund (deposits less withdrawals) of every company of this ledger: Thiès MAX (after its
      // withdrawal and refill), Kaolack 2 × 10^29, Louga none, Ziguinchor and Tambacounda MAX each.
      const expected = 3n * MAX + 2n * 10n ** 29n;
      expect(xofFigures).toMatchObject({ guaranteeFund: xof(expected) });
      const csv = await http().get('/audit/monitoring?format=csv').set(auditor).expect(200);
      expect(csv.text).toContain(expected.toString());
      await healthy();
    });
  });
}
