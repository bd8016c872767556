import {
  field,
  isProposalTtl,
  MAX_PROPOSAL_TTL_HOURS,
  reservationOf,
  subjectOf,
  type Field,
  type JsonObject,
  type PolicyControls,
  type Proposal,
  type ProposalOutcome,
} from '@ledger/kernel';
import { Money, type CurrencyCode } from '@ledger/money';
import {
  type CompanyApprovalPolicy,
  type CompanyEvent,
  type CompanyState,
  type DepositReversalDecision,
  type RegisteredCompany,
  type ReverseDeposit,
  requireAmount,
  requireCompany,
  unreservedFund,
} from './company';
import { capacityOf, latestTerms, outstandingUnder, reservedUnder, type SignedConvention } from './convention';
import { InvalidInput } from './errors';
import {
  BankLoanReservationReleased,
  BankLoanReserved,
  CompanyApprovalPolicySet,
  CompanyReservationMade,
  CompanyReservationReleased,
  ConventionExposureReserved,
  ConventionReservationReleased,
  PROPOSAL_ACTIONS,
  RepaymentReversalProposalSettled,
  RepaymentReversalProposed,
  type ProposalAction,
} from './four-eyes.events';
import type { IssuedGuarantee } from './guarantee';
import type { IssuanceDecision, IssueGuarantee } from './issuance';
import type { LifecycleDecision, ReverseRepayment } from './lifecycle';

/**
 * Four-eyes control in the mutual guarantee context. A company's approval policy may require a
 * second guarantee officer for issuing a guarantee whose guaranteed amount is above a threshold,
 * and for corrections (reversing a deposit to the guarantee fund, reversing a loan repayment).
 * Then the command is only *proposed* (a `ledger.ProposalRecorded`, see @ledger/kernel), and in
 * the same append what it would use is *reserved* in every stream whose limit it would use, and the
 * entry it acts on is locked:
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
 * The existing optimistic concurrency on those streams decides races. What each action declares
 * to the one four-eyes wrapper is in application/four-eyes; this file holds its pure parts: the
 * policy, the reservation events and the release of a recorded proposal.
 */

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

/** How long the company's proposals wait for their second officer. */
export function proposalTtlOf(company: RegisteredCompany): number {
  return company.approvalPolicy?.proposalTtlHours ?? MAX_PROPOSAL_TTL_HOURS;
}

/**
 * The policy's controls, as the shared rule of @ledger/kernel compares them: a change that loosens
 * any of them (the issuance threshold raised or removed, corrections no longer needing a second
 * officer, a longer time to live) waits for a second guarantee officer or an admin; one that only
 * tightens applies at once.
 */
export function companyPolicyControls(policy: CompanyApprovalPolicy): PolicyControls {
  return {
    thresholds: { issueGuaranteeAbove: policy.issueGuaranteeAbove },
    flags: { correctionsNeedSecondPerson: policy.correctionsNeedSecondPerson },
    ttlHours: policy.proposalTtlHours,
  };
}

/** The policy as JSON in an answer (amounts as strings of minor units with their currency). */
export function companyPolicyJson(policy: CompanyApprovalPolicy): JsonObject {
  return {
    issueGuaranteeAbove: policy.issueGuaranteeAbove?.toJSON() ?? null,
    correctionsNeedSecondPerson: policy.correctionsNeedSecondPerson,
    proposalTtlHours: policy.proposalTtlHours,
  } as unknown as JsonObject;
}

/** A policy change names its company (the command of the handler takes it from the route). */
export type SetCompanyApprovalPolicyOf = SetCompanyApprovalPolicy & { readonly companyId: string };

/** The command as JSON in a proposal that weakens the policy. */
export const setCompanyApprovalPolicyCommand: Field<SetCompanyApprovalPolicyOf> = field.object({
  companyId: field.string(),
  issueGuaranteeAbove: field.optional(field.money()),
  correctionsNeedSecondPerson: field.boolean(),
  proposalTtlHours: field.integer(),
  setOn: field.date(),
});

/** Headroom left for new guarantees under a convention: capacity of the unreserved fund − outstanding − reserved. */
export function availableHeadroom(convention: SignedConvention, company: RegisteredCompany): Money {
  const terms = latestTerms(convention);
  return capacityOf(unreservedFund(company), terms.multiplier)
    .minus(outstandingUnder(terms.ceilingBasis, convention))
    .minus(reservedUnder(terms.ceilingBasis, convention));
}

// ---- commands, as a proposal keeps them ----------------------------------------------------------

