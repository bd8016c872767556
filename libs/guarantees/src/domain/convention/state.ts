import { assertNever, EventCatalog, type StreamModel } from '@ledger/kernel';
import type { JsonObject, JsonValue, SnapshotPolicy } from '@ledger/kernel';
import { BasisPoints, Money, Ratio, type CurrencyCode } from '@ledger/money';
import { conventionEvents, type CeilingBasis, type ConventionEvent, type ConventionTerms } from './events';

interface ConventionData {
  readonly conventionId: string;
  readonly companyId: string;
  readonly bankId: string;
  readonly currency: CurrencyCode;
  readonly validFrom: string;
  readonly signedOn: string;
  /** Ordered by effectiveFrom (and version). */
  readonly terms: readonly ConventionTerms[];
  readonly outstandingPrincipal: Money;
  readonly guaranteedOutstanding: Money;
  readonly guaranteesInForce: number;
  /** The outstanding's net movement on each business date (minor units), for checks as of a date and later. */
  readonly exposureByDate: ReadonlyMap<string, ExposureMovement>;
  /** Headroom held by pending four-eyes proposals, by proposal id. */
  readonly reservations: Readonly<Record<string, ConventionReservation>>;
}

export interface ExposureMovement {
  readonly principal: bigint;
  readonly guaranteed: bigint;
}

function exposedOn(
  timeline: ReadonlyMap<string, ExposureMovement>,
  on: string,
  principal: bigint,
  guaranteed: bigint,
): ReadonlyMap<string, ExposureMovement> {
  const next = new Map(timeline);
  const current = next.get(on) ?? { principal: 0n, guaranteed: 0n };
  next.set(on, { principal: current.principal + principal, guaranteed: current.guaranteed + guaranteed });
  return next;
}

export interface ConventionReservation {
  readonly principal: Money;
  readonly guaranteed: Money;
}

export type SignedConvention =
  | ({ readonly status: 'in-force' } & ConventionData)
  | ({ readonly status: 'terminated'; readonly terminatedOn: string } & ConventionData);

export type ConventionState = { readonly status: 'unsigned' } | SignedConvention;

export function evolveConvention(state: ConventionState, event: ConventionEvent): ConventionState {
  if (event.type === 'guarantees.BankConventionSigned') {
    return {
      status: 'in-force',
      conventionId: event.conventionId,
      companyId: event.companyId,
      bankId: event.bankId,
      currency: event.currency,
      validFrom: event.validFrom,
      signedOn: event.signedOn,
      terms: [event.terms],
      outstandingPrincipal: Money.zero(event.currency),
      guaranteedOutstanding: Money.zero(event.currency),
      guaranteesInForce: 0,
      exposureByDate: new Map(),
      reservations: {},
    };
  }
  if (state.status === 'unsigned') return state;
  switch (event.type) {
    case 'guarantees.BankConventionAmended':
      return { ...state, terms: [...state.terms, event.terms] };
    case 'guarantees.BankConventionTerminated':
      return { ...state, status: 'terminated', terminatedOn: event.terminatedOn };
    case 'guarantees.ConventionExposureAdded':
      return {
        ...state,
        outstandingPrincipal: state.outstandingPrincipal.plus(event.principal),
        guaranteedOutstanding: state.guaranteedOutstanding.plus(event.guaranteedAmount),
        guaranteesInForce: state.guaranteesInForce + 1,
        exposureByDate: exposedOn(
          state.exposureByDate,
          event.issuedOn,
          event.principal.amountMinor,
          event.guaranteedAmount.amountMinor,
        ),
      };
    case 'guarantees.ConventionExposureReduced': {
      const outstandingPrincipal = state.outstandingPrincipal.minus(event.principal);
      return {
        ...state,
        outstandingPrincipal,
        guaranteedOutstanding: state.guaranteedOutstanding.minus(event.guaranteed),
        guaranteesInForce: event.reason === 'repayment' ? state.guaranteesInForce : state.guaranteesInForce - 1,
        exposureByDate: exposedOn(
          state.exposureByDate,
          event.on,
          -event.principal.amountMinor,
          -event.guaranteed.amountMinor,
        ),
      };
    }
    case 'guarantees.ConventionExposureRestored':
      return {
        ...state,
        outstandingPrincipal: state.outstandingPrincipal.plus(event.principal),
        guaranteedOutstanding: state.guaranteedOutstanding.plus(event.guaranteed),
        exposureByDate: exposedOn(
          state.exposureByDate,
          event.on,
          event.principal.amountMinor,
          event.guaranteed.amountMinor,
        ),
      };
    case 'guarantees.ConventionExposureReserved':
      return {
        ...state,
        reservations: {
          ...state.reservations,
          [event.proposalId]: { principal: event.principal, guaranteed: event.guaranteed },
        },
      };
    case 'guarantees.ConventionReservationReleased': {
      const reservations = { ...state.reservations };
      delete reservations[event.proposalId];
      return { ...state, reservations };
    }
    default:
      return assertNever(event);
  }
}

