import { defineEvent, field, type EventOf } from '@ledger/kernel';
import type { BasisPoints, Money, Ratio } from '@ledger/money';
import { conventionFourEyesEvents } from '../four-eyes.events';

/**
 * What the ceiling (fund × multiplier) is compared with: the outstanding principal of the loans
 * (the Senegal reading: members borrow up to 1 billion FCFA), or the outstanding guaranteed amounts.
 */
export type CeilingBasis = 'loan-principal' | 'guaranteed-amount';
export const CEILING_BASES: readonly CeilingBasis[] = ['loan-principal', 'guaranteed-amount'];

/** One dated version of the convention's terms; amendments add versions, never rewrite them. */
export interface ConventionTerms {
  readonly version: number;
  readonly effectiveFrom: string;
  readonly multiplier: Ratio;
  readonly coverageRate: BasisPoints;
  readonly ceilingBasis: CeilingBasis;
  /** Cap on the guaranteed amount of one loan; null: no cap besides the headroom. */
  readonly maxGuaranteedPerLoan: Money | null;
  readonly validUntil: string;
}

const termsShape = {
  version: field.integer(),
  effectiveFrom: field.date(),
  multiplier: field.ratio(),
  coverageRate: field.basisPoints(),
  ceilingBasis: field.literal('loan-principal', 'guaranteed-amount'),
  maxGuaranteedPerLoan: field.optional(field.money()),
  validUntil: field.date(),
};

export const BankConventionSigned = defineEvent('guarantees.BankConventionSigned', {
  conventionId: field.string(),
  companyId: field.string(),
  bankId: field.string(),
  currency: field.currency(),
  validFrom: field.date(),
  signedOn: field.date(),
  terms: field.object(termsShape),
});

export const BankConventionAmended = defineEvent('guarantees.BankConventionAmended', {
  conventionId: field.string(),
  companyId: field.string(),
  amendedOn: field.date(),
  terms: field.object(termsShape),
});

export const BankConventionTerminated = defineEvent('guarantees.BankConventionTerminated', {
  conventionId: field.string(),
  companyId: field.string(),
  terminatedOn: field.date(),
  reason: field.string(),
});

/** A guarantee was issued under the convention: its loan now counts in the outstanding. */
export const ConventionExposureAdded = defineEvent('guarantees.ConventionExposureAdded', {
  conventionId: field.string(),
  companyId: field.string(),
  guaranteeId: field.string(),
  memberId: field.string(),
  principal: field.money(),
  guaranteedAmount: field.money(),
  issuedOn: field.date(),
});

/**
 * The outstanding went down: a repayment, the final repayment (the guarantee is released), or a
 * call (a called loan stops counting in the outstanding).
 */
export const ConventionExposureReduced = defineEvent('guarantees.ConventionExposureReduced', {
  conventionId: field.string(),
  companyId: field.string(),
  guaranteeId: field.string(),
  reason: field.literal('repayment', 'final-repayment', 'call'),
  principal: field.money(),
  guaranteed: field.money(),
  on: field.date(),
});

/** A correction put a loan's outstanding back up (a repayment recorded by mistake was reversed). */
export const ConventionExposureRestored = defineEvent('guarantees.ConventionExposureRestored', {
  conventionId: field.string(),
  companyId: field.string(),
  guaranteeId: field.string(),
  reason: field.literal('repayment-reversed'),
  principal: field.money(),
  guaranteed: field.money(),
  on: field.date(),
});

export const conventionEvents = [
  BankConventionSigned,
  BankConventionAmended,
  BankConventionTerminated,
  ConventionExposureAdded,
  ConventionExposureReduced,
  ConventionExposureRestored,
  ...conventionFourEyesEvents,
] as const;

export type ConventionEvent = EventOf<(typeof conventionEvents)[number]>;
