import { Money, type Ratio } from '@ledger/money';
import { fundReserved, type RegisteredCompany } from '../company';
import { capacityMinorOf, reservedUnder, type SignedConvention } from '../convention';
import type { ConventionTerms } from '../convention';
import type { HeadroomBreach } from '../errors';

/*
 * The guarantee fund backs what the company guarantees, as of every date. One company's
 * conventions share its one fund:
 *   - under each convention in force, outstanding ≤ floor(fund × its multiplier) (its own headroom);
 *   - across them, the company's outstanding (each convention's, under its ceiling basis) ≤
 *     floor(fund × the largest multiplier among its conventions in force) (the company's headroom).
 * So a convention's effective headroom is min(its own, the company's). Both are checked as of the
 * command's business date and every later date the company's fund or a convention's outstanding
 * moves on, with what is recorded (later-dated deposits do not back an earlier loan; a loan issued
 * on a date counts until the dates of its repayments). Pending four-eyes proposals hold their fund
 * and headroom on every date.
 */

/** What a command would change, from its business date on. */
export interface BackingChange {
  readonly on: string;
  /** Added to the fund from `on` (negative: a withdrawal), in minor units. */
  readonly fund?: bigint;
  /** Added to a convention's outstanding from `on` (an issuance). */
  readonly exposure?: { readonly conventionId: string; readonly principal: bigint; readonly guaranteed: bigint };
}

/** The terms in effect on a date, ignoring validity (null before the first terms take effect). */
function termsOn(convention: SignedConvention, on: string): ConventionTerms | null {
  let current: ConventionTerms | null = null;
  for (const terms of convention.terms) if (terms.effectiveFrom <= on) current = terms;
  return current;
}

/** In force on a date: signed, not terminated, within the validity of the terms then in effect. */
function inForceOn(convention: SignedConvention, on: string): ConventionTerms | null {
  if (convention.status === 'terminated') return null;
  if (on < convention.validFrom) return null;
  const terms = termsOn(convention, on);
  return terms !== null && on <= terms.validUntil ? terms : null;
}

const sumUpTo = <T>(timeline: ReadonlyMap<string, T>, on: string, pick: (value: T) => bigint): bigint => {
  let total = 0n;
  for (const [date, value] of timeline) if (date <= on) total += pick(value);
  return total;
};

const larger = (a: Ratio, b: Ratio): Ratio => (a.numerator * b.denominator >= b.numerator * a.denominator ? a : b);

/**
 * Every limit the change would leave broken (headroom below zero), each on the first date it is,
 * from the change's date on. Empty: the fund backs everything, on every date.
 */
export function backingBreaches(
  company: RegisteredCompany,
  conventions: readonly SignedConvention[],
  change: BackingChange,
): HeadroomBreach[] {
  const currency = company.currency;
  const dates = new Set<string>([change.on]);
  for (const date of company.fundByDate.keys()) if (date > change.on) dates.add(date);
  for (const convention of conventions) {
    for (const date of convention.exposureByDate.keys()) if (date > change.on) dates.add(date);
    for (const terms of convention.terms) if (terms.effectiveFrom > change.on) dates.add(terms.effectiveFrom);
  }
  const held = fundReserved(company).amountMinor;
  const found = new Map<string, HeadroomBreach>();
  const money = (minor: bigint) => Money.ofMinor(minor, currency);
  const breach = (key: string, limit: HeadroomBreach['limit'], on: string, capacity: bigint, outstanding: bigint) => {
    if (capacity - outstanding >= 0n || found.has(key)) return;
    found.set(key, {
      limit,
      conventionId: limit === 'company' ? null : key,
      on,
      capacityAfter: money(capacity),
      outstanding: money(outstanding),
      headroomAfter: money(capacity - outstanding),
    });
  };
  for (const on of [...dates].sort()) {
    const fund = sumUpTo(company.fundByDate, on, (delta) => delta) + (change.fund ?? 0n) - held;
    let largest: Ratio | null = null;
    let companyOutstanding = 0n;
    for (const convention of conventions) {
      const terms = inForceOn(convention, on);
      if (terms === null) continue;
      const principalBasis = terms.ceilingBasis === 'loan-principal';
      const added = change.exposure?.conventionId === convention.conventionId ? change.exposure : null;
      const outstanding =
        sumUpTo(convention.exposureByDate, on, (m) => (principalBasis ? m.principal : m.guaranteed)) +
        (added ? (principalBasis ? added.principal : added.guaranteed) : 0n) +
        reservedUnder(terms.ceilingBasis, convention).amountMinor;
      breach(convention.conventionId, 'convention', on, capacityMinorOf(fund, terms.multiplier), outstanding);
      largest = largest === null ? terms.multiplier : larger(largest, terms.multiplier);
      companyOutstanding += outstanding;
    }
    if (largest !== null) breach('company', 'company', on, capacityMinorOf(fund, largest), companyOutstanding);
  }
  return [...found.values()];
}

/** The company's capacity: floor(fund × the largest multiplier among the conventions given), exactly. */
export function companyCapacity(fundBalance: Money, conventions: readonly SignedConvention[], on: string): Money {
  let largest: Ratio | null = null;
  for (const convention of conventions) {
    const terms = inForceOn(convention, on);
    if (terms !== null) largest = largest === null ? terms.multiplier : larger(largest, terms.multiplier);
  }
  return Money.ofMinor(largest === null ? 0n : capacityMinorOf(fundBalance.amountMinor, largest), fundBalance.currency);
}

/** The lowest the fund stands on `on` or any later date it moves, with `delta` added from `on` (minor units). */
export function lowestFundFrom(company: RegisteredCompany, on: string, delta = 0n): { on: string; fund: bigint } {
  let lowest: { on: string; fund: bigint } | null = null;
  const dates = [on, ...[...company.fundByDate.keys()].filter((date) => date > on)].sort();
  for (const date of dates) {
    const fund = sumUpTo(company.fundByDate, date, (d) => d) + delta;
    if (lowest === null || fund < lowest.fund) lowest = { on: date, fund };
  }
  return lowest ?? { on, fund: delta };
}
