/**
 * Typed errors of the money library. Each carries a stable `code` and the figures involved, so
 * callers (and tests) match on type and figures, never on message text.
 */

export type MoneyErrorCode =
  | 'UNKNOWN_CURRENCY'
  | 'INVALID_AMOUNT'
  | 'FLOAT_AMOUNT'
  | 'TOO_MANY_DECIMALS'
  | 'AMOUNT_OVERFLOW'
  | 'CURRENCY_MISMATCH'
  | 'NEGATIVE_AMOUNT'
  | 'DIVISION_BY_ZERO'
  | 'INVALID_BASIS_POINTS'
  | 'INVALID_RATIO';

/** Renders any runtime value for an error message without ever throwing. */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'bigint':
      return `${value.toString()}n`;
    case 'number':
    case 'boolean':
    case 'undefined':
    case 'symbol':
      return String(value);
    case 'function':
      return 'function';
    case 'object':
      return value === null ? 'null' : Array.isArray(value) ? 'array' : 'object';
  }
}

export abstract class MoneyError extends Error {
  abstract readonly code: MoneyErrorCode;

  protected constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }

  /**
   * Figures are bigints, which JSON.stringify refuses; loggers and HTTP filters that serialise an
   * error must not crash on it, so bigints travel as strings of minor units, like amounts do.
   */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, code: this.code, message: this.message };
    for (const [key, value] of Object.entries(this)) {
      out[key] = typeof value === 'bigint' ? value.toString() : value;
    }
    return out;
  }
}

export class UnknownCurrencyError extends MoneyError {
  readonly code: MoneyErrorCode = 'UNKNOWN_CURRENCY';
  constructor(readonly currencyCode: string) {
    super(`unknown or unsupported currency ${currencyCode}`);
  }
}

/** Malformed amount input (wrong type, wrong syntax, too long). */
export class InvalidAmountError extends MoneyError {
  readonly code: MoneyErrorCode = 'INVALID_AMOUNT';
  constructor(
    readonly input: string,
    readonly reason: string,
  ) {
    super(`invalid amount ${input}: ${reason}`);
  }
}

/** A JS number was given where an exact amount was required: floats lose cents, so never accepted. */
export class FloatAmountError extends InvalidAmountError {
  override readonly code: MoneyErrorCode = 'FLOAT_AMOUNT';
  constructor(readonly value: number) {
    super(String(value), 'JS numbers are refused for amounts; use bigint minor units or a string');
  }
}

/** "TND has 3 decimals", "XOF has no decimals": what an amount of the currency may carry, said once. */
export function decimalsOf(currency: string, decimals: number): string {
  return decimals === 0
    ? `${currency} has no decimals`
    : `${currency} has ${decimals} decimal${decimals === 1 ? '' : 's'}`;
}

/** A major-unit string with more decimals than the currency has; we never round input silently. */
export class TooManyDecimalsError extends InvalidAmountError {
  override readonly code: MoneyErrorCode = 'TOO_MANY_DECIMALS';
  constructor(
    input: string,
    readonly currency: string,
    readonly maxDecimals: number,
    readonly decimals: number,
  ) {
    super(input, `${decimalsOf(currency, maxDecimals)}, got ${decimals}`);
  }
}

export class AmountOverflowError extends MoneyError {
  readonly code: MoneyErrorCode = 'AMOUNT_OVERFLOW';
  constructor(
    readonly amountMinor: bigint,
    readonly currency: string,
    readonly maxAbsMinor: bigint,
    /** The input field whose value made the amount, when the code that knows it says so (see namingField). */
    readonly field?: string,
  ) {
    super(`amount ${amountMinor.toString()} ${currency} (minor units) exceeds the bound of ±${maxAbsMinor.toString()}`);
  }
}

/**
 * Runs `work`, naming `field` in an overflow it raises: a total computed deep in a decision knows
 * its figure, the caller knows which input made it (a deposit's `amount`, a convention's `multiplier`).
 */
export function namingField<T>(field: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof AmountOverflowError && error.field === undefined) {
      throw new AmountOverflowError(error.amountMinor, error.currency, error.maxAbsMinor, field);
    }
    throw error;
  }
}

export class CurrencyMismatchError extends MoneyError {
  readonly code: MoneyErrorCode = 'CURRENCY_MISMATCH';
  constructor(
    readonly expected: string,
    readonly actual: string,
    readonly operation: string,
  ) {
    super(`${operation}: currency mismatch, expected ${expected}, got ${actual}`);
  }
}

/** Share computations are defined on non-negative amounts only (see rounding.ts). */
export class NegativeAmountError extends MoneyError {
  readonly code: MoneyErrorCode = 'NEGATIVE_AMOUNT';
  constructor(
    readonly operation: string,
    readonly amountMinor: bigint,
    readonly currency: string,
  ) {
    super(`${operation}: amount must not be negative, got ${amountMinor.toString()} ${currency} (minor units)`);
  }
}

export class DivisionByZeroError extends MoneyError {
  readonly code: MoneyErrorCode = 'DIVISION_BY_ZERO';
  constructor(readonly operation: string) {
    super(`${operation}: division by zero`);
  }
}

export class InvalidBasisPointsError extends MoneyError {
  readonly code: MoneyErrorCode = 'INVALID_BASIS_POINTS';
  constructor(
    readonly input: string,
    readonly reason: string,
    readonly min: number,
    readonly max: number,
  ) {
    super(`invalid basis points ${input}: ${reason} (allowed ${min}..${max})`);
  }
}

export class InvalidRatioError extends MoneyError {
  readonly code: MoneyErrorCode = 'INVALID_RATIO';
  constructor(
    readonly input: string,
    readonly reason: string,
  ) {
    super(`invalid ratio ${input}: ${reason}`);
  }
}
