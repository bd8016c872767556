import {
  assertNever,
  defineEvent,
  EventCatalog,
  field,
  type EventOf,
  type JsonObject,
  type JsonValue,
  type SnapshotPolicy,
  type StreamModel,
} from '@ledger/kernel';
import { BasisPoints, floorDiv, MAX_ABS_AMOUNT_MINOR, Money, Ratio, type CurrencyCode } from '@ledger/money';
import { type RegisteredCompany, requireAmount } from './company';
import {
  AlreadyExists,
  ConventionExpired,
  ConventionNotFound,
  ConventionNotYetValid,
  ConventionTerminated,
  InvalidInput,
} from './errors';
import { conventionFourEyesEvents } from './four-eyes.events';

/**
 * What the ceiling (fund × multiplier) is compared with: the outstanding principal of the loans
 * (the Senegal reading: members borrow up to 1 billion FCFA), or the outstanding guaranteed amounts.
 */
export type CeilingBasis = 'loan-principal' | 'guaranteed-amount';
export const CEILING_BASES: readonly CeilingBasis[] = ['loan-principal', 'guaranteed-amount'];

/** One dated version of the convention's terms; amendments add versions, never rewrite them. */
export interface ConventionTerms {
  readonly version: number;
  readonly effectiveFrom: string;
  readonly multiplier: Ratio;
  readonly coverageRate: BasisPoints;
  readonly ceilingBasis: CeilingBasis;
  /** Cap on the guaranteed amount of one loan; null: no cap besides the headroom. */
  readonly maxGuaranteedPerLoan: Money | null;
  readonly validUntil: string;
}

// ---- events --------------------------------------------------------------------------------------

const termsShape = {
  version: field.integer(),
  effectiveFrom: field.date(),
  multiplier: field.ratio(),
  coverageRate: field.basisPoints(),
  ceilingBasis: field.literal('loan-principal', 'guaranteed-amount'),
  maxGuaranteedPerLoan: field.optional(field.money()),
  validUntil: field.date(),
};

export const BankConventionSigned = defineEvent('guarantees.BankConventionSigned', {
  conventionId: field.string(),
  companyId: field.string(),
  bankId: field.string(),
  currency: field.currency(),
  validFrom: field.date(),
  signedOn: field.date(),
  terms: field.object(termsShape),
});

export const BankConventionAmended = defineEvent('guarantees.BankConventionAmended', {
  conventionId: field.string(),
  companyId: field.string(),
  amendedOn: field.date(),
  terms: field.object(termsShape),
});

export const BankConventionTerminated = defineEvent('guarantees.BankConventionTerminated', {
  conventionId: field.string(),
  companyId: field.string(),
  terminatedOn: field.date(),
  reason: field.string(),
});

/** A guarantee was issued under the convention: its loan now counts in the outstanding. */
export const ConventionExposureAdded = defineEvent('guarantees.ConventionExposureAdded', {
  conventionId: field.string(),
  companyId: field.string(),
  guaranteeId: field.string(),
  memberId: field.string(),
  principal: field.money(),
  guaranteedAmount: field.money(),
  issuedOn: field.date(),
});

/**
 * The outstanding went down: a repayment, the final repayment (the guarantee is released), or a
 * call (a called loan stops counting in the outstanding).
 */
export const ConventionExposureReduced = defineEvent('guarantees.ConventionExposureReduced', {
  conventionId: field.string(),
  companyId: field.string(),
  guaranteeId: field.string(),
  reason: field.literal('repayment', 'final-repayment', 'call'),
  principal: field.money(),
  guaranteed: field.money(),
  on: field.date(),
});

/** A correction put a loan's outstanding back up (a repayment recorded by mistake was reversed). */
export const ConventionExposureRestored = defineEvent('guarantees.ConventionExposureRestored', {
  conventionId: field.string(),
  companyId: field.string(),
  guaranteeId: field.string(),
  reason: field.literal('repayment-reversed'),
  principal: field.money(),
  guaranteed: field.money(),
  on: field.date(),
});

export const conventionEvents = [
  BankConventionSigned,
  BankConventionAmended,
  BankConventionTerminated,
  ConventionExposureAdded,
  ConventionExposureReduced,
  ConventionExposureRestored,
  ...conventionFourEyesEvents,
] as const;

export type ConventionEvent = EventOf<(typeof conventionEvents)[number]>;

