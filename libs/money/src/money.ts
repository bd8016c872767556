import { BasisPoints } from './basis-points';
import { type Currency, type CurrencyLike, currencyOf, resolveCurrency } from './currency';
import {
  AmountOverflowError,
  CurrencyMismatchError,
  DivisionByZeroError,
  FloatAmountError,
  InvalidAmountError,
  NegativeAmountError,
  TooManyDecimalsError,
  describeValue,
} from './errors';
import { Ratio } from './ratio';
import { shareFloor } from './rounding';

/**
 * Bound on every amount: |amountMinor| ≤ 10^30 − 1. It fits PostgreSQL numeric(38,0) with eight
 * orders of magnitude to spare, so sums over many rows in SQL cannot overflow the column type
 * either, and it is far above any real fund (10^30 XOF).
 */
export const MAX_ABS_AMOUNT_MINOR: bigint = 10n ** 30n - 1n;

/** Longest text accepted by the parsers, checked before any regex or BigInt() work. */
const MAX_INPUT_LENGTH = 64;

/** Canonical minor-unit form, exactly what toMinorString() writes: no leading zeros, no "-0". */
const MINOR_PATTERN = /^(0|-?[1-9][0-9]*)$/;

/** Major-unit form: integer part without leading zeros, optional point followed by ≥ 1 digit. */
const MAJOR_PATTERN = /^(-?)(0|[1-9][0-9]*)(?:\.([0-9]+))?$/;

/**
 * Minor units written in major units with the currency's own decimals ("200000.00" MAD, "1.500" TND).
 * Not bounded like Money: totals over many companies or funds (reports, monitoring) may pass
 * MAX_ABS_AMOUNT_MINOR and are still written exactly.
 */
