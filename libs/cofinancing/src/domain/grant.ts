import { Money, type BasisPoints } from '@ledger/money';
import { assertNever, EventCatalog, type StreamModel } from '@ledger/kernel';
import { assertIsoDate, participationYear } from './calendar';
import { capUsedFor, requireEnrolled, type BeneficiaryState } from './beneficiary';
import type {
  ApproveGrant,
  CancelGrant,
  CloseGrant,
  DisburseGrant,
  RejectGrant,
  RequestGrant,
  ReverseDisbursement,
} from './commands';
import {
  AmountNotPositive,
  CommitmentExhausted,
  CorrectionReasonMissing,
  DateOutOfOrder,
  DisbursementAlreadyRecorded,
  DisbursementNotFound,
  EntryAlreadyReversed,
  DuplicateInvoice,
  FundInsufficient,
  GrantNotFound,
  IllegalGrantTransition,
  WrongCurrency,
  type GrantCommandName,
} from './errors';
import {
  CapAllocated,
  CapReleased,
  CommitmentReleased,
  DisbursementReversed,
  FundsCommitted,
  GrantApproved,
  GrantCancelled,
  GrantClosed,
  GrantDisbursed,
  GrantRejected,
  GrantRequested,
  grantDefinitions,
  type BeneficiaryEvent,
  type FundEvent,
  type GrantEvent,
} from './events';
import { assertFundCurrency, availableOf, requireOpenFund, requireWindow, reservedOf, type FundState } from './fund';
import { GrantApprovalPending, GrantHasPendingProposals, HeldByPendingProposal } from './four-eyes.errors';
import { grantFourEyesDefinitions, sumOf, type GrantFourEyesEvent } from './four-eyes';
import { payInvoice } from './invoice-payment';
import { computeSubsidy, scheduleInForce } from './schedule';

export interface GrantRequest {
  readonly grantId: string;
  readonly fundId: string;
  readonly windowId: string;
  readonly beneficiaryId: string;
  readonly serviceProvider: string;
  readonly description: string;
  readonly eligibleCost: Money;
  readonly requestedOn: string;
  readonly participationYear: number;
}

export interface GrantApproval {
  readonly approvedOn: string;
  readonly subsidy: Money;
  readonly ownShare: Money;
  readonly rate: BasisPoints;
  readonly scheduleVersion: number;
}

/** A grant's life: requested → approved (disbursed in parts) → closed; or rejected; or cancelled. */
/** One payment against an invoice, as the grant knows it; a reversed one no longer counts. */
export interface DisbursementEntry {
  readonly disbursementId: string;
  readonly invoiceReference: string;
  readonly invoiceDate: string;
  readonly invoiceAmount: Money;
  readonly paid: Money;
  readonly disbursedOn: string;
  /** The business date of the correction that reversed it, or null. */
  readonly reversedOn: string | null;
}

/**
 * What a pending disbursement or correction proposal holds on the grant: part of the commitment,
 * the identity of the entry it would record, and (a correction) the entry it would reverse.
 */
export interface GrantReservation {
  readonly action: 'disburse-grant' | 'reverse-disbursement';
  readonly amount: Money;
  readonly invoiceReference: string | null;
  readonly disbursementId: string | null;
  readonly reverses: string | null;
}

export type GrantState =
  | { readonly status: 'none' }
  | {
      readonly status: 'requested';
      readonly request: GrantRequest;
      /** A four-eyes proposal to approve it is waiting for a second person. */
      readonly pendingProposalId?: string | null;
    }
  | { readonly status: 'rejected'; readonly request: GrantRequest; readonly reason: string }
  | {
      readonly status: 'approved';
      readonly request: GrantRequest;
      readonly approval: GrantApproval;
      readonly invoiced: Money;
      readonly disbursed: Money;
      /** Invoices paid and not reversed. */
      readonly invoiceReferences: readonly string[];
      readonly disbursements: Readonly<Record<string, DisbursementEntry>>;
      /** Held by pending four-eyes disbursement and correction proposals, by proposal id. */
      readonly reservations: Readonly<Record<string, GrantReservation>>;
    }
  | {
      readonly status: 'closed';
      readonly request: GrantRequest;
      readonly approval: GrantApproval;
      readonly invoiced: Money;
      readonly disbursed: Money;
      readonly released: Money;
    }
  | { readonly status: 'cancelled'; readonly request: GrantRequest; readonly released: Money };

