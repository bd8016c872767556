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
import { Money, type CurrencyCode } from '@ledger/money';
import {
  AlreadyExists,
  CapitalPaymentExceedsSubscription,
  CorrectionPending,
  CompanyNotFound,
  CorrectionReasonMissing,
  DepositNotFound,
  EntryAlreadyReversed,
  InsufficientGuaranteeFund,
  InvalidInput,
  MemberAlreadyAdmitted,
  MemberHasLeft,
  MemberHasLiveGuarantees,
  MemberNotFound,
  MemberNotInGoodStanding,
  ReversalWouldBreakInvariant,
  WithdrawalExceedsDeposit,
  WrongCurrency,
  type StandingProblem,
} from './errors';
import { companyFourEyesEvents, type ProposalAction } from './four-eyes.events';

// ---- events --------------------------------------------------------------------------------------

export const CompanyRegistered = defineEvent('guarantees.CompanyRegistered', {
  companyId: field.string(),
  name: field.string(),
  currency: field.currency(),
  federationId: field.optional(field.string()),
  registeredOn: field.date(),
});

export const MemberAdmitted = defineEvent('guarantees.MemberAdmitted', {
  companyId: field.string(),
  memberId: field.string(),
  name: field.string(),
  admittedOn: field.date(),
});

export const MemberLeft = defineEvent('guarantees.MemberLeft', {
  companyId: field.string(),
  memberId: field.string(),
  leftOn: field.date(),
});

export const CapitalSubscribed = defineEvent('guarantees.CapitalSubscribed', {
  companyId: field.string(),
  memberId: field.string(),
  amount: field.money(),
  subscribedOn: field.date(),
});

export const CapitalPaid = defineEvent('guarantees.CapitalPaid', {
  companyId: field.string(),
  memberId: field.string(),
  amount: field.money(),
  paidOn: field.date(),
});

export const GuaranteeFundDeposited = defineEvent('guarantees.GuaranteeFundDeposited', {
  companyId: field.string(),
  depositId: field.string(),
  bankId: field.string(),
  amount: field.money(),
  termDepositReference: field.string(),
  depositedOn: field.date(),
  maturesOn: field.optional(field.date()),
});

export const GuaranteeFundWithdrawn = defineEvent('guarantees.GuaranteeFundWithdrawn', {
  companyId: field.string(),
  depositId: field.string(),
  amount: field.money(),
  withdrawnOn: field.date(),
});

/**
 * A correction: a deposit booked by mistake (e.g. to the wrong company) is reversed, never
 * edited; it names the GuaranteeFundDeposited event it corrects (id and position; the id is also
 * its causation id) and why, and is recorded with the deposit's business time. `movedTo` names
 * the deposit recorded on the right company in the same append, if any.
 */
export const GuaranteeFundDepositReversed = defineEvent('guarantees.GuaranteeFundDepositReversed', {
  companyId: field.string(),
  depositId: field.string(),
  bankId: field.string(),
  amount: field.money(),
  depositedOn: field.date(),
  reason: field.string(),
  correctedOn: field.date(),
  correctsEventId: field.string(),
  correctsPosition: field.string(),
  movedToCompanyId: field.optional(field.string()),
  movedToDepositId: field.optional(field.string()),
  fundBalanceAfter: field.money(),
});

/** The company's side of an issuance: the member now has a guarantee in force. */
export const MemberLoanGuaranteed = defineEvent('guarantees.MemberLoanGuaranteed', {
  companyId: field.string(),
  memberId: field.string(),
  guaranteeId: field.string(),
  conventionId: field.string(),
  principal: field.money(),
  guaranteedAmount: field.money(),
  issuedOn: field.date(),
});

/** The loan was repaid in full: the member's guarantee is no longer in force. */
export const MemberLoanRepaid = defineEvent('guarantees.MemberLoanRepaid', {
  companyId: field.string(),
  memberId: field.string(),
  guaranteeId: field.string(),
  conventionId: field.string(),
  repaidOn: field.date(),
});

