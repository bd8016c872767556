import type { Money } from '@ledger/money';
import { MemberLoanRepaid, requireAmount, requireCompany, type CompanyEvent, type CompanyState } from '../company';
import { ConventionExposureReduced, ConventionExposureRestored, type ConventionEvent } from '../convention';
import {
  BusinessDateBeforeDependency,
  CorrectionPending,
  CorrectionReasonMissing,
  EntryAlreadyReversed,
  IllegalGuaranteeTransition,
  RepaymentExceedsOutstanding,
} from '../errors';
import {
  GuaranteeReleased,
  LoanRepaymentRecorded,
  LoanRepaymentReversed,
  requireGuarantee,
  type GuaranteeEvent,
  type GuaranteeState,
} from '../guarantee';

// A guarantee's life after its issuance, each decision with the events of every stream it writes:
// repayments and their corrections here; the call on default, the claim and the recovery in decide-default.ts.

/** New events per stream; a stream with no events is not written. */
export interface LifecycleDecision {
  readonly guarantee: GuaranteeEvent[];
  readonly convention: ConventionEvent[];
  readonly company: CompanyEvent[];
}

/** A business date on or after what it depends on (`dependency` names it), or 422 business-date-before-dependency. */
export const onDateOrAfter = (date: string, earliest: string | null, fieldName: string, dependency: string): void => {
  if (earliest !== null && date < earliest) {
    throw new BusinessDateBeforeDependency(fieldName, date, earliest, dependency);
  }
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
  onDateOrAfter(command.repaidOn, guarantee.issuedOn, 'repaidOn', 'the issuance');
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

// ---- correction of a repayment -------------------------------------------------------------------

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
  onDateOrAfter(command.correctedOn, command.corrects.repaidOn, 'correctedOn', 'the repayment');
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
