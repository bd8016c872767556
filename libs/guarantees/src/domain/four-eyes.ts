import {
  assertNever,
  isProposalTtl,
  MAX_PROPOSAL_TTL_HOURS,
  proposalDeadline,
  type ProposalOutcome,
  type ProposalState as SharedProposalState,
  type StreamModel,
} from '@ledger/event-sourcing';
import { Money } from '@ledger/money';
import {
  type CompanyEvent,
  type CompanyState,
  type DepositReversalDecision,
  type RegisteredCompany,
  type ReverseDeposit,
  requireAmount,
  requireCompany,
  unreservedFund,
} from './company';
import {
  capacityOf,
  type ConventionEvent,
  latestTerms,
  outstandingUnder,
  reservedUnder,
  type SignedConvention,
} from './convention';
import { InvalidInput } from './errors';
import {
  BankLoanReservationReleased,
  BankLoanReserved,
  CompanyApprovalPolicySet,
  CompanyReservationMade,
  CompanyReservationReleased,
  ConventionExposureReserved,
  ConventionReservationReleased,
  GuaranteeApprovalProposed,
  guaranteeProposalCatalog,
  type GuaranteeProposalEvent,
  RepaymentReversalProposalSettled,
  RepaymentReversalProposed,
} from './four-eyes.events';
import type { BankLoanEvent, GuaranteeEvent, IssuedGuarantee } from './guarantee';
import type { IssuanceDecision, IssueGuarantee } from './issuance';
import type { LifecycleDecision, ReverseRepayment } from './lifecycle';

/**
 * Four-eyes control in the mutual guarantee context. A company's approval policy may require a
 * second guarantee officer for issuing a guarantee whose guaranteed amount is above a threshold,
 * and for corrections (reversing a deposit to the guarantee fund, reversing a loan repayment).
 * Then the command is only *proposed*: a proposal stream (`guarantees-proposal-<id>`) keeps the
 * whole command, the proposer and the deadline, and in the same append what the command would use
 * is *reserved* in every stream whose limit it would use, and the entry it acts on is locked:
 *
 * - an issuance reserves its exposure (principal and guaranteed amount) on the convention, which
 *   every issuance counts against the headroom; writes the company stream (the fund balance the
 *   headroom was computed from); and locks the bank loan (one guarantee per loan);
 * - a deposit reversal locks the deposit and holds its amount back from the guarantee fund: every
 *   convention's capacity is computed on the unreserved fund, and payments out of the fund may not
 *   use it;
 * - a repayment reversal locks the repayment and reserves on the convention the outstanding it
 *   would put back.
 *
 * The existing optimistic concurrency on those streams decides races, so two pending proposals (or
 * a proposal and a direct command) never together use more than there is. A different guarantee
 * officer confirms (the reservation is released and the original command decided again on current
 * state, atomically) or declines (released); past its deadline the proposal expires (released).
 */

export {
  dueProposal,
  MAX_PROPOSAL_TTL_HOURS,
  requirePendingProposal,
  type ProposalOutcome,
  type SettleProposal,
} from '@ledger/event-sourcing';

// ---- policy --------------------------------------------------------------------------------------

export interface SetCompanyApprovalPolicy {
  readonly issueGuaranteeAbove: Money | null;
  readonly correctionsNeedSecondPerson: boolean;
  readonly proposalTtlHours: number;
  readonly setOn: string;
}

export function decideApprovalPolicy(
  companyId: string,
  command: SetCompanyApprovalPolicy,
  state: CompanyState,
): CompanyEvent[] {
  const company = requireCompany(companyId, state);
  const threshold =
    command.issueGuaranteeAbove === null
      ? null
      : requireAmount(company, command.issueGuaranteeAbove, 'issueGuaranteeAbove');
  if (!isProposalTtl(command.proposalTtlHours)) {
    throw new InvalidInput('proposalTtlHours', `must be a whole number of hours from 1 to ${MAX_PROPOSAL_TTL_HOURS}`);
  }
  if (command.setOn < company.registeredOn) {
    throw new InvalidInput('setOn', `must not be before the company's registration (${company.registeredOn})`);
  }
  return [
    CompanyApprovalPolicySet.create({
      companyId: company.companyId,
      issueGuaranteeAbove: threshold,
      correctionsNeedSecondPerson: command.correctionsNeedSecondPerson,
      proposalTtlHours: command.proposalTtlHours,
      setOn: command.setOn,
    }),
  ];
}

