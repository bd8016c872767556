import { assertNever } from '@ledger/kernel';
import type { CurrencyCode, Money } from '@ledger/money';
import {
  AlreadyExists,
  CapitalPaymentExceedsSubscription,
  CorrectionPending,
  DepositNotFound,
  InvalidInput,
  MemberAlreadyAdmitted,
  MemberHasLeft,
  MemberHasLiveGuarantees,
  WithdrawalExceedsDeposit,
} from '../errors';
import {
  depositLockedBy,
  requireAmount,
  requireCompany,
  requireFundCovers,
  requireMember,
  requireOnOrAfter,
} from './guards';
import {
  CapitalPaid,
  CapitalSubscribed,
  CompanyRegistered,
  GuaranteeFundDeposited,
  GuaranteeFundWithdrawn,
  MemberAdmitted,
  MemberLeft,
  type CompanyEvent,
} from './events';
import type { CompanyState, MemberState, RegisteredCompany } from './state';

// The decisions that touch the company stream alone; the correction of a deposit is in decide-correction.ts.

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
  requireOnOrAfter('admittedOn', command.admittedOn, company.registeredOn, "the company's registration");
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
  requireOnOrAfter('leftOn', command.leftOn, member.admittedOn, "the member's admission");
  return [MemberLeft.create({ companyId: company.companyId, memberId: member.memberId, leftOn: command.leftOn })];
}

function subscribeCapital(command: Extract<CompanyCommand, { type: 'SubscribeCapital' }>, company: RegisteredCompany) {
  const member = requireActive(requireMember(company, command.memberId));
  const amount = requireAmount(company, command.amount, 'amount');
  requireOnOrAfter('subscribedOn', command.subscribedOn, member.admittedOn, "the member's admission");
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
  requireOnOrAfter('paidOn', command.paidOn, member.firstSubscribedOn, 'the capital subscription');
  if (amount.greaterThan(unpaid)) throw new CapitalPaymentExceedsSubscription(member.memberId, unpaid, amount);
  return [
    CapitalPaid.create({ companyId: company.companyId, memberId: member.memberId, amount, paidOn: command.paidOn }),
  ];
}

export function deposit(
  command: Extract<CompanyCommand, { type: 'DepositGuaranteeFund' }>,
  company: RegisteredCompany,
) {
  if (company.deposits.has(command.depositId)) throw new AlreadyExists('deposit', command.depositId);
  const amount = requireAmount(company, command.amount, 'amount');
  if (command.termDepositReference.trim().length === 0) {
    throw new InvalidInput('termDepositReference', 'must not be blank');
  }
  requireOnOrAfter('depositedOn', command.depositedOn, company.registeredOn, "the company's registration");
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
  requireOnOrAfter('withdrawnOn', command.withdrawnOn, found.depositedOn, 'the deposit');
  const available = found.amount.minus(found.withdrawn);
  if (amount.greaterThan(available)) throw new WithdrawalExceedsDeposit(found.depositId, available, amount);
  // As of its date and every later one: the fund never shows negative, whatever order dates were recorded in.
  requireFundCovers(company, amount, command.withdrawnOn);
  return [
    GuaranteeFundWithdrawn.create({
      companyId: company.companyId,
      depositId: found.depositId,
      amount,
      withdrawnOn: command.withdrawnOn,
    }),
  ];
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
