import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@ledger/event-store';
import type { Projection } from '@ledger/event-sourcing';
import { FourEyes, proposalReadModels } from '@ledger/four-eyes';
import { BasisPoints, Ratio } from '@ledger/money';
import { Clock } from '@ledger/platform';
import { testDatabaseKinds } from '@ledger/testing';
import { streamIds } from '../../domain';
import { AmendConventionCommand } from '../commands/amend-convention.command';
import { CallGuaranteeCommand } from '../commands/call-guarantee.command';
import { DepositGuaranteeFundCommand } from '../commands/deposit-guarantee-fund.command';
import { SetCompanyApprovalPolicyCommand } from '../commands/four-eyes.commands';
import { IssueGuaranteeCommand } from '../commands/issue-guarantee.command';
import { PayClaimCommand } from '../commands/pay-claim.command';
import { RecordMemberDepartureCommand } from '../commands/record-member-departure.command';
import { RecordRecoveryCommand } from '../commands/record-recovery.command';
import { RecordRepaymentCommand } from '../commands/record-repayment.command';
import { RegisterCompanyCommand } from '../commands/register-company.command';
import { RegisterFederationCommand } from '../commands/register-federation.command';
import { ReverseDepositCommand } from '../commands/reverse-deposit.command';
import { ReverseRepaymentCommand } from '../commands/reverse-repayment.command';
import { SignConventionCommand } from '../commands/sign-convention.command';
import { TerminateConventionCommand } from '../commands/terminate-convention.command';
import { WithdrawGuaranteeFundCommand } from '../commands/withdraw-guarantee-fund.command';
import { guaranteesFourEyes } from '../four-eyes/guarantees-four-eyes';
import { context, openGuaranteesApp, senegalCompany, xof, type GuaranteesTestApp } from '../int-test-support';
import { GUARANTEES_TABLES, GuaranteesProjection } from './guarantees.projection';

const KEYS: Record<string, string> = {
  guarantee_federations: 'federation_id',
  guarantee_companies: 'company_id',
  guarantee_members: 'company_id, member_id',
  guarantee_fund_deposits: 'company_id, deposit_id',
  guarantee_conventions: 'convention_id',
  guarantees: 'guarantee_id',
  ledger_proposals: 'proposal_id',
};
const TABLES = [...GUARANTEES_TABLES, 'ledger_proposals'];
const MAX_AMOUNT = (10n ** 30n - 1n).toString();

class RolledBack extends Error {
  constructor(readonly rows: Record<string, unknown[]>) {
    super('rolled back');
  }
}