/** The threshold a guaranteed amount exceeds under the company's policy, or null when one officer may issue it. */
export function issuanceThreshold(company: RegisteredCompany, guaranteedAmount: Money): Money | null {
  const threshold = company.approvalPolicy?.issueGuaranteeAbove ?? null;
  return threshold !== null && guaranteedAmount.greaterThan(threshold) ? threshold : null;
}

/** Whether the company's corrections (deposit and repayment reversals) need a second officer. */
export function correctionNeedsSecondPerson(company: RegisteredCompany): boolean {
  return company.approvalPolicy?.correctionsNeedSecondPerson ?? false;
}

// ---- proposal stream -------------------------------------------------------------------------------

export type ProposalState = SharedProposalState<GuaranteeApprovalProposed>;

export function evolveProposal(state: ProposalState, event: GuaranteeProposalEvent): ProposalState {
  switch (event.type) {
    case 'guarantees.ApprovalProposed':
      return { status: 'pending', proposal: event };
    case 'guarantees.ProposalConfirmed':
      return state.status === 'pending' ? { ...state, status: 'confirmed' } : state;
    case 'guarantees.ProposalDeclined':
      return state.status === 'pending' ? { ...state, status: 'declined' } : state;
    case 'guarantees.ProposalExpired':
      return state.status === 'pending' ? { ...state, status: 'expired' } : state;
    default:
      return assertNever(event);
  }
}

export const proposalModel: StreamModel<ProposalState, GuaranteeProposalEvent> = {
  catalog: guaranteeProposalCatalog,
  initialState: () => ({ status: 'none' }),
  evolve: evolveProposal,
};

// ---- proposing -------------------------------------------------------------------------------------

export interface ProposalMeta {
  readonly proposalId: string;
  readonly proposedBy: string;
  readonly proposedByRole: string;
  /** Record time now, from the service's clock. */
  readonly proposedAt: Date;
}

function proposalTimes(meta: ProposalMeta, company: RegisteredCompany) {
  const ttlHours = company.approvalPolicy?.proposalTtlHours ?? MAX_PROPOSAL_TTL_HOURS;
  const expiresAt = proposalDeadline(meta.proposedAt, ttlHours);
  return {
    proposedBy: meta.proposedBy,
    proposedByRole: meta.proposedByRole,
    proposedAt: meta.proposedAt.toISOString(),
    expiresAt: expiresAt.toISOString(),
  };
}

/** Headroom left for new guarantees under a convention: capacity of the unreserved fund − outstanding − reserved. */
export function availableHeadroom(convention: SignedConvention, company: RegisteredCompany): Money {
  const terms = latestTerms(convention);
  return capacityOf(unreservedFund(company), terms.multiplier)
    .minus(outstandingUnder(terms.ceilingBasis, convention))
    .minus(reservedUnder(terms.ceilingBasis, convention));
}

export interface ProposedChange {
  readonly proposal: GuaranteeProposalEvent[];
  readonly company: CompanyEvent[];
  readonly convention: ConventionEvent[];
  readonly bankLoan: BankLoanEvent[];
  readonly guarantee: GuaranteeEvent[];
  readonly expiresAt: string;
  readonly reserved: Money;
}

/**
 * Instead of issuing: the proposal, the exposure reserved on the convention, the company's side
 * and the lock on the bank loan — one multi-stream append. `decision` is the issuance as decided
 * now (it already counted every other reservation against the headroom).
 */
export function proposeIssuance(
  meta: ProposalMeta,
  command: IssueGuarantee,
  decision: IssuanceDecision,
  threshold: Money,
  company: RegisteredCompany,
): ProposedChange {
  const issued = decision.guarantee[0];
  if (issued.type !== 'guarantees.GuaranteeIssued') throw new Error('an issuance decides GuaranteeIssued first');
  const { proposalId } = meta;
  const zero = Money.zero(company.currency);
  const times = proposalTimes(meta, company);
  return {
    proposal: [
      GuaranteeApprovalProposed.create({
        proposalId,
        action: 'issue-guarantee',
        companyId: company.companyId,
        conventionId: issued.conventionId,
        issue: {
          guaranteeId: command.guaranteeId,
          conventionId: command.conventionId,
          bankId: issued.bankId,
          memberId: command.memberId,
          loanReference: command.loanReference,
          principal: issued.principal,
          loanStartDate: command.loanStartDate,
          maturityDate: command.maturityDate,
          issuedOn: command.issuedOn,
        },
        reverseDeposit: null,
        reverseRepayment: null,
        reservedPrincipal: issued.principal,
        reservedGuaranteed: issued.guaranteedAmount,
        reservedFund: zero,
        reserved: decision.exposure,
        threshold,
        ...times,
      }),
    ],
    company: [
      CompanyReservationMade.create({
        companyId: company.companyId,
        proposalId,
        action: 'issue-guarantee',
        conventionId: issued.conventionId,
        memberId: issued.memberId,
        depositId: null,
        fund: zero,
        fundBalance: company.fundBalance,
        unreservedFundAfter: unreservedFund(company),
      }),
    ],
    convention: [
      ConventionExposureReserved.create({
        conventionId: issued.conventionId,
        companyId: company.companyId,
        proposalId,
        action: 'issue-guarantee',
        guaranteeId: issued.guaranteeId,
        principal: issued.principal,
        guaranteed: issued.guaranteedAmount,
        headroomBefore: decision.availableBefore,
        headroomAfter: decision.availableBefore.minus(decision.exposure),
      }),
    ],
    bankLoan: [
      BankLoanReserved.create({
        bankId: issued.bankId,
        loanReference: issued.loanReference,
        proposalId,
        conventionId: issued.conventionId,
      }),
    ],
    guarantee: [],
    expiresAt: times.expiresAt,
    reserved: decision.exposure,
  };
}