export function majorString(amountMinor: bigint, currency: CurrencyLike): string {
  const digits = resolveCurrency(currency).minorDigits;
  const negative = amountMinor < 0n;
  const magnitude = (negative ? -amountMinor : amountMinor).toString();
  const sign = negative ? '-' : '';
  if (digits === 0) return sign + magnitude;
  const padded = magnitude.padStart(digits + 1, '0');
  return `${sign}${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}

export interface MoneyJson {
  readonly amountMinor: string;
  readonly currency: string;
}

function requireBigInt(value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') throw new FloatAmountError(value);
  throw new InvalidAmountError(describeValue(value), 'expected a bigint of minor units');
}

function requireString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') throw new FloatAmountError(value);
  throw new InvalidAmountError(describeValue(value), 'expected a string');
}

/**
 * An amount of one currency, in integer minor units (cents, millimes, francs). Immutable.
 * JS numbers are refused everywhere; every share computation goes through rounding.ts.
 */
export class Money {
  private constructor(
    readonly amountMinor: bigint,
    readonly currency: Currency,
  ) {
    Object.freeze(this);
  }

  // ---- construction -------------------------------------------------------------------------

  /** @throws FloatAmountError, InvalidAmountError, AmountOverflowError, UnknownCurrencyError */
  static ofMinor(amountMinor: bigint, currency: CurrencyLike): Money {
    const resolved = resolveCurrency(currency);
    const amount = requireBigInt(amountMinor);
    if (amount > MAX_ABS_AMOUNT_MINOR || amount < -MAX_ABS_AMOUNT_MINOR) {
      throw new AmountOverflowError(amount, resolved.code, MAX_ABS_AMOUNT_MINOR);
    }
    return new Money(amount, resolved);
  }

  static zero(currency: CurrencyLike): Money {
    return new Money(0n, resolveCurrency(currency));
  }

  /**
   * Parses the JSON form: a string of minor units, optional '-', ASCII digits only, in canonical
   * form (no '+', spaces, exponent, point, hex, leading zeros or "-0"), so that parsing is the exact
   * inverse of toMinorString() and one amount has one spelling in stored events.
   */
  static parseMinor(input: string, currency: CurrencyLike): Money {
    const resolved = resolveCurrency(currency);
    const text = requireString(input);
    if (text.length > MAX_INPUT_LENGTH) throw new InvalidAmountError(`${text.slice(0, 20)}…`, 'too long');
    if (!MINOR_PATTERN.test(text)) {
      throw new InvalidAmountError(JSON.stringify(text), 'expected an integer string of minor units, like "-12345"');
    }
    return Money.ofMinor(BigInt(text), resolved);
  }

  /**
   * Parses a decimal in major units ("200000.00", "1234.5", "340000000"). At most the currency's
   * decimals: more is an error even when they are zeros, never a silent rounding.
   */
  static parseMajor(input: string, currency: CurrencyLike): Money {
    const resolved = resolveCurrency(currency);
    const text = requireString(input);
    if (text.length > MAX_INPUT_LENGTH) throw new InvalidAmountError(`${text.slice(0, 20)}…`, 'too long');
    const match = MAJOR_PATTERN.exec(text);
    if (match === null) {
      throw new InvalidAmountError(JSON.stringify(text), 'expected a decimal string like "1234.50"');
    }
    const [, sign = '', whole = '0', fraction = ''] = match;
    if (fraction.length > resolved.minorDigits) {
      throw new TooManyDecimalsError(JSON.stringify(text), resolved.code, resolved.minorDigits, fraction.length);
    }
    const magnitude = BigInt(whole + fraction.padEnd(resolved.minorDigits, '0'));
    if (sign === '-' && magnitude === 0n) {
      throw new InvalidAmountError(JSON.stringify(text), 'negative zero');
    }
    return Money.ofMinor(sign === '-' ? -magnitude : magnitude, resolved);
  }

  /** Reads the JSON form back, checking its shape (for store and HTTP boundaries). */
  static fromJSON(json: unknown): Money {
    if (typeof json !== 'object' || json === null) {
      throw new InvalidAmountError(describeValue(json), 'expected { amountMinor, currency }');
    }
    const { amountMinor, currency } = json as Record<string, unknown>;
    if (typeof currency !== 'string') {
      throw new InvalidAmountError(describeValue(currency), 'currency must be a string code');
    }
    return Money.parseMinor(amountMinor as string, currencyOf(currency));
  }

  static isMoney(value: unknown): value is Money {
    return value instanceof Money;
  }

  /** Sum of a list; the currency is given so that an empty list has one. */
  static sum(amounts: readonly Money[], currency: CurrencyLike): Money {
    const resolved = resolveCurrency(currency);
    let total = 0n;
    for (const m of amounts) {
      if (!(m instanceof Money)) throw new InvalidAmountError(describeValue(m), 'sum expects Money items');
      if (m.currency !== resolved) throw new CurrencyMismatchError(resolved.code, m.currency.code, 'sum');
      total += m.amountMinor;
    }
    return Money.ofMinor(total, resolved);
  }

  static min(first: Money, ...rest: Money[]): Money {
    return rest.reduce((acc, m) => (m.lessThan(acc) ? m : acc), first);
  }

  static max(first: Money, ...rest: Money[]): Money {
    return rest.reduce((acc, m) => (m.greaterThan(acc) ? m : acc), first);
  }

  // ---- arithmetic ---------------------------------------------------------------------------

  plus(other: Money): Money {
    this.assertSameCurrency(other, 'plus');
    return Money.ofMinor(this.amountMinor + other.amountMinor, this.currency);
  }

  minus(other: Money): Money {
    this.assertSameCurrency(other, 'minus');
    return Money.ofMinor(this.amountMinor - other.amountMinor, this.currency);
  }

  negate(): Money {
    return new Money(-this.amountMinor, this.currency);
  }

  abs(): Money {
    return this.amountMinor < 0n ? this.negate() : this;
  }

  /** floor(amount × bp / 10 000): a subsidy at a rate, rounded down (rounding.ts). */
  applyRate(rate: BasisPoints): Money {
    if (!(rate instanceof BasisPoints)) {
      throw new InvalidAmountError(describeValue(rate), 'applyRate expects BasisPoints');
    }
    this.assertNotNegative('applyRate');
    return Money.ofMinor(shareFloor(this.amountMinor, rate.toBigInt(), 10_000n), this.currency);
  }

  /** floor(amount × n / d): e.g. convention capacity = floor(guarantee fund × multiplier). */
  multiplyByRatio(ratio: Ratio): Money {
    if (!(ratio instanceof Ratio)) {
      throw new InvalidAmountError(describeValue(ratio), 'multiplyByRatio expects a Ratio');
    }
    this.assertNotNegative('multiplyByRatio');
    return Money.ofMinor(shareFloor(this.amountMinor, ratio.numerator, ratio.denominator), this.currency);
  }

  /**
   * floor(this × part / whole), the effective-rate share, e.g. invoice × subsidy / eligible cost,
   * computed in one step so the rate itself is never rounded.
   */
  scaleByFraction(part: Money, whole: Money): Money {
    this.assertSameCurrency(part, 'scaleByFraction');
    this.assertSameCurrency(whole, 'scaleByFraction');
    this.assertNotNegative('scaleByFraction');
    part.assertNotNegative('scaleByFraction (part)');
    whole.assertNotNegative('scaleByFraction (whole)');
    if (whole.isZero()) throw new DivisionByZeroError('scaleByFraction');
    return Money.ofMinor(shareFloor(this.amountMinor, part.amountMinor, whole.amountMinor), this.currency);
  }

  // ---- predicates and comparison ------------------------------------------------------------

  isZero(): boolean {
    return this.amountMinor === 0n;
  }

  isNegative(): boolean {
    return this.amountMinor < 0n;
  }

  isPositive(): boolean {
    return this.amountMinor > 0n;
  }

  compare(other: Money): -1 | 0 | 1 {
    this.assertSameCurrency(other, 'compare');
    return this.amountMinor < other.amountMinor ? -1 : this.amountMinor > other.amountMinor ? 1 : 0;
  }

  /** Throws on mixed currencies rather than answer false: comparing MAD with XOF is a bug. */
  equals(other: Money): boolean {
    return this.compare(other) === 0;
  }

  lessThan(other: Money): boolean {
    return this.compare(other) < 0;
  }

  lessThanOrEqual(other: Money): boolean {
    return this.compare(other) <= 0;
  }

  greaterThan(other: Money): boolean {
    return this.compare(other) > 0;
  }

  greaterThanOrEqual(other: Money): boolean {
    return this.compare(other) >= 0;
  }

  // ---- formatting ---------------------------------------------------------------------------

  /** The JSON form of the amount: "-12345". */
  toMinorString(): string {
    return this.amountMinor.toString();
  }

  /** "200000.00" (MAD), "340000000" (XOF), "1.500" (TND); parseMajor() reads it back. */
  toMajorString(): string {
    return majorString(this.amountMinor, this.currency);
  }

  toJSON(): MoneyJson {
    return { amountMinor: this.toMinorString(), currency: this.currency.code };
  }

  toString(): string {
    return `${this.toMajorString()} ${this.currency.code}`;
  }

  /**
   * `a < b`, `a + b` or `a == 0` on Money objects would silently compare or concatenate strings;
   * only string conversion (template literals, String()) is allowed.
   */
  [Symbol.toPrimitive](hint: string): string {
    if (hint === 'string') return this.toString();
    throw new TypeError(`Money ${this.toString()} cannot be used as a ${hint} primitive; use its methods`);
  }

  // ---- guards -------------------------------------------------------------------------------

  private assertSameCurrency(other: Money, operation: string): void {
    if (!(other instanceof Money)) {
      if (typeof other === 'number') throw new FloatAmountError(other);
      throw new InvalidAmountError(describeValue(other), `${operation} expects Money`);
    }
    if (other.currency !== this.currency) {
      throw new CurrencyMismatchError(this.currency.code, other.currency.code, operation);
    }
  }

  private assertNotNegative(operation: string): void {
    if (this.amountMinor < 0n) throw new NegativeAmountError(operation, this.amountMinor, this.currency.code);
  }
}
