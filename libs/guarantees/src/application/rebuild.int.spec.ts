import { randomUUID } from 'node:crypto';
import type { ProjectionRunner } from '@ledger/event-sourcing';
import { Ratio } from '@ledger/money';
import { testDatabaseKinds } from '@ledger/testing';
import { AmendConventionCommand } from './commands/amend-convention.command';
import { CallGuaranteeCommand } from './commands/call-guarantee.command';
import { IssueGuaranteeCommand } from './commands/issue-guarantee.command';
import { PayClaimCommand } from './commands/pay-claim.command';
import { RecordMemberDepartureCommand } from './commands/record-member-departure.command';
import { RecordRecoveryCommand } from './commands/record-recovery.command';
import { RecordRepaymentCommand } from './commands/record-repayment.command';
import { RegisterCompanyCommand } from './commands/register-company.command';
import { RegisterFederationCommand } from './commands/register-federation.command';
import { TerminateConventionCommand } from './commands/terminate-convention.command';
import { WithdrawGuaranteeFundCommand } from './commands/withdraw-guarantee-fund.command';
import { DepositGuaranteeFundCommand } from './commands/deposit-guarantee-fund.command';
import { AdmitMemberCommand } from './commands/admit-member.command';
import { ReverseDepositCommand } from './commands/reverse-deposit.command';
import { ReverseRepaymentCommand } from './commands/reverse-repayment.command';
import { Clock } from '@ledger/platform';
import { companyModel, streamIds } from '../domain';
import { FourEyes } from '@ledger/four-eyes';
import { SetCompanyApprovalPolicyCommand } from './commands/four-eyes.commands';
import {
  context,
  openGuaranteesApp,
  readModelRows,
  senegalCompany,
  xof,
  type GuaranteesTestApp,
} from './int-test-support';