/**
 * Instead of reversing a deposit: the proposal, and on the company the deposit locked and its
 * amount held back from the fund (so no issuance counts on the capacity it gives, and no payment
 * out of the fund uses it) — one append. `decision` is the reversal as decided now.
 */
export function proposeDepositReversal(
  meta: ProposalMeta,
  command: ReverseDeposit,
  decision: DepositReversalDecision,
  company: RegisteredCompany,
): ProposedChange {
  const reversed = decision.company[0];
  if (reversed.type !== 'guarantees.GuaranteeFundDepositReversed') throw new Error('a reversal decides it first');
  const { proposalId } = meta;
  const zero = Money.zero(company.currency);
  const times = proposalTimes(meta, company);
  return {
    proposal: [
      GuaranteeApprovalProposed.create({
        proposalId,
        action: 'reverse-deposit',
        companyId: company.companyId,
        conventionId: null,
        issue: null,
        reverseDeposit: {
          companyId: company.companyId,
          depositId: command.depositId,
          reason: reversed.reason,
          correctedOn: command.correctedOn,
          corrects: { eventId: command.corrects.eventId, position: command.corrects.position },
          moveTo: command.moveTo,
        },
        reverseRepayment: null,
        reservedPrincipal: zero,
        reservedGuaranteed: zero,
        reservedFund: reversed.amount,
        reserved: reversed.amount,
        threshold: null,
        ...times,
      }),
    ],
    company: [
      CompanyReservationMade.create({
        companyId: company.companyId,
        proposalId,
        action: 'reverse-deposit',
        conventionId: null,
        memberId: null,
        depositId: reversed.depositId,
        fund: reversed.amount,
        fundBalance: company.fundBalance,
        unreservedFundAfter: unreservedFund(company).minus(reversed.amount),
      }),
    ],
    convention: [],
    bankLoan: [],
    guarantee: [],
    expiresAt: times.expiresAt,
    reserved: reversed.amount,
  };
}

/**
 * Instead of reversing a repayment: the proposal, the repayment locked on the guarantee, and on
 * the convention the outstanding it would put back reserved (so no issuance uses that headroom
 * meanwhile) — one append. Like the reversal itself, it is not refused for lack of headroom: a
 * correction states a fact; the headroom may then show negative.
 */
export function proposeRepaymentReversal(
  meta: ProposalMeta,
  command: ReverseRepayment,
  decision: LifecycleDecision,
  guarantee: IssuedGuarantee,
  convention: SignedConvention,
  company: RegisteredCompany,
): ProposedChange {
  const restored = decision.convention[0];
  const reversed = decision.guarantee[0];
  if (
    restored?.type !== 'guarantees.ConventionExposureRestored' ||
    reversed?.type !== 'guarantees.LoanRepaymentReversed'
  ) {
    throw new Error('a repayment reversal decides LoanRepaymentReversed and ConventionExposureRestored');
  }
  const { proposalId } = meta;
  const zero = Money.zero(company.currency);
  const times = proposalTimes(meta, company);
  const basis = latestTerms(convention).ceilingBasis;
  const exposure = basis === 'loan-principal' ? restored.principal : restored.guaranteed;
  const headroomBefore = availableHeadroom(convention, company);
  return {
    proposal: [
      GuaranteeApprovalProposed.create({
        proposalId,
        action: 'reverse-repayment',
        companyId: company.companyId,
        conventionId: convention.conventionId,
        issue: null,
        reverseDeposit: null,
        reverseRepayment: {
          guaranteeId: guarantee.guaranteeId,
          reason: reversed.reason,
          correctedOn: command.correctedOn,
          corrects: command.corrects,
        },
        reservedPrincipal: restored.principal,
        reservedGuaranteed: restored.guaranteed,
        reservedFund: zero,
        reserved: exposure,
        threshold: null,
        ...times,
      }),
    ],
    company: [],
    convention: [
      ConventionExposureReserved.create({
        conventionId: convention.conventionId,
        companyId: company.companyId,
        proposalId,
        action: 'reverse-repayment',
        guaranteeId: guarantee.guaranteeId,
        principal: restored.principal,
        guaranteed: restored.guaranteed,
        headroomBefore,
        headroomAfter: headroomBefore.minus(exposure),
      }),
    ],
    bankLoan: [],
    guarantee: [
      RepaymentReversalProposed.create({
        guaranteeId: guarantee.guaranteeId,
        proposalId,
        repaymentEventId: command.corrects.eventId,
      }),
    ],
    expiresAt: times.expiresAt,
    reserved: exposure,
  };
}