export type GrantStatus = GrantState['status'];

export function evolveGrant(state: GrantState, event: GrantEvent): GrantState {
  switch (event.type) {
    case 'cofinancing.GrantRequested':
      return {
        status: 'requested',
        request: {
          grantId: event.grantId,
          fundId: event.fundId,
          windowId: event.windowId,
          beneficiaryId: event.beneficiaryId,
          serviceProvider: event.serviceProvider,
          description: event.description,
          eligibleCost: event.eligibleCost,
          requestedOn: event.requestedOn,
          participationYear: event.participationYear,
        },
      };
    case 'cofinancing.GrantApproved':
      if (state.status !== 'requested') return state;
      return {
        status: 'approved',
        request: state.request,
        approval: {
          approvedOn: event.approvedOn,
          subsidy: event.subsidy,
          ownShare: event.ownShare,
          rate: event.rate,
          scheduleVersion: event.scheduleVersion,
        },
        invoiced: Money.zero(event.subsidy.currency),
        disbursed: Money.zero(event.subsidy.currency),
        invoiceReferences: [],
        disbursements: {},
        reservations: {},
      };
    case 'cofinancing.GrantRejected':
      if (state.status !== 'requested') return state;
      return { status: 'rejected', request: state.request, reason: event.reason };
    case 'cofinancing.GrantDisbursed':
      if (state.status !== 'approved') return state;
      return {
        ...state,
        invoiced: event.invoicedTotal,
        disbursed: event.disbursedTotal,
        invoiceReferences: [...state.invoiceReferences, event.invoiceReference],
        disbursements: {
          ...state.disbursements,
          [event.disbursementId]: {
            disbursementId: event.disbursementId,
            invoiceReference: event.invoiceReference,
            invoiceDate: event.invoiceDate,
            invoiceAmount: event.invoiceAmount,
            paid: event.paid,
            disbursedOn: event.disbursedOn,
            reversedOn: null,
          },
        },
      };
    case 'cofinancing.DisbursementReversed': {
      if (state.status !== 'approved') return state;
      const entry = state.disbursements[event.disbursementId];
      if (!entry) return state;
      return {
        ...state,
        invoiced: event.invoicedTotal,
        disbursed: event.disbursedTotal,
        invoiceReferences: state.invoiceReferences.filter((reference) => reference !== event.invoiceReference),
        disbursements: {
          ...state.disbursements,
          [event.disbursementId]: { ...entry, reversedOn: event.correctedOn },
        },
      };
    }
    case 'cofinancing.GrantClosed':
      if (state.status !== 'approved') return state;
      return {
        status: 'closed',
        request: state.request,
        approval: state.approval,
        invoiced: state.invoiced,
        disbursed: state.disbursed,
        released: event.released,
      };
    case 'cofinancing.GrantCancelled':
      if (state.status === 'none') return state;
      return { status: 'cancelled', request: state.request, released: event.released };
    default:
      return assertNever(event);
  }
}

/** The grant stream: its own events and the four-eyes lock on its approval and reservations. */
export type GrantStreamEvent = GrantEvent | GrantFourEyesEvent;

