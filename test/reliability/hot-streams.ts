import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { testPrincipals, type AuthHeaders } from '@ledger/testing';
import { issuance, mad, requestGrant, setUpConvention, setUpFund, xof } from './ledger-set-ups';

/**
 * The races of both contexts through HTTP, whatever store holds the events: many commands on one
 * stream at once are decided one after another on the current state and appended together, so
 * every invariant holds exactly, the refused ones are refused for the domain's reason (422 with
 * the figures), and nobody is told to retry (no 409). Call inside a `describe` whose `beforeAll`
 * starts the app; `app()` is read when the tests run.
 */
export function hotStreamRaces(app: () => INestApplication): void {
  const post = (as: AuthHeaders, path: string, body: object, key: string) =>
    request(app().getHttpServer()).post(path).set(as).set('Idempotency-Key', key).send(body);
  const statuses = (answers: request.Response[]) =>
    answers.reduce<Record<number, number>>((count, a) => ({ ...count, [a.status]: (count[a.status] ?? 0) + 1 }), {});

  it('approves exactly what one fund can afford out of 100 concurrent approvals, and refuses the rest with 422', async () => {
    const { fundManager: manager } = await testPrincipals(app());
    const fund = await setUpFund(app(), manager, 1_000_000);
    // 100 grants of 40,000 MAD eligible cost: 30,000 MAD of subsidy each; 1,000,000 MAD affords 33.
    const grants: string[] = [];
    for (let n = 0; n < 100; n++) grants.push(await requestGrant(app(), manager, fund, 40_000, `Salon ${n}`));
    const answers = await Promise.all(
      grants.map((grantId, n) =>
        post(manager, `/cofinancing/grants/${grantId}/approval`, { approvedOn: '2021-06-10' }, `approve-${n}`),
      ),
    );
    expect(statuses(answers)).toEqual({ 200: 33, 422: 67 });
    const funds = await request(app().getHttpServer()).get(`/cofinancing/funds/${fund.fundId}`).set(manager);
    expect(funds.status).toBe(200);
    expect(funds.body).toMatchObject({ committed: mad(990_000), available: mad(10_000) });
  });

  it('issues exactly what one convention can carry out of 40 concurrent issuances, and refuses the rest with 422', async () => {
    const { guaranteeOfficer: officer } = await testPrincipals(app());
    // Capacity 1,000,000 × 5 = 5,000,000 XOF of principal: 25 loans of 200,000.
    const { memberId, conventionId } = await setUpConvention(app(), officer, 1_000_000);
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, n) =>
        post(
          officer,
          `/bank-conventions/${conventionId}/guarantees`,
          issuance(memberId, `PRET-${n}`, 200_000),
          `issue-${n}`,
        ),
      ),
    );
    expect(statuses(answers)).toEqual({ 201: 25, 422: 15 });
    const convention = await request(app().getHttpServer()).get(`/bank-conventions/${conventionId}`).set(officer);
    expect(convention.status).toBe(200);
    expect(convention.body).toMatchObject({ outstanding: xof(5_000_000), headroom: xof(0) });
  });
}
