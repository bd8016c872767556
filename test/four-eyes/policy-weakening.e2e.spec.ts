import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { fundModel, streamIds as cofinancingStreams } from '@ledger/cofinancing';
import { companyModel, streamIds as guaranteesStreams } from '@ledger/guarantees';
import type { StreamModel } from '@ledger/kernel';
import { ProposalExpiry } from '@ledger/four-eyes';
import { Clock, LedgerRuntime } from '@ledger/platform';
import {
  closeTestApp,
  testDatabaseKinds,
  testLedgerConfig,
  testPrincipals,
  type AuthHeaders,
  type TestPrincipals,
} from '@ledger/testing';
import { createApp } from '../../apps/api/src/bootstrap';
import { authenticate, enrolConsortium, madJson, requestGrant, setUpFund } from '../cofinancing/cofinancing-api';

const xof = (amountMinor: number) => ({ amountMinor: String(amountMinor), currency: 'XOF' });

/**
 * Four-eyes cannot be weakened by one person (issue #15, rule 1), in both contexts: a policy change
 * that loosens any control (a threshold raised or removed, corrections no longer needing a second
 * person, a longer time to live) is only proposed (202) and applies when a second person of the
 * context, or an admin, confirms it; a tightening applies at once; the same policy again writes
 * nothing. The scenario of the issue — decline one's own proposal, post a policy with no
 * threshold, act alone — ends in a proposal the same person cannot confirm.
 */