/** The company's side of a call: the member is in default until the claim is recovered. */
export const MemberLoanDefaulted = defineEvent('guarantees.MemberLoanDefaulted', {
  companyId: field.string(),
  memberId: field.string(),
  guaranteeId: field.string(),
  conventionId: field.string(),
  claimAmount: field.money(),
  calledOn: field.date(),
});

/** Money out of the guarantee fund to the bank. */
export const ClaimPaidFromFund = defineEvent('guarantees.ClaimPaidFromFund', {
  companyId: field.string(),
  memberId: field.string(),
  guaranteeId: field.string(),
  conventionId: field.string(),
  amount: field.money(),
  paidOn: field.date(),
});

/** Money recovered from the defaulting member, back into the fund; `defaultCured` when all is back. */
export const RecoveryReturnedToFund = defineEvent('guarantees.RecoveryReturnedToFund', {
  companyId: field.string(),
  memberId: field.string(),
  guaranteeId: field.string(),
  conventionId: field.string(),
  amount: field.money(),
  receivedOn: field.date(),
  defaultCured: field.boolean(),
});

export const companyEvents = [
  CompanyRegistered,
  MemberAdmitted,
  MemberLeft,
  CapitalSubscribed,
  CapitalPaid,
  GuaranteeFundDeposited,
  GuaranteeFundWithdrawn,
  GuaranteeFundDepositReversed,
  MemberLoanGuaranteed,
  MemberLoanRepaid,
  MemberLoanDefaulted,
  ClaimPaidFromFund,
  RecoveryReturnedToFund,
  ...companyFourEyesEvents,
] as const;

export type CompanyEvent = EventOf<(typeof companyEvents)[number]>;

// ---- state ---------------------------------------------------------------------------------------

export interface MemberState {
  readonly memberId: string;
  readonly name: string;
  readonly status: 'active' | 'left';
  readonly admittedOn: string;
  readonly leftOn: string | null;
  readonly capitalSubscribed: Money;
  readonly capitalPaid: Money;
  /** Guarantees issued and neither repaid in full nor called. */
  readonly guaranteesInForce: readonly string[];
  /** Called guarantees whose claim is not yet recovered in full. */
  readonly defaults: readonly string[];
}

export interface DepositState {
  readonly depositId: string;
  readonly bankId: string;
  readonly amount: Money;
  readonly withdrawn: Money;
  readonly termDepositReference: string;
  readonly depositedOn: string;
  readonly maturesOn: string | null;
  /** The business date of the correction that reversed it, or null. */
  readonly reversedOn: string | null;
}

/** The company's four-eyes policy (see four-eyes.ts). */
export interface CompanyApprovalPolicy {
  readonly issueGuaranteeAbove: Money | null;
  readonly correctionsNeedSecondPerson: boolean;
  readonly proposalTtlHours: number;
}

/** What a pending proposal holds on the company: `fund` is held back from the guarantee fund (deposit reversals). */
export interface CompanyReservation {
  readonly action: ProposalAction;
  readonly conventionId: string | null;
  readonly memberId: string | null;
  readonly depositId: string | null;
  readonly fund: Money;
}

export interface RegisteredCompany {
  readonly status: 'registered';
  readonly companyId: string;
  readonly name: string;
  readonly currency: CurrencyCode;
  readonly federationId: string | null;
  readonly registeredOn: string;
  readonly members: ReadonlyMap<string, MemberState>;
  readonly deposits: ReadonlyMap<string, DepositState>;
  /** deposits − withdrawals − claims paid + recoveries. */
  readonly fundBalance: Money;
  readonly approvalPolicy: CompanyApprovalPolicy | null;
  /** Pending four-eyes proposals, by proposal id. */
  readonly reservations: Readonly<Record<string, CompanyReservation>>;
}

export type CompanyState = { readonly status: 'unregistered' } | RegisteredCompany;

function withMember(
  state: RegisteredCompany,
  memberId: string,
  change: (member: MemberState) => MemberState,
): RegisteredCompany {
  const member = state.members.get(memberId);
  if (!member) return state;
  const members = new Map(state.members);
  members.set(memberId, change(member));
  return { ...state, members };
}