export function evolveGrantStream(state: GrantState, event: GrantStreamEvent): GrantState {
  switch (event.type) {
    case 'cofinancing.GrantCommitmentReserved':
      if (state.status !== 'approved') return state;
      return {
        ...state,
        reservations: {
          ...state.reservations,
          [event.proposalId]: {
            action: event.action,
            amount: event.amount,
            invoiceReference: event.invoiceReference,
            disbursementId: event.disbursementId,
            reverses: event.reverses,
          },
        },
      };
    case 'cofinancing.GrantCommitmentReservationReleased': {
      if (state.status !== 'approved') return state;
      const { [event.proposalId]: _released, ...rest } = state.reservations;
      void _released;
      return { ...state, reservations: rest };
    }
    case 'cofinancing.GrantApprovalProposed':
      return state.status === 'requested' ? { ...state, pendingProposalId: event.proposalId } : state;
    case 'cofinancing.GrantApprovalProposalSettled':
      return state.status === 'requested' && state.pendingProposalId === event.proposalId
        ? { ...state, pendingProposalId: null }
        : state;
    default:
      return evolveGrant(state, event);
  }
}

export const grantStreamCatalog = new EventCatalog<GrantStreamEvent>([
  ...grantDefinitions,
  ...grantFourEyesDefinitions,
]);

export const grantModel: StreamModel<GrantState, GrantStreamEvent> = {
  initialState: () => ({ status: 'none' }),
  evolve: evolveGrantStream,
  catalog: grantStreamCatalog,
};

/** What pending disbursement and correction proposals hold of the grant's commitment. */
export function reservedOnGrant(state: GrantState): Money | null {
  if (state.status !== 'approved') return null;
  return sumOf(
    Object.values(state.reservations).map((held) => held.amount),
    Money.zero(state.approval.subsidy.currency),
  );
}

/** The ids of the four-eyes proposals pending on a grant (its approval, or its disbursements and corrections). */
export function pendingProposalsOf(state: GrantState): string[] {
  if (state.status === 'requested') return state.pendingProposalId ? [state.pendingProposalId] : [];
  if (state.status === 'approved') return Object.keys(state.reservations);
  return [];
}

function refuseHeld(
  state: Extract<GrantState, { status: 'approved' }>,
  entry: { readonly invoiceReference: string; readonly disbursementId: string },
): void {
  for (const [proposalId, held] of Object.entries(state.reservations)) {
    if (held.invoiceReference === entry.invoiceReference)
      throw new HeldByPendingProposal(state.request.grantId, 'invoiceReference', entry.invoiceReference, proposalId);
    if (held.disbursementId === entry.disbursementId)
      throw new HeldByPendingProposal(state.request.grantId, 'disbursementId', entry.disbursementId, proposalId);
  }
}

function refusePending(grantId: string, state: GrantState, command: 'close' | 'cancel' | 'reject'): void {
  const pending = pendingProposalsOf(state);
  if (pending.length > 0) throw new GrantHasPendingProposals(grantId, command, pending);
}

function illegal(grantId: string, state: GrantState, command: GrantCommandName, reason?: string): never {
  if (state.status === 'none') throw new GrantNotFound(grantId);
  throw new IllegalGrantTransition(grantId, state.status, command, reason);
}

function notBefore(field: string, date: string, earliest: string): void {
  if (date < earliest) throw new DateOutOfOrder(field, date, earliest);
}

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
  const year = participationYear(beneficiary.enrolledOn, command.requestedOn);
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
  notBefore('approvedOn', command.approvedOn, request.requestedOn);
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
  if (computation.subsidy.greaterThan(available))
    throw new FundInsufficient(available, computation.subsidy, reservedOf(fund));
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
  notBefore('rejectedOn', command.rejectedOn, state.request.requestedOn);
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

// ---- disbursement -----------------------------------------------------------------------------

/**
 * Pays one invoice: its subsidy share at the grant's effective rate, never more than the commitment
 * left — after what pending four-eyes proposals reserve, so that they and this payment can never
 * together pay more than the subsidy. Their invoice references and disbursement ids are refused.
 */