/** The commands as JSON in a proposal (the same shapes as the proposals recorded before the one kind). */
export const issueGuaranteeShape = {
  guaranteeId: field.string(),
  conventionId: field.string(),
  memberId: field.string(),
  loanReference: field.string(),
  principal: field.money(),
  loanStartDate: field.date(),
  maturityDate: field.date(),
  issuedOn: field.date(),
};

export const issueGuaranteeCommand: Field<IssueGuarantee> = field.object(issueGuaranteeShape);

const correctsShape = { eventId: field.string(), position: field.string() };

/** A deposit reversal names its company (the command of the handler takes it from the route). */
export type ReverseCompanyDeposit = ReverseDeposit & { readonly companyId: string };

export const reverseDepositCommand: Field<ReverseCompanyDeposit> = field.object({
  companyId: field.string(),
  depositId: field.string(),
  reason: field.string(),
  correctedOn: field.date(),
  corrects: field.object(correctsShape),
  moveTo: field.optional(field.object({ companyId: field.string(), depositId: field.string() })),
});

export const reverseRepaymentCommand: Field<ReverseRepayment> = field.object({
  guaranteeId: field.string(),
  reason: field.string(),
  correctedOn: field.date(),
  corrects: field.object({ ...correctsShape, amount: field.money(), repaidOn: field.date() }),
});

// ---- reserving -----------------------------------------------------------------------------------

/** What a proposal holds, by part: headroom (principal, guaranteed) on a convention, fund on the company. */
function holding(currency: CurrencyCode, held: { principal?: Money; guaranteed?: Money; fund?: Money }) {
  const zero = Money.zero(currency);
  return { principal: held.principal ?? zero, guaranteed: held.guaranteed ?? zero, fund: held.fund ?? zero };
}

/**
 * Instead of issuing: the exposure reserved on the convention, the company's side (the fund
 * balance the headroom was computed from) and the lock on the bank loan. `decision` is the
 * issuance as decided now (it already counted every other reservation against the headroom).
 */
export function reserveIssuance(decision: IssuanceDecision, proposalId: string, company: RegisteredCompany) {
  const issued = decision.guarantee[0];
  if (issued.type !== 'guarantees.GuaranteeIssued') throw new Error('an issuance decides GuaranteeIssued first');
  const { companyId, conventionId, guaranteeId, memberId, bankId, loanReference } = issued;
  const reservations = holding(company.currency, { principal: issued.principal, guaranteed: issued.guaranteedAmount });
  return {
    subjects: { companyId, conventionId, guaranteeId, memberId, bankId, loanReference },
    reserved: decision.exposure,
    reservations,
    company: [
      CompanyReservationMade.create({
        companyId,
        proposalId,
        action: 'issue-guarantee',
        conventionId,
        memberId,
        depositId: null,
        fund: reservations.fund,
        fundBalance: company.fundBalance,
        unreservedFundAfter: unreservedFund(company),
      }),
    ],
    convention: [
      ConventionExposureReserved.create({
        conventionId,
        companyId,
        proposalId,
        action: 'issue-guarantee',
        guaranteeId,
        principal: issued.principal,
        guaranteed: issued.guaranteedAmount,
        headroomBefore: decision.availableBefore,
        headroomAfter: decision.availableBefore.minus(decision.exposure),
      }),
    ],
    bankLoan: [BankLoanReserved.create({ bankId, loanReference, proposalId, conventionId })],
  };
}

/**
 * Instead of reversing a deposit: on the company, the deposit locked and its amount held back
 * from the fund (so no issuance counts on the capacity it gives, and no payment out of the fund
 * uses it). `decision` is the reversal as decided now.
 */
export function reserveDepositReversal(
  decision: DepositReversalDecision,
  proposalId: string,
  company: RegisteredCompany,
) {
  const reversed = decision.company[0];
  if (reversed.type !== 'guarantees.GuaranteeFundDepositReversed') throw new Error('a reversal decides it first');
  return reserveDepositFund('reverse-deposit', reversed, proposalId, company);
}

/**
 * A deposit locked and `amount` of it held back from the fund, on the company, while a proposal
 * waits (a deposit reversal, a withdrawal past the headroom).
 */
export function reserveDepositFund(
  action: 'reverse-deposit' | 'withdraw-guarantee-fund',
  { companyId, depositId, amount }: { companyId: string; depositId: string; amount: Money },
  proposalId: string,
  company: RegisteredCompany,
) {
  return {
    subjects: { companyId, depositId },
    reserved: amount,
    reservations: holding(company.currency, { fund: amount }),
    company: [
      CompanyReservationMade.create({
        companyId,
        proposalId,
        action,
        conventionId: null,
        memberId: null,
        depositId,
        fund: amount,
        fundBalance: company.fundBalance,
        unreservedFundAfter: unreservedFund(company).minus(amount),
      }),
    ],
  };
}