const without = (list: readonly string[], id: string): readonly string[] => list.filter((item) => item !== id);

export function evolveCompany(state: CompanyState, event: CompanyEvent): CompanyState {
  if (event.type === 'guarantees.CompanyRegistered') {
    return {
      status: 'registered',
      companyId: event.companyId,
      name: event.name,
      currency: event.currency,
      federationId: event.federationId,
      registeredOn: event.registeredOn,
      members: new Map(),
      deposits: new Map(),
      fundBalance: Money.zero(event.currency),
      approvalPolicy: null,
      reservations: {},
    };
  }
  if (state.status !== 'registered') return state;
  switch (event.type) {
    case 'guarantees.MemberAdmitted': {
      const members = new Map(state.members);
      members.set(event.memberId, {
        memberId: event.memberId,
        name: event.name,
        status: 'active',
        admittedOn: event.admittedOn,
        leftOn: null,
        capitalSubscribed: Money.zero(state.currency),
        capitalPaid: Money.zero(state.currency),
        guaranteesInForce: [],
        defaults: [],
      });
      return { ...state, members };
    }
    case 'guarantees.MemberLeft':
      return withMember(state, event.memberId, (m) => ({ ...m, status: 'left', leftOn: event.leftOn }));
    case 'guarantees.CapitalSubscribed':
      return withMember(state, event.memberId, (m) => ({
        ...m,
        capitalSubscribed: m.capitalSubscribed.plus(event.amount),
      }));
    case 'guarantees.CapitalPaid':
      return withMember(state, event.memberId, (m) => ({ ...m, capitalPaid: m.capitalPaid.plus(event.amount) }));
    case 'guarantees.GuaranteeFundDeposited': {
      const deposits = new Map(state.deposits);
      deposits.set(event.depositId, {
        depositId: event.depositId,
        bankId: event.bankId,
        amount: event.amount,
        withdrawn: Money.zero(state.currency),
        termDepositReference: event.termDepositReference,
        depositedOn: event.depositedOn,
        maturesOn: event.maturesOn,
        reversedOn: null,
      });
      return { ...state, deposits, fundBalance: state.fundBalance.plus(event.amount) };
    }
    case 'guarantees.GuaranteeFundDepositReversed': {
      const deposit = state.deposits.get(event.depositId);
      const deposits = new Map(state.deposits);
      if (deposit) deposits.set(event.depositId, { ...deposit, reversedOn: event.correctedOn });
      return { ...state, deposits, fundBalance: state.fundBalance.minus(event.amount) };
    }
    case 'guarantees.GuaranteeFundWithdrawn': {
      const deposit = state.deposits.get(event.depositId);
      const deposits = new Map(state.deposits);
      if (deposit) deposits.set(event.depositId, { ...deposit, withdrawn: deposit.withdrawn.plus(event.amount) });
      return { ...state, deposits, fundBalance: state.fundBalance.minus(event.amount) };
    }
    case 'guarantees.MemberLoanGuaranteed':
      return withMember(state, event.memberId, (m) => ({
        ...m,
        guaranteesInForce: [...m.guaranteesInForce, event.guaranteeId],
      }));
    case 'guarantees.MemberLoanRepaid':
      return withMember(state, event.memberId, (m) => ({
        ...m,
        guaranteesInForce: without(m.guaranteesInForce, event.guaranteeId),
      }));
    case 'guarantees.MemberLoanDefaulted':
      return withMember(state, event.memberId, (m) => ({
        ...m,
        guaranteesInForce: without(m.guaranteesInForce, event.guaranteeId),
        // A default with nothing to claim (a tiny outstanding rounded down to 0) owes the fund nothing.
        defaults: event.claimAmount.isPositive() ? [...m.defaults, event.guaranteeId] : m.defaults,
      }));
    case 'guarantees.ClaimPaidFromFund':
      return { ...state, fundBalance: state.fundBalance.minus(event.amount) };
    case 'guarantees.RecoveryReturnedToFund': {
      const next = { ...state, fundBalance: state.fundBalance.plus(event.amount) };
      return event.defaultCured
        ? withMember(next, event.memberId, (m) => ({ ...m, defaults: without(m.defaults, event.guaranteeId) }))
        : next;
    }
    case 'guarantees.CompanyApprovalPolicySet':
      return {
        ...state,
        approvalPolicy: {
          issueGuaranteeAbove: event.issueGuaranteeAbove,
          correctionsNeedSecondPerson: event.correctionsNeedSecondPerson,
          proposalTtlHours: event.proposalTtlHours,
        },
      };
    case 'guarantees.CompanyReservationMade':
      return {
        ...state,
        reservations: {
          ...state.reservations,
          [event.proposalId]: {
            action: event.action,
            conventionId: event.conventionId,
            memberId: event.memberId,
            depositId: event.depositId,
            fund: event.fund,
          },
        },
      };
    case 'guarantees.CompanyReservationReleased': {
      const reservations = { ...state.reservations };
      delete reservations[event.proposalId];
      return { ...state, reservations };
    }
    default:
      return assertNever(event);
  }
}