for (const kind of testDatabaseKinds()) {
  describe(`guarantees and proposals read models applied a page at a time, on ${kind}`, () => {
    let t: GuaranteesTestApp;
    let events: RecordedEvent[];
    const projections: Projection[] = [
      new GuaranteesProjection(),
      ...proposalReadModels([guaranteesFourEyes]).projections,
    ];

    /** The rows the projections leave from empty tables, page by page, in a transaction rolled back. */
    async function rowsAfter(pages: readonly (readonly RecordedEvent[])[]): Promise<Record<string, unknown[]>> {
      try {
        await t.runtime.dataSource.transaction(async (manager: EntityManager) => {
          for (const table of TABLES) await manager.query(`DELETE FROM ${table}`);
          for (const page of pages) {
            for (const projection of projections) await projection.applyBatch?.(page, manager);
          }
          const rows: Record<string, unknown[]> = {};
          for (const table of TABLES) {
            rows[table] = await manager.query(`SELECT * FROM ${table} ORDER BY ${KEYS[table]}`);
          }
          throw new RolledBack(rows);
        });
      } catch (error) {
        if (error instanceof RolledBack) return error.rows;
        throw error;
      }
      throw new Error('not rolled back');
    }

    beforeAll(async () => {
      t = await openGuaranteesApp(kind);
      await companiesLife(t);
      events = await t.runtime.store.readAll({ afterPosition: 0n, maxCount: 100_000 });
    });
    afterAll(() => t.close());

    it('leaves the rows of one event at a time whatever the page splits', async () => {
      const oneByOne = await rowsAfter(events.map((event) => [event]));
      // The live rows (the runner's pages) and the figures worth looking at: a convention whose
      // capacity is capped, one whose fund moved with another of the same company, a call.
      const live = await readLive(t);
      expect(oneByOne).toEqual(live);
      expect(oneByOne.guarantee_conventions).toEqual(
        expect.arrayContaining([expect.objectContaining({ capacity: MAX_AMOUNT, headroom: MAX_AMOUNT })]),
      );
      expect(oneByOne.guarantees).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            status: 'called',
            claim_paid: '100000000',
            claim_last_paid_on: '2008-12-15',
            last_recovered_on: '2009-02-01',
          }),
          // Issued as ' l-c ': stored by the one rule (normalizeLoanReference).
          expect.objectContaining({ loan_reference: 'L-C' }),
        ]),
      );
      expect(oneByOne.ledger_proposals.length).toBeGreaterThanOrEqual(5);

      await fc.assert(
        fc.asyncProperty(
          fc.uniqueArray(fc.integer({ min: 1, max: events.length - 1 }), { maxLength: 30 }),
          async (cuts) => {
            const bounds = [0, ...[...cuts].sort((a, b) => a - b), events.length];
            const pages = bounds.slice(1).map((end, i) => events.slice(bounds[i], end));
            expect(await rowsAfter(pages)).toEqual(oneByOne);
          },
        ),
        { numRuns: 20, examples: [[[]]] },
      );
    });

    it('stores a reference recorded before the normalisation rule by the rule', async () => {
      // Events recorded before the rule carry the reference as the bank typed it.
      const legacy = events.map((event) =>
        event.type === 'guarantees.GuaranteeIssued' && event.data.loanReference === 'L-A'
          ? { ...event, data: { ...event.data, loanReference: '  l-a ' } }
          : event,
      );
      expect(legacy).not.toEqual(events);
      expect(await rowsAfter([legacy])).toEqual(await rowsAfter([events]));
    });
  });
}

async function readLive(t: GuaranteesTestApp): Promise<Record<string, unknown[]>> {
  await t.runtime.waitForProjections(await t.runtime.store.headPosition());
  const rows: Record<string, unknown[]> = {};
  for (const table of TABLES) {
    rows[table] = await t.runtime.dataSource.query(`SELECT * FROM ${table} ORDER BY ${KEYS[table]}`);
  }
  return rows;
}

/**
 * Two companies of a federation, three conventions (two on one fund, one whose capacity reaches
 * the bound), guarantees issued, repaid, released, called, paid and recovered, corrections, a
 * member leaving, and four-eyes proposals confirmed, declined, left pending and expired.
 */
