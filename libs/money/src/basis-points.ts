import { InvalidBasisPointsError, describeValue } from './errors';
import { Ratio } from './ratio';

/**
 * A rate in basis points: 1 bp = 0.01 %, 10 000 bp = 100 %.
 *
 * Stored as a JS number on purpose: rates are small integers (0..10 000), validated with
 * Number.isSafeInteger, so a number is exact here; amounts, by contrast, are never numbers.
 * Rates above 100 % (multipliers, leverage) are Ratios, not BasisPoints.
 */
export class BasisPoints {
  static readonly MIN = 0;
  static readonly MAX = 10_000;
  static readonly ZERO = new BasisPoints(0);
  static readonly FULL = new BasisPoints(10_000);

  private constructor(readonly value: number) {
    Object.freeze(this);
  }

  /** @throws InvalidBasisPointsError for floats, NaN, non-numbers and values outside 0..10 000. */
  static of(value: number): BasisPoints {
    if (typeof value !== 'number') {
      throw new InvalidBasisPointsError(describeValue(value), 'not a number', BasisPoints.MIN, BasisPoints.MAX);
    }
    if (!Number.isSafeInteger(value)) {
      throw new InvalidBasisPointsError(String(value), 'not an integer', BasisPoints.MIN, BasisPoints.MAX);
    }
    if (value < BasisPoints.MIN || value > BasisPoints.MAX) {
      throw new InvalidBasisPointsError(String(value), 'out of range', BasisPoints.MIN, BasisPoints.MAX);
    }
    // Normalises -0 to 0.
    return new BasisPoints(value === 0 ? 0 : value);
  }

  /** Canonical integer string only ("7500"); refuses "75.00", "+7500", " 7500", "1e3", "0x10", "007". */
  static parse(input: string): BasisPoints {
    if (typeof input !== 'string') {
      throw new InvalidBasisPointsError(describeValue(input), 'not a string', BasisPoints.MIN, BasisPoints.MAX);
    }
    if (input.length > 6 || !/^(0|[1-9][0-9]*)$/.test(input)) {
      throw new InvalidBasisPointsError(
        JSON.stringify(input),
        'not a canonical integer string',
        BasisPoints.MIN,
        BasisPoints.MAX,
      );
    }
    return BasisPoints.of(Number(input));
  }

  /** For inputs that may arrive either way (JSON number or string); same rules as of/parse. */
  static from(input: number | string): BasisPoints {
    return typeof input === 'string' ? BasisPoints.parse(input) : BasisPoints.of(input);
  }

  /** Exact ratio value/10 000, for composing with other ratios without rounding. */
  toRatio(): Ratio {
    return Ratio.of(BigInt(this.value), 10_000n);
  }

  toBigInt(): bigint {
    return BigInt(this.value);
  }

  isZero(): boolean {
    return this.value === 0;
  }

  equals(other: BasisPoints): boolean {
    return this.value === other.value;
  }

  compare(other: BasisPoints): -1 | 0 | 1 {
    return this.value < other.value ? -1 : this.value > other.value ? 1 : 0;
  }

  /** "75.00 %" — exact, since 1 bp is 0.01 %. */
  toPercentString(): string {
    const whole = Math.trunc(this.value / 100);
    const cents = this.value % 100;
    return `${whole}.${String(cents).padStart(2, '0')} %`;
  }

  toString(): string {
    return `${this.value} bp`;
  }

  /** In JSON a rate is a small integer number of basis points. */
  toJSON(): number {
    return this.value;
  }
}