// ---- snapshot ------------------------------------------------------------------------------------

const moneyJson = (m: Money) => m.toMinorString();

export const companySnapshot: SnapshotPolicy<CompanyState> = {
  version: 3,
  every: 100,
  encode: (state): JsonObject => {
    if (state.status !== 'registered') return { status: state.status };
    return {
      status: state.status,
      companyId: state.companyId,
      name: state.name,
      currency: state.currency,
      federationId: state.federationId,
      registeredOn: state.registeredOn,
      fundBalance: moneyJson(state.fundBalance),
      members: [...state.members.values()].map((m) => ({
        memberId: m.memberId,
        name: m.name,
        status: m.status,
        admittedOn: m.admittedOn,
        leftOn: m.leftOn,
        capitalSubscribed: moneyJson(m.capitalSubscribed),
        capitalPaid: moneyJson(m.capitalPaid),
        guaranteesInForce: [...m.guaranteesInForce],
        defaults: [...m.defaults],
      })),
      deposits: [...state.deposits.values()].map((d) => ({
        depositId: d.depositId,
        bankId: d.bankId,
        amount: moneyJson(d.amount),
        withdrawn: moneyJson(d.withdrawn),
        termDepositReference: d.termDepositReference,
        depositedOn: d.depositedOn,
        maturesOn: d.maturesOn,
        reversedOn: d.reversedOn,
      })),
      approvalPolicy: state.approvalPolicy
        ? {
            issueGuaranteeAbove: state.approvalPolicy.issueGuaranteeAbove?.toMinorString() ?? null,
            correctionsNeedSecondPerson: state.approvalPolicy.correctionsNeedSecondPerson,
            proposalTtlHours: state.approvalPolicy.proposalTtlHours,
          }
        : null,
      reservations: Object.entries(state.reservations).map(([proposalId, r]) => ({
        proposalId,
        action: r.action,
        conventionId: r.conventionId,
        memberId: r.memberId,
        depositId: r.depositId,
        fund: moneyJson(r.fund),
      })),
    };
  },
  decode: (json) => {
    if (json.status !== 'registered') return { status: 'unregistered' };
    const currency = json.currency as CurrencyCode;
    const money = (value: JsonValue) => Money.parseMinor(value as string, currency);
    const members = (json.members as JsonObject[]).map((m): MemberState => ({
      memberId: m.memberId as string,
      name: m.name as string,
      status: m.status as MemberState['status'],
      admittedOn: m.admittedOn as string,
      leftOn: (m.leftOn as string | null) ?? null,
      capitalSubscribed: money(m.capitalSubscribed),
      capitalPaid: money(m.capitalPaid),
      guaranteesInForce: m.guaranteesInForce as string[],
      defaults: m.defaults as string[],
    }));
    const deposits = (json.deposits as JsonObject[]).map((d): DepositState => ({
      depositId: d.depositId as string,
      bankId: d.bankId as string,
      amount: money(d.amount),
      withdrawn: money(d.withdrawn),
      termDepositReference: d.termDepositReference as string,
      depositedOn: d.depositedOn as string,
      maturesOn: (d.maturesOn as string | null) ?? null,
      reversedOn: (d.reversedOn as string | null) ?? null,
    }));
    const policy = (json.approvalPolicy as JsonObject | null | undefined) ?? null;
    const reservations = ((json.reservations as JsonObject[] | undefined) ?? []).map(
      (r): [string, CompanyReservation] => [
        r.proposalId as string,
        {
          action: r.action as ProposalAction,
          conventionId: (r.conventionId as string | null) ?? null,
          memberId: (r.memberId as string | null) ?? null,
          depositId: (r.depositId as string | null) ?? null,
          fund: money(r.fund),
        },
      ],
    );
    return {
      status: 'registered',
      companyId: json.companyId as string,
      name: json.name as string,
      currency,
      federationId: (json.federationId as string | null) ?? null,
      registeredOn: json.registeredOn as string,
      fundBalance: money(json.fundBalance),
      members: new Map(members.map((m) => [m.memberId, m])),
      deposits: new Map(deposits.map((d) => [d.depositId, d])),
      approvalPolicy: policy
        ? {
            issueGuaranteeAbove: policy.issueGuaranteeAbove === null ? null : money(policy.issueGuaranteeAbove),
            correctionsNeedSecondPerson: policy.correctionsNeedSecondPerson as boolean,
            proposalTtlHours: policy.proposalTtlHours as number,
          }
        : null,
      reservations: Object.fromEntries(reservations),
    };
  },
};

