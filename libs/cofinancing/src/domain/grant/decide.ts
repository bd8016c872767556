import { Money } from '@ledger/money';
import { assertIsoDate, participationYear, type IsoDate } from '../calendar';
import {
  CapAllocated,
  capUsedFor,
  requireEnrolled,
  type BeneficiaryEvent,
  type BeneficiaryState,
} from '../beneficiary';
import { AmountNotPositive, FundInsufficient } from '../errors';
import {
  assertFundCurrency,
  availableOf,
  computeSubsidy,
  lowestAvailableFrom,
  termsForYear,
  FundsCommitted,
  requireOpenFund,
  requireWindow,
  reservedOf,
  scheduleInForce,
  type FundEvent,
  type FundState,
  type OpenFund,
} from '../fund';
import { GrantApprovalPending } from '../four-eyes.errors';
import type { CancelGrant, CloseGrant } from './decide-closure';
import type { DisburseGrant, ReverseDisbursement } from './decide-disbursement';
import { GrantApproved, GrantRejected, GrantRequested, type GrantEvent } from './events';
import { illegal, notBefore, refusePending } from './guards';
import type { GrantRequest, GrantState } from './state';

/**
 * The decisions of a grant's life: request, approval and rejection here; disbursements and their
 * corrections in decide-disbursement.ts; closure and cancellation in decide-closure.ts. Commands
 * are imperative, readonly data: ids and dates come in with them; the domain has no clock.
 */

/** What the grant will know of its request, but for its participation year: that is decided here. */
export interface RequestGrant extends Omit<GrantRequest, 'participationYear'> {
  readonly type: 'RequestGrant';
}

export interface ApproveGrant {
  readonly type: 'ApproveGrant';
  readonly grantId: string;
  readonly approvedOn: IsoDate;
}

export interface RejectGrant {
  readonly type: 'RejectGrant';
  readonly grantId: string;
  readonly rejectedOn: IsoDate;
  readonly reason: string;
}

export type GrantCommand =
  RequestGrant | ApproveGrant | RejectGrant | DisburseGrant | ReverseDisbursement | CloseGrant | CancelGrant;

// ---- request ----------------------------------------------------------------------------------

/**
 * A grant request against a window of a fund, for an enrolled beneficiary. Its participation
 * year is fixed now, from the beneficiary's enrolment to the request date.
 */
export function requestGrant(
  command: RequestGrant,
  states: { readonly grant: GrantState; readonly fund: FundState; readonly beneficiary: BeneficiaryState },
): GrantEvent[] {
  if (states.grant.status !== 'none') illegal(command.grantId, states.grant, 'request');
  const fund = requireOpenFund(states.fund, command.fundId);
  const window = requireWindow(fund, command.windowId);
  const beneficiary = requireEnrolled(states.beneficiary, command.beneficiaryId);
  assertFundCurrency(fund, command.eligibleCost, 'eligibleCost.currency');
  if (!command.eligibleCost.isPositive()) throw new AmountNotPositive('eligibleCost', command.eligibleCost);
  assertIsoDate(command.requestedOn, 'requestedOn');
  notBefore('requestedOn', command.requestedOn, fund.createdOn, 'fund.createdOn');
  notBefore('requestedOn', command.requestedOn, window.openedOn, 'window.openedOn');
  const year = participationYear(beneficiary.enrolledOn, command.requestedOn);
  // What the window will not pay is refused now, not at approval: a schedule in force on the
  // request date (the one the approval will use), and a participation year it pays.
  termsForYear(scheduleInForce(window.schedules, window.windowId, command.requestedOn), year);
  return [
    GrantRequested.create({
      grantId: command.grantId,
      fundId: fund.fundId,
      windowId: window.windowId,
      beneficiaryId: beneficiary.beneficiaryId,
      serviceProvider: command.serviceProvider,
      description: command.description,
      eligibleCost: command.eligibleCost,
      requestedOn: command.requestedOn,
      participationYear: year,
    }),
  ];
}

// ---- approval ---------------------------------------------------------------------------------

/**
 * The fund must hold the subsidy as of the approval's date and on every later date, given all that
 * is recorded (a contribution dated later cannot fund it; a commitment dated later already uses its
 * money), less what pending four-eyes proposals reserve. The live balance is the last of those dates.
 */
