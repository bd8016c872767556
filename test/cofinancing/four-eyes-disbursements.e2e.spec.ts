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
import {
  authenticate,
  enrolConsortium,
  get,
  head,
  madJson,
  post,
  put,
  requestGrant,
  setUpFund,
} from './cofinancing-api';

/**
 * Four-eyes disbursements and corrections through HTTP: a payment whose subsidy share is above the
 * fund's `disburseAbove`, and every reversal under `correctionsNeedSecondPerson`, is only proposed
 * (202), what it would pay reserved on the grant; a second, different fund manager confirms it
 * (decided again on current state and recorded); the proposer cannot; the expiry releases it.
 * Pending proposals and direct payments never together pay more than the grant's commitment.
 */
for (const kind of testDatabaseKinds()) {
  describe(`four-eyes disbursements and corrections through HTTP on ${kind}`, () => {
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

    /**
     * A fund of 1,000,000 MAD: approvals above 100,000 MAD, payments whose share is above
     * 20,000 MAD, and every correction need a second person (48 h). One grant approved in one step:
     * 75 % of 120,000 = a commitment of 90,000 MAD.
     */
    async function guardedGrant() {
      const ids = { ...(await setUpFund(app, 1_000_000)), beneficiaryId: await enrolConsortium(app) };
      await put(app, `/cofinancing/funds/${ids.fundId}/approval-policy`, {
        approveGrantAbove: madJson(100_000),
        disburseAbove: madJson(20_000),
        correctionsNeedSecondPerson: true,
        proposalTtlHours: 48,
        setOn: '2021-01-01',
      }).expect(200);
      const grantId = await requestGrant(app, ids, 120_000, '2021-05-03');
      const approved = await post(app, `/cofinancing/grants/${grantId}/approval`, { approvedOn: '2021-05-10' });
      expect(approved.status).toBe(200);
      expect(approved.body.subsidy).toEqual(madJson(90_000));
      return { ...ids, grantId };
    }
    const disburse = (grantId: string, invoiceReference: string, major: number) =>
      post(app, `/cofinancing/grants/${grantId}/disbursements`, {
        invoiceReference,
        invoiceDate: '2021-06-01',
        invoiceAmount: madJson(major),
        disbursedOn: '2021-06-15',
      });
    const grant = async (grantId: string) => (await get(app, `/cofinancing/grants/${grantId}`).expect(200)).body;
    const fund = async (fundId: string) => (await get(app, `/cofinancing/funds/${fundId}`).expect(200)).body;

    it('the OpenAPI document shows the new policy fields and the 202 answers', async () => {
      const docs = (await request(app.getHttpServer()).get('/docs/json').expect(200)).body;
      const policy = docs.components.schemas.SetApprovalPolicyDto.properties;
      expect(Object.keys(policy)).toEqual(expect.arrayContaining(['disburseAbove', 'correctionsNeedSecondPerson']));
      const grants = '/cofinancing/grants/{grantId}';
      expect(docs.paths[`${grants}/disbursements`].post.responses['202'].description).toContain('disburseAbove');
      expect(
        docs.paths[`${grants}/disbursements/{disbursementId}/reversal`].post.responses['202'].description,
      ).toContain('correctionsNeedSecondPerson');
      const listParams = docs.paths['/proposals'].get.parameters.map((p: { name: string }) => p.name);
      expect(listParams).toEqual(expect.arrayContaining(['context', 'status', 'action', 'subject', 'cursor', 'limit']));
    });

    it('the policy fields are validated and named', async () => {
      const { fundId } = await setUpFund(app, 1_000);
      const bad = await put(app, `/cofinancing/funds/${fundId}/approval-policy`, {
        disburseAbove: { amountMinor: 'ten', currency: 'MAD' },
        correctionsNeedSecondPerson: 'yes',
        proposalTtlHours: 48,
        setOn: '2021-01-01',
      }).expect(400);
      expect(JSON.stringify(bad.body)).toContain('correctionsNeedSecondPerson');
      expect(JSON.stringify(bad.body)).toContain('disburseAbove');
      const eur = await put(app, `/cofinancing/funds/${fundId}/approval-policy`, {
        disburseAbove: { amountMinor: '100', currency: 'EUR' },
        proposalTtlHours: 48,
        setOn: '2021-01-01',
      });
      expect(eur.status).toBe(422);
      expect(eur.body).toMatchObject({ error: 'wrong-currency', details: { field: 'disburseAbove.currency' } });
    });

    it('a disbursement at or below the threshold is paid in one step', async () => {
      const { fundId, grantId } = await guardedGrant();
      // 75 % of 26,666.66 MAD = 19,999.99 MAD ≤ 20,000.
      const paid = await post(app, `/cofinancing/grants/${grantId}/disbursements`, {
        invoiceReference: 'INV-1',
        invoiceDate: '2021-06-01',
        invoiceAmount: { amountMinor: '2666666', currency: 'MAD' },
        disbursedOn: '2021-06-15',
      }).expect(201);
      expect(paid.body).toMatchObject({ paid: { amountMinor: '1999999', currency: 'MAD' }, rule: 'effective-rate' });
      expect((await fund(fundId)).disbursed).toEqual({ amountMinor: '1999999', currency: 'MAD' });
      expect((await grant(grantId)).reserved).toEqual(madJson(0));
    });

    it('above it: 202, reserved on the grant, nothing paid until a second fund manager confirms', async () => {
      const { fundId, grantId } = await guardedGrant();
      // 75 % of 40,000 = 30,000 MAD > 20,000.
      const proposed = await disburse(grantId, 'INV-2', 40_000).expect(202);
      expect(proposed.body).toMatchObject({
        status: 'pending',
        action: 'disburse-grant',
        grantId,
        reserved: madJson(30_000),
        threshold: madJson(20_000),
        expiresAt: new Date(now.getTime() + 48 * 3_600_000).toISOString(),
      });
      const { proposalId, disbursementId } = proposed.body;
      expect(typeof disbursementId).toBe('string');
      // Sent again with one Idempotency-Key: one proposal, the same 202 both times.
      const keyed = {
        invoiceReference: 'INV-2b',
        invoiceDate: '2021-06-01',
        invoiceAmount: madJson(28_000),
        disbursedOn: '2021-06-15',
      };
      const once = await post(app, `/cofinancing/grants/${grantId}/disbursements`, keyed, 'disburse-2b').expect(202);
      const replay = await post(app, `/cofinancing/grants/${grantId}/disbursements`, keyed, 'disburse-2b').expect(202);
      expect(replay.body.proposalId).toBe(once.body.proposalId);
      await post(app, `/proposals/${once.body.proposalId}/decline`, { reason: 'sent by mistake' }).expect(200);

      // Reserved, not paid: balances do not move.
      expect(await grant(grantId)).toMatchObject({
        disbursed: madJson(0),
        commitmentLeft: madJson(90_000),
        reserved: madJson(30_000),
        disbursements: [],
      });
      expect(await fund(fundId)).toMatchObject({ disbursed: madJson(0), reserved: madJson(0) });
      const listed = await get(
        app,
        `/proposals?context=cofinancing&subject=grantId:${grantId}&action=disburse-grant&status=pending`,
      ).expect(200);
      expect(listed.body.items).toEqual([
        expect.objectContaining({
          proposalId,
          action: 'disburse-grant',
          status: 'pending',
          proposedBy: principals.userIds.fundManager,
          reserved: madJson(30_000),
          threshold: madJson(20_000),
          context: 'cofinancing',
          subjects: expect.objectContaining({ grantId, disbursementId }),
          command: expect.objectContaining({
            type: 'DisburseGrant',
            disbursementId,
            invoiceReference: 'INV-2',
            invoiceAmount: madJson(40_000),
          }),
        }),
      ]);
      // The invoice is held: paying it directly meanwhile is refused.
      const held = await disburse(grantId, 'INV-2', 1_000).expect(409);
      expect(held.body).toMatchObject({ error: 'held-by-pending-proposal', details: { proposalId } });

      const confirmed = await asSecond(`/proposals/${proposalId}/confirm`).expect(200);
      expect(confirmed.body).toMatchObject({
        status: 'confirmed',
        action: 'disburse-grant',
        released: madJson(30_000),
        disbursement: { disbursementId, paid: madJson(30_000), disbursedTotal: madJson(30_000) },
      });
      expect(await grant(grantId)).toMatchObject({
        disbursed: madJson(30_000),
        commitmentLeft: madJson(60_000),
        reserved: madJson(0),
        disbursements: [expect.objectContaining({ disbursementId, invoiceReference: 'INV-2', paid: madJson(30_000) })],
      });
      expect((await fund(fundId)).disbursed).toEqual(madJson(30_000));
      const settled = await get(app, `/proposals/${proposalId}`).expect(200);
      expect(settled.body).toMatchObject({ status: 'confirmed', settledBy: principals.userIds.secondFundManager });
      await asSecond(`/proposals/${proposalId}/confirm`).expect(409);
      // Paid once: the invoice is now a duplicate.
      expect((await disburse(grantId, 'INV-2', 1_000).expect(409)).body.error).toBe('duplicate-invoice');
    });

    it('the proposer cannot confirm their own disbursement: 403, nothing written', async () => {
      const { grantId } = await guardedGrant();
      const proposed = await disburse(grantId, 'INV-3', 40_000).expect(202);
      const before = await head(app);
      const refused = await post(app, `/proposals/${proposed.body.proposalId}/confirm`, {}).expect(403);
      expect(refused.body).toMatchObject({ error: 'self-confirmation-refused' });
      expect(await head(app)).toBe(before);
      expect(await grant(grantId)).toMatchObject({ disbursed: madJson(0), reserved: madJson(30_000) });
    });

    it('concurrent disbursement proposals never reserve more than the commitment left', async () => {
      const { grantId } = await guardedGrant();
      // Eight invoices of 40,000 at once, each wanting 30,000 of the 90,000 commitment.
      const answers = await Promise.all(
        Array.from({ length: 8 }, (_, i) => disburse(grantId, `RACE-${i}`, 40_000).then((res) => res)),
      );
      const pending = answers.filter((res) => res.status === 202);
      const refused = answers.filter((res) => res.status !== 202);
      expect(pending).toHaveLength(3);
      for (const res of pending) expect(res.body.reserved).toEqual(madJson(30_000));
      expect(refused).toHaveLength(5);
      for (const res of refused) {
        expect(res.status).toBe(422);
        expect(res.body).toMatchObject({
          error: 'commitment-exhausted',
          details: { reserved: { amountMinor: '9000000', currency: 'MAD' } },
        });
      }
      const listed = await get(app, `/proposals?context=cofinancing&subject=grantId:${grantId}&status=pending`).expect(
        200,
      );
      const reserved = listed.body.items.reduce(
        (sum: bigint, p: { reserved: { amountMinor: string } }) => sum + BigInt(p.reserved.amountMinor),
        0n,
      );
      expect(reserved).toBe(9_000_000n);
      expect((await grant(grantId)).reserved).toEqual(madJson(90_000));
      // A direct payment below the threshold finds nothing left either.
      expect((await disburse(grantId, 'SMALL', 1_000).expect(422)).body.error).toBe('commitment-exhausted');

      // Confirming all three pays exactly the commitment, never more.
      for (const res of pending) await asSecond(`/proposals/${res.body.proposalId}/confirm`).expect(200);
      expect(await grant(grantId)).toMatchObject({
        disbursed: madJson(90_000),
        commitmentLeft: madJson(0),
        reserved: madJson(0),
      });
    });

    it('a grant with pending proposals cannot be closed; a decline releases and lets it close', async () => {
      const { grantId } = await guardedGrant();
      const proposed = await disburse(grantId, 'INV-4', 40_000).expect(202);
      const refused = await post(app, `/cofinancing/grants/${grantId}/closure`, { closedOn: '2021-12-31' }).expect(409);
      expect(refused.body).toMatchObject({
        error: 'grant-proposals-pending',
        details: { proposalIds: proposed.body.proposalId },
      });
      expect(refused.body.message).toContain(proposed.body.proposalId);
      await asSecond(`/proposals/${proposed.body.proposalId}/decline`, {
        reason: 'invoice unclear',
      }).expect(200);
      expect((await grant(grantId)).reserved).toEqual(madJson(0));
      await post(app, `/cofinancing/grants/${grantId}/closure`, { closedOn: '2021-12-31' }).expect(200);
    });

    it('a correction needs a second person: entry locked, extra commitment reserved, balances follow on confirmation', async () => {
      const { fundId, grantId } = await guardedGrant();
      // 75 % of 20,000 = 15,000 MAD: below the disbursement threshold, paid in one step.
      const paid = await disburse(grantId, 'INV-5', 20_000).expect(201);
      const path = `/cofinancing/grants/${grantId}/disbursements/${paid.body.disbursementId}/reversal`;
      const body = {
        reason: 'invoice INV-5 is 24,000 MAD, not 20,000',
        correctedOn: '2021-07-01',
        replacement: { invoiceReference: 'INV-5', invoiceDate: '2021-06-01', invoiceAmount: madJson(24_000) },
      };
      const proposed = await post(app, path, body).expect(202);
      // The replacement pays 18,000 where 15,000 was paid: 3,000 more of the commitment reserved.
      expect(proposed.body).toMatchObject({
        status: 'pending',
        action: 'reverse-disbursement',
        disbursementId: paid.body.disbursementId,
        reserved: madJson(3_000),
        threshold: null,
      });
      const { proposalId } = proposed.body;
      expect(await grant(grantId)).toMatchObject({ disbursed: madJson(15_000), reserved: madJson(3_000) });

      // The entry is locked: no second reversal, nor a second proposal, meanwhile.
      const again = await post(app, path, { reason: 'again', correctedOn: '2021-07-02' }).expect(409);
      expect(again.body).toMatchObject({ error: 'held-by-pending-proposal', details: { proposalId } });
      await post(app, `/proposals/${proposalId}/confirm`, {}).expect(403);

      const confirmed = await asSecond(`/proposals/${proposalId}/confirm`).expect(200);
      expect(confirmed.body).toMatchObject({
        status: 'confirmed',
        action: 'reverse-disbursement',
        correction: {
          reversed: madJson(15_000),
          replacement: { paid: madJson(18_000) },
          disbursedTotal: madJson(18_000),
          commitmentLeft: madJson(72_000),
        },
      });
      const after = await grant(grantId);
      expect(after).toMatchObject({ disbursed: madJson(18_000), invoiced: madJson(24_000), reserved: madJson(0) });
      const original = after.disbursements.find(
        (d: { disbursementId: string }) => d.disbursementId === paid.body.disbursementId,
      );
      expect(original.reversal).toMatchObject({ reason: body.reason, replacedBy: expect.any(String) });
      expect((await fund(fundId)).disbursed).toEqual(madJson(18_000));
      // Reversed once: a new correction of the same entry is refused.
      expect((await post(app, path, { reason: 'again', correctedOn: '2021-07-02' }).expect(409)).body.error).toBe(
        'entry-already-reversed',
      );
    });

    it('the fund shows what pending approval proposals reserve, beside (not inside) its balances', async () => {
      const { fundId, windowId } = await guardedGrant();
      // Another consortium (whole cap): 75 % of 180,000 = 135,000 MAD > 100,000, an approval proposal.
      const beneficiaryId = await enrolConsortium(app, 'Consortium Atlas');
      const second = await requestGrant(app, { fundId, windowId, beneficiaryId }, 180_000, '2021-05-04');
      const proposed = await post(app, `/cofinancing/grants/${second}/approval`, { approvedOn: '2021-05-10' }).expect(
        202,
      );
      expect(await fund(fundId)).toMatchObject({
        committed: madJson(90_000),
        available: madJson(910_000),
        reserved: madJson(135_000),
      });
      const funds = await get(app, '/cofinancing/funds').expect(200);
      expect(funds.body.items.find((f: { fundId: string }) => f.fundId === fundId).reserved).toEqual(madJson(135_000));
      // Cancelling the requested grant while its approval waits is refused, naming the proposal.
      const cancel = await post(app, `/cofinancing/grants/${second}/cancellation`, {
        cancelledOn: '2021-05-20',
        reason: 'withdrawn',
      }).expect(409);
      expect(cancel.body.details.proposalIds).toBe(proposed.body.proposalId);
      await post(app, `/proposals/${proposed.body.proposalId}/decline`, { reason: 'withdrawn' }).expect(200);
      expect((await fund(fundId)).reserved).toEqual(madJson(0));
    });

    it('an unconfirmed disbursement proposal expires after its time and releases its reservation', async () => {
      const { grantId } = await guardedGrant();
      const proposed = await disburse(grantId, 'INV-6', 40_000).expect(202);
      const { proposalId } = proposed.body;
      const scheduler = app.get(ProposalExpiry);
      expect(await scheduler.runDue()).not.toContain(proposalId); // not yet due

      now = new Date(now.getTime() + 48 * 3_600_000); // the deadline
      const late = await asSecond(`/proposals/${proposalId}/confirm`).expect(409);
      expect(late.body).toMatchObject({ error: 'proposal-not-pending', details: { status: 'expired' } });

      expect(await scheduler.runDue()).toContain(proposalId);
      expect(await scheduler.runDue()).toEqual([]); // idempotent
      expect((await get(app, `/proposals/${proposalId}`).expect(200)).body.status).toBe('expired');
      expect(await grant(grantId)).toMatchObject({ disbursed: madJson(0), reserved: madJson(0) });
      // Released: the whole commitment and the invoice reference are free again.
      const again = await disburse(grantId, 'INV-6', 120_000).expect(202);
      expect(again.body.reserved).toEqual(madJson(90_000));
    });
  });
}
