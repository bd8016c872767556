import { assertNever, EventCatalog, type StreamModel } from '@ledger/kernel';
import type { JsonObject, JsonValue, SnapshotPolicy } from '@ledger/kernel';
import { Money, type CurrencyCode } from '@ledger/money';
import type { ProposalAction } from '../four-eyes.events';
import { companyEvents, type CompanyEvent } from './events';

export interface MemberState {
  readonly memberId: string;
  readonly name: string;
  readonly status: 'active' | 'left';
  readonly admittedOn: string;
  readonly leftOn: string | null;
  /** The business date of its first capital subscription (a payment may not precede it), or null. */
  readonly firstSubscribedOn: string | null;
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
  /**
   * The fund's net movement on each business date (minor units): the fund as of a date is the sum
   * up to it, so a decision can check it as of its own date and every later one.
   */
  readonly fundByDate: ReadonlyMap<string, bigint>;
  /** The company's bank conventions (signed, or known from a guarantee issued under them). */
  readonly conventionIds: readonly string[];
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

/** The timeline with `delta` added on `on`. */
export function movedOn(timeline: ReadonlyMap<string, bigint>, on: string, delta: bigint): ReadonlyMap<string, bigint> {
  const next = new Map(timeline);
  next.set(on, (next.get(on) ?? 0n) + delta);
  return next;
}

const withConvention = (ids: readonly string[], id: string): readonly string[] =>
  ids.includes(id) ? ids : [...ids, id];

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
      fundByDate: new Map(),
      conventionIds: [],
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
        firstSubscribedOn: null,
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
        firstSubscribedOn:
          m.firstSubscribedOn === null || event.subscribedOn < m.firstSubscribedOn
            ? event.subscribedOn
            : m.firstSubscribedOn,
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
      return {
        ...state,
        deposits,
        fundBalance: state.fundBalance.plus(event.amount),
        fundByDate: movedOn(state.fundByDate, event.depositedOn, event.amount.amountMinor),
      };
    }
    case 'guarantees.GuaranteeFundDepositReversed': {
      const deposit = state.deposits.get(event.depositId);
      const deposits = new Map(state.deposits);
      if (deposit) deposits.set(event.depositId, { ...deposit, reversedOn: event.correctedOn });
      // As of its date the deposit nets to zero (the correction takes the deposit's business time).
      return {
        ...state,
        deposits,
        fundBalance: state.fundBalance.minus(event.amount),
        fundByDate: movedOn(state.fundByDate, event.depositedOn, -event.amount.amountMinor),
      };
    }
    case 'guarantees.GuaranteeFundWithdrawn': {
      const deposit = state.deposits.get(event.depositId);
      const deposits = new Map(state.deposits);
      if (deposit) deposits.set(event.depositId, { ...deposit, withdrawn: deposit.withdrawn.plus(event.amount) });
      return {
        ...state,
        deposits,
        fundBalance: state.fundBalance.minus(event.amount),
        fundByDate: movedOn(state.fundByDate, event.withdrawnOn, -event.amount.amountMinor),
      };
    }
    case 'guarantees.CompanyConventionSigned':
      return { ...state, conventionIds: withConvention(state.conventionIds, event.conventionId) };
    case 'guarantees.MemberLoanGuaranteed':
      return withMember(
        { ...state, conventionIds: withConvention(state.conventionIds, event.conventionId) },
        event.memberId,
        (m) => ({
          ...m,
          guaranteesInForce: [...m.guaranteesInForce, event.guaranteeId],
        }),
      );
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
      return {
        ...state,
        fundBalance: state.fundBalance.minus(event.amount),
        fundByDate: movedOn(state.fundByDate, event.paidOn, -event.amount.amountMinor),
      };
    case 'guarantees.RecoveryReturnedToFund': {
      const next = {
        ...state,
        fundBalance: state.fundBalance.plus(event.amount),
        fundByDate: movedOn(state.fundByDate, event.receivedOn, event.amount.amountMinor),
      };
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
  version: 4,
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
      fundByDate: [...state.fundByDate.entries()].map(([on, delta]) => [on, delta.toString()]),
      conventionIds: [...state.conventionIds],
      members: [...state.members.values()].map((m) => ({
        memberId: m.memberId,
        name: m.name,
        status: m.status,
        admittedOn: m.admittedOn,
        leftOn: m.leftOn,
        firstSubscribedOn: m.firstSubscribedOn,
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
      firstSubscribedOn: (m.firstSubscribedOn as string | null) ?? null,
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
      fundByDate: new Map((json.fundByDate as [string, string][]).map(([on, delta]) => [on, BigInt(delta)])),
      conventionIds: json.conventionIds as string[],
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
