import { Money, type BasisPoints } from '@ledger/money';
import { assertNever, EventCatalog, type StreamModel } from '@ledger/kernel';
import { grantFourEyesDefinitions, sumOf, type GrantFourEyesEvent } from '../four-eyes';
import { grantDefinitions, type GrantEvent } from './events';

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

/** A grant's life: requested → approved (disbursed in parts) → closed; or rejected; or cancelled. */
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
