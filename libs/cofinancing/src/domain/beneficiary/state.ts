import { Money, type CurrencyCode } from '@ledger/money';
import { assertNever, EventCatalog, field, type SnapshotPolicy, type StreamModel } from '@ledger/kernel';
import { BeneficiaryNotFound } from '../errors';
import { beneficiaryFourEyesDefinitions, type BeneficiaryFourEyesEvent } from '../four-eyes';
import { BENEFICIARY_KINDS, beneficiaryDefinitions, type BeneficiaryEvent, type BeneficiaryKind } from './events';

export interface MemberFirm {
  readonly firmId: string;
  readonly name: string;
  readonly womenOwned: boolean | null;
}

export type BeneficiaryState =
  | { readonly status: 'none' }
  | {
      readonly status: 'enrolled';
      readonly beneficiaryId: string;
      readonly name: string;
      readonly kind: BeneficiaryKind;
      readonly enrolledOn: string;
      readonly memberFirms: Readonly<Record<string, MemberFirm>>;
      /** Subsidy counted against each cap, by capKey(window, participation year). */
      readonly capUsed: Readonly<Record<string, Money>>;
      /** Held by pending four-eyes proposals, by proposal id: counts against the cap until released. */
      readonly capReserved: Readonly<Record<string, { readonly key: string; readonly amount: Money }>>;
    };

export type EnrolledBeneficiary = Extract<BeneficiaryState, { status: 'enrolled' }>;

export const capKey = (windowId: string, participationYear: number) => `${windowId}#${participationYear}`;

export function capUsedFor(
  beneficiary: EnrolledBeneficiary,
  windowId: string,
  year: number,
  currency: CurrencyCode,
): Money {
  const key = capKey(windowId, year);
  let used = beneficiary.capUsed[key] ?? Money.zero(currency);
  for (const held of Object.values(beneficiary.capReserved)) if (held.key === key) used = used.plus(held.amount);
  return used;
}

/** The beneficiary stream: its own events and the four-eyes cap reservations. */
export type BeneficiaryStreamEvent = BeneficiaryEvent | BeneficiaryFourEyesEvent;

export function evolveBeneficiaryStream(state: BeneficiaryState, event: BeneficiaryStreamEvent): BeneficiaryState {
  switch (event.type) {
    case 'cofinancing.CapReserved':
      if (state.status !== 'enrolled') return state;
      return {
        ...state,
        capReserved: {
          ...state.capReserved,
          [event.proposalId]: { key: capKey(event.windowId, event.participationYear), amount: event.amount },
        },
      };
    case 'cofinancing.CapReservationReleased': {
      if (state.status !== 'enrolled') return state;
      const { [event.proposalId]: _released, ...rest } = state.capReserved;
      void _released;
      return { ...state, capReserved: rest };
    }
    default:
      return evolveBeneficiary(state, event);
  }
}

export function evolveBeneficiary(state: BeneficiaryState, event: BeneficiaryEvent): BeneficiaryState {
  switch (event.type) {
    case 'cofinancing.BeneficiaryEnrolled':
      return {
        status: 'enrolled',
        beneficiaryId: event.beneficiaryId,
        name: event.name,
        kind: event.kind,
        enrolledOn: event.enrolledOn,
        memberFirms: Object.fromEntries(event.memberFirms.map((firm) => [firm.firmId, firm])),
        capUsed: {},
        capReserved: {},
      };
    case 'cofinancing.MemberFirmAdded':
      if (state.status !== 'enrolled') return state;
      return {
        ...state,
        memberFirms: {
          ...state.memberFirms,
          [event.firmId]: { firmId: event.firmId, name: event.name, womenOwned: event.womenOwned },
        },
      };
    case 'cofinancing.CapAllocated': {
      if (state.status !== 'enrolled') return state;
      const key = capKey(event.windowId, event.participationYear);
      const used = state.capUsed[key] ?? Money.zero(event.amount.currency);
      return { ...state, capUsed: { ...state.capUsed, [key]: used.plus(event.amount) } };
    }
    case 'cofinancing.CapReleased': {
      if (state.status !== 'enrolled') return state;
      const key = capKey(event.windowId, event.participationYear);
      const used = state.capUsed[key] ?? Money.zero(event.amount.currency);
      return { ...state, capUsed: { ...state.capUsed, [key]: used.minus(event.amount) } };
    }
    default:
      return assertNever(event);
  }
}

export function requireEnrolled(state: BeneficiaryState, beneficiaryId: string): EnrolledBeneficiary {
  if (state.status !== 'enrolled' || state.beneficiaryId !== beneficiaryId)
    throw new BeneficiaryNotFound(beneficiaryId);
  return state;
}

// ---- stream model ---------------------------------------------------------------------------

const beneficiarySnapshotCodec = field.object({
  beneficiaryId: field.string(),
  name: field.string(),
  kind: field.literal(...BENEFICIARY_KINDS),
  enrolledOn: field.date(),
  memberFirms: field.array(
    field.object({ firmId: field.string(), name: field.string(), womenOwned: field.optional(field.boolean()) }),
  ),
  capUsed: field.array(field.object({ key: field.string(), used: field.money() })),
  capReserved: field.array(field.object({ proposalId: field.string(), key: field.string(), amount: field.money() })),
});

/** A consortium approved every month for years stays quick to load. */
export const beneficiarySnapshotPolicy: SnapshotPolicy<BeneficiaryState> = {
  version: 2,
  every: 100,
  encode: (state) =>
    state.status !== 'enrolled'
      ? { status: 'none', beneficiary: null }
      : {
          status: 'enrolled',
          beneficiary: beneficiarySnapshotCodec.encode({
            ...state,
            memberFirms: Object.values(state.memberFirms),
            capUsed: Object.entries(state.capUsed).map(([key, used]) => ({ key, used })),
            capReserved: Object.entries(state.capReserved).map(([proposalId, held]) => ({ proposalId, ...held })),
          }),
        },
  decode: (json) => {
    if (json.status !== 'enrolled') return { status: 'none' };
    const b = beneficiarySnapshotCodec.decode(json.beneficiary, 'snapshot.beneficiary');
    return {
      status: 'enrolled',
      beneficiaryId: b.beneficiaryId,
      name: b.name,
      kind: b.kind,
      enrolledOn: b.enrolledOn,
      memberFirms: Object.fromEntries(b.memberFirms.map((firm) => [firm.firmId, firm])),
      capUsed: Object.fromEntries(b.capUsed.map(({ key, used }) => [key, used])),
      capReserved: Object.fromEntries(
        b.capReserved.map(({ proposalId, key, amount }) => [proposalId, { key, amount }]),
      ),
    };
  },
};

export const beneficiaryStreamCatalog = new EventCatalog<BeneficiaryStreamEvent>([
  ...beneficiaryDefinitions,
  ...beneficiaryFourEyesDefinitions,
]);

export const beneficiaryModel: StreamModel<BeneficiaryState, BeneficiaryStreamEvent> = {
  initialState: () => ({ status: 'none' }),
  evolve: evolveBeneficiaryStream,
  catalog: beneficiaryStreamCatalog,
  snapshot: beneficiarySnapshotPolicy,
};
