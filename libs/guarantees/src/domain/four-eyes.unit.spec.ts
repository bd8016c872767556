import { Money } from '@ledger/money';
import {
  companyModel,
  companySnapshot,
  decideCompany,
  GuaranteeFundDeposited,
  requireCompany,
  reverseDeposit,
} from './company';
import { conventionModel, conventionSnapshot, requireConvention } from './convention';
import {
  CorrectionPending,
  InsufficientGuaranteeFund,
  InsufficientHeadroom,
  InvalidInput,
  LoanGuaranteePending,
  MemberHasLiveGuarantees,
  ReversalWouldBreakInvariant,
  WrongCurrency,
} from './errors';
import { proposalModel, recordProposal, type Proposal, type ProposalOutcome } from '@ledger/kernel';
import {
  decideApprovalPolicy,
  issuanceThreshold,
  issueGuaranteeCommand,
  proposalTtlOf,
  releaseBankLoan,
  releaseOnCompany,
  releaseOnConvention,
  reserveDepositReversal,
  reserveIssuance,
  reserveRepaymentReversal,
} from './four-eyes';
import type { BankLoanEvent } from './guarantee';
import type { CompanyEvent } from './company';
import type { ConventionEvent } from './convention';
import { bankLoanModel, guaranteeModel, type IssuedGuarantee } from './guarantee';
import { issueGuarantee, type IssueGuarantee } from './issuance';
import { reverseRepayment } from './lifecycle';
import { GuaranteeWorld, SENEGAL, senegalCompanyEvents, senegalConventionEvents, xof } from './senegal.fixtures';

const NOW = new Date('2026-03-02T09:00:00.000Z');

/** The Senegal world (capacity 1,000,000,000 XOF) with a policy: above 100,000,000 guaranteed, two officers. */
function guardedWorld(options: { corrections?: boolean } = {}): GuaranteeWorld {
  const world = GuaranteeWorld.senegal();
  const policy = decideApprovalPolicy(
    SENEGAL.companyId,
    {
      issueGuaranteeAbove: xof(100_000_000),
      correctionsNeedSecondPerson: options.corrections ?? false,
      proposalTtlHours: 48,
      setOn: '2008-03-01',
    },
    world.company,
  );
  world.company = policy.reduce(companyModel.evolve, world.company);
  return world;
}

function issueCommand(guaranteeId: string, principal: Money, loanReference = `L-${guaranteeId}`): IssueGuarantee {
  return {
    guaranteeId,
    conventionId: SENEGAL.conventionId,
    memberId: SENEGAL.members[0],
    loanReference,
    principal,
    loanStartDate: '2008-05-01',
    maturityDate: '2010-05-01',
    issuedOn: '2008-05-01',
  };
}

/** Proposes an issuance in the world, folding its events into the streams as the append would. */
function propose(world: GuaranteeWorld, proposalId: string, command: IssueGuarantee) {
  const bankLoan = world.bankLoans.get(`CNCAS/${command.loanReference}`) ?? bankLoanModel.initialState();
  const decision = issueGuarantee(command, {
    guarantee: world.guarantee(command.guaranteeId),
    convention: world.convention,
    company: world.company,
    bankLoan,
  });
  const company = requireCompany(SENEGAL.companyId, world.company);
  const threshold = issuanceThreshold(company, decision.guaranteedAmount);
  if (threshold === null) throw new Error('expected the policy to require a second person');
  const reservation = reserveIssuance(decision, proposalId, company);
  const proposal = recordProposal({
    ...reservation,
    proposalId,
    context: 'guarantees',
    action: 'issue-guarantee',
    command: issueGuaranteeCommand.encode(command) as Proposal['command'],
    threshold,
    proposedBy: 'officer-1',
    proposedByRole: 'guarantee_officer',
    proposedAt: NOW,
    ttlHours: proposalTtlOf(company),
  });
  fold(world, reservation, command.loanReference);
  return { proposal, ...reservation };
}

interface Change {
  readonly company?: readonly CompanyEvent[];
  readonly convention?: readonly ConventionEvent[];
  readonly bankLoan?: readonly BankLoanEvent[];
}