// ---- settling --------------------------------------------------------------------------------------

export interface Release {
  readonly company: CompanyEvent[];
  readonly convention: ConventionEvent[];
  readonly bankLoan: BankLoanEvent[];
  readonly guarantee: GuaranteeEvent[];
}

/** The release events of a proposal's reservations and locks, per stream. */
export function releaseReservations(proposal: GuaranteeApprovalProposed, outcome: ProposalOutcome): Release {
  const { proposalId, companyId } = proposal;
  const companyRelease = () =>
    CompanyReservationReleased.create({
      companyId,
      proposalId,
      action: proposal.action,
      fund: proposal.reservedFund,
      outcome,
    });
  const conventionRelease = (conventionId: string) =>
    ConventionReservationReleased.create({
      conventionId,
      companyId,
      proposalId,
      principal: proposal.reservedPrincipal,
      guaranteed: proposal.reservedGuaranteed,
      outcome,
    });
  switch (proposal.action) {
    case 'issue-guarantee': {
      const issue = requireCommand(proposal.issue, proposal);
      return {
        company: [companyRelease()],
        convention: [conventionRelease(issue.conventionId)],
        bankLoan: [
          BankLoanReservationReleased.create({
            bankId: issue.bankId,
            loanReference: issue.loanReference,
            proposalId,
            outcome,
          }),
        ],
        guarantee: [],
      };
    }
    case 'reverse-deposit':
      return { company: [companyRelease()], convention: [], bankLoan: [], guarantee: [] };
    case 'reverse-repayment': {
      const reversal = requireCommand(proposal.reverseRepayment, proposal);
      return {
        company: [],
        convention: [conventionRelease(requireCommand(proposal.conventionId, proposal))],
        bankLoan: [],
        guarantee: [
          RepaymentReversalProposalSettled.create({
            guaranteeId: reversal.guaranteeId,
            proposalId,
            repaymentEventId: reversal.corrects.eventId,
            outcome,
          }),
        ],
      };
    }
    default:
      return assertNever(proposal.action);
  }
}

/** The proposal's command for its action (a proposal written by proposeX always has it). */
export function requireCommand<T>(value: T | null, proposal: GuaranteeApprovalProposed): T {
  if (value === null) throw new Error(`proposal ${proposal.proposalId} (${proposal.action}) misses its command`);
  return value;
}

/** The issuance a proposal holds, as a command to decide again. */
export function issuanceCommandOf(proposal: GuaranteeApprovalProposed): IssueGuarantee {
  const issue = requireCommand(proposal.issue, proposal);
  return {
    guaranteeId: issue.guaranteeId,
    conventionId: issue.conventionId,
    memberId: issue.memberId,
    loanReference: issue.loanReference,
    principal: issue.principal,
    loanStartDate: issue.loanStartDate,
    maturityDate: issue.maturityDate,
    issuedOn: issue.issuedOn,
  };
}

export function depositReversalCommandOf(proposal: GuaranteeApprovalProposed): ReverseDeposit {
  const reversal = requireCommand(proposal.reverseDeposit, proposal);
  return {
    depositId: reversal.depositId,
    reason: reversal.reason,
    correctedOn: reversal.correctedOn,
    corrects: reversal.corrects,
    moveTo: reversal.moveTo,
  };
}

export function repaymentReversalCommandOf(proposal: GuaranteeApprovalProposed): ReverseRepayment {
  const reversal = requireCommand(proposal.reverseRepayment, proposal);
  return {
    guaranteeId: reversal.guaranteeId,
    reason: reversal.reason,
    correctedOn: reversal.correctedOn,
    corrects: reversal.corrects,
  };
}
