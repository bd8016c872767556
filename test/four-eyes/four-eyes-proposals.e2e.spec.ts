import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import {
  beneficiaryModel,
  beneficiaryStreamId,
  fundModel,
  fundStreamId,
  grantModel,
  grantStreamId,
  reserveApproval,
  type GrantApproved,
} from '@ledger/cofinancing';
import { CommandPipeline } from '@ledger/event-sourcing';
import type { NewEvent } from '@ledger/event-store';
import { ProposalExpiry } from '@ledger/four-eyes';
import { Money } from '@ledger/money';
import { Clock, LedgerRuntime } from '@ledger/platform';
import {
  closeTestApp,
  newKey,
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
 * The one set of proposal routes, for both contexts: who sees and settles which proposals (by the
 * proposal's context), pages with a cursor, the old routes answering for one release with their
 * successor, an Idempotency-Key on a confirmation, and proposals recorded before the one kind
 * (old streams, old event types) listed and settled like new ones.
 */
for (const kind of testDatabaseKinds()) {
  describe(`the /proposals routes on ${kind}`, () => {
    let app: INestApplication;
    let who: TestPrincipals;
    const { config, dropSchema } = testLedgerConfig(kind);
    let now = new Date('2026-03-02T09:00:00.000Z');
    const http = () => request(app.getHttpServer());
    const as = (headers: AuthHeaders) => ({
      get: (path: string) => http().get(path).set(headers),
      post: (path: string, body: object = {}) => http().post(path).set(newKey()).set(headers).send(body),
      put: (path: string, body: object) => http().put(path).set(newKey()).set(headers).send(body),
    });
    const head = async () => (await http().get('/health').expect(200)).body.headPosition as string;

    beforeAll(async () => {
      app = await createApp(config, { logger: false });
      await app.init();
      await authenticate(app);
      who = await testPrincipals(app);
      jest.spyOn(app.get(Clock), 'now').mockImplementation(() => now);
    });
    afterAll(() => closeTestApp(app, dropSchema));

    /** A fund whose approvals above 100,000 MAD need a second fund manager, and a grant of 135,000 MAD proposed. */
    async function cofinancingProposal() {
      const ids = { ...(await setUpFund(app, 1_000_000)), beneficiaryId: await enrolConsortium(app) };
      await as(who.fundManager)
        .put(`/cofinancing/funds/${ids.fundId}/approval-policy`, {
          approveGrantAbove: madJson(100_000),
          proposalTtlHours: 48,
          setOn: '2021-01-01',
        })
        .expect(200);
      const grantId = await requestGrant(app, ids, 180_000, '2021-05-03');
      const proposed = await as(who.fundManager)
        .post(`/cofinancing/grants/${grantId}/approval`, { approvedOn: '2021-05-10' })
        .expect(202);
      return { ...ids, grantId, proposalId: proposed.body.proposalId as string };
    }

    let companies = 0;
    /** A company whose issuances above 100,000,000 XOF guaranteed need a second officer, and one proposed. */
    async function guaranteesProposal() {
      const officer = as(who.guaranteeOfficer);
      const company = await officer
        .post('/guarantee-companies', {
          name: `SCM routes ${++companies}`,
          currency: 'XOF',
          registeredOn: '2008-01-15',
        })
        .expect(201);
      const companyId = company.body.companyId as string;
      const member = await officer
        .post(`/guarantee-companies/${companyId}/members`, { name: 'GIE', admittedOn: '2008-02-01' })
        .expect(201);
      const memberPath = `/guarantee-companies/${companyId}/members/${member.body.memberId}`;
      await officer
        .post(`${memberPath}/capital-subscriptions`, { amount: xof(100_000), subscribedOn: '2008-02-01' })
        .expect(201);
      await officer.post(`${memberPath}/capital-payments`, { amount: xof(100_000), paidOn: '2008-02-15' }).expect(201);
      await officer
        .post(`/guarantee-companies/${companyId}/fund-deposits`, {
          bankId: 'CNCAS',
          amount: xof(340_000_000),
          termDepositReference: `DAT-R-${companies}`,
          depositedOn: '2008-03-01',
        })
        .expect(201);
      const convention = await officer
        .post('/bank-conventions', {
          companyId,
          bankId: 'CNCAS',
          multiplier: '1000000000/340000000',
          coverageRateBp: 5000,
          ceilingBasis: 'loan-principal',
          validFrom: '2008-04-01',
          validUntil: '2010-12-31',
          signedOn: '2008-03-20',
        })
        .expect(201);
      await officer
        .put(`/guarantee-companies/${companyId}/approval-policy`, {
          issueGuaranteeAbove: xof(100_000_000),
          correctionsNeedSecondPerson: false,
          proposalTtlHours: 48,
          setOn: '2008-03-01',
        })
        .expect(200);
      const proposed = await officer
        .post(`/bank-conventions/${convention.body.conventionId}/guarantees`, {
          memberId: member.body.memberId,
          loanReference: `CNCAS-R-${companies}`,
          principal: xof(300_000_000),
          loanStartDate: '2008-05-01',
          maturityDate: '2010-05-01',
          issuedOn: '2008-05-01',
        })
        .expect(202);
      return {
        companyId,
        memberId: member.body.memberId as string,
        conventionId: convention.body.conventionId as string,
        proposalId: proposed.body.proposalId as string,
      };
    }

    it('each role sees and settles the proposals of its own context; a bank none', async () => {
      const co = await cofinancingProposal();
      const gu = await guaranteesProposal();
      const ids = (res: request.Response) => (res.body.items as { proposalId: string }[]).map((p) => p.proposalId);

      // Without `context`: every context the caller may read.
      const managers = await as(who.fundManager).get('/proposals?status=pending&limit=200').expect(200);
      expect(ids(managers)).toContain(co.proposalId);
      expect(ids(managers)).not.toContain(gu.proposalId);
      const officers = await as(who.guaranteeOfficer).get('/proposals?status=pending&limit=200').expect(200);
      expect(ids(officers)).toEqual(expect.arrayContaining([gu.proposalId]));
      expect(ids(officers)).not.toContain(co.proposalId);
      const auditors = await as(who.auditor).get('/proposals?status=pending&limit=200').expect(200);
      expect(ids(auditors)).toEqual(expect.arrayContaining([co.proposalId, gu.proposalId]));
      await as(who.admin).get(`/proposals/${gu.proposalId}`).expect(200);

      // Another context's proposals are closed, as its routes are.
      await as(who.fundManager).get('/proposals?context=guarantees').expect(403);
      await as(who.fundManager).get(`/proposals/${gu.proposalId}`).expect(403);
      await as(who.guaranteeOfficer).get(`/proposals/${co.proposalId}`).expect(403);
      await as(who.bank('CNCAS')).get('/proposals').expect(403);
      await as(who.bank('CNCAS')).get(`/proposals/${gu.proposalId}`).expect(403);
      expect((await as(who.auditor).get('/proposals?context=nowhere').expect(400)).body.fields).toEqual([
        { field: 'context', reasons: [expect.stringContaining('cofinancing, guarantees')] },
      ]);

      // Settling needs the proposal's own context: nothing is written otherwise.
      const before = await head();
      await as(who.secondGuaranteeOfficer).post(`/proposals/${co.proposalId}/confirm`).expect(403);
      await as(who.secondFundManager).post(`/proposals/${gu.proposalId}/decline`, { reason: 'not ours' }).expect(403);
      await as(who.admin).post(`/proposals/${co.proposalId}/confirm`).expect(403);
      await as(who.auditor).post(`/proposals/${gu.proposalId}/confirm`).expect(403);
      expect(await head()).toBe(before);

      const confirmed = await as(who.secondFundManager).post(`/proposals/${co.proposalId}/confirm`).expect(200);
      expect(confirmed.body).toMatchObject({
        proposalId: co.proposalId,
        status: 'confirmed',
        context: 'cofinancing',
        action: 'approve-grant',
        grantId: co.grantId,
        subsidy: madJson(135_000),
        released: madJson(135_000),
      });
      const declined = await as(who.secondGuaranteeOfficer)
        .post(`/proposals/${gu.proposalId}/decline`, { reason: '  ' })
        .expect(400);
      // A blank reason is refused at the edge, like every blank text, naming the field.
      expect(declined.body).toMatchObject({ error: 'validation-failed', fields: [{ field: 'reason' }] });
      await as(who.guaranteeOfficer).post(`/proposals/${gu.proposalId}/decline`, { reason: 'withdrawn' }).expect(200);
      expect((await as(who.auditor).get(`/proposals/${gu.proposalId}`).expect(200)).body).toMatchObject({
        context: 'guarantees',
        status: 'declined',
        settledBy: who.userIds.guaranteeOfficer,
        reason: 'withdrawn',
        subjects: { companyId: gu.companyId, conventionId: gu.conventionId },
        reservations: { principal: xof(300_000_000), guaranteed: xof(150_000_000), fund: xof(0) },
      });
    });

    it('pages with a cursor, oldest first, every proposal once', async () => {
      for (let i = 0; i < 3; i++) await cofinancingProposal();
      const all = await as(who.auditor).get('/proposals?context=cofinancing&limit=200').expect(200);
      expect(all.body.nextCursor).toBeUndefined();
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await as(who.auditor)
          .get(`/proposals?context=cofinancing&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
          .expect(200);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...(page.body.items as { proposalId: string }[]).map((p) => p.proposalId));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual((all.body.items as { proposalId: string }[]).map((p) => p.proposalId));
      await as(who.auditor).get('/proposals?cursor=abc').expect(400);
      await as(who.auditor).get('/proposals?limit=201').expect(400);
    });

    it('a confirmation with an Idempotency-Key is answered once, the same on a retry', async () => {
      const co = await cofinancingProposal();
      const confirm = () =>
        http()
          .post(`/proposals/${co.proposalId}/confirm`)
          .set(who.secondFundManager)
          .set('Idempotency-Key', `confirm-${co.proposalId}`)
          .send({});
      const first = await confirm().expect(200);
      const again = await confirm().expect(200);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.text).toBe(first.text);
    });

    it('the old routes answer for one release, naming their successor', async () => {
      const co = await cofinancingProposal();
      const list = await as(who.fundManager).get(`/cofinancing/proposals?fundId=${co.fundId}`).expect(200);
      expect(list.headers.deprecation).toBe('true');
      expect(list.headers.link).toBe('</proposals?context=cofinancing>; rel="successor-version"');
      // The old shape: `{ proposals }`, the subjects as fields of their own.
      expect(list.body.proposals).toEqual([
        expect.objectContaining({ proposalId: co.proposalId, fundId: co.fundId, grantId: co.grantId }),
      ]);
      const one = await as(who.fundManager).get(`/cofinancing/proposals/${co.proposalId}`).expect(200);
      expect(one.headers.link).toBe(`</proposals/${co.proposalId}>; rel="successor-version"`);
      // Another context's old routes do not know it.
      await as(who.guaranteeOfficer).get(`/guarantees/proposals/${co.proposalId}`).expect(404);
      await as(who.secondGuaranteeOfficer).post(`/guarantees/proposals/${co.proposalId}/confirmation`).expect(404);
      const confirmed = await as(who.secondFundManager)
        .post(`/cofinancing/proposals/${co.proposalId}/confirmation`)
        .expect(200);
      expect(confirmed.headers.deprecation).toBe('true');
      expect(confirmed.headers.link).toBe(`</proposals/${co.proposalId}/confirmation>; rel="successor-version"`);
      expect(confirmed.body).toMatchObject({ status: 'confirmed', subsidy: madJson(135_000) });

      // The fund's policy: PUT, as the company's; the old POST still answers 201, deprecated (a
      // tightening: a weakening would wait for a second person, 202).
      const policy = await as(who.fundManager)
        .post(`/cofinancing/funds/${co.fundId}/approval-policy`, {
          approveGrantAbove: madJson(50_000),
          proposalTtlHours: 24,
          setOn: '2021-02-01',
        })
        .expect(201);
      expect(policy.headers.deprecation).toBe('true');
      expect(policy.headers.link).toBe(`</cofinancing/funds/${co.fundId}/approval-policy>; rel="successor-version"`);
    });

    it('a co-financing proposal recorded before the one kind is listed, confirmed and released like a new one', async () => {
      const ids = { ...(await setUpFund(app, 1_000_000)), beneficiaryId: await enrolConsortium(app) };
      await as(who.fundManager)
        .put(`/cofinancing/funds/${ids.fundId}/approval-policy`, {
          approveGrantAbove: madJson(100_000),
          proposalTtlHours: 48,
          setOn: '2021-01-01',
        })
        .expect(200);
      const grantId = await requestGrant(app, ids, 180_000, '2021-05-03');
      const proposalId = randomUUID();
      await recordOldApprovalProposal({ ...ids, grantId, proposalId });

      const listed = await as(who.fundManager)
        .get(`/proposals?context=cofinancing&subject=grantId:${grantId}`)
        .expect(200);
      expect(listed.body.items).toEqual([
        expect.objectContaining({
          proposalId,
          action: 'approve-grant',
          status: 'pending',
          reserved: madJson(135_000),
          threshold: madJson(100_000),
          proposedBy: who.userIds.fundManager,
          command: { type: 'ApproveGrant', grantId, approvedOn: '2021-05-10' },
        }),
      ]);
      // Its reservation counts: the fund shows it beside its balances.
      expect((await as(who.fundManager).get(`/cofinancing/funds/${ids.fundId}`).expect(200)).body.reserved).toEqual(
        madJson(135_000),
      );
      await as(who.fundManager).post(`/proposals/${proposalId}/confirm`).expect(403); // its proposer
      const confirmed = await as(who.secondFundManager).post(`/proposals/${proposalId}/confirm`).expect(200);
      expect(confirmed.body).toMatchObject({
        status: 'confirmed',
        subsidy: madJson(135_000),
        released: madJson(135_000),
      });
      // The settlement went to the old stream, as an event of the one kind.
      const runtime = app.get(LedgerRuntime);
      const old = await runtime.store.readStream(`cofinancing-proposal-${proposalId}`);
      expect(old.map((event) => event.type)).toEqual(['cofinancing.ApprovalProposed', 'ledger.ProposalConfirmed']);
      const fund = (await as(who.fundManager).get(`/cofinancing/funds/${ids.fundId}`).expect(200)).body;
      expect(fund).toMatchObject({ committed: madJson(135_000), reserved: madJson(0) });
    });

    it('an old guarantees proposal past its deadline is expired by the one scheduler', async () => {
      const gu = await guaranteesProposal();
      // The one just proposed is new; its old twin is written as the old service wrote it.
      const proposalId = randomUUID();
      await recordOldIssuanceProposal(gu, proposalId);
      const pending = await as(who.guaranteeOfficer)
        .get(`/proposals?context=guarantees&status=pending&subject=companyId:${gu.companyId}`)
        .expect(200);
      expect((pending.body.items as { proposalId: string }[]).map((p) => p.proposalId)).toEqual([
        gu.proposalId,
        proposalId,
      ]);
      now = new Date(now.getTime() + 48 * 3_600_000);
      const expired = await app.get(ProposalExpiry).runDue();
      expect(expired).toEqual(expect.arrayContaining([gu.proposalId, proposalId]));
      expect(await app.get(ProposalExpiry).runDue()).toEqual([]);
      const company = (await as(who.guaranteeOfficer).get(`/guarantee-companies/${gu.companyId}`).expect(200)).body;
      expect(company.reserved).toMatchObject({ pendingProposals: 0, headroom: xof(0) });
      const old = await app.get(LedgerRuntime).store.readStream(`guarantees-proposal-${proposalId}`);
      expect(old.map((event) => event.type)).toEqual(['guarantees.ApprovalProposed', 'ledger.ProposalExpired']);
    });

    // ---- the old service's records, written as it wrote them ------------------------------------

    const metadata = () => ({
      actor: who.userIds.fundManager,
      role: 'fund_manager',
      correlationId: randomUUID(),
      causationId: null,
      idempotencyKey: null,
    });
    const event = (type: string, data: object, on: string): NewEvent => ({
      id: randomUUID(),
      type,
      schemaVersion: 1,
      businessTime: new Date(`${on}T00:00:00.000Z`),
      data: data as NewEvent['data'],
      metadata: metadata(),
    });

    async function recordOldApprovalProposal(ids: {
      fundId: string;
      windowId: string;
      beneficiaryId: string;
      grantId: string;
      proposalId: string;
    }) {
      const runtime = app.get(LedgerRuntime);
      const subsidy = Money.ofMinor(13_500_000n, 'MAD');
      const approved = { ...ids, participationYear: 1, subsidy } as unknown as GrantApproved;
      const reservation = reserveApproval(approved, ids.proposalId, Money.ofMinor(100_000_000n, 'MAD'));
      const on = '2021-05-10';
      const subject = async (streamId: string, events: readonly NewEvent[]) => ({
        streamId,
        expectedRevision: (await runtime.store.streamRevision(streamId)) ?? ('no_stream' as const),
        events,
      });
      const encode =
        <E extends { type: string }>(catalog: { encode: (e: E) => { type: string; data: object } }) =>
        (e: E) => {
          const encoded = catalog.encode(e);
          return event(encoded.type, encoded.data, on);
        };
      await runtime.store.appendToStreams([
        await subject(fundStreamId(ids.fundId), reservation.fund.map(encode(fundModel.catalog))),
        await subject(
          beneficiaryStreamId(ids.beneficiaryId),
          reservation.beneficiary.map(encode(beneficiaryModel.catalog)),
        ),
        await subject(grantStreamId(ids.grantId), reservation.grant.map(encode(grantModel.catalog))),
        {
          streamId: `cofinancing-proposal-${ids.proposalId}`,
          expectedRevision: 'no_stream',
          events: [
            event(
              'cofinancing.ApprovalProposed',
              {
                proposalId: ids.proposalId,
                fundId: ids.fundId,
                grantId: ids.grantId,
                beneficiaryId: ids.beneficiaryId,
                windowId: ids.windowId,
                participationYear: 1,
                amount: madJson(135_000),
                proposedBy: who.userIds.fundManager,
                proposedByRole: 'fund_manager',
                proposedAt: now.toISOString(),
                expiresAt: new Date(now.getTime() + 48 * 3_600_000).toISOString(),
                action: 'approve-grant',
                command: { type: 'ApproveGrant', grantId: ids.grantId, approvedOn: on },
                threshold: madJson(100_000),
              },
              on,
            ),
          ],
        },
      ]);
      // Written behind the pipeline's back: it must read these streams again.
      app.get(CommandPipeline).forget();
      await runtime.waitForProjections(await runtime.store.headPosition());
    }

    /** A pending issuance as the old service recorded it: the proposal alone (its loan and headroom left free). */
    async function recordOldIssuanceProposal(
      gu: { companyId: string; conventionId: string; memberId: string },
      id: string,
    ) {
      const runtime = app.get(LedgerRuntime);
      const zero = xof(0);
      await runtime.store.appendToStream(
        `guarantees-proposal-${id}`,
        [
          event(
            'guarantees.ApprovalProposed',
            {
              proposalId: id,
              action: 'issue-guarantee',
              companyId: gu.companyId,
              conventionId: gu.conventionId,
              issue: {
                guaranteeId: randomUUID(),
                conventionId: gu.conventionId,
                bankId: 'CNCAS',
                memberId: gu.memberId,
                loanReference: `CNCAS-OLD-${id}`,
                principal: xof(200_000_000),
                loanStartDate: '2008-05-01',
                maturityDate: '2010-05-01',
                issuedOn: '2008-05-01',
              },
              reverseDeposit: null,
              reverseRepayment: null,
              reservedPrincipal: zero,
              reservedGuaranteed: zero,
              reservedFund: zero,
              reserved: zero,
              threshold: xof(100_000_000),
              proposedBy: who.userIds.guaranteeOfficer,
              proposedByRole: 'guarantee_officer',
              proposedAt: now.toISOString(),
              expiresAt: new Date(now.getTime() + 24 * 3_600_000).toISOString(),
            },
            '2008-05-01',
          ),
        ],
        { expectedRevision: 'no_stream' },
      );
      await runtime.waitForProjections(await runtime.store.headPosition());
    }
  });
}