async function companiesLife(t: GuaranteesTestApp): Promise<void> {
  const { commands } = t;
  const { federationId } = await commands.execute(
    new RegisterFederationCommand(
      { federationId: randomUUID(), name: 'Fédération "Sud", {Nord}\\', currency: 'XOF', registeredOn: '2008-01-01' },
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
  const { companyId, conventionId, members } = await senegalCompany(commands, 5);
  const bicis = await commands.execute(
    new SignConventionCommand(
      {
        conventionId: randomUUID(),
        companyId,
        bankId: 'BICIS',
        multiplier: Ratio.parse('3/1'),
        coverageRate: BasisPoints.of(7_000),
        ceilingBasis: 'guaranteed-amount',
        maxGuaranteedPerLoan: null,
        validFrom: '2008-04-01',
        validUntil: '2010-12-31',
        signedOn: '2008-03-25',
      },
      context,
    ),
  );
  const deposit = (company: string, amount: bigint, reference: string, on: string) =>
    commands.execute(
      new DepositGuaranteeFundCommand(
        {
          type: 'DepositGuaranteeFund',
          companyId: company,
          depositId: randomUUID(),
          bankId: 'CNCAS',
          amount: xof(amount),
          termDepositReference: reference,
          depositedOn: on,
          maturesOn: null,
        },
        context,
      ),
    );
  const { depositId } = await deposit(companyId, 10_000_001n, 'DAT-2', '2008-03-02');
  await commands.execute(
    new WithdrawGuaranteeFundCommand(
      { type: 'WithdrawGuaranteeFund', companyId, depositId, amount: xof(4_000_001), withdrawnOn: '2008-03-03' },
      context,
    ),
  );
  const issue = (convention: string, memberId: string, principal: number, loanReference: string, on = '2008-05-01') =>
    commands.execute(
      new IssueGuaranteeCommand(
        {
          conventionId: convention,
          memberId,
          loanReference,
          principal: xof(principal),
          loanStartDate: on,
          maturityDate: '2010-05-01',
          issuedOn: on,
        },
        context,
      ),
    );
  const a = await issue(conventionId, members[0], 300_000_001, 'L-A');
  const b = await issue(conventionId, members[1], 200_000_000, 'L-B');
  const c = await issue(conventionId, members[2], 100_000_000, ' l-c ');
  const d = await issue(bicis.conventionId, members[4], 90_000_000, 'B-D');
  const repay = (guaranteeId: string, amount: number, repaidOn: string) =>
    commands.execute(new RecordRepaymentCommand({ guaranteeId, amount: xof(amount), repaidOn }, context));
  await repay(a.guaranteeId, 33_333_333, '2008-09-01');
  await repay(c.guaranteeId, 100_000_000, '2008-10-01');
  await repay(d.guaranteeId, 10_000_000, '2008-10-02');
  await repay(a.guaranteeId, 1_000_000, '2008-09-15');
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
  const misbooked = await deposit(companyId, 5_000_000n, 'DAT-3', '2008-09-01');
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
  await commands.execute(new CallGuaranteeCommand({ guaranteeId: d.guaranteeId, calledOn: '2009-02-02' }, context));
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
  await issue(conventionId, members[3], 80_000_000, 'L-D', '2009-03-01');
  await commands.execute(
    new RecordMemberDepartureCommand(
      { type: 'RecordMemberDeparture', companyId, memberId: members[2], leftOn: '2009-04-01' },
      context,
    ),
  );

  // Kaolack: fund × multiplier past the largest amount, the capacity is the bound.
  await deposit(kaolack.companyId, 10n ** 29n, 'DAT-K1', '2009-01-05');
  await commands.execute(
    new SignConventionCommand(
      {
        conventionId: randomUUID(),
        companyId: kaolack.companyId,
        bankId: 'CNCAS',
        multiplier: Ratio.parse('9/1'),
        coverageRate: BasisPoints.of(5_000),
        ceilingBasis: 'loan-principal',
        maxGuaranteedPerLoan: null,
        validFrom: '2009-02-01',
        validUntil: '2012-12-31',
        signedOn: '2009-01-20',
      },
      context,
    ),
  );
  await deposit(kaolack.companyId, 10n ** 29n, 'DAT-K2', '2009-03-05');

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
    issue(conventionId, memberId, principal, loanReference, '2009-04-03') as Promise<{
      proposalId: string;
      guaranteeId: string;
    }>;
  const confirmed = await propose(members[0], 80_000_000, 'L-E');
  await fourEyes.confirm(confirmed.proposalId, second);
  const declined = await propose(members[1], 70_000_000, 'L-F');
  await fourEyes.decline(declined.proposalId, 'file incomplete, "again"', second);
  await propose(members[1], 64_000_000, 'L-G');
  const wrong = await deposit(companyId, 1_000_000n, 'DAT-4', '2009-04-03');
  const depositReversal = (await commands.execute(
    new ReverseDepositCommand(
      { companyId, depositId: wrong.depositId, reason: 'duplicate', correctedOn: '2009-04-04', moveTo: null },
      context,
    ),
  )) as { proposalId: string };
  await fourEyes.confirm(depositReversal.proposalId, second);
  await repay(confirmed.guaranteeId, 5_000_000, '2009-04-05');
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
  const clock = jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => new Date(Date.now() + 25 * 3_600_000));
  await fourEyes.expire(repaymentReversal.proposalId, context);
  clock.mockRestore();
  await commands.execute(
    new TerminateConventionCommand({ conventionId, terminatedOn: '2009-06-30', reason: 'renegotiation' }, context),
  );
}