export const companyModel: StreamModel<CompanyState, CompanyEvent> = {
  catalog: new EventCatalog<CompanyEvent>([...companyEvents]),
  initialState: () => ({ status: 'unregistered' }),
  evolve: evolveCompany,
  snapshot: companySnapshot,
};

// ---- shared rules --------------------------------------------------------------------------------

export function requireCompany(companyId: string, state: CompanyState): RegisteredCompany {
  if (state.status !== 'registered') throw new CompanyNotFound(companyId);
  return state;
}

export function requireMember(company: RegisteredCompany, memberId: string): MemberState {
  const member = company.members.get(memberId);
  if (!member) throw new MemberNotFound(company.companyId, memberId);
  return member;
}

/** An amount given to the company: its currency, and strictly positive. */
export function requireAmount(company: RegisteredCompany, amount: Money, fieldName: string): Money {
  if (amount.currency.code !== company.currency) {
    throw new WrongCurrency(`${fieldName}.currency`, company.currency, amount.currency.code);
  }
  if (!amount.isPositive()) throw new InvalidInput(`${fieldName}.amountMinor`, 'must be greater than zero');
  return amount;
}

/**
 * Good standing, required for a new guarantee: still a member, capital subscribed and paid in
 * full, and no called guarantee whose claim is not yet recovered.
 */
export function standingProblem(member: MemberState): StandingProblem | null {
  if (member.status === 'left') return 'left';
  if (!member.capitalSubscribed.isPositive() || member.capitalPaid.lessThan(member.capitalSubscribed)) {
    return 'capital-not-paid';
  }
  if (member.defaults.length > 0) return 'in-default';
  return null;
}

export function requireGoodStanding(company: RegisteredCompany, memberId: string): MemberState {
  const member = requireMember(company, memberId);
  const problem = standingProblem(member);
  if (problem !== null) throw new MemberNotInGoodStanding(memberId, problem);
  return member;
}

/** What pending deposit reversals hold back from the guarantee fund. */
export function fundReserved(company: RegisteredCompany, except: string | null = null): Money {
  let total = Money.zero(company.currency);
  for (const [proposalId, reservation] of Object.entries(company.reservations)) {
    if (proposalId !== except) total = total.plus(reservation.fund);
  }
  return total;
}

/** The fund balance less what pending deposit reversals hold back: what capacity and payments may use. */
export function unreservedFund(company: RegisteredCompany): Money {
  return company.fundBalance.minus(fundReserved(company));
}

