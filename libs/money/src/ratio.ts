import { DivisionByZeroError, InvalidRatioError, describeValue } from './errors';
import { floorDiv } from './rounding';

/** Longest numerator or denominator text accepted by the parsers; keeps BigInt() off huge inputs. */
const MAX_PART_LENGTH = 64;

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/**
 * An exact, non-negative rational number, always reduced, denominator > 0.
 *
 * Used where a decimal would lose information: the mutual guarantee multiplier
 * 1 000 000 000 / 340 000 000 is 50/17, which no decimal represents; an effective rate
 * subsidy / eligible cost. Negative ratios have no meaning in the ledger and are refused.
 */
export class Ratio {
  static readonly ZERO = new Ratio(0n, 1n);
  static readonly ONE = new Ratio(1n, 1n);

  private constructor(
    readonly numerator: bigint,
    readonly denominator: bigint,
  ) {
    Object.freeze(this);
  }

  /** @throws InvalidRatioError (non-bigint, negative), DivisionByZeroError (d = 0). */
  static of(numerator: bigint, denominator: bigint): Ratio {
    if (typeof numerator !== 'bigint' || typeof denominator !== 'bigint') {
      throw new InvalidRatioError(
        `${describeValue(numerator)}/${describeValue(denominator)}`,
        'numerator and denominator must be bigints (JS numbers are refused)',
      );
    }
    if (denominator === 0n) throw new DivisionByZeroError('Ratio.of');
    if (numerator < 0n !== denominator < 0n && numerator !== 0n) {
      throw new InvalidRatioError(`${numerator.toString()}/${denominator.toString()}`, 'negative ratios are refused');
    }
    const n = numerator < 0n ? -numerator : numerator;
    const d = denominator < 0n ? -denominator : denominator;
    const g = gcd(n, d);
    return new Ratio(n / g, d / g);
  }

  /** "1000000000/340000000" or a plain integer "3"; digits only, no sign, no spaces. */
  static parse(input: string): Ratio {
    if (typeof input !== 'string') throw new InvalidRatioError(describeValue(input), 'not a string');
    const match = /^([0-9]+)(?:\/([0-9]+))?$/.exec(input);
    if (match === null || input.length > 2 * MAX_PART_LENGTH + 1) {
      throw new InvalidRatioError(JSON.stringify(input), 'expected "numerator/denominator" of non-negative integers');
    }
    const [, n, d = '1'] = match;
    if (n === undefined || n.length > MAX_PART_LENGTH || d.length > MAX_PART_LENGTH) {
      throw new InvalidRatioError(JSON.stringify(input), 'too long');
    }
    return Ratio.of(BigInt(n), BigInt(d));
  }

  /** Exact decimal "2.94" → 147/50. No sign, no exponent; at least one digit before the point. */
  static parseDecimal(input: string): Ratio {
    if (typeof input !== 'string') throw new InvalidRatioError(describeValue(input), 'not a string');
    const match = /^([0-9]+)(?:\.([0-9]+))?$/.exec(input);
    if (match === null || input.length > MAX_PART_LENGTH) {
      throw new InvalidRatioError(JSON.stringify(input), 'expected a non-negative decimal like "2.94"');
    }
    const [, whole = '0', fraction = ''] = match;
    return Ratio.of(BigInt(whole + fraction), 10n ** BigInt(fraction.length));
  }

  isZero(): boolean {
    return this.numerator === 0n;
  }

  equals(other: Ratio): boolean {
    // Both sides are reduced, so equality of parts is equality of values.
    return this.numerator === other.numerator && this.denominator === other.denominator;
  }

  compare(other: Ratio): -1 | 0 | 1 {
    const left = this.numerator * other.denominator;
    const right = other.numerator * this.denominator;
    return left < right ? -1 : left > right ? 1 : 0;
  }

  times(other: Ratio): Ratio {
    return Ratio.of(this.numerator * other.numerator, this.denominator * other.denominator);
  }

  /** Display only, truncated (never rounded up) to `digits` decimals: 50/17 → "2.9411" at 4. */
  toDecimalString(digits: number): string {
    if (!Number.isSafeInteger(digits) || digits < 0 || digits > 100) {
      throw new InvalidRatioError(describeValue(digits), 'digits must be an integer in 0..100');
    }
    const scaled = floorDiv(this.numerator * 10n ** BigInt(digits), this.denominator).toString();
    if (digits === 0) return scaled;
    const padded = scaled.padStart(digits + 1, '0');
    return `${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
  }

  /** "50/17"; parse(toString()) gives back an equal ratio. */
  toString(): string {
    return `${this.numerator.toString()}/${this.denominator.toString()}`;
  }

  toJSON(): string {
    return this.toString();
  }
}