// ---- state ---------------------------------------------------------------------------------------

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
  /** Headroom held by pending four-eyes proposals, by proposal id. */
  readonly reservations: Readonly<Record<string, ConventionReservation>>;
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
      };
    case 'guarantees.ConventionExposureReduced': {
      const outstandingPrincipal = state.outstandingPrincipal.minus(event.principal);
      return {
        ...state,
        outstandingPrincipal,
        guaranteedOutstanding: state.guaranteedOutstanding.minus(event.guaranteed),
        guaranteesInForce: event.reason === 'repayment' ? state.guaranteesInForce : state.guaranteesInForce - 1,
      };
    }
    case 'guarantees.ConventionExposureRestored':
      return {
        ...state,
        outstandingPrincipal: state.outstandingPrincipal.plus(event.principal),
        guaranteedOutstanding: state.guaranteedOutstanding.plus(event.guaranteed),
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
  version: 2,
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

// ---- figures -------------------------------------------------------------------------------------

/**
 * floor(guarantee fund balance × multiplier), exactly (the multiplier is a ratio of integers), in
 * minor units, and never more than the largest amount the ledger holds (10^30 − 1 minor units): terms
 * whose capacity exceeds it are refused when signed or amended, but a later deposit may take the
 * product beyond it, and then the capacity is that bound (no outstanding can reach it anyway). So
 * no decision, projection or as-of read ever fails computing it.
 */
export function capacityMinorOf(fundMinor: bigint, multiplier: Ratio): bigint {
  if (fundMinor <= 0n) return 0n;
  const exact = floorDiv(fundMinor * multiplier.numerator, multiplier.denominator);
  return exact < MAX_ABS_AMOUNT_MINOR ? exact : MAX_ABS_AMOUNT_MINOR;
}

export function capacityOf(fundBalance: Money, multiplier: Ratio): Money {
  return Money.ofMinor(capacityMinorOf(fundBalance.amountMinor, multiplier), fundBalance.currency);
}

/**
 * New terms (a signature, an amendment that sets the multiplier) must give a capacity the ledger can
 * hold on the fund as it is: AMOUNT_OVERFLOW (nothing written) otherwise. The company is read for it,
 * so the command guards its stream.
 */
function requireCapacityInBounds(company: RegisteredCompany, multiplier: Ratio): void {
  if (company.fundBalance.isPositive()) company.fundBalance.multiplyByRatio(multiplier);
}

/** What counts against the ceiling under a basis. */
export function outstandingUnder(
  basis: CeilingBasis,
  figures: { readonly outstandingPrincipal: Money; readonly guaranteedOutstanding: Money },
): Money {
  return basis === 'loan-principal' ? figures.outstandingPrincipal : figures.guaranteedOutstanding;
}

/** What pending proposals hold of the headroom, under a ceiling basis (except one proposal, when given). */
export function reservedUnder(basis: CeilingBasis, convention: SignedConvention, except: string | null = null): Money {
  let total = Money.zero(convention.currency);
  for (const [proposalId, r] of Object.entries(convention.reservations)) {
    if (proposalId !== except) total = total.plus(basis === 'loan-principal' ? r.principal : r.guaranteed);
  }
  return total;
}

export interface ConventionFigures {
  readonly terms: ConventionTerms;
  readonly capacity: Money;
  readonly outstanding: Money;
  /** capacity − outstanding; negative when claims shrank the fund below what is already lent. */
  readonly headroom: Money;
}

export function figuresOf(convention: SignedConvention, terms: ConventionTerms, fundBalance: Money): ConventionFigures {
  const capacity = capacityOf(fundBalance, terms.multiplier);
  const outstanding = outstandingUnder(terms.ceilingBasis, convention);
  return { terms, capacity, outstanding, headroom: capacity.minus(outstanding) };
}

export function requireConvention(conventionId: string, state: ConventionState): SignedConvention {
  if (state.status === 'unsigned') throw new ConventionNotFound(conventionId);
  return state;
}

/** The terms in effect on a date; refuses dates outside the convention's validity. */
export function termsInEffect(convention: SignedConvention, on: string): ConventionTerms {
  if (convention.status === 'terminated')
    throw new ConventionTerminated(convention.conventionId, convention.terminatedOn);
  if (on < convention.validFrom) throw new ConventionNotYetValid(convention.conventionId, convention.validFrom, on);
  let current: ConventionTerms | undefined;
  for (const terms of convention.terms) if (terms.effectiveFrom <= on) current = terms;
  if (current === undefined) throw new ConventionNotYetValid(convention.conventionId, convention.validFrom, on);
  if (on > current.validUntil) throw new ConventionExpired(convention.conventionId, current.validUntil, on);
  return current;
}

export function latestTerms(convention: SignedConvention): ConventionTerms {
  return convention.terms[convention.terms.length - 1];
}

// ---- decisions -----------------------------------------------------------------------------------

export interface TermsInput {
  readonly multiplier: Ratio;
  readonly coverageRate: BasisPoints;
  readonly ceilingBasis: CeilingBasis;
  readonly maxGuaranteedPerLoan: Money | null;
  readonly validUntil: string;
}

export interface SignConvention extends TermsInput {
  readonly conventionId: string;
  readonly companyId: string;
  readonly bankId: string;
  readonly validFrom: string;
  readonly signedOn: string;
}

function checkTerms(terms: TermsInput, company: RegisteredCompany, validFrom: string): void {
  if (terms.multiplier.isZero()) throw new InvalidInput('multiplier', 'must be greater than zero');
  if (terms.coverageRate.isZero()) throw new InvalidInput('coverageRate', 'must be greater than zero');
  if (terms.maxGuaranteedPerLoan !== null) requireAmount(company, terms.maxGuaranteedPerLoan, 'maxGuaranteedPerLoan');
  if (terms.validUntil < validFrom) throw new InvalidInput('validUntil', `must not be before validFrom (${validFrom})`);
}

export function signConvention(
  command: SignConvention,
  state: ConventionState,
  company: RegisteredCompany,
): ConventionEvent[] {
  if (state.status !== 'unsigned') throw new AlreadyExists('convention', command.conventionId);
  checkTerms(command, company, command.validFrom);
  requireCapacityInBounds(company, command.multiplier);
  return [
    BankConventionSigned.create({
      conventionId: command.conventionId,
      companyId: company.companyId,
      bankId: command.bankId,
      currency: company.currency,
      validFrom: command.validFrom,
      signedOn: command.signedOn,
      terms: {
        version: 1,
        effectiveFrom: command.validFrom,
        multiplier: command.multiplier,
        coverageRate: command.coverageRate,
        ceilingBasis: command.ceilingBasis,
        maxGuaranteedPerLoan: command.maxGuaranteedPerLoan,
        validUntil: command.validUntil,
      },
    }),
  ];
}

/** Fields left undefined keep their current value; `maxGuaranteedPerLoan: null` removes the cap. */
export interface AmendConvention {
  readonly effectiveFrom: string;
  readonly amendedOn: string;
  readonly multiplier?: Ratio;
  readonly coverageRate?: BasisPoints;
  readonly ceilingBasis?: CeilingBasis;
  readonly maxGuaranteedPerLoan?: Money | null;
  readonly validUntil?: string;
}

export function amendConvention(
  command: AmendConvention,
  state: ConventionState,
  conventionId: string,
  company: RegisteredCompany,
): ConventionEvent[] {
  const convention = requireConvention(conventionId, state);
  if (convention.status === 'terminated') throw new ConventionTerminated(conventionId, convention.terminatedOn);
  const current = latestTerms(convention);
  if (command.effectiveFrom < current.effectiveFrom) {
    throw new InvalidInput(
      'effectiveFrom',
      `must not be before the current terms' effective date (${current.effectiveFrom})`,
    );
  }
  const next: TermsInput = {
    multiplier: command.multiplier ?? current.multiplier,
    coverageRate: command.coverageRate ?? current.coverageRate,
    ceilingBasis: command.ceilingBasis ?? current.ceilingBasis,
    maxGuaranteedPerLoan:
      command.maxGuaranteedPerLoan === undefined ? current.maxGuaranteedPerLoan : command.maxGuaranteedPerLoan,
    validUntil: command.validUntil ?? current.validUntil,
  };
  checkTerms(next, company, convention.validFrom);
  if (command.multiplier !== undefined) requireCapacityInBounds(company, command.multiplier);
  if (next.validUntil < command.effectiveFrom) {
    throw new InvalidInput('validUntil', 'must not be before the amendment takes effect');
  }
  return [
    BankConventionAmended.create({
      conventionId,
      companyId: convention.companyId,
      amendedOn: command.amendedOn,
      terms: { ...next, version: current.version + 1, effectiveFrom: command.effectiveFrom },
    }),
  ];
}

export interface TerminateConvention {
  readonly terminatedOn: string;
  readonly reason: string;
}

export function terminateConvention(
  command: TerminateConvention,
  state: ConventionState,
  conventionId: string,
): ConventionEvent[] {
  const convention = requireConvention(conventionId, state);
  if (convention.status === 'terminated') throw new ConventionTerminated(conventionId, convention.terminatedOn);
  if (command.terminatedOn < convention.signedOn) {
    throw new InvalidInput('terminatedOn', `must not be before the signature (${convention.signedOn})`);
  }
  return [
    BankConventionTerminated.create({
      conventionId,
      companyId: convention.companyId,
      terminatedOn: command.terminatedOn,
      reason: command.reason.trim(),
    }),
  ];
}