/** The pending proposal that locks a deposit (its reversal), or null. */
export function depositLockedBy(company: RegisteredCompany, depositId: string): string | null {
  for (const [proposalId, reservation] of Object.entries(company.reservations)) {
    if (reservation.depositId === depositId) return proposalId;
  }
  return null;
}

/**
 * The fund pays out only what it holds: its balance never goes below zero, nor below what pending
 * deposit reversals hold back (they would take it out if confirmed).
 */
export function requireFundCovers(company: RegisteredCompany, amount: Money): void {
  const reserved = fundReserved(company);
  if (company.fundBalance.minus(reserved).lessThan(amount)) {
    throw new InsufficientGuaranteeFund(company.fundBalance, amount, reserved);
  }
}

/**
 * A balance the read models show that the state does not hold as one figure (the company's capital,
 * all members together) stays an amount the ledger holds: beyond ±(10^30 − 1) minor units,
 * AMOUNT_OVERFLOW refuses the command before anything is written. Balances the state holds (a
 * member's capital, the fund balance) are refused by `evolveCompany` itself, which the pipeline
 * runs before the append.
 */
function requireTotalInBounds(amounts: Iterable<Money>, adding: Money): void {
  let total = adding;
  for (const amount of amounts) total = total.plus(amount);
}

const requireActive = (member: MemberState): MemberState => {
  if (member.status === 'left') throw new MemberHasLeft(member.memberId, member.leftOn ?? '');
  return member;
};

// ---- decisions (company stream only) -------------------------------------------------------------

export type CompanyCommand =
  | {
      readonly type: 'RegisterCompany';
      readonly companyId: string;
      readonly name: string;
      readonly currency: CurrencyCode;
      readonly federationId: string | null;
      readonly registeredOn: string;
    }
  | { readonly type: 'AdmitMember'; readonly memberId: string; readonly name: string; readonly admittedOn: string }
  | { readonly type: 'RecordMemberDeparture'; readonly memberId: string; readonly leftOn: string }
  | {
      readonly type: 'SubscribeCapital';
      readonly memberId: string;
      readonly amount: Money;
      readonly subscribedOn: string;
    }
  | { readonly type: 'PayCapital'; readonly memberId: string; readonly amount: Money; readonly paidOn: string }
  | {
      readonly type: 'DepositGuaranteeFund';
      readonly depositId: string;
      readonly bankId: string;
      readonly amount: Money;
      readonly termDepositReference: string;
      readonly depositedOn: string;
      readonly maturesOn: string | null;
    }
  | {
      readonly type: 'WithdrawGuaranteeFund';
      readonly depositId: string;
      readonly amount: Money;
      readonly withdrawnOn: string;
    };

function registerCompany(command: Extract<CompanyCommand, { type: 'RegisterCompany' }>, state: CompanyState) {
  if (state.status !== 'unregistered') throw new AlreadyExists('company', command.companyId);
  if (command.name.trim().length === 0) throw new InvalidInput('name', 'must not be blank');
  return [
    CompanyRegistered.create({
      companyId: command.companyId,
      name: command.name.trim(),
      currency: command.currency,
      federationId: command.federationId,
      registeredOn: command.registeredOn,
    }),
  ];
}

function admitMember(command: Extract<CompanyCommand, { type: 'AdmitMember' }>, company: RegisteredCompany) {
  if (company.members.has(command.memberId)) throw new MemberAlreadyAdmitted(command.memberId);
  if (command.name.trim().length === 0) throw new InvalidInput('name', 'must not be blank');
  if (command.admittedOn < company.registeredOn) {
    throw new InvalidInput('admittedOn', `must not be before the company's registration (${company.registeredOn})`);
  }
  return [
    MemberAdmitted.create({
      companyId: company.companyId,
      memberId: command.memberId,
      name: command.name.trim(),
      admittedOn: command.admittedOn,
    }),
  ];
}

