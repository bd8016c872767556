import { defineEvent, field, type EventOf } from '@ledger/kernel';
import { companyFourEyesEvents } from '../four-eyes.events';

export const CompanyRegistered = defineEvent('guarantees.CompanyRegistered', {
  companyId: field.string(),
  name: field.string(),
  currency: field.currency(),
  federationId: field.optional(field.string()),
  registeredOn: field.date(),
});

export const MemberAdmitted = defineEvent('guarantees.MemberAdmitted', {
  companyId: field.string(),
  memberId: field.string(),
  name: field.string(),
  admittedOn: field.date(),
});

export const MemberLeft = defineEvent('guarantees.MemberLeft', {
  companyId: field.string(),
  memberId: field.string(),
  leftOn: field.date(),
});

export const CapitalSubscribed = defineEvent('guarantees.CapitalSubscribed', {
  companyId: field.string(),
  memberId: field.string(),
  amount: field.money(),
  subscribedOn: field.date(),
});

export const CapitalPaid = defineEvent('guarantees.CapitalPaid', {
  companyId: field.string(),
  memberId: field.string(),
  amount: field.money(),
  paidOn: field.date(),
});

export const GuaranteeFundDeposited = defineEvent('guarantees.GuaranteeFundDeposited', {
  companyId: field.string(),
  depositId: field.string(),
  bankId: field.string(),
  amount: field.money(),
  termDepositReference: field.string(),
  depositedOn: field.date(),
  maturesOn: field.optional(field.date()),
});

export const GuaranteeFundWithdrawn = defineEvent('guarantees.GuaranteeFundWithdrawn', {
  companyId: field.string(),
  depositId: field.string(),
  amount: field.money(),
  withdrawnOn: field.date(),
});

/**
 * A correction: a deposit booked by mistake (e.g. to the wrong company) is reversed, never
 * edited; it names the GuaranteeFundDeposited event it corrects (id and position; the id is also
 * its causation id) and why, and is recorded with the deposit's business time. `movedTo` names
 * the deposit recorded on the right company in the same append, if any.
 */
export const GuaranteeFundDepositReversed = defineEvent('guarantees.GuaranteeFundDepositReversed', {
  companyId: field.string(),
  depositId: field.string(),
  bankId: field.string(),
  amount: field.money(),
  depositedOn: field.date(),
  reason: field.string(),
  correctedOn: field.date(),
  correctsEventId: field.string(),
  correctsPosition: field.string(),
  movedToCompanyId: field.optional(field.string()),
  movedToDepositId: field.optional(field.string()),
  fundBalanceAfter: field.money(),
});

/**
 * The company's side of a bank convention's signature: the conventions that share its guarantee
 * fund are read from its stream (the company-wide limit and a withdrawal's check load them all).
 */
export const CompanyConventionSigned = defineEvent('guarantees.CompanyConventionSigned', {
  companyId: field.string(),
  conventionId: field.string(),
  bankId: field.string(),
  signedOn: field.date(),
});

/** The company's side of an issuance: the member now has a guarantee in force. */
export const MemberLoanGuaranteed = defineEvent('guarantees.MemberLoanGuaranteed', {
  companyId: field.string(),
  memberId: field.string(),
  guaranteeId: field.string(),
  conventionId: field.string(),
  principal: field.money(),
  guaranteedAmount: field.money(),
  issuedOn: field.date(),
});

/** The loan was repaid in full: the member's guarantee is no longer in force. */
export const MemberLoanRepaid = defineEvent('guarantees.MemberLoanRepaid', {
  companyId: field.string(),
  memberId: field.string(),
  guaranteeId: field.string(),
  conventionId: field.string(),
  repaidOn: field.date(),
});

/** The company's side of a call: the member is in default until the claim is recovered. */
export const MemberLoanDefaulted = defineEvent('guarantees.MemberLoanDefaulted', {
  companyId: field.string(),
  memberId: field.string(),
  guaranteeId: field.string(),
  conventionId: field.string(),
  claimAmount: field.money(),
  calledOn: field.date(),
});

/** Money out of the guarantee fund to the bank. */
export const ClaimPaidFromFund = defineEvent('guarantees.ClaimPaidFromFund', {
  companyId: field.string(),
  memberId: field.string(),
  guaranteeId: field.string(),
  conventionId: field.string(),
  amount: field.money(),
  paidOn: field.date(),
});

/** Money recovered from the defaulting member, back into the fund; `defaultCured` when all is back. */
export const RecoveryReturnedToFund = defineEvent('guarantees.RecoveryReturnedToFund', {
  companyId: field.string(),
  memberId: field.string(),
  guaranteeId: field.string(),
  conventionId: field.string(),
  amount: field.money(),
  receivedOn: field.date(),
  defaultCured: field.boolean(),
});

export const companyEvents = [
  CompanyRegistered,
  MemberAdmitted,
  MemberLeft,
  CapitalSubscribed,
  CapitalPaid,
  GuaranteeFundDeposited,
  GuaranteeFundWithdrawn,
  GuaranteeFundDepositReversed,
  CompanyConventionSigned,
  MemberLoanGuaranteed,
  MemberLoanRepaid,
  MemberLoanDefaulted,
  ClaimPaidFromFund,
  RecoveryReturnedToFund,
  ...companyFourEyesEvents,
] as const;

export type CompanyEvent = EventOf<(typeof companyEvents)[number]>;