// ---- snapshot ------------------------------------------------------------------------------------

const termsJson = (terms: ConventionTerms) => ({
  version: terms.version,
  effectiveFrom: terms.effectiveFrom,
  multiplier: terms.multiplier.toString(),
  coverageRate: terms.coverageRate.value,
  ceilingBasis: terms.ceilingBasis,
  maxGuaranteedPerLoan: terms.maxGuaranteedPerLoan?.toMinorString() ?? null,
  validUntil: terms.validUntil,
});

export const conventionSnapshot: SnapshotPolicy<ConventionState> = {
  version: 3,
  every: 100,
  encode: (state): JsonObject => {
    if (state.status === 'unsigned') return { status: state.status };
    return {
      status: state.status,
      terminatedOn: state.status === 'terminated' ? state.terminatedOn : null,
      conventionId: state.conventionId,
      companyId: state.companyId,
      bankId: state.bankId,
      currency: state.currency,
      validFrom: state.validFrom,
      signedOn: state.signedOn,
      terms: state.terms.map(termsJson),
      outstandingPrincipal: state.outstandingPrincipal.toMinorString(),
      guaranteedOutstanding: state.guaranteedOutstanding.toMinorString(),
      guaranteesInForce: state.guaranteesInForce,
      exposureByDate: [...state.exposureByDate.entries()].map(([on, m]) => [
        on,
        m.principal.toString(),
        m.guaranteed.toString(),
      ]),
      reservations: Object.entries(state.reservations).map(([proposalId, r]) => ({
        proposalId,
        principal: r.principal.toMinorString(),
        guaranteed: r.guaranteed.toMinorString(),
      })),
    };
  },
  decode: (json) => {
    if (json.status === 'unsigned') return { status: 'unsigned' };
    const currency = json.currency as CurrencyCode;
    const money = (value: JsonValue) => Money.parseMinor(value as string, currency);
    const data: ConventionData = {
      conventionId: json.conventionId as string,
      companyId: json.companyId as string,
      bankId: json.bankId as string,
      currency,
      validFrom: json.validFrom as string,
      signedOn: json.signedOn as string,
      terms: (json.terms as JsonObject[]).map((t) => ({
        version: t.version as number,
        effectiveFrom: t.effectiveFrom as string,
        multiplier: Ratio.parse(t.multiplier as string),
        coverageRate: BasisPoints.of(t.coverageRate as number),
        ceilingBasis: t.ceilingBasis as CeilingBasis,
        maxGuaranteedPerLoan: t.maxGuaranteedPerLoan === null ? null : money(t.maxGuaranteedPerLoan),
        validUntil: t.validUntil as string,
      })),
      outstandingPrincipal: money(json.outstandingPrincipal),
      guaranteedOutstanding: money(json.guaranteedOutstanding),
      guaranteesInForce: json.guaranteesInForce as number,
      exposureByDate: new Map(
        (json.exposureByDate as [string, string, string][]).map(([on, principal, guaranteed]) => [
          on,
          { principal: BigInt(principal), guaranteed: BigInt(guaranteed) },
        ]),
      ),
      reservations: Object.fromEntries(
        ((json.reservations as JsonObject[] | undefined) ?? []).map((r) => [
          r.proposalId as string,
          { principal: money(r.principal), guaranteed: money(r.guaranteed) },
        ]),
      ),
    };
    return json.status === 'terminated'
      ? { ...data, status: 'terminated', terminatedOn: json.terminatedOn as string }
      : { ...data, status: 'in-force' };
  },
};

export const conventionModel: StreamModel<ConventionState, ConventionEvent> = {
  catalog: new EventCatalog<ConventionEvent>([...conventionEvents]),
  initialState: () => ({ status: 'unsigned' }),
  evolve: evolveConvention,
  snapshot: conventionSnapshot,
};
