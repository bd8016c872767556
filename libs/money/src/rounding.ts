/**
 * ROUNDING — the one rule of the ledger
 * =====================================
 *
 * Every share the ledger computes (a subsidy at a rate, an invoice paid at an effective rate, the
 * capacity of a guarantee convention at a multiplier) is computed exactly on integers of minor units
 * and then rounded DOWN to the minor unit, in the fund's favour:
 *
 *     share = floor(amount × numerator / denominator)
 *
 * - amounts are bigint minor units, rates and ratios are exact integers (basis points, or a
 *   numerator/denominator pair); there is no intermediate float and no intermediate rounding;
 * - the product is formed first and divided once, so rounding happens exactly once;
 * - shares are defined on non-negative amounts only, so "down" and "towards zero" agree; the
 *   callers in money.ts refuse negative inputs rather than pick a convention for them;
 * - the fund never pays a fraction of a minor unit more than the rule gives. Residues left by
 *   rounding are dealt with by the domain (e.g. the last invoice of a grant is paid the whole
 *   remainder of the commitment), never by rounding differently.
 *
 * Nothing else in the code base may round money: it calls these functions (through Money).
 */

import { DivisionByZeroError } from './errors';

/** Mathematical floor of n / d for bigints (bigint `/` truncates towards zero, which differs below 0). */
export function floorDiv(n: bigint, d: bigint): bigint {
  if (d === 0n) throw new DivisionByZeroError('floorDiv');
  const q = n / d;
  // Truncation rounded up when the exact quotient is negative and inexact: step down once.
  return n % d !== 0n && n < 0n !== d < 0n ? q - 1n : q;
}

/** floor(amount × numerator / denominator): the single share computation of the ledger. */
export function shareFloor(amount: bigint, numerator: bigint, denominator: bigint): bigint {
  return floorDiv(amount * numerator, denominator);
}
