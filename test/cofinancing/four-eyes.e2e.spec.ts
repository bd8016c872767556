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
import { authenticate, enrolConsortium, get, madJson, post, put, requestGrant, setUpFund } from './cofinancing-api';

/**
 * Four-eyes approval through HTTP: above the fund's threshold an approval is only proposed (202),
 * its subsidy reserved; a second, different fund manager confirms it; the proposer cannot; a
 * decline or the expiry (a fake clock moved past the deadline, then the scheduler's `runDue`)
 * releases the reservation. Reservations are not balances: the fund's balances move only on
 * confirmation.
 */
for (const kind of testDatabaseKinds()) {
  describe(`four-eyes approval through HTTP on ${kind}`, () => {
    let app: INestApplication;
    let principals: TestPrincipals;
    const { config, dropSchema } = testLedgerConfig(kind);
    let now = new Date('2026-03-02T09:00:00.000Z');

    beforeAll(async () => {
      app = await createApp(config, { logger: false });
      await app.init();
      await authenticate(app);
      principals = await testPrincipals(app);
      jest.spyOn(app.get(Clock), 'now').mockImplementation(() => now);
    });
    afterAll(() => closeTestApp(app, dropSchema));

    const asSecond = (path: string, body: object = {}) =>
      request(app.getHttpServer()).post(path).set(newKey()).set(principals.secondFundManager).send(body);

    /** A fund of 1,000,000 MAD whose approvals above 100,000 MAD need a second person (48 h). */
    async function guardedFund() {
      const ids = { ...(await setUpFund(app, 1_000_000)), beneficiaryId: await enrolConsortium(app) };
      await put(app, `/cofinancing/funds/${ids.fundId}/approval-policy`, {
        approveGrantAbove: madJson(100_000),
        proposalTtlHours: 48,
        setOn: '2021-01-01',
      }).expect(200);
      return ids;
    }
    const fund = async (fundId: string) => (await get(app, `/cofinancing/funds/${fundId}`).expect(200)).body;

    it('below the threshold, one person approves in one step', async () => {
      const ids = await guardedFund();
      // 75 % of 120,000 = 90,000 MAD ≤ 100,000.
      const grantId = await requestGrant(app, ids, 120_000, '2021-05-03');
      const approved = await post(app, `/cofinancing/grants/${grantId}/approval`, { approvedOn: '2021-05-10' }).expect(
        200,
      );
      expect(approved.body.subsidy).toEqual(madJson(90_000));
      expect((await fund(ids.fundId)).committed).toEqual(madJson(90_000));
    });

    it('above it, 202 and nothing committed until a second fund manager confirms', async () => {
      const ids = await guardedFund();
      // 75 % of 180,000 = 135,000 MAD > 100,000.
      const grantId = await requestGrant(app, ids, 180_000, '2021-05-03');
      const proposed = await post(
        app,
        `/cofinancing/grants/${grantId}/approval`,
        { approvedOn: '2021-05-10' },
        'propose-1',
      ).expect(202);
      expect(proposed.body).toMatchObject({
        status: 'pending',
        grantId,
        reserved: madJson(135_000),
        threshold: madJson(100_000),
        expiresAt: '2026-03-04T09:00:00.000Z',
      });
      // Replayed with the same key: the same 202, nothing new.
      const replay = await post(
        app,
        `/cofinancing/grants/${grantId}/approval`,
        { approvedOn: '2021-05-10' },
        'propose-1',
      );
      expect(replay.status).toBe(202);
      expect(replay.body.proposalId).toBe(proposed.body.proposalId);

      expect((await fund(ids.fundId)).committed).toEqual(madJson(0));
      expect((await get(app, `/cofinancing/grants/${grantId}`).expect(200)).body.status).toBe('requested');
      const pending = await get(
        app,
        `/proposals?context=cofinancing&status=pending&subject=fundId:${ids.fundId}`,
      ).expect(200);
      expect(pending.body.items).toEqual([
        expect.objectContaining({
          proposalId: proposed.body.proposalId,
          proposedBy: principals.userIds.fundManager,
          status: 'pending',
          reserved: madJson(135_000),
        }),
      ]);
      // An auditor reads them too.
      await request(app.getHttpServer()).get('/proposals?context=cofinancing').set(principals.auditor).expect(200);

      const confirmed = await asSecond(`/proposals/${proposed.body.proposalId}/confirm`).expect(200);
      expect(confirmed.body).toMatchObject({ status: 'confirmed', subsidy: madJson(135_000) });
      expect(await fund(ids.fundId)).toMatchObject({ committed: madJson(135_000), available: madJson(865_000) });
      expect((await get(app, `/cofinancing/grants/${grantId}`).expect(200)).body.status).toBe('approved');
      const settled = await get(app, `/proposals/${proposed.body.proposalId}`).expect(200);
      expect(settled.body).toMatchObject({ status: 'confirmed', settledBy: principals.userIds.secondFundManager });
      // Confirmed once: again is a conflict.
      await asSecond(`/proposals/${proposed.body.proposalId}/confirm`).expect(409);
    });

    it('the proposer cannot confirm their own proposal: 403, nothing written', async () => {
      const ids = await guardedFund();
      const grantId = await requestGrant(app, ids, 180_000, '2021-05-03');
      const proposed = await post(app, `/cofinancing/grants/${grantId}/approval`, { approvedOn: '2021-05-10' }).expect(
        202,
      );
      const head = async () => (await request(app.getHttpServer()).get('/health').expect(200)).body.headPosition;
      const before = await head();
      const refused = await post(app, `/proposals/${proposed.body.proposalId}/confirm`, {}).expect(403);
      expect(refused.body).toMatchObject({ error: 'self-confirmation-refused' });
      expect(await head()).toBe(before);
      expect((await fund(ids.fundId)).committed).toEqual(madJson(0));
    });

    it('a second proposal on the same grant is refused while one is pending', async () => {
      const ids = await guardedFund();
      const grantId = await requestGrant(app, ids, 180_000, '2021-05-03');
      await post(app, `/cofinancing/grants/${grantId}/approval`, { approvedOn: '2021-05-10' }).expect(202);
      const again = await post(app, `/cofinancing/grants/${grantId}/approval`, { approvedOn: '2021-05-11' }).expect(
        409,
      );
      expect(again.body.error).toBe('grant-approval-pending');
    });

    it('reservations count against what is available; a decline releases them', async () => {
      const ids = await guardedFund();
      // 7 consortia each asking 75 % of 180,000 = 135,000: 7 × 135,000 = 945,000 reserved of 1,000,000.
      const proposals: string[] = [];
      for (let i = 0; i < 7; i++) {
        const beneficiaryId = await enrolConsortium(app, `Consortium ${i}`);
        const grantId = await requestGrant(app, { ...ids, beneficiaryId }, 180_000, '2021-05-03');
        const res = await post(app, `/cofinancing/grants/${grantId}/approval`, { approvedOn: '2021-05-10' }).expect(
          202,
        );
        proposals.push(res.body.proposalId as string);
      }
      const eighth = await requestGrant(app, ids, 180_000, '2021-05-03');
      const refused = await post(app, `/cofinancing/grants/${eighth}/approval`, { approvedOn: '2021-05-10' }).expect(
        422,
      );
      expect(refused.body).toMatchObject({
        error: 'fund-insufficient',
        details: {
          available: { amountMinor: '5500000', currency: 'MAD' },
          requested: { amountMinor: '13500000', currency: 'MAD' },
          reserved: { amountMinor: '94500000', currency: 'MAD' },
        },
      });
      // Balances are untouched by reservations.
      expect((await fund(ids.fundId)).available).toEqual(madJson(1_000_000));

      await asSecond(`/proposals/${proposals[0]}/decline`, {
        reason: 'action plan not yet revised',
      }).expect(200);
      await post(app, `/cofinancing/grants/${eighth}/approval`, { approvedOn: '2021-05-10' }).expect(202);
    });

    it('an unconfirmed proposal expires after its time and releases its reservation', async () => {
      const ids = await guardedFund();
      const grants: string[] = [];
      const proposals: string[] = [];
      for (let i = 0; i < 7; i++) {
        const beneficiaryId = await enrolConsortium(app, `Late consortium ${i}`);
        const grantId = await requestGrant(app, { ...ids, beneficiaryId }, 180_000, '2021-05-03');
        grants.push(grantId);
        const res = await post(app, `/cofinancing/grants/${grantId}/approval`, { approvedOn: '2021-05-10' }).expect(
          202,
        );
        proposals.push(res.body.proposalId as string);
      }
      const scheduler = app.get(ProposalExpiry);
      expect(await scheduler.runDue()).toEqual([]); // not yet due

      now = new Date(now.getTime() + 48 * 3_600_000); // the deadline
      // Past it, it can no longer be confirmed, even before the scheduler has run.
      const late = await asSecond(`/proposals/${proposals[1]}/confirm`).expect(409);
      expect(late.body).toMatchObject({ error: 'proposal-not-pending', details: { status: 'expired' } });

      // Every proposal due (this fund's seven, and those the other tests left pending).
      expect(await scheduler.runDue()).toEqual(expect.arrayContaining(proposals));
      expect(await scheduler.runDue()).toEqual([]); // idempotent
      const listed = await get(
        app,
        `/proposals?context=cofinancing&subject=fundId:${ids.fundId}&status=expired`,
      ).expect(200);
      expect(listed.body.items).toHaveLength(7);

      // Released: the budget is whole again, and the grants can be proposed again.
      const again = await post(app, `/cofinancing/grants/${grants[0]}/approval`, { approvedOn: '2021-05-10' }).expect(
        202,
      );
      await asSecond(`/proposals/${again.body.proposalId}/confirm`).expect(200);
      expect((await fund(ids.fundId)).committed).toEqual(madJson(135_000));
    });
  });
}