export function disburseGrant(command: DisburseGrant, state: GrantState): GrantEvent[] {
  if (state.status !== 'approved') return illegal(command.grantId, state, 'disburse');
  const { request, approval } = state;
  if (command.invoiceAmount.currency !== approval.subsidy.currency) {
    throw new WrongCurrency(
      'invoiceAmount.currency',
      approval.subsidy.currency.code,
      command.invoiceAmount.currency.code,
    );
  }
  assertIsoDate(command.invoiceDate, 'invoiceDate');
  assertIsoDate(command.disbursedOn, 'disbursedOn');
  notBefore('disbursedOn', command.disbursedOn, approval.approvedOn);
  if (!command.invoiceAmount.isPositive()) throw new AmountNotPositive('invoiceAmount', command.invoiceAmount);
  if (state.invoiceReferences.includes(command.invoiceReference)) {
    throw new DuplicateInvoice(request.grantId, command.invoiceReference);
  }
  if (state.disbursements[command.disbursementId]) {
    throw new DisbursementAlreadyRecorded(request.grantId, command.disbursementId);
  }
  refuseHeld(state, command);
  const reserved = reservedOnGrant(state) ?? Money.zero(approval.subsidy.currency);
  if (state.disbursed.plus(reserved).greaterThanOrEqual(approval.subsidy))
    throw new CommitmentExhausted(request.grantId, approval.subsidy, reserved);
  const payment = payInvoice({
    eligibleCost: request.eligibleCost,
    subsidy: approval.subsidy,
    invoicedBefore: state.invoiced,
    disbursedBefore: state.disbursed,
    reserved,
    invoice: command.invoiceAmount,
  });
  return [
    GrantDisbursed.create({
      grantId: request.grantId,
      fundId: request.fundId,
      windowId: request.windowId,
      beneficiaryId: request.beneficiaryId,
      participationYear: request.participationYear,
      disbursementId: command.disbursementId,
      invoiceReference: command.invoiceReference,
      invoiceDate: command.invoiceDate,
      invoiceAmount: command.invoiceAmount,
      paid: payment.paid,
      rule: payment.rule,
      disbursedOn: command.disbursedOn,
      invoicedTotal: payment.invoicedTotal,
      disbursedTotal: payment.disbursedTotal,
      commitmentLeft: payment.commitmentLeft,
    }),
  ];
}

// ---- correction of a disbursement --------------------------------------------------------------

/**
 * Reverses a disbursement recorded by mistake: the grant's invoiced and disbursed totals go back
 * down by what it counted, its invoice may be paid again, and the commitment it used is free for
 * the grant again. With a replacement (a wrong invoice amount), the right payment is computed by
 * the ordinary rule on the state after the reversal and recorded, dated as the entry it replaces.
 * Only an approved grant's disbursements can be reversed (a closed grant has released the rest of
 * its commitment); each at most once.
 */
export function reverseDisbursement(command: ReverseDisbursement, state: GrantState): GrantEvent[] {
  if (state.status !== 'approved') return illegal(command.grantId, state, 'reverse-disbursement');
  const entry = state.disbursements[command.disbursementId];
  if (!entry) throw new DisbursementNotFound(command.grantId, command.disbursementId);
  if (entry.reversedOn !== null) {
    throw new EntryAlreadyReversed('disbursement', command.disbursementId, entry.reversedOn);
  }
  const locking = Object.entries(state.reservations).find(([, held]) => held.reverses === entry.disbursementId);
  if (locking) throw new HeldByPendingProposal(command.grantId, 'disbursementId', entry.disbursementId, locking[0]);
  if (command.reason.trim().length === 0) throw new CorrectionReasonMissing();
  assertIsoDate(command.correctedOn, 'correctedOn');
  notBefore('correctedOn', command.correctedOn, entry.disbursedOn);
  const { request, approval } = state;
  const invoicedTotal = state.invoiced.minus(entry.invoiceAmount);
  const disbursedTotal = state.disbursed.minus(entry.paid);
  const reversed = DisbursementReversed.create({
    grantId: request.grantId,
    fundId: request.fundId,
    windowId: request.windowId,
    beneficiaryId: request.beneficiaryId,
    participationYear: request.participationYear,
    disbursementId: entry.disbursementId,
    invoiceReference: entry.invoiceReference,
    invoiceAmount: entry.invoiceAmount,
    paid: entry.paid,
    disbursedOn: entry.disbursedOn,
    reason: command.reason.trim(),
    correctedOn: command.correctedOn,
    correctsEventId: command.corrects.eventId,
    correctsPosition: command.corrects.position,
    replacedBy: command.replacement?.disbursementId ?? null,
    invoicedTotal,
    disbursedTotal,
    commitmentLeft: approval.subsidy.minus(disbursedTotal),
  });
  if (command.replacement === null) return [reversed];
  const after = evolveGrant(state, reversed);
  return [
    reversed,
    ...disburseGrant(
      {
        type: 'DisburseGrant',
        grantId: request.grantId,
        disbursementId: command.replacement.disbursementId,
        invoiceReference: command.replacement.invoiceReference,
        invoiceDate: command.replacement.invoiceDate,
        invoiceAmount: command.replacement.invoiceAmount,
        disbursedOn: entry.disbursedOn,
      },
      after,
    ),
  ];
}

