import { BasisPoints, Money, Ratio, currencyOf, type CurrencyCode } from '@ledger/money';
import type { JsonValue } from '../json';

/**
 * Field codecs for event payloads: how a value of the domain (bigint, Money, a date) is written
 * to JSON in the log and checked when read back. Amounts are strings of minor units next to their
 * currency, never JSON numbers.
 */
export interface Field<T> {
  readonly encode: (value: T) => JsonValue;
  /** Throws `PayloadError` naming the path when the stored JSON is not what the schema says. */
  readonly decode: (json: unknown, path: string) => T;
}

export class PayloadError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = 'PayloadError';
  }
}

const fail = (path: string, reason: string): never => {
  throw new PayloadError(path, reason);
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export const field = {
  string: (): Field<string> => ({
    encode: (value) => value,
    decode: (json, path) => (typeof json === 'string' ? json : fail(path, 'expected a string')),
  }),
  literal: <const T extends string>(...values: T[]): Field<T> => ({
    encode: (value) => value,
    decode: (json, path) =>
      typeof json === 'string' && (values as string[]).includes(json)
        ? (json as T)
        : fail(path, `expected one of ${values.join(', ')}`),
  }),
  boolean: (): Field<boolean> => ({
    encode: (value) => value,
    decode: (json, path) => (typeof json === 'boolean' ? json : fail(path, 'expected a boolean')),
  }),
  /** Small counts (members, participation years); never money. */
  integer: (): Field<number> => ({
    encode: (value) => value,
    decode: (json, path) => (Number.isSafeInteger(json) ? (json as number) : fail(path, 'expected an integer')),
  }),
  bigint: (): Field<bigint> => ({
    encode: (value) => value.toString(),
    decode: (json, path) =>
      typeof json === 'string' && /^-?\d{1,40}$/.test(json) ? BigInt(json) : fail(path, 'expected an integer string'),
  }),
  money: (): Field<Money> => ({
    encode: (value) => ({ amountMinor: value.toMinorString(), currency: value.currency.code }),
    decode: (json, path) => {
      try {
        return Money.fromJSON(json);
      } catch (error) {
        return fail(path, `expected money: ${(error as Error).message}`);
      }
    },
  }),
  currency: (): Field<CurrencyCode> => ({
    encode: (value) => value,
    decode: (json, path) => {
      try {
        return currencyOf(String(json)).code;
      } catch {
        return fail(path, 'expected a currency code');
      }
    },
  }),
  basisPoints: (): Field<BasisPoints> => ({
    encode: (value) => value.value,
    decode: (json, path) => {
      try {
        return BasisPoints.of(json as number);
      } catch {
        return fail(path, 'expected basis points');
      }
    },
  }),
  ratio: (): Field<Ratio> => ({
    encode: (value) => value.toString(),
    decode: (json, path) => {
      try {
        return Ratio.parse(String(json));
      } catch {
        return fail(path, 'expected a ratio n/d');
      }
    },
  }),
  /** A calendar date (business dates: enrolment, invoice, approval), kept as 'YYYY-MM-DD'. */
  date: (): Field<string> => ({
    encode: (value) => value,
    decode: (json, path) =>
      typeof json === 'string' && ISO_DATE.test(json) ? json : fail(path, 'expected a date YYYY-MM-DD'),
  }),
  optional: <T>(inner: Field<T>): Field<T | null> => ({
    encode: (value) => (value === null ? null : inner.encode(value)),
    decode: (json, path) => (json === null || json === undefined ? null : inner.decode(json, path)),
  }),
  array: <T>(inner: Field<T>): Field<readonly T[]> => ({
    encode: (value) => value.map((item) => inner.encode(item)),
    decode: (json, path) =>
      Array.isArray(json)
        ? json.map((item, index) => inner.decode(item, `${path}[${index}]`))
        : fail(path, 'expected an array'),
  }),
  object: <S extends Shape>(shape: S): Field<Decoded<S>> => ({
    encode: (value) => encodeShape(shape, value),
    decode: (json, path) => decodeShape(shape, json, path),
  }),
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Shape = Record<string, Field<any>>;
export type Decoded<S extends Shape> = { readonly [K in keyof S]: S[K] extends Field<infer T> ? T : never };

export function encodeShape<S extends Shape>(shape: S, value: Decoded<S>): { [key: string]: JsonValue } {
  const json: { [key: string]: JsonValue } = {};
  for (const key of Object.keys(shape)) json[key] = shape[key].encode(value[key]);
  return json;
}

export function decodeShape<S extends Shape>(shape: S, json: unknown, path: string): Decoded<S> {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) fail(path, 'expected an object');
  const record = json as Record<string, unknown>;
  const value: Record<string, unknown> = {};
  for (const key of Object.keys(shape)) value[key] = shape[key].decode(record[key], `${path}.${key}`);
  return value as Decoded<S>;
}