function recordDeparture(
  command: Extract<CompanyCommand, { type: 'RecordMemberDeparture' }>,
  company: RegisteredCompany,
) {
  const member = requireActive(requireMember(company, command.memberId));
  // A guarantee waiting for a second officer counts too: confirmed, it would be issued to a member gone.
  const pending = Object.values(company.reservations).filter(
    (r) => r.action === 'issue-guarantee' && r.memberId === member.memberId,
  ).length;
  const live = member.guaranteesInForce.length + member.defaults.length + pending;
  if (live > 0) throw new MemberHasLiveGuarantees(member.memberId, live);
  if (command.leftOn < member.admittedOn) {
    throw new InvalidInput('leftOn', `must not be before the member's admission (${member.admittedOn})`);
  }
  return [MemberLeft.create({ companyId: company.companyId, memberId: member.memberId, leftOn: command.leftOn })];
}

function subscribeCapital(command: Extract<CompanyCommand, { type: 'SubscribeCapital' }>, company: RegisteredCompany) {
  const member = requireActive(requireMember(company, command.memberId));
  const amount = requireAmount(company, command.amount, 'amount');
  requireTotalInBounds(
    [...company.members.values()].map((m) => m.capitalSubscribed),
    amount,
  );
  return [
    CapitalSubscribed.create({
      companyId: company.companyId,
      memberId: member.memberId,
      amount,
      subscribedOn: command.subscribedOn,
    }),
  ];
}

function payCapital(command: Extract<CompanyCommand, { type: 'PayCapital' }>, company: RegisteredCompany) {
  const member = requireActive(requireMember(company, command.memberId));
  const amount = requireAmount(company, command.amount, 'amount');
  const unpaid = member.capitalSubscribed.minus(member.capitalPaid);
  if (amount.greaterThan(unpaid)) throw new CapitalPaymentExceedsSubscription(member.memberId, unpaid, amount);
  return [
    CapitalPaid.create({ companyId: company.companyId, memberId: member.memberId, amount, paidOn: command.paidOn }),
  ];
}

function deposit(command: Extract<CompanyCommand, { type: 'DepositGuaranteeFund' }>, company: RegisteredCompany) {
  if (company.deposits.has(command.depositId)) throw new AlreadyExists('deposit', command.depositId);
  const amount = requireAmount(company, command.amount, 'amount');
  if (command.termDepositReference.trim().length === 0) {
    throw new InvalidInput('termDepositReference', 'must not be blank');
  }
  if (command.maturesOn !== null && command.maturesOn <= command.depositedOn) {
    throw new InvalidInput('maturesOn', 'must be after depositedOn');
  }
  return [
    GuaranteeFundDeposited.create({
      companyId: company.companyId,
      depositId: command.depositId,
      bankId: command.bankId,
      amount,
      termDepositReference: command.termDepositReference.trim(),
      depositedOn: command.depositedOn,
      maturesOn: command.maturesOn,
    }),
  ];
}

function withdraw(command: Extract<CompanyCommand, { type: 'WithdrawGuaranteeFund' }>, company: RegisteredCompany) {
  const found = company.deposits.get(command.depositId);
  if (!found) throw new DepositNotFound(company.companyId, command.depositId);
  const lockedBy = depositLockedBy(company, found.depositId);
  if (lockedBy !== null) throw new CorrectionPending('deposit', found.depositId, lockedBy);
  const amount = requireAmount(company, command.amount, 'amount');
  const available = found.amount.minus(found.withdrawn);
  if (amount.greaterThan(available)) throw new WithdrawalExceedsDeposit(found.depositId, available, amount);
  requireFundCovers(company, amount);
  return [
    GuaranteeFundWithdrawn.create({
      companyId: company.companyId,
      depositId: found.depositId,
      amount,
      withdrawnOn: command.withdrawnOn,
    }),
  ];
}

// ---- correction of a deposit -----------------------------------------------------------------------

export interface ReverseDeposit {
  readonly depositId: string;
  readonly reason: string;
  readonly correctedOn: string;
  readonly corrects: { readonly eventId: string; readonly position: string };
  /** The deposit recorded on the right company in the same append, if any. */
  readonly moveTo: { readonly companyId: string; readonly depositId: string } | null;
}

