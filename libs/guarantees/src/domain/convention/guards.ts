import { floorDiv, MAX_ABS_AMOUNT_MINOR, Money, type Ratio } from '@ledger/money';
import { ConventionExpired, ConventionNotFound, ConventionNotYetValid, ConventionTerminated } from '../errors';
import type { CeilingBasis, ConventionTerms } from './events';
import type { ConventionState, SignedConvention } from './state';

/*
 * The figures of a convention (capacity, outstanding, headroom) and the refusals every decision
 * under it shares (signed, terms in effect on a date); the issuance, four-eyes and the read models read them too.
 */

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
