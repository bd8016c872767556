import type { Money } from '@ledger/money';
import {
  ClaimPaidFromFund,
  type CompanyEvent,
  type CompanyState,
  MemberLoanDefaulted,
  MemberLoanRepaid,
  RecoveryReturnedToFund,
  requireAmount,
  requireCompany,
  requireFundCovers,
} from './company';
import { type ConventionEvent, ConventionExposureReduced, ConventionExposureRestored } from './convention';
import {
  ClaimExceedsGuaranteedOutstanding,
  CorrectionPending,
  CorrectionReasonMissing,
  EntryAlreadyReversed,
  IllegalGuaranteeTransition,
  InvalidInput,
  RecoveryExceedsClaimPaid,
  RepaymentExceedsOutstanding,
} from './errors';
import {
  GuaranteeCalled,
  GuaranteeClaimPaid,
  type GuaranteeEvent,
  GuaranteeRecoveryRecorded,
  GuaranteeReleased,
  type GuaranteeState,
  LoanRepaymentRecorded,
  LoanRepaymentReversed,
  requireGuarantee,
} from './guarantee';

/** New events per stream; a stream with no events is not written. */
export interface LifecycleDecision {
  readonly guarantee: GuaranteeEvent[];
  readonly convention: ConventionEvent[];
  readonly company: CompanyEvent[];
}

const onDateOrAfter = (date: string, earliest: string, fieldName: string): void => {
  if (date < earliest) throw new InvalidInput(fieldName, `must not be before ${earliest}`);
};

// ---- repayment -----------------------------------------------------------------------------------

export interface RecordRepayment {
  readonly guaranteeId: string;
  readonly amount: Money;
  readonly repaidOn: string;
}

/**
 * A loan repayment lowers the outstanding principal and, with it, the guaranteed outstanding
 * (floor(coverage × outstanding)) and the convention's outstanding. The repayment that brings the
 * principal to zero also releases the guarantee.
 */
export function recordRepayment(
  command: RecordRepayment,
  state: GuaranteeState,
  companyState: CompanyState,
): LifecycleDecision {
  const guarantee = requireGuarantee(command.guaranteeId, state);
  if (guarantee.status !== 'active') {
    throw new IllegalGuaranteeTransition(guarantee.guaranteeId, guarantee.status, 'RecordRepayment');
  }
  const company = requireCompany(guarantee.companyId, companyState);
  const amount = requireAmount(company, command.amount, 'amount');
  onDateOrAfter(command.repaidOn, guarantee.issuedOn, 'repaidOn');
  if (amount.greaterThan(guarantee.outstandingPrincipal)) {
    throw new RepaymentExceedsOutstanding(guarantee.guaranteeId, guarantee.outstandingPrincipal, amount);
  }
  const outstandingPrincipal = guarantee.outstandingPrincipal.minus(amount);
  const guaranteedOutstanding = outstandingPrincipal.applyRate(guarantee.coverageRate);
  const final = outstandingPrincipal.isZero();
  const ids = { guaranteeId: guarantee.guaranteeId };
  return {
    guarantee: [
      LoanRepaymentRecorded.create({
        ...ids,
        amount,
        outstandingPrincipal,
        guaranteedOutstanding,
        repaidOn: command.repaidOn,
      }),
      ...(final ? [GuaranteeReleased.create({ ...ids, releasedOn: command.repaidOn })] : []),
    ],
    convention: [
      ConventionExposureReduced.create({
        ...ids,
        conventionId: guarantee.conventionId,
        companyId: guarantee.companyId,
        reason: final ? 'final-repayment' : 'repayment',
        principal: amount,
        guaranteed: guarantee.guaranteedOutstanding.minus(guaranteedOutstanding),
        on: command.repaidOn,
      }),
    ],
    company: final
      ? [
          MemberLoanRepaid.create({
            ...ids,
            companyId: guarantee.companyId,
            memberId: guarantee.memberId,
            conventionId: guarantee.conventionId,
            repaidOn: command.repaidOn,
          }),
        ]
      : [],
  };
}

// ---- correction of a repayment -----------------------------------------------------------------