export interface DepositReversalDecision {
  readonly company: CompanyEvent[];
  /** The deposit on the right company (empty when none). */
  readonly target: CompanyEvent[];
}

/**
 * Reverses a deposit booked by mistake, and optionally books it on the right company (same bank,
 * amount, reference and dates). Refused when already reversed, when partly withdrawn, and when the
 * fund no longer holds it (claims paid from it since): the fund never goes negative.
 */
export function reverseDeposit(
  companyId: string,
  command: ReverseDeposit,
  state: CompanyState,
  targetState: CompanyState | null,
): DepositReversalDecision {
  const company = requireCompany(companyId, state);
  const found = company.deposits.get(command.depositId);
  if (!found) throw new DepositNotFound(companyId, command.depositId);
  if (found.reversedOn !== null) throw new EntryAlreadyReversed('deposit', found.depositId, found.reversedOn);
  const lockedBy = depositLockedBy(company, found.depositId);
  if (lockedBy !== null) throw new CorrectionPending('deposit', found.depositId, lockedBy);
  if (command.reason.trim().length === 0) throw new CorrectionReasonMissing();
  if (command.correctedOn < found.depositedOn) {
    throw new InvalidInput('correctedOn', `must not be before the deposit (${found.depositedOn})`);
  }
  if (!found.withdrawn.isZero()) {
    throw new ReversalWouldBreakInvariant(
      found.depositId,
      'deposit-not-withdrawn',
      found.amount,
      company.fundBalance,
      found.withdrawn,
    );
  }
  // Other pending reversals would take their deposits out too: together they never take the fund below zero.
  const otherwiseHeld = fundReserved(company);
  if (company.fundBalance.minus(otherwiseHeld).lessThan(found.amount)) {
    throw new ReversalWouldBreakInvariant(
      found.depositId,
      'fund-balance-not-negative',
      found.amount,
      company.fundBalance.minus(otherwiseHeld),
      found.withdrawn,
    );
  }
  let target: CompanyEvent[] = [];
  if (command.moveTo !== null) {
    const right = requireCompany(command.moveTo.companyId, targetState ?? { status: 'unregistered' });
    if (right.companyId === company.companyId) {
      throw new InvalidInput('moveToCompanyId', 'must be another company than the one corrected');
    }
    if (right.currency !== company.currency) {
      throw new WrongCurrency('moveToCompanyId', right.currency, company.currency);
    }
    target = deposit(
      {
        type: 'DepositGuaranteeFund',
        depositId: command.moveTo.depositId,
        bankId: found.bankId,
        amount: found.amount,
        termDepositReference: found.termDepositReference,
        depositedOn: found.depositedOn,
        maturesOn: found.maturesOn,
      },
      right,
    );
  }
  return {
    company: [
      GuaranteeFundDepositReversed.create({
        companyId: company.companyId,
        depositId: found.depositId,
        bankId: found.bankId,
        amount: found.amount,
        depositedOn: found.depositedOn,
        reason: command.reason.trim(),
        correctedOn: command.correctedOn,
        correctsEventId: command.corrects.eventId,
        correctsPosition: command.corrects.position,
        movedToCompanyId: command.moveTo?.companyId ?? null,
        movedToDepositId: command.moveTo?.depositId ?? null,
        fundBalanceAfter: company.fundBalance.minus(found.amount),
      }),
    ],
    target,
  };
}

/** The decisions that touch the company stream alone. */
export function decideCompany(companyId: string, command: CompanyCommand, state: CompanyState): CompanyEvent[] {
  if (command.type === 'RegisterCompany') return registerCompany(command, state);
  const company = requireCompany(companyId, state);
  switch (command.type) {
    case 'AdmitMember':
      return admitMember(command, company);
    case 'RecordMemberDeparture':
      return recordDeparture(command, company);
    case 'SubscribeCapital':
      return subscribeCapital(command, company);
    case 'PayCapital':
      return payCapital(command, company);
    case 'DepositGuaranteeFund':
      return deposit(command, company);
    case 'WithdrawGuaranteeFund':
      return withdraw(command, company);
    default:
      return assertNever(command);
  }
}
