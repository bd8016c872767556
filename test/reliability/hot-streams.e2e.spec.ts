import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { closeTestApp, testDatabaseKinds, testLedgerConfig, testPrincipals, type AuthHeaders } from '@ledger/testing';
import { createApp } from '../../apps/api/src/bootstrap';

/**
 * Many commands on one stream at once, through HTTP: they are decided one after another on the
 * current state and appended together, so every invariant holds exactly, the refused ones are
 * refused for the domain's reason (422 with the figures), and nobody is told to retry (no 409).
 */
const mad = (major: number) => ({ amountMinor: String(BigInt(major) * 100n), currency: 'MAD' });
const xof = (amount: number) => ({ amountMinor: String(amount), currency: 'XOF' });

for (const kind of testDatabaseKinds()) {
  describe(`hot streams through HTTP, on ${kind}`, () => {
    let app: INestApplication;
    let manager: AuthHeaders;
    let officer: AuthHeaders;
    const { config, dropSchema } = testLedgerConfig(kind);
    const http = () => request(app.getHttpServer());
    const post = (as: AuthHeaders, path: string, body: object, key?: string) => {
      const req = http().post(path).set(as);
      return (key ? req.set('Idempotency-Key', key) : req).send(body);
    };
    const created = async (as: AuthHeaders, path: string, body: object) =>
      (await post(as, path, body).expect(201)).body;
    const statuses = (answers: request.Response[]) =>
      answers.reduce<Record<number, number>>((count, a) => ({ ...count, [a.status]: (count[a.status] ?? 0) + 1 }), {});

    beforeAll(async () => {
      app = await createApp(config, { logger: false });
      await app.init();
      ({ fundManager: manager, guaranteeOfficer: officer } = await testPrincipals(app));
    });
    afterAll(() => closeTestApp(app, dropSchema));

    it('approves exactly what one fund can afford out of 100 concurrent approvals, and refuses the rest with 422', async () => {
      const { fundId } = await created(manager, '/cofinancing/funds', {
        name: 'Fonds chaud',
        currency: 'MAD',
        createdOn: '2021-01-01',
      });
      const { donorId } = await created(manager, `/cofinancing/funds/${fundId}/donors`, {
        name: 'Bailleur',
        registeredOn: '2021-01-01',
      });
      await created(manager, `/cofinancing/funds/${fundId}/contributions`, {
        donorId,
        amount: mad(1_000_000),
        receivedOn: '2021-01-10',
        reference: 'C-1',
      });
      const { windowId } = await created(manager, `/cofinancing/funds/${fundId}/windows`, {
        name: 'Promotion',
        supportKind: 'consortium-promotion',
        openedOn: '2021-01-01',
        schedule: {
          effectiveFrom: '2021-01-01',
          years: [{ rateBp: 7500, cap: mad(1_000_000_000) }],
          afterLastYear: { rule: 'ineligible' },
        },
      });
      const { beneficiaryId } = await created(manager, '/cofinancing/beneficiaries', {
        name: 'Consortium',
        kind: 'export-consortium',
        enrolledOn: '2021-03-15',
        memberFirms: [{ name: 'Firme' }],
      });
      // 100 grants of 40,000 MAD eligible cost: 30,000 MAD of subsidy each; 1,000,000 MAD affords 33.
      const grants: string[] = [];
      for (let n = 0; n < 100; n++)
        grants.push(
          (
            await created(manager, '/cofinancing/grants', {
              fundId,
              windowId,
              beneficiaryId,
              serviceProvider: 'Cabinet',
              description: `Salon ${n}`,
              eligibleCost: mad(40_000),
              requestedOn: '2021-06-01',
            })
          ).grantId,
        );
      const answers = await Promise.all(
        grants.map((grantId, n) =>
          post(manager, `/cofinancing/grants/${grantId}/approval`, { approvedOn: '2021-06-10' }, `approve-${n}`),
        ),
      );
      expect(statuses(answers)).toEqual({ 200: 33, 422: 67 });
      const fund = (await http().get(`/cofinancing/funds/${fundId}`).set(manager).expect(200)).body;
      expect(fund).toMatchObject({ committed: mad(990_000), available: mad(10_000) });
    });

    it('issues exactly what one convention can carry out of 40 concurrent issuances, and refuses the rest with 422', async () => {
      const { companyId } = await created(officer, '/guarantee-companies', {
        name: 'SCM de Kaolack',
        currency: 'XOF',
        registeredOn: '2008-01-15',
      });
      const { memberId } = await created(officer, `/guarantee-companies/${companyId}/members`, {
        name: 'GIE des transformatrices',
        admittedOn: '2008-02-01',
      });
      // In good standing: its capital subscribed and paid.
      const member = `/guarantee-companies/${companyId}/members/${memberId}`;
      await created(officer, `${member}/capital-subscriptions`, { amount: xof(100_000), subscribedOn: '2008-02-01' });
      await created(officer, `${member}/capital-payments`, { amount: xof(100_000), paidOn: '2008-02-15' });
      await created(officer, `/guarantee-companies/${companyId}/fund-deposits`, {
        bankId: 'CNCAS',
        amount: xof(1_000_000),
        termDepositReference: 'DAT-1',
        depositedOn: '2008-03-01',
      });
      // Capacity 1,000,000 × 5 = 5,000,000 XOF of principal: 25 loans of 200,000.
      const { conventionId } = await created(officer, '/bank-conventions', {
        companyId,
        bankId: 'CNCAS',
        multiplier: '5/1',
        coverageRateBp: 5000,
        ceilingBasis: 'loan-principal',
        validFrom: '2008-04-01',
        validUntil: '2040-12-31',
        signedOn: '2008-03-20',
      });
      const answers = await Promise.all(
        Array.from({ length: 40 }, (_, n) =>
          post(
            officer,
            `/bank-conventions/${conventionId}/guarantees`,
            {
              memberId,
              loanReference: `PRET-${n}`,
              principal: xof(200_000),
              loanStartDate: '2021-05-01',
              maturityDate: '2025-05-01',
              issuedOn: '2021-05-01',
            },
            `issue-${n}`,
          ),
        ),
      );
      expect(statuses(answers)).toEqual({ 201: 25, 422: 15 });
      const convention = (await http().get(`/bank-conventions/${conventionId}`).set(officer).expect(200)).body;
      expect(convention).toMatchObject({ outstanding: xof(5_000_000), headroom: xof(0) });
    });
  });
}