export interface ReverseRepayment {
  readonly guaranteeId: string;
  readonly reason: string;
  readonly correctedOn: string;
  /** The recorded LoanRepaymentRecorded event (found by the handler) and its figures. */
  readonly corrects: {
    readonly eventId: string;
    readonly position: string;
    readonly amount: Money;
    readonly repaidOn: string;
  };
}

/**
 * Reverses a repayment recorded by mistake (e.g. on the wrong loan): the outstanding principal,
 * the guaranteed outstanding and the convention's outstanding go back up. Only while the guarantee
 * is active (a final repayment that released it, or a call since, is not reversible here); each
 * repayment at most once. The right repayment, if any, is then recorded on the right loan.
 */
export function reverseRepayment(command: ReverseRepayment, state: GuaranteeState): LifecycleDecision {
  const guarantee = requireGuarantee(command.guaranteeId, state);
  if (guarantee.status !== 'active') {
    throw new IllegalGuaranteeTransition(guarantee.guaranteeId, guarantee.status, 'ReverseRepayment');
  }
  const already = guarantee.reversedRepayments[command.corrects.eventId];
  if (already !== undefined) throw new EntryAlreadyReversed('repayment', command.corrects.eventId, already);
  const pending = guarantee.pendingReversals[command.corrects.eventId];
  if (pending !== undefined) throw new CorrectionPending('repayment', command.corrects.eventId, pending);
  if (command.reason.trim().length === 0) throw new CorrectionReasonMissing();
  onDateOrAfter(command.correctedOn, command.corrects.repaidOn, 'correctedOn');
  const amount = command.corrects.amount;
  const outstandingPrincipal = guarantee.outstandingPrincipal.plus(amount);
  const guaranteedOutstanding = outstandingPrincipal.applyRate(guarantee.coverageRate);
  const ids = { guaranteeId: guarantee.guaranteeId };
  return {
    guarantee: [
      LoanRepaymentReversed.create({
        ...ids,
        amount,
        repaidOn: command.corrects.repaidOn,
        reason: command.reason.trim(),
        correctedOn: command.correctedOn,
        correctsEventId: command.corrects.eventId,
        correctsPosition: command.corrects.position,
        outstandingPrincipal,
        guaranteedOutstanding,
      }),
    ],
    convention: [
      ConventionExposureRestored.create({
        ...ids,
        conventionId: guarantee.conventionId,
        companyId: guarantee.companyId,
        reason: 'repayment-reversed',
        principal: amount,
        guaranteed: guaranteedOutstanding.minus(guarantee.guaranteedOutstanding),
        on: command.corrects.repaidOn,
      }),
    ],
    company: [],
  };
}

// ---- call on default -----------------------------------------------------------------------------

export interface CallGuarantee {
  readonly guaranteeId: string;
  readonly calledOn: string;
}

/**
 * The borrower defaulted: the claim is floor(coverage × outstanding at default), the loan stops
 * counting in the convention's outstanding, and the member is in default until the claim is recovered.
 */
export function callGuarantee(command: CallGuarantee, state: GuaranteeState): LifecycleDecision {
  const guarantee = requireGuarantee(command.guaranteeId, state);
  if (guarantee.status !== 'active') {
    throw new IllegalGuaranteeTransition(guarantee.guaranteeId, guarantee.status, 'CallGuarantee');
  }
  onDateOrAfter(command.calledOn, guarantee.issuedOn, 'calledOn');
  const claimAmount = guarantee.outstandingPrincipal.applyRate(guarantee.coverageRate);
  const ids = { guaranteeId: guarantee.guaranteeId };
  return {
    guarantee: [
      GuaranteeCalled.create({
        ...ids,
        outstandingAtDefault: guarantee.outstandingPrincipal,
        claimAmount,
        calledOn: command.calledOn,
      }),
    ],
    convention: [
      ConventionExposureReduced.create({
        ...ids,
        conventionId: guarantee.conventionId,
        companyId: guarantee.companyId,
        reason: 'call',
        principal: guarantee.outstandingPrincipal,
        guaranteed: guarantee.guaranteedOutstanding,
        on: command.calledOn,
      }),
    ],
    company: [
      MemberLoanDefaulted.create({
        ...ids,
        companyId: guarantee.companyId,
        memberId: guarantee.memberId,
        conventionId: guarantee.conventionId,
        claimAmount,
        calledOn: command.calledOn,
      }),
    ],
  };
}

