import { Money, type CurrencyCode } from '@ledger/money';
import { assertNever, field, type SnapshotPolicy, type StreamModel } from '@ledger/event-sourcing';
import { assertIsoDate } from './calendar';
import type { AddMemberFirm, EnrolBeneficiary, MemberFirm } from './commands';
import { BeneficiaryAlreadyEnrolled, BeneficiaryNotFound, InvalidSchedule } from './errors';
import {
  BeneficiaryEnrolled,
  BENEFICIARY_KINDS,
  MemberFirmAdded,
  beneficiaryCatalog,
  type BeneficiaryEvent,
  type BeneficiaryKind,
} from './events';

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
    };

export type EnrolledBeneficiary = Extract<BeneficiaryState, { status: 'enrolled' }>;

export const capKey = (windowId: string, participationYear: number) => `${windowId}#${participationYear}`;

export function capUsedFor(
  beneficiary: EnrolledBeneficiary,
  windowId: string,
  year: number,
  currency: CurrencyCode,
): Money {
  return beneficiary.capUsed[capKey(windowId, year)] ?? Money.zero(currency);
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

export function enrolBeneficiary(command: EnrolBeneficiary, state: BeneficiaryState): BeneficiaryEvent[] {
  if (state.status !== 'none') throw new BeneficiaryAlreadyEnrolled(command.beneficiaryId);
  const ids = new Set(command.memberFirms.map((firm) => firm.firmId));
  if (ids.size !== command.memberFirms.length) throw new InvalidSchedule('memberFirms', 'firm ids must be unique');
  return [
    BeneficiaryEnrolled.create({
      beneficiaryId: command.beneficiaryId,
      name: command.name,
      kind: command.kind,
      enrolledOn: assertIsoDate(command.enrolledOn, 'enrolledOn'),
      memberFirms: command.memberFirms,
    }),
  ];
}

export function addMemberFirm(command: AddMemberFirm, state: BeneficiaryState): BeneficiaryEvent[] {
  const beneficiary = requireEnrolled(state, command.beneficiaryId);
  if (beneficiary.memberFirms[command.firm.firmId]) return [];
  return [
    MemberFirmAdded.create({
      beneficiaryId: beneficiary.beneficiaryId,
      firmId: command.firm.firmId,
      name: command.firm.name,
      womenOwned: command.firm.womenOwned,
      joinedOn: assertIsoDate(command.joinedOn, 'joinedOn'),
    }),
  ];
}

const beneficiarySnapshotCodec = field.object({
  beneficiaryId: field.string(),
  name: field.string(),
  kind: field.literal(...BENEFICIARY_KINDS),
  enrolledOn: field.date(),
  memberFirms: field.array(
    field.object({ firmId: field.string(), name: field.string(), womenOwned: field.optional(field.boolean()) }),
  ),
  capUsed: field.array(field.object({ key: field.string(), used: field.money() })),
});

/** A consortium approved every month for years stays quick to load. */
export const beneficiarySnapshotPolicy: SnapshotPolicy<BeneficiaryState> = {
  version: 1,
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
    };
  },
};

export const beneficiaryModel: StreamModel<BeneficiaryState, BeneficiaryEvent> = {
  initialState: () => ({ status: 'none' }),
  evolve: evolveBeneficiary,
  catalog: beneficiaryCatalog,
  snapshot: beneficiarySnapshotPolicy,
};