/**
 * Instead of reversing a repayment: the repayment locked on the guarantee, and on the convention
 * the outstanding it would put back reserved (so no issuance uses that headroom meanwhile). Like
 * the reversal itself, it is not refused for lack of headroom: a correction states a fact; the
 * headroom may then show negative.
 */
export function reserveRepaymentReversal(
  decision: LifecycleDecision,
  proposalId: string,
  guarantee: IssuedGuarantee,
  convention: SignedConvention,
  company: RegisteredCompany,
) {
  const [restored] = decision.convention;
  if (restored?.type !== 'guarantees.ConventionExposureRestored')
    throw new Error('a repayment reversal decides ConventionExposureRestored');
  const { guaranteeId, conventionId, companyId } = guarantee;
  const { principal, guaranteed } = restored;
  const exposure = latestTerms(convention).ceilingBasis === 'loan-principal' ? principal : guaranteed;
  const headroomBefore = availableHeadroom(convention, company);
  const repaymentEventId = restoredFrom(decision);
  return {
    subjects: { companyId, conventionId, guaranteeId, repaymentEventId },
    reserved: exposure,
    reservations: holding(company.currency, { principal, guaranteed }),
    convention: [
      ConventionExposureReserved.create({
        conventionId,
        companyId,
        proposalId,
        action: 'reverse-repayment',
        guaranteeId,
        principal,
        guaranteed,
        headroomBefore,
        headroomAfter: headroomBefore.minus(exposure),
      }),
    ],
    guarantee: [RepaymentReversalProposed.create({ guaranteeId, proposalId, repaymentEventId })],
  };
}

function restoredFrom(decision: LifecycleDecision): string {
  const [reversed] = decision.guarantee;
  if (reversed?.type !== 'guarantees.LoanRepaymentReversed')
    throw new Error('a repayment reversal decides LoanRepaymentReversed');
  return reversed.correctsEventId;
}

/** What each proposal of the context acts on, as subjects (and fields of its 202 answer). */
export type IssuanceSubjects = ReturnType<typeof reserveIssuance>['subjects'];
export type DepositReversalSubjects = ReturnType<typeof reserveDepositReversal>['subjects'];
export type RepaymentReversalSubjects = ReturnType<typeof reserveRepaymentReversal>['subjects'];

// ---- releasing -----------------------------------------------------------------------------------

function actionOf(proposal: Proposal): ProposalAction {
  const action = PROPOSAL_ACTIONS.find((known) => known === proposal.action);
  if (!action) throw new Error(`proposal ${proposal.proposalId} has no guarantees action (${proposal.action})`);
  return action;
}

/** Releases the fund a proposal held on its company (an issuance holds none, but its company side ends too). */
export function releaseOnCompany(proposal: Proposal, outcome: ProposalOutcome) {
  return [
    CompanyReservationReleased.create({
      companyId: subjectOf(proposal, 'companyId'),
      proposalId: proposal.proposalId,
      action: actionOf(proposal),
      fund: reservationOf(proposal, 'fund'),
      outcome,
    }),
  ];
}

/** Releases the headroom a proposal held on its convention. */
export function releaseOnConvention(proposal: Proposal, outcome: ProposalOutcome) {
  return [
    ConventionReservationReleased.create({
      conventionId: subjectOf(proposal, 'conventionId'),
      companyId: subjectOf(proposal, 'companyId'),
      proposalId: proposal.proposalId,
      principal: reservationOf(proposal, 'principal'),
      guaranteed: reservationOf(proposal, 'guaranteed'),
      outcome,
    }),
  ];
}

/** Unlocks the bank loan a proposed issuance held. */
export function releaseBankLoan(proposal: Proposal, outcome: ProposalOutcome) {
  return [
    BankLoanReservationReleased.create({
      bankId: subjectOf(proposal, 'bankId'),
      loanReference: subjectOf(proposal, 'loanReference'),
      proposalId: proposal.proposalId,
      outcome,
    }),
  ];
}

/** Unlocks the repayment a proposed reversal held on its guarantee. */
export function releaseRepayment(proposal: Proposal, outcome: ProposalOutcome) {
  return [
    RepaymentReversalProposalSettled.create({
      guaranteeId: subjectOf(proposal, 'guaranteeId'),
      proposalId: proposal.proposalId,
      repaymentEventId: subjectOf(proposal, 'repaymentEventId'),
      outcome,
    }),
  ];
}
