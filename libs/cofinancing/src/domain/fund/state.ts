import { Money, type CurrencyCode } from '@ledger/money';
import { assertNever, EventCatalog, field, type SnapshotPolicy, type StreamModel } from '@ledger/kernel';
import { FundNotFound, WindowNotFound, WrongCurrency } from '../errors';
import {
  approvalPolicyOf,
  fundFourEyesDefinitions,
  sumOf,
  type FundApprovalPolicy,
  type FundFourEyesEvent,
} from '../four-eyes';
import { withChange, type AvailabilityTimeline } from './availability';
import { fundDefinitions, type FundEvent } from './events';
import { scheduleShape, SUPPORT_KINDS, type ScheduleVersion, type SupportKind } from './schedule';

export interface WindowState {
  readonly windowId: string;
  readonly name: string;
  readonly supportKind: SupportKind;
  /** No request may be dated before it. */
  readonly openedOn: string;
  /** Every version, oldest first; an approval uses the one in force on the request date. */
  readonly schedules: readonly ScheduleVersion[];
}

export type FundState =
  | { readonly status: 'none' }
  | {
      readonly status: 'open';
      readonly fundId: string;
      readonly name: string;
      readonly currency: CurrencyCode;
      /** Nothing on the fund may be dated before it. */
      readonly createdOn: string;
      /** Capital received from donors. */
      readonly contributed: Money;
      /** Approved subsidies not yet released by closure or cancellation. */
      readonly committed: Money;
      readonly donors: Readonly<Record<string, { readonly name: string; readonly registeredOn: string }>>;
      readonly windows: Readonly<Record<string, WindowState>>;
      /** Four-eyes policy, or null when one person decides everything. */
      readonly approvalPolicy: FundApprovalPolicy | null;
      /** Amounts held by pending four-eyes proposals, by proposal id: not committed, but not available. */
      readonly reservations: Readonly<Record<string, Money>>;
      /** available (contributed − committed) through business time, by date: see availability.ts. */
      readonly availability: AvailabilityTimeline;
    };

export type OpenFund = Extract<FundState, { status: 'open' }>;

/** available = contributed − committed − reserved: what new approvals (and proposals) may still use. */
export function availableOf(fund: OpenFund): Money {
  return fund.contributed.minus(fund.committed).minus(reservedOf(fund));
}

/** What pending four-eyes proposals hold on the fund. */
export function reservedOf(fund: OpenFund): Money {
  return sumOf(Object.values(fund.reservations), Money.zero(fund.currency));
}

/** The fund stream: its own events and the four-eyes policy and reservations. */
export type FundStreamEvent = FundEvent | FundFourEyesEvent;

export function evolveFundStream(state: FundState, event: FundStreamEvent): FundState {
  switch (event.type) {
    case 'cofinancing.FundApprovalPolicySet':
      if (state.status !== 'open') return state;
      return { ...state, approvalPolicy: approvalPolicyOf(event) };
    case 'cofinancing.FundsReserved':
      if (state.status !== 'open') return state;
      return { ...state, reservations: { ...state.reservations, [event.proposalId]: event.amount } };
    case 'cofinancing.FundReservationReleased': {
      if (state.status !== 'open') return state;
      const { [event.proposalId]: _released, ...rest } = state.reservations;
      void _released;
      return { ...state, reservations: rest };
    }
    default:
      return evolveFund(state, event);
  }
}

export function evolveFund(state: FundState, event: FundEvent): FundState {
  switch (event.type) {
    case 'cofinancing.FundCreated':
      return {
        status: 'open',
        fundId: event.fundId,
        name: event.name,
        currency: event.currency,
        createdOn: event.createdOn,
        contributed: Money.zero(event.currency),
        committed: Money.zero(event.currency),
        donors: {},
        windows: {},
        approvalPolicy: null,
        reservations: {},
        availability: [],
      };
    case 'cofinancing.DonorRegistered':
      if (state.status !== 'open') return state;
      return {
        ...state,
        donors: { ...state.donors, [event.donorId]: { name: event.name, registeredOn: event.registeredOn } },
      };
    case 'cofinancing.ContributionRecorded':
      if (state.status !== 'open') return state;
      return {
        ...state,
        contributed: state.contributed.plus(event.amount),
        availability: withChange(state.availability, event.receivedOn, event.amount.amountMinor),
      };
    case 'cofinancing.WindowOpened':
      if (state.status !== 'open') return state;
      return {
        ...state,
        windows: {
          ...state.windows,
          [event.windowId]: {
            windowId: event.windowId,
            name: event.name,
            supportKind: event.supportKind,
            openedOn: event.openedOn,
            schedules: [event.schedule],
          },
        },
      };
    case 'cofinancing.WindowScheduleAmended': {
      if (state.status !== 'open') return state;
      const window = state.windows[event.windowId];
      if (!window) return state;
      return {
        ...state,
        windows: {
          ...state.windows,
          [event.windowId]: { ...window, schedules: [...window.schedules, event.schedule] },
        },
      };
    }
    case 'cofinancing.FundsCommitted':
      if (state.status !== 'open') return state;
      return {
        ...state,
        committed: state.committed.plus(event.amount),
        availability: withChange(state.availability, event.committedOn, -event.amount.amountMinor),
      };
    case 'cofinancing.CommitmentReleased':
      if (state.status !== 'open') return state;
      return {
        ...state,
        committed: state.committed.minus(event.amount),
        availability: withChange(state.availability, event.releasedOn, event.amount.amountMinor),
      };
    default:
      return assertNever(event);
  }
}