for (const kind of testDatabaseKinds()) {
  describe(`rebuilding the guarantees read models, on ${kind}`, () => {
    let t: GuaranteesTestApp;

    beforeAll(async () => {
      t = await openGuaranteesApp(kind);
    });
    afterAll(() => t.close());

    it('gives rows identical to the live projection after a full life of companies and guarantees', async () => {
      const { commands } = t;
      const { federationId } = await commands.execute(
        new RegisterFederationCommand(
          { federationId: randomUUID(), name: 'Fédération', currency: 'XOF', registeredOn: '2008-01-01' },
          context,
        ),
      );
      const kaolack = await commands.execute(
        new RegisterCompanyCommand(
          {
            type: 'RegisterCompany',
            companyId: randomUUID(),
            name: 'SCM de Kaolack',
            currency: 'XOF',
            federationId,
            registeredOn: '2008-01-20',
          },
          context,
        ),
      );
      const { companyId, conventionId, members } = await senegalCompany(commands, 4);
      const { depositId } = await commands.execute(
        new DepositGuaranteeFundCommand(
          {
            type: 'DepositGuaranteeFund',
            companyId,
            depositId: randomUUID(),
            bankId: 'BICIS',
            amount: xof(10_000_001),
            termDepositReference: 'DAT-2',
            depositedOn: '2008-03-02',
            maturesOn: '2009-03-02',
          },
          context,
        ),
      );
      await commands.execute(
        new WithdrawGuaranteeFundCommand(
          { type: 'WithdrawGuaranteeFund', companyId, depositId, amount: xof(10_000_001), withdrawnOn: '2008-03-03' },
          context,
        ),
      );
      const issue = (memberId: string, principal: number, loanReference: string, issuedOn = '2008-05-01') =>
        commands.execute(
          new IssueGuaranteeCommand(
            {
              conventionId,
              memberId,
              loanReference,
              principal: xof(principal),
              loanStartDate: issuedOn,
              maturityDate: '2010-05-01',
              issuedOn,
            },
            context,
          ),
        );
      const a = await issue(members[0], 300_000_001, 'L-A');
      const b = await issue(members[1], 200_000_000, 'L-B');
      const c = await issue(members[2], 100_000_000, 'L-C');
      await commands.execute(
        new RecordRepaymentCommand(
          { guaranteeId: a.guaranteeId, amount: xof(33_333_333), repaidOn: '2008-09-01' },
          context,
        ),
      );
      await commands.execute(
        new RecordRepaymentCommand(
          { guaranteeId: c.guaranteeId, amount: xof(100_000_000), repaidOn: '2008-10-01' },
          context,
        ),
      );
      // Corrections: a repayment on the wrong loan, a deposit booked to the wrong company.
      await commands.execute(
        new RecordRepaymentCommand(
          { guaranteeId: a.guaranteeId, amount: xof(1_000_000), repaidOn: '2008-09-15' },
          context,
        ),
      );
      const aEvents = await t.runtime.store.readStream(streamIds.guarantee(a.guaranteeId));
      const mistaken = aEvents.filter((event) => event.type === 'guarantees.LoanRepaymentRecorded').pop();
      await commands.execute(
        new ReverseRepaymentCommand(
          {
            guaranteeId: a.guaranteeId,
            repaymentEventId: mistaken?.id ?? '',
            reason: 'wrong loan',
            correctedOn: '2008-09-20',
          },
          context,
        ),
      );
      const misbooked = await commands.execute(
        new DepositGuaranteeFundCommand(
          {
            type: 'DepositGuaranteeFund',
            companyId,
            depositId: randomUUID(),
            bankId: 'CNCAS',
            amount: xof(5_000_000),
            termDepositReference: 'DAT-3',
            depositedOn: '2008-09-01',
            maturesOn: null,
          },
          context,
        ),
      );
      await commands.execute(
        new ReverseDepositCommand(
          {
            companyId,
            depositId: misbooked.depositId,
            reason: 'Kaolack’s deposit',
            correctedOn: '2008-09-20',
            moveTo: { companyId: kaolack.companyId, depositId: 'moved-dat-3' },
          },
          context,
        ),
      );
      await commands.execute(new CallGuaranteeCommand({ guaranteeId: b.guaranteeId, calledOn: '2008-11-01' }, context));
      await commands.execute(
        new PayClaimCommand({ guaranteeId: b.guaranteeId, amount: xof(60_000_000), paidOn: '2008-12-01' }, context),
      );
      await commands.execute(
        new PayClaimCommand({ guaranteeId: b.guaranteeId, amount: null, paidOn: '2008-12-15' }, context),
      );
      await commands.execute(
        new RecordRecoveryCommand(
          { guaranteeId: b.guaranteeId, amount: xof(100_000_000), receivedOn: '2009-02-01' },
          context,
        ),
      );
      await commands.execute(
        new AmendConventionCommand(
          {
            conventionId,
            effectiveFrom: '2009-01-01',
            amendedOn: '2008-12-20',
            multiplier: Ratio.parseDecimal('2.5'),
            maxGuaranteedPerLoan: xof(50_000_000),
          },
          context,
        ),
      );
      await issue(members[3], 80_000_000, 'L-D', '2009-03-01');
      await commands.execute(
        new RecordMemberDepartureCommand(
          { type: 'RecordMemberDeparture', companyId, memberId: members[2], leftOn: '2009-04-01' },
          context,
        ),
      );
      // Four-eyes: issuances above 30,000,000 guaranteed and every correction need a second officer.
      await commands.execute(
        new SetCompanyApprovalPolicyCommand(
          {
            companyId,
            issueGuaranteeAbove: xof(30_000_000),
            correctionsNeedSecondPerson: true,
            proposalTtlHours: 24,
            setOn: '2009-04-02',
          },
          context,
        ),
      );
      const second = { ...context, actor: 'int-test-second' };
      const fourEyes = t.app.get(FourEyes);
      const propose = (memberId: string, principal: number, loanReference: string) =>
        issue(memberId, principal, loanReference, '2009-04-03') as Promise<{ proposalId: string; guaranteeId: string }>;
      const confirmed = await propose(members[0], 80_000_000, 'L-E');
      await fourEyes.confirm(confirmed.proposalId, second);
      const declined = await propose(members[1], 70_000_000, 'L-F');
      await fourEyes.decline(declined.proposalId, 'file incomplete', second);
      const pending = await propose(members[1], 64_000_000, 'L-G');
      const wrong = await commands.execute(
        new DepositGuaranteeFundCommand(
          {
            type: 'DepositGuaranteeFund',
            companyId,
            depositId: randomUUID(),
            bankId: 'CNCAS',
            amount: xof(1_000_000),
            termDepositReference: 'DAT-4',
            depositedOn: '2009-04-03',
            maturesOn: null,
          },
          context,
        ),
      );
      const depositReversal = (await commands.execute(
        new ReverseDepositCommand(
          { companyId, depositId: wrong.depositId, reason: 'duplicate', correctedOn: '2009-04-04', moveTo: null },
          context,
        ),
      )) as { proposalId: string };
      await fourEyes.confirm(depositReversal.proposalId, second);
      await commands.execute(
        new RecordRepaymentCommand(
          { guaranteeId: confirmed.guaranteeId, amount: xof(5_000_000), repaidOn: '2009-04-05' },
          context,
        ),
      );
      const eEvents = await t.runtime.store.readStream(streamIds.guarantee(confirmed.guaranteeId));
      const repaidE = eEvents.filter((event) => event.type === 'guarantees.LoanRepaymentRecorded').pop();
      const repaymentReversal = (await commands.execute(
        new ReverseRepaymentCommand(
          {
            guaranteeId: confirmed.guaranteeId,
            repaymentEventId: repaidE?.id ?? '',
            reason: 'wrong loan',
            correctedOn: '2009-04-06',
          },
          context,
        ),
      )) as { proposalId: string };
      // Left unconfirmed past its deadline: it expires and releases its reservation.
      const clock = jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => new Date(Date.now() + 25 * 3_600_000));
      const expired = await fourEyes.expire(repaymentReversal.proposalId, context);
      clock.mockRestore();
      expect(expired.expired).toBe(true);

      await commands.execute(
        new TerminateConventionCommand({ conventionId, terminatedOn: '2009-06-30', reason: 'renegotiation' }, context),
      );

      await t.runtime.waitForProjections(await t.runtime.store.headPosition());
      const live = await readModelRows(t.runtime);
      expect(live.guarantees).toHaveLength(5);
      const proposals: { proposal_id: string; status: string }[] = await t.runtime.dataSource.query(
        `SELECT proposal_id, status FROM ledger_proposals WHERE context = 'guarantees'`,
      );
      expect(proposals.map((row) => [row.proposal_id, row.status])).toEqual(
        expect.arrayContaining([
          [confirmed.proposalId, 'confirmed'],
          [declined.proposalId, 'declined'],
          [pending.proposalId, 'pending'],
          [depositReversal.proposalId, 'confirmed'],
          [repaymentReversal.proposalId, 'expired'],
        ]),
      );
      const [company] = live.guarantee_companies.filter(
        (row) => (row as { company_id: string }).company_id === companyId,
      );
      expect(company).toMatchObject({
        fund_balance: '340000000',
        claims_paid: '100000000',
        recoveries: '100000000',
        members_active: 3,
        guarantees_issued: 5,
      });

      const runner = t.runtime.projections.find((p) => p.name === 'guarantees.read-models') as ProjectionRunner;
      // Lose rows behind the running projection's back: only a replay from 0 brings them back.
      await t.runtime.dataSource.query('DELETE FROM guarantees');
      expect((await readModelRows(t.runtime)).guarantees).toEqual([]);
      await expect(runner.reset()).rejects.toThrow(/running/);
      await runner.rebuild();
      expect(runner.isRunning).toBe(true);
      expect(await readModelRows(t.runtime)).toEqual(live);
    });

    it('loads a long company stream from its snapshot to the same state as a full replay', async () => {
      const { companyId } = await t.commands.execute(
        new RegisterCompanyCommand(
          {
            type: 'RegisterCompany',
            companyId: randomUUID(),
            name: 'SCM de Louga',
            currency: 'XOF',
            federationId: null,
            registeredOn: '2008-01-01',
          },
          context,
        ),
      );
      // A four-eyes policy and a pending reservation, before the snapshot: it must carry them.
      await t.commands.execute(
        new SetCompanyApprovalPolicyCommand(
          {
            companyId,
            issueGuaranteeAbove: xof(1_000),
            correctionsNeedSecondPerson: true,
            proposalTtlHours: 720,
            setOn: '2008-01-01',
          },
          context,
        ),
      );
      const { depositId } = await t.commands.execute(
        new DepositGuaranteeFundCommand(
          {
            type: 'DepositGuaranteeFund',
            companyId,
            depositId: randomUUID(),
            bankId: 'CNCAS',
            amount: xof(5_000),
            termDepositReference: 'DAT-L',
            depositedOn: '2008-01-02',
            maturesOn: null,
          },
          context,
        ),
      );
      await t.commands.execute(
        new ReverseDepositCommand(
          { companyId, depositId, reason: 'duplicate', correctedOn: '2008-01-03', moveTo: null },
          context,
        ),
      );
      for (let i = 0; i < 120; i++) {
        await t.commands.execute(
          new AdmitMemberCommand(
            { type: 'AdmitMember', companyId, memberId: randomUUID(), name: `Firm ${i}`, admittedOn: '2008-02-01' },
            context,
          ),
        );
      }
      const streamId = streamIds.company(companyId);
      const [snapshot] = await t.runtime.dataSource.query(
        'SELECT stream_revision FROM ledger_snapshots WHERE stream_id = $1',
        [streamId],
      );
      expect(snapshot.stream_revision).toBe('99');
      const fromSnapshot = await t.runtime.repository.load(streamId, companyModel);
      const fullReplay = await t.runtime.repository.load(streamId, { ...companyModel, snapshot: undefined });
      expect(fromSnapshot).toEqual(fullReplay);
      expect(fromSnapshot.revision).toBe(123n);
      const state = fromSnapshot.state;
      if (state.status !== 'registered') throw new Error('company missing');
      expect(state.approvalPolicy).toMatchObject({ issueGuaranteeAbove: xof(1_000), proposalTtlHours: 720 });
      expect(Object.values(state.reservations)).toEqual([
        expect.objectContaining({ action: 'reverse-deposit', depositId, fund: xof(5_000) }),
      ]);
    });
  });
}