export function requireFundsFrom(fund: OpenFund, approvedOn: IsoDate, subsidy: Money): void {
  const reserved = reservedOf(fund);
  const lowest = lowestAvailableFrom(fund.availability, approvedOn);
  const available = Money.ofMinor(lowest.minor, fund.currency).minus(reserved);
  if (subsidy.greaterThan(available)) {
    throw new FundInsufficient(available, subsidy, reserved, { asOf: lowest.on, approvedOn });
  }
}

export interface ApprovalDecision {
  readonly grant: GrantEvent[];
  readonly fund: FundEvent[];
  readonly beneficiary: BeneficiaryEvent[];
}

/**
 * Approves a requested grant: the subsidy is computed from the schedule version in force on the
 * request date, for the request's participation year, limited by the cap left for that
 * beneficiary, window and year; the fund must have it available. One event per stream the
 * decision read — grant, fund (commitment) and beneficiary (cap usage) — appended atomically.
 */
export function approveGrant(
  command: ApproveGrant,
  states: { readonly grant: GrantState; readonly fund: FundState; readonly beneficiary: BeneficiaryState },
): ApprovalDecision {
  const grant = states.grant;
  if (grant.status !== 'requested') return illegal(command.grantId, grant, 'approve');
  if (grant.pendingProposalId) throw new GrantApprovalPending(command.grantId, grant.pendingProposalId);
  const request = grant.request;
  assertIsoDate(command.approvedOn, 'approvedOn');
  notBefore('approvedOn', command.approvedOn, request.requestedOn, 'requestedOn');
  const fund = requireOpenFund(states.fund, request.fundId);
  const window = requireWindow(fund, request.windowId);
  const beneficiary = requireEnrolled(states.beneficiary, request.beneficiaryId);
  const schedule = scheduleInForce(window.schedules, window.windowId, request.requestedOn);
  const computation = computeSubsidy({
    schedule,
    participationYear: request.participationYear,
    eligibleCost: request.eligibleCost,
    capUsed: capUsedFor(beneficiary, window.windowId, request.participationYear, fund.currency),
  });
  const available = availableOf(fund);
  requireFundsFrom(fund, command.approvedOn, computation.subsidy);
  const ids = {
    grantId: request.grantId,
    fundId: fund.fundId,
    windowId: window.windowId,
    beneficiaryId: beneficiary.beneficiaryId,
    participationYear: request.participationYear,
  };
  return {
    grant: [
      GrantApproved.create({
        ...ids,
        approvedOn: command.approvedOn,
        eligibleCost: request.eligibleCost,
        subsidy: computation.subsidy,
        ownShare: computation.ownShare,
        rate: computation.rate,
        scheduleVersion: computation.scheduleVersion,
        computation: {
          yearRule: computation.yearRule,
          rateSubsidy: computation.rateSubsidy,
          cap: computation.cap,
          capUsedBefore: computation.capUsedBefore,
          capLeft: computation.capLeft,
          limitedBy: computation.limitedBy,
          fundAvailableBefore: available,
        },
      }),
    ],
    fund: [
      FundsCommitted.create({
        ...ids,
        amount: computation.subsidy,
        committedOn: command.approvedOn,
        availableBefore: available,
        availableAfter: available.minus(computation.subsidy),
      }),
    ],
    beneficiary: [
      CapAllocated.create({
        ...ids,
        amount: computation.subsidy,
        cap: computation.cap,
        usedAfter: computation.capUsedBefore.plus(computation.subsidy),
      }),
    ],
  };
}

// ---- rejection --------------------------------------------------------------------------------

export function rejectGrant(command: RejectGrant, state: GrantState): GrantEvent[] {
  if (state.status !== 'requested') return illegal(command.grantId, state, 'reject');
  // Its approval waiting for a second person holds a reservation: decline that first.
  refusePending(command.grantId, state, 'reject');
  assertIsoDate(command.rejectedOn, 'rejectedOn');
  notBefore('rejectedOn', command.rejectedOn, state.request.requestedOn, 'requestedOn');
  const { grantId, fundId, windowId, beneficiaryId } = state.request;
  return [
    GrantRejected.create({
      grantId,
      fundId,
      windowId,
      beneficiaryId,
      rejectedOn: command.rejectedOn,
      reason: command.reason,
    }),
  ];
}