for (const kind of testDatabaseKinds()) {
  describe(`four-eyes policies cannot be weakened by one person, on ${kind}`, () => {
    let app: INestApplication;
    let who: TestPrincipals;
    let runtime: LedgerRuntime;
    const { config, dropSchema } = testLedgerConfig(kind);
    let now = new Date('2026-03-02T09:00:00.000Z');
    const http = () => request(app.getHttpServer());
    const as = (headers: AuthHeaders) => ({
      post: (path: string, body: object = {}, key = randomUUID()) =>
        http().post(path).set(headers).set('Idempotency-Key', key).send(body),
      put: (path: string, body: object, key = randomUUID()) =>
        http().put(path).set(headers).set('Idempotency-Key', key).send(body),
    });
    const head = async () => (await http().get('/health').expect(200)).body.headPosition as string;

    /** The policy-set events of a stream, and the policy its events fold to. */
    async function policyOf<S, E extends { readonly type: string }>(
      streamId: string,
      model: StreamModel<S, E>,
      type: string,
    ) {
      const recorded = await runtime.store.readStream(streamId);
      const state = recorded.map((e) => model.catalog.decode(e)).reduce(model.evolve, model.initialState());
      return {
        events: recorded.filter((e) => e.type === type).length,
        policy: (state as { approvalPolicy?: unknown }).approvalPolicy,
      };
    }

    beforeAll(async () => {
      app = await createApp(config, { logger: false });
      await app.init();
      await authenticate(app);
      who = await testPrincipals(app);
      runtime = app.get(LedgerRuntime);
      jest.spyOn(app.get(Clock), 'now').mockImplementation(() => now);
    });
    afterAll(() => closeTestApp(app, dropSchema));

    describe('a co-financing fund', () => {
      const strict = {
        approveGrantAbove: madJson(100_000),
        disburseAbove: madJson(20_000),
        correctionsNeedSecondPerson: true,
        proposalTtlHours: 48,
        setOn: '2021-01-01',
      };
      const fundPolicy = (fundId: string) =>
        policyOf(cofinancingStreams.fund(fundId), fundModel, 'cofinancing.FundApprovalPolicySet');

      it('the same PUT twice writes one event; the same key replays the first answer', async () => {
        const { fundId } = await setUpFund(app, 1_000_000);
        const path = `/cofinancing/funds/${fundId}/approval-policy`;
        // What a form to change it starts from: none yet, then the policy in force.
        const none = await http().get(path).set(who.fundManager).expect(200);
        expect(none.body).toEqual({ fundId, currency: 'MAD', policy: null });
        const key = randomUUID();
        const first = await as(who.fundManager).put(path, strict, key).expect(200);
        const read = await http().get(path).set(who.auditor).expect(200);
        expect(read.body).toEqual({ fundId, currency: 'MAD', policy: first.body.policy });
        await http().get('/cofinancing/funds/no-such-fund/approval-policy').set(who.fundManager).expect(404);
        expect(first.body).toMatchObject({
          fundId,
          changed: true,
          policy: {
            approveGrantAbove: madJson(100_000),
            disburseAbove: madJson(20_000),
            correctionsNeedSecondPerson: true,
            proposalTtlHours: 48,
          },
        });
        const replayed = await as(who.fundManager).put(path, strict, key).expect(200);
        expect(replayed.body).toEqual(first.body);
        // Another key, the same policy (on another date: the date is not a control): nothing written.
        const before = await fundPolicy(fundId);
        const again = await as(who.fundManager)
          .put(path, { ...strict, setOn: '2021-02-01' })
          .expect(200);
        expect(again.body).toMatchObject({ fundId, changed: false, policy: first.body.policy });
        expect(await fundPolicy(fundId)).toEqual(before);
        expect(before.events).toBe(1);
      });

      it('one manager alone: declines their own proposal, posts a policy with no threshold, and still cannot act alone', async () => {
        const ids = { ...(await setUpFund(app, 1_000_000)), beneficiaryId: await enrolConsortium(app) };
        const path = `/cofinancing/funds/${ids.fundId}/approval-policy`;
        const manager = as(who.fundManager);
        await manager.put(path, strict).expect(200);
        // 75 % of 180,000 = 135,000 MAD: above the threshold.
        const grantId = await requestGrant(app, ids, 180_000, '2021-05-03');
        const approval = `/cofinancing/grants/${grantId}/approval`;
        const proposed = await manager.post(approval, { approvedOn: '2021-05-10' }).expect(202);
        await manager.post(`/proposals/${proposed.body.proposalId}/decline`, { reason: 'withdrawn' }).expect(200);

        // A policy with no threshold at all: only proposed.
        const loose = { correctionsNeedSecondPerson: false, proposalTtlHours: 720, setOn: '2021-05-10' };
        const weakening = await manager.put(path, loose).expect(202);
        expect(weakening.body).toMatchObject({
          status: 'pending',
          context: 'cofinancing',
          action: 'set-approval-policy',
          fundId: ids.fundId,
          threshold: null,
          reserved: madJson(0),
          // Within the time to live in force (48 h), not the 720 h asked for.
          expiresAt: '2026-03-04T09:00:00.000Z',
        });
        const policyProposal = weakening.body.proposalId as string;
        expect(await fundPolicy(ids.fundId)).toMatchObject({ events: 1 });
        // Acting alone still needs a second person.
        const again = await manager.post(approval, { approvedOn: '2021-05-11' }).expect(202);
        await manager.post(`/proposals/${again.body.proposalId}/decline`, { reason: 'withdrawn' }).expect(200);

        // Nor can the proposer confirm it, or stack a second weakening, or get it from an auditor.
        const before = await head();
        expect((await manager.post(`/proposals/${policyProposal}/confirm`).expect(403)).body.error).toBe(
          'self-confirmation-refused',
        );
        const stacked = await manager.put(path, { ...loose, proposalTtlHours: 100 }).expect(409);
        expect(stacked.body).toMatchObject({
          error: 'policy-change-pending',
          details: { proposalId: policyProposal },
        });
        await as(who.auditor).post(`/proposals/${policyProposal}/confirm`).expect(403);
        await as(who.guaranteeOfficer).post(`/proposals/${policyProposal}/confirm`).expect(403);
        expect(await head()).toBe(before);

        // Withdrawing it opens no path: the next weakening is a proposal again, and a second manager confirms it.
        await manager.post(`/proposals/${policyProposal}/decline`, { reason: 'withdrawn' }).expect(200);
        const retried = await manager.put(path, loose).expect(202);
        const confirmed = await as(who.secondFundManager)
          .post(`/proposals/${retried.body.proposalId}/confirm`)
          .expect(200);
        expect(confirmed.body).toMatchObject({
          status: 'confirmed',
          action: 'set-approval-policy',
          fundId: ids.fundId,
          changed: true,
          policy: { approveGrantAbove: null, disburseAbove: null, correctionsNeedSecondPerson: false },
        });
        expect(await fundPolicy(ids.fundId)).toMatchObject({ events: 2 });
        // Now, and only now, one manager decides the approval.
        const approved = await manager.post(approval, { approvedOn: '2021-05-12' }).expect(200);
        expect(approved.body).toMatchObject({ grantId, subsidy: madJson(135_000) });
      });

      it('a tightening applies at once; any loosening (a mix too, or a longer time to live) waits; an admin may confirm', async () => {
        const { fundId } = await setUpFund(app, 1_000_000);
        const path = `/cofinancing/funds/${fundId}/approval-policy`;
        const manager = as(who.fundManager);
        await manager.put(path, strict).expect(200);
        const tighter = { ...strict, approveGrantAbove: madJson(50_000), proposalTtlHours: 24 };
        expect((await manager.put(path, tighter).expect(200)).body).toMatchObject({ changed: true });
        expect((await fundPolicy(fundId)).policy).toMatchObject({ proposalTtlHours: 24 });

        // Lower one threshold, raise another: a weakening.
        const mix = { ...tighter, approveGrantAbove: madJson(10_000), disburseAbove: madJson(30_000) };
        const mixed = await manager.put(path, mix).expect(202);
        // A tightening is never held back by a pending weakening.
        await manager.put(path, { ...tighter, proposalTtlHours: 12 }).expect(200);
        // An admin is a second person for a policy change (and only for that).
        const confirmed = await as(who.admin).post(`/proposals/${mixed.body.proposalId}/confirm`).expect(200);
        expect(confirmed.body).toMatchObject({ status: 'confirmed', policy: { disburseAbove: madJson(30_000) } });
        expect((await fundPolicy(fundId)).policy).toMatchObject({ proposalTtlHours: 24 });

        // A longer time to live alone is a weakening.
        const longer = await manager.put(path, { ...mix, proposalTtlHours: 25 }).expect(202);
        await as(who.admin).post(`/proposals/${longer.body.proposalId}/decline`, { reason: 'no' }).expect(200);
        // So is dropping the second person for corrections.
        await manager.put(path, { ...mix, correctionsNeedSecondPerson: false }).expect(202);
        expect(await fundPolicy(fundId)).toMatchObject({ events: 4 });
      });
    });

    describe('a guarantee company', () => {
      let companies = 0;
      const strict = {
        issueGuaranteeAbove: xof(100_000_000),
        correctionsNeedSecondPerson: true,
        proposalTtlHours: 48,
        setOn: '2008-03-01',
      };
      const companyPolicy = (companyId: string) =>
        policyOf(guaranteesStreams.company(companyId), companyModel, 'guarantees.CompanyApprovalPolicySet');

      async function company() {
        const registered = await as(who.guaranteeOfficer)
          .post('/guarantee-companies', {
            name: `SCM policy ${++companies}`,
            currency: 'XOF',
            registeredOn: '2008-01-15',
          })
          .expect(201);
        const companyId = registered.body.companyId as string;
        return { companyId, path: `/guarantee-companies/${companyId}/approval-policy` };
      }

      it('the same PUT twice writes one event; a tightening applies at once', async () => {
        const { companyId, path } = await company();
        const officer = as(who.guaranteeOfficer);
        // What a form to change it starts from: none yet, then the policy in force.
        expect((await http().get(path).set(who.guaranteeOfficer).expect(200)).body).toEqual({
          companyId,
          currency: 'XOF',
          policy: null,
        });
        const key = randomUUID();
        const first = await officer.put(path, strict, key).expect(200);
        expect((await http().get(path).set(who.auditor).expect(200)).body).toEqual({
          companyId,
          currency: 'XOF',
          policy: first.body.policy,
        });
        expect(first.body).toMatchObject({
          companyId,
          changed: true,
          policy: { issueGuaranteeAbove: xof(100_000_000) },
        });
        expect((await officer.put(path, strict, key).expect(200)).body).toEqual(first.body);
        expect((await officer.put(path, strict).expect(200)).body).toMatchObject({ changed: false });
        expect(await companyPolicy(companyId)).toMatchObject({ events: 1 });
        await officer.put(path, { ...strict, issueGuaranteeAbove: xof(50_000_000), proposalTtlHours: 24 }).expect(200);
        expect(await companyPolicy(companyId)).toMatchObject({
          events: 2,
          policy: { proposalTtlHours: 24, correctionsNeedSecondPerson: true },
        });
      });

      it('one officer alone cannot weaken it: a second officer or an admin confirms', async () => {
        const { companyId, path } = await company();
        const officer = as(who.guaranteeOfficer);
        await officer.put(path, strict).expect(200);
        const loose = { correctionsNeedSecondPerson: false, proposalTtlHours: 48, setOn: '2008-04-01' };
        const proposed = await officer.put(path, loose).expect(202);
        expect(proposed.body).toMatchObject({
          status: 'pending',
          context: 'guarantees',
          action: 'set-approval-policy',
          companyId,
          threshold: null,
          reserved: xof(0),
        });
        const proposalId = proposed.body.proposalId as string;
        const before = await head();
        expect((await officer.post(`/proposals/${proposalId}/confirm`).expect(403)).body.error).toBe(
          'self-confirmation-refused',
        );
        expect((await officer.put(path, { ...loose, proposalTtlHours: 24 }).expect(409)).body.error).toBe(
          'policy-change-pending',
        );
        await as(who.fundManager).post(`/proposals/${proposalId}/confirm`).expect(403);
        expect(await head()).toBe(before);
        expect(await companyPolicy(companyId)).toMatchObject({
          events: 1,
          policy: { correctionsNeedSecondPerson: true },
        });

        // Withdrawn by its proposer, proposed again, confirmed by a second officer.
        await officer.post(`/proposals/${proposalId}/decline`, { reason: 'withdrawn' }).expect(200);
        const again = await officer.put(path, loose).expect(202);
        await as(who.secondGuaranteeOfficer).post(`/proposals/${again.body.proposalId}/confirm`).expect(200);
        expect(await companyPolicy(companyId)).toMatchObject({
          events: 2,
          policy: { issueGuaranteeAbove: null, correctionsNeedSecondPerson: false },
        });

        // Tightened at once, then loosened again and confirmed by an admin.
        await officer.put(path, strict).expect(200);
        const raised = await officer.put(path, { ...strict, issueGuaranteeAbove: xof(200_000_000) }).expect(202);
        const confirmed = await as(who.admin).post(`/proposals/${raised.body.proposalId}/confirm`).expect(200);
        expect(confirmed.body).toMatchObject({
          status: 'confirmed',
          context: 'guarantees',
          companyId,
          policy: { issueGuaranteeAbove: xof(200_000_000) },
        });
        expect(await companyPolicy(companyId)).toMatchObject({ events: 4 });
      });

      it('a weakening left unconfirmed expires, changes nothing, and frees the way for another proposal', async () => {
        const { companyId, path } = await company();
        const officer = as(who.guaranteeOfficer);
        await officer.put(path, strict).expect(200);
        const loose = { ...strict, issueGuaranteeAbove: null, setOn: '2008-04-01' };
        const proposed = await officer.put(path, loose).expect(202);
        now = new Date(now.getTime() + 48 * 3_600_000); // the deadline of the policy in force
        await as(who.secondGuaranteeOfficer).post(`/proposals/${proposed.body.proposalId}/confirm`).expect(409);
        expect(await app.get(ProposalExpiry).runDue()).toContain(proposed.body.proposalId);
        expect(await companyPolicy(companyId)).toMatchObject({
          events: 1,
          policy: { issueGuaranteeAbove: expect.anything() },
        });
        // The lock went with it: the next weakening is proposed, not refused.
        await officer.put(path, loose).expect(202);
      });
    });
  });
}