export function requireOpenFund(state: FundState, fundId: string): OpenFund {
  if (state.status !== 'open' || state.fundId !== fundId) throw new FundNotFound(fundId);
  return state;
}

export function requireWindow(fund: OpenFund, windowId: string): WindowState {
  const window = fund.windows[windowId];
  if (!window) throw new WindowNotFound(fund.fundId, windowId);
  return window;
}

export function assertFundCurrency(fund: OpenFund, amount: Money, fieldName: string): void {
  if (amount.currency.code !== fund.currency) throw new WrongCurrency(fieldName, fund.currency, amount.currency.code);
}

// ---- stream model ---------------------------------------------------------------------------

const fundSnapshotShape = {
  fundId: field.string(),
  name: field.string(),
  currency: field.currency(),
  createdOn: field.date(),
  contributed: field.money(),
  committed: field.money(),
  approvalPolicy: field.optional(
    field.object({
      approveGrantAbove: field.optional(field.money()),
      // Absent from snapshots taken before they existed: never.
      disburseAbove: field.optional(field.money()),
      correctionsNeedSecondPerson: field.optional(field.boolean()),
      proposalTtlHours: field.integer(),
    }),
  ),
  reservations: field.array(field.object({ proposalId: field.string(), amount: field.money() })),
  donors: field.array(field.object({ donorId: field.string(), name: field.string(), registeredOn: field.date() })),
  windows: field.array(
    field.object({
      windowId: field.string(),
      name: field.string(),
      supportKind: field.literal(...SUPPORT_KINDS),
      openedOn: field.date(),
      schedules: field.array(field.object(scheduleShape)),
    }),
  ),
  availability: field.array(field.object({ on: field.date(), deltaMinor: field.bigint() })),
};
const fundSnapshotCodec = field.object(fundSnapshotShape);

/**
 * The fund stream takes every approval and release: keep a snapshot every 100 events. Version 3
 * added the dates (creation, donors, windows) and the availability timeline; older snapshots are
 * ignored and the state rebuilt from the events.
 */
export const fundSnapshotPolicy: SnapshotPolicy<FundState> = {
  version: 3,
  every: 100,
  encode: (state) => {
    if (state.status !== 'open') return { status: 'none', fund: null };
    return {
      status: 'open',
      fund: fundSnapshotCodec.encode({
        ...state,
        donors: Object.entries(state.donors).map(([donorId, donor]) => ({
          donorId,
          name: donor.name,
          registeredOn: donor.registeredOn,
        })),
        windows: Object.values(state.windows),
        reservations: Object.entries(state.reservations).map(([proposalId, amount]) => ({ proposalId, amount })),
      }),
    };
  },
  decode: (json) => {
    if (json.status !== 'open') return { status: 'none' };
    const fund = fundSnapshotCodec.decode(json.fund, 'snapshot.fund');
    return {
      status: 'open',
      fundId: fund.fundId,
      name: fund.name,
      currency: fund.currency,
      createdOn: fund.createdOn,
      contributed: fund.contributed,
      committed: fund.committed,
      donors: Object.fromEntries(
        fund.donors.map((donor) => [donor.donorId, { name: donor.name, registeredOn: donor.registeredOn }]),
      ),
      windows: Object.fromEntries(fund.windows.map((window) => [window.windowId, window])),
      approvalPolicy: fund.approvalPolicy && {
        approveGrantAbove: fund.approvalPolicy.approveGrantAbove,
        disburseAbove: fund.approvalPolicy.disburseAbove ?? null,
        correctionsNeedSecondPerson: fund.approvalPolicy.correctionsNeedSecondPerson ?? false,
        proposalTtlHours: fund.approvalPolicy.proposalTtlHours,
      },
      reservations: Object.fromEntries(fund.reservations.map((held) => [held.proposalId, held.amount])),
      availability: fund.availability,
    };
  },
};

export const fundStreamCatalog = new EventCatalog<FundStreamEvent>([...fundDefinitions, ...fundFourEyesDefinitions]);

export const fundModel: StreamModel<FundState, FundStreamEvent> = {
  initialState: () => ({ status: 'none' }),
  evolve: evolveFundStream,
  catalog: fundStreamCatalog,
  snapshot: fundSnapshotPolicy,
};
