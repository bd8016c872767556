import { defineEvent, field, releasedFields, type EventOf } from '@ledger/kernel';

/**
 * The events of four-eyes control on the mutual guarantee context's own streams (the proposal
 * itself is of the one kind, in @ledger/kernel). They live apart from the decisions (four-eyes.ts)
 * because the company, convention, guarantee and bank loan streams evolve on them, while the
 * decisions read those streams.
 *
 * Reservations are not balances: the read models of balances and the as-of balances ignore them
 * (nothing is committed until confirmed); only the deciders count them against what is available.
 */

export const PROPOSAL_ACTIONS = [
  'issue-guarantee',
  'reverse-deposit',
  'reverse-repayment',
  // A withdrawal past the headroom, confirmed by a second person (its amount held back from the fund meanwhile).
  'withdraw-guarantee-fund',
] as const;
export type ProposalAction = (typeof PROPOSAL_ACTIONS)[number];

// ---- company stream ------------------------------------------------------------------------------

export const CompanyApprovalPolicySet = defineEvent('guarantees.CompanyApprovalPolicySet', {
  companyId: field.string(),
  /** Issuing a guarantee whose guaranteed amount is above this needs a second guarantee officer; null: never. */
  issueGuaranteeAbove: field.optional(field.money()),
  /** Reversing a deposit or a repayment needs a second guarantee officer. */
  correctionsNeedSecondPerson: field.boolean(),
  proposalTtlHours: field.integer(),
  setOn: field.date(),
});

/**
 * The company's side of a pending proposal: for an issuance, the member's loan waiting for a
 * second person (the append also guards the fund balance the decision read); for a deposit
 * reversal, the deposit is locked and `fund` — what the reversal would take out of the guarantee
 * fund — is held back from every convention's capacity and from payments out of the fund.
 */
export const CompanyReservationMade = defineEvent('guarantees.CompanyReservationMade', {
  companyId: field.string(),
  proposalId: field.string(),
  action: field.literal(...PROPOSAL_ACTIONS),
  conventionId: field.optional(field.string()),
  memberId: field.optional(field.string()),
  depositId: field.optional(field.string()),
  fund: field.money(),
  fundBalance: field.money(),
  unreservedFundAfter: field.money(),
});

export const CompanyReservationReleased = defineEvent('guarantees.CompanyReservationReleased', {
  companyId: field.string(),
  action: field.literal(...PROPOSAL_ACTIONS),
  fund: field.money(),
  ...releasedFields,
});

// ---- convention stream ---------------------------------------------------------------------------

/** Headroom held for a pending issuance (its loan) or repayment reversal (what it puts back). */
export const ConventionExposureReserved = defineEvent('guarantees.ConventionExposureReserved', {
  conventionId: field.string(),
  companyId: field.string(),
  proposalId: field.string(),
  action: field.literal(...PROPOSAL_ACTIONS),
  guaranteeId: field.string(),
  principal: field.money(),
  guaranteed: field.money(),
  /** Headroom net of every reservation, before and after this one, under the ceiling basis. */
  headroomBefore: field.money(),
  headroomAfter: field.money(),
});

export const ConventionReservationReleased = defineEvent('guarantees.ConventionReservationReleased', {
  conventionId: field.string(),
  companyId: field.string(),
  principal: field.money(),
  guaranteed: field.money(),
  ...releasedFields,
});

// ---- bank loan stream ----------------------------------------------------------------------------

/** The loan is locked while its guarantee waits for a second person: one guarantee per loan. */
export const BankLoanReserved = defineEvent('guarantees.BankLoanReserved', {
  bankId: field.string(),
  loanReference: field.string(),
  proposalId: field.string(),
  conventionId: field.string(),
});

export const BankLoanReservationReleased = defineEvent('guarantees.BankLoanReservationReleased', {
  bankId: field.string(),
  loanReference: field.string(),
  ...releasedFields,
});

// ---- guarantee stream ----------------------------------------------------------------------------

/** The repayment is locked while its reversal waits for a second person. */
export const RepaymentReversalProposed = defineEvent('guarantees.RepaymentReversalProposed', {
  guaranteeId: field.string(),
  proposalId: field.string(),
  repaymentEventId: field.string(),
});

export const RepaymentReversalProposalSettled = defineEvent('guarantees.RepaymentReversalProposalSettled', {
  guaranteeId: field.string(),
  repaymentEventId: field.string(),
  ...releasedFields,
});

// The streams' unions (CompanyEvent, ConventionEvent…) take these from the lists below; the bank
// loan's names its two.
export type BankLoanReserved = EventOf<typeof BankLoanReserved>;
export type BankLoanReservationReleased = EventOf<typeof BankLoanReservationReleased>;

export const companyFourEyesEvents = [
  CompanyApprovalPolicySet,
  CompanyReservationMade,
  CompanyReservationReleased,
] as const;
export const conventionFourEyesEvents = [ConventionExposureReserved, ConventionReservationReleased] as const;
export const bankLoanFourEyesEvents = [BankLoanReserved, BankLoanReservationReleased] as const;
export const guaranteeFourEyesEvents = [RepaymentReversalProposed, RepaymentReversalProposalSettled] as const;
