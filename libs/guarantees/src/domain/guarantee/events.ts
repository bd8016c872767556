import { defineEvent, field, type EventOf } from '@ledger/kernel';
import { guaranteeFourEyesEvents } from '../four-eyes.events';

export const GuaranteeIssued = defineEvent('guarantees.GuaranteeIssued', {
  guaranteeId: field.string(),
  companyId: field.string(),
  conventionId: field.string(),
  bankId: field.string(),
  memberId: field.string(),
  loanReference: field.string(),
  principal: field.money(),
  coverageRate: field.basisPoints(),
  /** floor(coverage × principal). */
  guaranteedAmount: field.money(),
  /** The version of the convention's terms the issuance used, so replay never re-decides. */
  termsVersion: field.integer(),
  loanStartDate: field.date(),
  maturityDate: field.date(),
  issuedOn: field.date(),
});

export const LoanRepaymentRecorded = defineEvent('guarantees.LoanRepaymentRecorded', {
  guaranteeId: field.string(),
  amount: field.money(),
  outstandingPrincipal: field.money(),
  /** floor(coverage × outstanding principal) after the repayment. */
  guaranteedOutstanding: field.money(),
  repaidOn: field.date(),
});

/**
 * A correction: a repayment recorded by mistake (e.g. on the wrong loan) is reversed; the
 * outstanding goes back up. It names the LoanRepaymentRecorded event it corrects (id and
 * position; the id is also its causation id) and why, and carries the repayment's business date.
 */
export const LoanRepaymentReversed = defineEvent('guarantees.LoanRepaymentReversed', {
  guaranteeId: field.string(),
  amount: field.money(),
  repaidOn: field.date(),
  reason: field.string(),
  correctedOn: field.date(),
  correctsEventId: field.string(),
  correctsPosition: field.string(),
  outstandingPrincipal: field.money(),
  guaranteedOutstanding: field.money(),
});

export const GuaranteeReleased = defineEvent('guarantees.GuaranteeReleased', {
  guaranteeId: field.string(),
  releasedOn: field.date(),
});

export const GuaranteeCalled = defineEvent('guarantees.GuaranteeCalled', {
  guaranteeId: field.string(),
  outstandingAtDefault: field.money(),
  /** floor(coverage × outstanding at default): never more than the guaranteed outstanding. */
  claimAmount: field.money(),
  calledOn: field.date(),
});

export const GuaranteeClaimPaid = defineEvent('guarantees.GuaranteeClaimPaid', {
  guaranteeId: field.string(),
  amount: field.money(),
  paidOn: field.date(),
});

export const GuaranteeRecoveryRecorded = defineEvent('guarantees.GuaranteeRecoveryRecorded', {
  guaranteeId: field.string(),
  amount: field.money(),
  receivedOn: field.date(),
});

export const guaranteeEvents = [
  GuaranteeIssued,
  LoanRepaymentRecorded,
  LoanRepaymentReversed,
  GuaranteeReleased,
  GuaranteeCalled,
  GuaranteeClaimPaid,
  GuaranteeRecoveryRecorded,
  ...guaranteeFourEyesEvents,
] as const;

export type GuaranteeEvent = EventOf<(typeof guaranteeEvents)[number]>;