// ---- claim payment -------------------------------------------------------------------------------

export interface PayClaim {
  readonly guaranteeId: string;
  /** null: the whole claim still unpaid. */
  readonly amount: Money | null;
  readonly paidOn: string;
}

/** Pays (part of) a called guarantee's claim from the guarantee fund, which lowers every convention's capacity. */
export function payClaim(command: PayClaim, state: GuaranteeState, companyState: CompanyState): LifecycleDecision {
  const guarantee = requireGuarantee(command.guaranteeId, state);
  if (guarantee.status !== 'called') {
    throw new IllegalGuaranteeTransition(guarantee.guaranteeId, guarantee.status, 'PayClaim');
  }
  const company = requireCompany(guarantee.companyId, companyState);
  const unpaid = guarantee.claim.minus(guarantee.claimPaid);
  if (unpaid.isZero()) throw new IllegalGuaranteeTransition(guarantee.guaranteeId, 'claim-paid', 'PayClaim');
  const amount = requireAmount(company, command.amount ?? unpaid, 'amount');
  onDateOrAfter(command.paidOn, guarantee.calledOn, 'paidOn');
  if (amount.greaterThan(unpaid)) {
    throw new ClaimExceedsGuaranteedOutstanding(guarantee.guaranteeId, guarantee.claim, guarantee.claimPaid, amount);
  }
  requireFundCovers(company, amount);
  const ids = { guaranteeId: guarantee.guaranteeId };
  return {
    guarantee: [GuaranteeClaimPaid.create({ ...ids, amount, paidOn: command.paidOn })],
    convention: [],
    company: [
      ClaimPaidFromFund.create({
        ...ids,
        companyId: guarantee.companyId,
        memberId: guarantee.memberId,
        conventionId: guarantee.conventionId,
        amount,
        paidOn: command.paidOn,
      }),
    ],
  };
}

// ---- recovery ------------------------------------------------------------------------------------

export interface RecordRecovery {
  readonly guaranteeId: string;
  readonly amount: Money;
  readonly receivedOn: string;
}

/**
 * Money recovered from the defaulting member comes back into the fund (raising capacity), up to
 * what the fund paid; once the whole claim is recovered, the member's default is cured.
 */
export function recordRecovery(
  command: RecordRecovery,
  state: GuaranteeState,
  companyState: CompanyState,
): LifecycleDecision {
  const guarantee = requireGuarantee(command.guaranteeId, state);
  if (guarantee.status !== 'called' || guarantee.claimPaid.isZero()) {
    throw new IllegalGuaranteeTransition(
      guarantee.guaranteeId,
      guarantee.status === 'called' ? 'called-unpaid' : guarantee.status,
      'RecordRecovery',
    );
  }
  const company = requireCompany(guarantee.companyId, companyState);
  const amount = requireAmount(company, command.amount, 'amount');
  onDateOrAfter(command.receivedOn, guarantee.calledOn, 'receivedOn');
  const recoverable = guarantee.claimPaid.minus(guarantee.recovered);
  if (amount.greaterThan(recoverable)) {
    throw new RecoveryExceedsClaimPaid(guarantee.guaranteeId, guarantee.claimPaid, guarantee.recovered, amount);
  }
  const ids = { guaranteeId: guarantee.guaranteeId };
  return {
    guarantee: [GuaranteeRecoveryRecorded.create({ ...ids, amount, receivedOn: command.receivedOn })],
    convention: [],
    company: [
      RecoveryReturnedToFund.create({
        ...ids,
        companyId: guarantee.companyId,
        memberId: guarantee.memberId,
        conventionId: guarantee.conventionId,
        amount,
        receivedOn: command.receivedOn,
        defaultCured: guarantee.recovered.plus(amount).greaterThanOrEqual(guarantee.claim),
      }),
    ],
  };
}