function fold(world: GuaranteeWorld, change: Change, loan = '') {
  world.company = (change.company ?? []).reduce(companyModel.evolve, world.company);
  world.convention = (change.convention ?? []).reduce(conventionModel.evolve, world.convention);
  if (change.bankLoan && change.bankLoan.length > 0) {
    const key = `${SENEGAL.bankId}/${loan}`;
    world.bankLoans.set(
      key,
      change.bankLoan.reduce(bankLoanModel.evolve, world.bankLoans.get(key) ?? bankLoanModel.initialState()),
    );
  }
}

const model = proposalModel();

/** What an issuance proposal's release appends, per stream. */
const releaseIssuance = (proposal: Proposal, outcome: ProposalOutcome) => ({
  company: releaseOnCompany(proposal, outcome),
  convention: releaseOnConvention(proposal, outcome),
  bankLoan: releaseBankLoan(proposal, outcome),
});

describe('four-eyes in the mutual guarantee context', () => {
  describe('the approval policy', () => {
    it('is one event on the company stream, and the threshold applies strictly above it', () => {
      const world = guardedWorld();
      const company = requireCompany(SENEGAL.companyId, world.company);
      expect(company.approvalPolicy).toEqual({
        issueGuaranteeAbove: xof(100_000_000),
        correctionsNeedSecondPerson: false,
        proposalTtlHours: 48,
      });
      expect(issuanceThreshold(company, xof(100_000_000))).toBeNull();
      expect(issuanceThreshold(company, xof(100_000_001))).toEqual(xof(100_000_000));
      expect(issuanceThreshold(requireCompany(SENEGAL.companyId, GuaranteeWorld.senegal().company), xof(1))).toBeNull();
    });

    it('refuses a time to live outside 1..720 hours and a threshold in another currency', () => {
      const company = GuaranteeWorld.senegal().company;
      const policy = {
        issueGuaranteeAbove: null,
        correctionsNeedSecondPerson: true,
        proposalTtlHours: 48,
        setOn: '2008-03-01',
      };
      expect(() => decideApprovalPolicy(SENEGAL.companyId, { ...policy, proposalTtlHours: 0 }, company)).toThrow(
        InvalidInput,
      );
      expect(() => decideApprovalPolicy(SENEGAL.companyId, { ...policy, proposalTtlHours: 721 }, company)).toThrow(
        InvalidInput,
      );
      expect(() =>
        decideApprovalPolicy(SENEGAL.companyId, { ...policy, issueGuaranteeAbove: Money.ofMinor(1n, 'EUR') }, company),
      ).toThrow(WrongCurrency);
      expect(decideApprovalPolicy(SENEGAL.companyId, { ...policy, proposalTtlHours: 720 }, company)).toHaveLength(1);
    });
  });

  describe('a proposed issuance', () => {
    it('records the command and reserves its exposure on the convention, the company and the loan', () => {
      const world = guardedWorld();
      const proposed = propose(world, 'p-1', issueCommand('g-1', xof(300_000_000), 'CNCAS-1'));
      expect(proposed.proposal).toMatchObject({
        type: 'ledger.ProposalRecorded',
        context: 'guarantees',
        action: 'issue-guarantee',
        subjects: { guaranteeId: 'g-1', conventionId: SENEGAL.conventionId, bankId: 'CNCAS', loanReference: 'CNCAS-1' },
        reserved: xof(300_000_000), // loan-principal basis
        reservations: { principal: xof(300_000_000), guaranteed: xof(150_000_000), fund: xof(0) },
        threshold: xof(100_000_000),
        proposedBy: 'officer-1',
        expiresAt: '2026-03-04T09:00:00.000Z',
      });
      expect(proposed.convention[0]).toMatchObject({
        headroomBefore: xof(1_000_000_000),
        headroomAfter: xof(700_000_000),
      });
      // Nothing committed: the outstanding is untouched, the guarantee does not exist.
      const convention = requireConvention(SENEGAL.conventionId, world.convention);
      expect(convention.outstandingPrincipal.isZero()).toBe(true);
      expect(world.guarantee('g-1').status).toBe('unissued');
      // The member may not leave while it waits.
      expect(() =>
        decideCompany(
          SENEGAL.companyId,
          { type: 'RecordMemberDeparture', memberId: SENEGAL.members[0], leftOn: '2008-06-01' },
          world.company,
        ),
      ).toThrow(MemberHasLiveGuarantees);
      // The loan is locked: no second guarantee (direct or proposed) on it meanwhile.
      expect(() => world.issue({ guaranteeId: 'g-9', loanReference: 'CNCAS-1', principal: xof(1_000) })).toThrow(
        LoanGuaranteePending,
      );
    });

    it('counts against the headroom: pending proposals and direct issuances never together exceed it', () => {
      const world = guardedWorld();
      propose(world, 'p-1', issueCommand('g-1', xof(400_000_000)));
      propose(world, 'p-2', issueCommand('g-2', xof(400_000_000)));
      // 200,000,000 left of 1,000,000,000: a third proposal of 400,000,000 is refused, with the figures.
      let refused: unknown;
      try {
        propose(world, 'p-3', issueCommand('g-3', xof(400_000_000)));
      } catch (error) {
        refused = error;
      }
      expect(refused).toBeInstanceOf(InsufficientHeadroom);
      expect(refused).toMatchObject({
        headroom: xof(200_000_000),
        reserved: xof(800_000_000),
        outstanding: xof(0),
        capacity: xof(1_000_000_000),
      });
      // A direct issuance (under the threshold) may use what is left, not more.
      expect(() => world.issue({ principal: xof(200_000_002) })).toThrow(InsufficientHeadroom);
      world.issue({ principal: xof(200_000_000) });
    });

    it('is confirmed by a second person: released, then decided again on current state', () => {
      const world = guardedWorld();
      const proposed = propose(world, 'p-1', issueCommand('g-1', xof(600_000_000), 'CNCAS-7'));
      propose(world, 'p-2', issueCommand('g-2', xof(300_000_000)));
      const proposal = proposed.proposal;

      const release = releaseIssuance(proposal, 'confirmed');
      // The command survives the log's round trip, and is decided again as it was proposed.
      const decoded = model.catalog.decode(model.catalog.encode(proposal));
      if (decoded.type !== 'ledger.ProposalRecorded') throw new Error(decoded.type);
      const command = issueGuaranteeCommand.decode(decoded.command, 'command');
      expect(command).toEqual(issueCommand('g-1', xof(600_000_000), 'CNCAS-7'));
      const decision = issueGuarantee(command, {
        guarantee: world.guarantee('g-1'),
        convention: release.convention.reduce(conventionModel.evolve, world.convention),
        company: release.company.reduce(companyModel.evolve, world.company),
        bankLoan: release.bankLoan.reduce(
          bankLoanModel.evolve,
          world.bankLoans.get('CNCAS/CNCAS-7') ?? { status: 'free' },
        ),
      });
      // Its own reservation is released; p-2's still counts: 1,000 − 300 reserved = 700 available.
      expect(decision.availableBefore).toEqual(xof(700_000_000));
      expect(decision.guarantee[0]).toMatchObject({ guaranteeId: 'g-1', principal: xof(600_000_000) });
      const convention = requireConvention(
        SENEGAL.conventionId,
        [...release.convention, ...decision.convention].reduce(conventionModel.evolve, world.convention),
      );
      expect(convention.outstandingPrincipal).toEqual(xof(600_000_000));
      expect(Object.keys(convention.reservations)).toEqual(['p-2']);
      const loan = [...release.bankLoan, ...decision.bankLoan].reduce(
        bankLoanModel.evolve,
        world.bankLoans.get('CNCAS/CNCAS-7') ?? bankLoanModel.initialState(),
      );
      expect(loan).toEqual({ status: 'guaranteed', guaranteeId: 'g-1' });
    });

    it('survives the company and convention snapshots (policy and reservations)', () => {
      const world = guardedWorld();
      propose(world, 'p-1', issueCommand('g-1', xof(300_000_000)));
      const company = companySnapshot.decode(companySnapshot.encode(world.company));
      const convention = conventionSnapshot.decode(conventionSnapshot.encode(world.convention));
      expect(company).toEqual(world.company);
      expect(convention).toEqual(world.convention);
      expect(Object.keys(requireConvention(SENEGAL.conventionId, convention).reservations)).toEqual(['p-1']);
    });

    it('releases everything on decline or expiry: the headroom and the loan are free again', () => {
      const world = guardedWorld();
      const { proposal } = propose(world, 'p-1', issueCommand('g-1', xof(900_000_000), 'CNCAS-3'));
      expect(() => world.issue({ principal: xof(100_000_001) })).toThrow(InsufficientHeadroom);
      fold(world, releaseIssuance(proposal, 'expired'), 'CNCAS-3');
      expect(requireConvention(SENEGAL.conventionId, world.convention).reservations).toEqual({});
      expect(requireCompany(SENEGAL.companyId, world.company).reservations).toEqual({});
      world.issue({ loanReference: 'CNCAS-3', principal: xof(200_000_000) });
    });
  });

  describe('corrections under the policy', () => {
    const corrects = { eventId: 'evt-deposit-2', position: '42' };

    it('a deposit reversal holds its amount back from the fund: capacity, withdrawals and claims follow', () => {
      const world = guardedWorld({ corrections: true });
      world.company = [
        GuaranteeFundDeposited.create({
          companyId: SENEGAL.companyId,
          depositId: 'dat-2',
          bankId: 'CNCAS',
          amount: xof(68_000_000),
          termDepositReference: 'DAT-2',
          depositedOn: '2008-03-05',
          maturesOn: null,
        }),
      ].reduce(companyModel.evolve, world.company);
      // 408,000,000 in the fund: capacity 1,200,000,000.
      const command = { depositId: 'dat-2', reason: 'Kaolack’s', correctedOn: '2008-04-01', corrects, moveTo: null };
      const company = requireCompany(SENEGAL.companyId, world.company);
      const proposed = reserveDepositReversal(
        reverseDeposit(SENEGAL.companyId, command, world.company, null),
        'p-d',
        company,
      );
      expect(proposed).toMatchObject({
        subjects: { companyId: SENEGAL.companyId, depositId: 'dat-2' },
        reserved: xof(68_000_000),
        reservations: { fund: xof(68_000_000) },
      });
      expect(proposed.company[0]).toMatchObject({
        type: 'guarantees.CompanyReservationMade',
        depositId: 'dat-2',
        fund: xof(68_000_000),
        unreservedFundAfter: xof(340_000_000),
      });
      fold(world, proposed);
      // The capacity it gives is not available meanwhile: 1,000,000,000, not 1,200,000,000.
      expect(() => world.issue({ principal: xof(1_000_000_001) })).toThrow(
        expect.objectContaining({ capacity: xof(1_000_000_000) }),
      );
      // Locked: no second reversal, no withdrawal from it; nothing paid out of what it holds back.
      expect(() => reverseDeposit(SENEGAL.companyId, command, world.company, null)).toThrow(CorrectionPending);
      expect(() =>
        decideCompany(
          SENEGAL.companyId,
          { type: 'WithdrawGuaranteeFund', depositId: 'dat-2', amount: xof(1), withdrawnOn: '2008-04-02' },
          world.company,
        ),
      ).toThrow(CorrectionPending);
      // A claim of 1 paid: 407,999,999 in the fund, 68,000,000 held back, so dat-1's whole 340,000,000 may not leave.
      world.company = companyModel.evolve(world.company, {
        type: 'guarantees.ClaimPaidFromFund',
        companyId: SENEGAL.companyId,
        memberId: SENEGAL.members[0],
        guaranteeId: 'g-x',
        conventionId: SENEGAL.conventionId,
        amount: xof(1),
        paidOn: '2008-04-01',
      });
      expect(() =>
        decideCompany(
          SENEGAL.companyId,
          { type: 'WithdrawGuaranteeFund', depositId: 'dat-1', amount: xof(340_000_000), withdrawnOn: '2008-04-02' },
          world.company,
        ),
      ).toThrow(expect.objectContaining({ constructor: InsufficientGuaranteeFund, reserved: xof(68_000_000) }));
      decideCompany(
        SENEGAL.companyId,
        { type: 'WithdrawGuaranteeFund', depositId: 'dat-1', amount: xof(339_999_999), withdrawnOn: '2008-04-02' },
        world.company,
      );
    });

    it('two deposit reversals pending never take the fund below zero together', () => {
      const world = new GuaranteeWorld(senegalCompanyEvents({ fund: xof(100) }), senegalConventionEvents());
      world.company = [
        GuaranteeFundDeposited.create({
          companyId: SENEGAL.companyId,
          depositId: 'dat-2',
          bankId: 'CNCAS',
          amount: xof(100),
          termDepositReference: 'DAT-2',
          depositedOn: '2008-03-05',
          maturesOn: null,
        }),
      ].reduce(companyModel.evolve, world.company);
      const command = (depositId: string) => ({
        depositId,
        reason: 'booked twice',
        correctedOn: '2008-04-01',
        corrects,
        moveTo: null,
      });
      const first = reserveDepositReversal(
        reverseDeposit(SENEGAL.companyId, command('dat-1'), world.company, null),
        'p-1',
        requireCompany(SENEGAL.companyId, world.company),
      );
      fold(world, first);
      // 200 in the fund, 100 held back: reversing the other 100 still fits…
      reverseDeposit(SENEGAL.companyId, command('dat-2'), world.company, null);
      // …but not once a claim of 1 has been paid out of the unreserved part.
      world.company = companyModel.evolve(world.company, {
        type: 'guarantees.ClaimPaidFromFund',
        companyId: SENEGAL.companyId,
        memberId: SENEGAL.members[0],
        guaranteeId: 'g-x',
        conventionId: SENEGAL.conventionId,
        amount: xof(1),
        paidOn: '2008-03-10',
      });
      expect(() => reverseDeposit(SENEGAL.companyId, command('dat-2'), world.company, null)).toThrow(
        ReversalWouldBreakInvariant,
      );
    });

    it('a repayment reversal locks the repayment and reserves the headroom it puts back', () => {
      const world = guardedWorld({ corrections: true });
      const { guaranteeId } = world.issue({ principal: xof(90_000_000) });
      world.repay(guaranteeId, xof(40_000_000));
      const guarantee = world.guarantee(guaranteeId) as IssuedGuarantee;
      const command = {
        guaranteeId,
        reason: 'wrong loan',
        correctedOn: '2008-06-10',
        corrects: { eventId: 'evt-repay', position: '7', amount: xof(40_000_000), repaidOn: '2008-06-01' },
      };
      const proposed = reserveRepaymentReversal(
        reverseRepayment(command, guarantee),
        'p-r',
        guarantee,
        requireConvention(SENEGAL.conventionId, world.convention),
        requireCompany(SENEGAL.companyId, world.company),
      );
      expect(proposed.subjects).toEqual({
        companyId: SENEGAL.companyId,
        conventionId: SENEGAL.conventionId,
        guaranteeId,
        repaymentEventId: 'evt-repay',
      });
      expect(proposed.convention[0]).toMatchObject({
        principal: xof(40_000_000),
        guaranteed: xof(20_000_000),
        headroomBefore: xof(950_000_000),
        headroomAfter: xof(910_000_000),
      });
      fold(world, proposed);
      const locked = proposed.guarantee.reduce(guaranteeModel.evolve, world.guarantee(guaranteeId));
      expect(() => reverseRepayment(command, locked)).toThrow(CorrectionPending);
      // Outstanding 50,000,000 + 40,000,000 reserved: 910,000,000 left for new guarantees.
      expect(() => world.issue({ principal: xof(910_000_001) })).toThrow(InsufficientHeadroom);
      world.issue({ principal: xof(90_000_000) });
    });
  });
});