// ---- closure and cancellation -------------------------------------------------------------------

export interface ReleaseDecision {
  readonly grant: GrantEvent[];
  /** Empty when nothing is released. */
  readonly fund: FundEvent[];
  readonly beneficiary: BeneficiaryEvent[];
}

function releaseEvents(
  request: GrantRequest,
  amount: Money,
  reason: 'closed' | 'cancelled',
  on: string,
): Pick<ReleaseDecision, 'fund' | 'beneficiary'> {
  if (amount.isZero()) return { fund: [], beneficiary: [] };
  const ids = {
    grantId: request.grantId,
    fundId: request.fundId,
    windowId: request.windowId,
    beneficiaryId: request.beneficiaryId,
    participationYear: request.participationYear,
    amount,
  };
  return {
    fund: [CommitmentReleased.create({ ...ids, reason, releasedOn: on })],
    beneficiary: [CapReleased.create(ids)],
  };
}

/**
 * Closes an approved grant: what was not disbursed goes back to the fund's available balance
 * and no longer counts against the beneficiary's cap.
 */
export function closeGrant(command: CloseGrant, state: GrantState): ReleaseDecision {
  if (state.status !== 'approved') return illegal(command.grantId, state, 'close');
  refusePending(command.grantId, state, 'close');
  assertIsoDate(command.closedOn, 'closedOn');
  notBefore('closedOn', command.closedOn, state.approval.approvedOn);
  const { request, approval, disbursed } = state;
  const released = approval.subsidy.minus(disbursed);
  return {
    grant: [
      GrantClosed.create({
        grantId: request.grantId,
        fundId: request.fundId,
        windowId: request.windowId,
        beneficiaryId: request.beneficiaryId,
        participationYear: request.participationYear,
        closedOn: command.closedOn,
        committed: approval.subsidy,
        disbursed,
        released,
      }),
    ],
    ...releaseEvents(request, released, 'closed', command.closedOn),
  };
}

/** Cancels a request, or an approved grant before any disbursement (its whole commitment is released). */
export function cancelGrant(command: CancelGrant, state: GrantState): ReleaseDecision {
  if (state.status !== 'requested' && state.status !== 'approved') return illegal(command.grantId, state, 'cancel');
  refusePending(command.grantId, state, 'cancel');
  if (state.status === 'approved' && !state.disbursed.isZero()) {
    illegal(command.grantId, state, 'cancel', 'it has disbursements; close it instead');
  }
  assertIsoDate(command.cancelledOn, 'cancelledOn');
  notBefore('cancelledOn', command.cancelledOn, state.request.requestedOn);
  const { request } = state;
  const released = state.status === 'approved' ? state.approval.subsidy : Money.zero(request.eligibleCost.currency);
  return {
    grant: [
      GrantCancelled.create({
        grantId: request.grantId,
        fundId: request.fundId,
        windowId: request.windowId,
        beneficiaryId: request.beneficiaryId,
        participationYear: request.participationYear,
        cancelledOn: command.cancelledOn,
        reason: command.reason,
        wasApproved: state.status === 'approved',
        eligibleCost: request.eligibleCost,
        released,
      }),
    ],
    ...releaseEvents(request, released, 'cancelled', command.cancelledOn),
  };
}
