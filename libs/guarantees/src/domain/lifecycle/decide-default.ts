import type { Money } from '@ledger/money';
import {
  ClaimPaidFromFund,
  MemberLoanDefaulted,
  RecoveryReturnedToFund,
  requireAmount,
  requireCompany,
  requireFundCovers,
  type CompanyState,
} from '../company';
import { ConventionExposureReduced } from '../convention';
import { ClaimExceedsGuaranteedOutstanding, IllegalGuaranteeTransition, RecoveryExceedsClaimPaid } from '../errors';
import {
  GuaranteeCalled,
  GuaranteeClaimPaid,
  GuaranteeRecoveryRecorded,
  requireGuarantee,
  type GuaranteeState,
} from '../guarantee';
import { onDateOrAfter, type LifecycleDecision } from './decide';

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
  onDateOrAfter(command.calledOn, guarantee.issuedOn, 'calledOn', 'the issuance');
  onDateOrAfter(command.calledOn, guarantee.lastRepaidOn, 'calledOn', 'the last repayment');
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
  onDateOrAfter(command.paidOn, guarantee.calledOn, 'paidOn', 'the call');
  if (amount.greaterThan(unpaid)) {
    throw new ClaimExceedsGuaranteedOutstanding(guarantee.guaranteeId, guarantee.claim, guarantee.claimPaid, amount);
  }
  requireFundCovers(company, amount, command.paidOn);
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
  onDateOrAfter(command.receivedOn, guarantee.calledOn, 'receivedOn', 'the call');
  onDateOrAfter(command.receivedOn, guarantee.lastClaimPaidOn, 'receivedOn', 'the last claim payment');
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
