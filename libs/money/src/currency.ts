import { UnknownCurrencyError, describeValue } from './errors';

/**
 * The currencies the ledger knows, with their ISO 4217 minor-unit digits. The list is closed on
 * purpose: a currency with the wrong number of decimals would misplace every amount by a power of ten.
 */
const DEFINITIONS = {
  XOF: { minorDigits: 0, name: 'CFA franc BCEAO' },
  XAF: { minorDigits: 0, name: 'CFA franc BEAC' },
  MAD: { minorDigits: 2, name: 'Moroccan dirham' },
  EUR: { minorDigits: 2, name: 'Euro' },
  USD: { minorDigits: 2, name: 'US dollar' },
  TND: { minorDigits: 3, name: 'Tunisian dinar' },
} as const;

export type CurrencyCode = keyof typeof DEFINITIONS;

export interface Currency {
  readonly code: CurrencyCode;
  readonly minorDigits: number;
  readonly name: string;
}

/** One frozen instance per code, so currencies can be compared with `===`. */
const CURRENCIES: ReadonlyMap<CurrencyCode, Currency> = new Map(
  (Object.keys(DEFINITIONS) as CurrencyCode[]).map((code) => [
    code,
    Object.freeze({ code, minorDigits: DEFINITIONS[code].minorDigits, name: DEFINITIONS[code].name }),
  ]),
);

export const CURRENCY_CODES: readonly CurrencyCode[] = Object.freeze([...CURRENCIES.keys()]);

/** Exact, case-sensitive ISO code check ("mad" is refused: codes are stored as written). */
export function isCurrencyCode(code: unknown): code is CurrencyCode {
  return typeof code === 'string' && CURRENCIES.has(code as CurrencyCode);
}

/** @throws UnknownCurrencyError */
export function currencyOf(code: string): Currency {
  const currency = isCurrencyCode(code) ? CURRENCIES.get(code) : undefined;
  if (currency === undefined) {
    throw new UnknownCurrencyError(typeof code === 'string' ? code : describeValue(code));
  }
  return currency;
}

export type CurrencyLike = Currency | CurrencyCode;

/**
 * Accepts a code or a Currency and always returns the canonical instance, so a hand-built object
 * with wrong minor digits cannot slip in.
 */
export function resolveCurrency(currency: CurrencyLike): Currency {
  if (typeof currency === 'string') return currencyOf(currency);
  if (typeof currency === 'object' && currency !== null && typeof currency.code === 'string') {
    return currencyOf(currency.code);
  }
  throw new UnknownCurrencyError(describeValue(currency));
}
