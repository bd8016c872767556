import { Money } from '@ledger/money';
import {
  BusinessDateBeforeDependency,
  CompanyNotFound,
  InsufficientGuaranteeFund,
  InvalidInput,
  MemberNotFound,
  MemberNotInGoodStanding,
  WrongCurrency,
  type StandingProblem,
} from '../errors';
import type { CompanyState, MemberState, RegisteredCompany } from './state';

/**
 * The refusals every decision on a company shares (registered, a member, an amount in its currency,
 * good standing, what the fund covers), and the figures the decisions of its conventions,
 * guarantees and four-eyes proposals read of it.
 */

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
export function requireFundCovers(company: RegisteredCompany, amount: Money, on: string | null = null): void {
  const reserved = fundReserved(company);
  if (company.fundBalance.minus(reserved).lessThan(amount)) {
    throw new InsufficientGuaranteeFund(company.fundBalance, amount, reserved);
  }
  // As of its date and every later one: money dated after the payment (a later deposit) cannot pay it.
  if (on !== null) {
    const lowest = fundAsOfLowest(company, on);
    const asOf = Money.ofMinor(lowest.fund, company.currency);
    if (asOf.minus(reserved).lessThan(amount)) throw new InsufficientGuaranteeFund(asOf, amount, reserved, lowest.on);
  }
}

/**
 * A running total over a timeline of dated movements, read forward: `advance(date)` adds every
 * movement dated up to it and answers the total as of that date (dates asked in increasing order).
 */
export class RunningTotal<T> {
  private readonly entries: [string, T][];
  private next = 0;
  private total = 0n;
  constructor(
    timeline: ReadonlyMap<string, T>,
    private readonly pick: (value: T) => bigint,
  ) {
    this.entries = [...timeline.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }
  advance(date: string): bigint {
    while (this.next < this.entries.length && this.entries[this.next][0] <= date) {
      this.total += this.pick(this.entries[this.next][1]);
      this.next += 1;
    }
    return this.total;
  }
}

/** The lowest the fund stands (minor units) on `on` or any later date it moves, and that date. */
export function fundAsOfLowest(company: RegisteredCompany, on: string): { on: string; fund: bigint } {
  const fund = new RunningTotal(company.fundByDate, (delta) => delta);
  let lowest = { on, fund: fund.advance(on) };
  for (const date of [...company.fundByDate.keys()].filter((d) => d > on).sort()) {
    const asOf = fund.advance(date);
    if (asOf < lowest.fund) lowest = { on: date, fund: asOf };
  }
  return lowest;
}

/** A business date on or after what it depends on, or 422 business-date-before-dependency. */
export function requireOnOrAfter(fieldName: string, date: string, notBefore: string | null, dependency: string): void {
  if (notBefore !== null && date < notBefore) {
    throw new BusinessDateBeforeDependency(fieldName, date, notBefore, dependency);
  }
}
