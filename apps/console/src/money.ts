/**
 * Money on screen: amounts travel as strings of integer minor units next to an ISO 4217 code.
 * They are shown in major units with the currency's own number of decimals (XOF 0, MAD/EUR 2,
 * TND 3) and thousands separators, and read back from what a user types — never through a float.
 */

export interface MoneyJson {
  readonly amountMinor: string;
  readonly currency: string;
}

const KNOWN_MINOR_DIGITS: Readonly<Record<string, number>> = { XOF: 0, XAF: 0, MAD: 2, EUR: 2, USD: 2, TND: 3 };

/** The currency's minor digits, as ISO 4217 (and the platform's Intl data) define them. */
export function minorDigits(currency: string): number {
  const known = KNOWN_MINOR_DIGITS[currency];
  if (known !== undefined) return known;
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

const grouping = new Intl.NumberFormat('en-US', { useGrouping: true, maximumFractionDigits: 0 });

/** "123456789" MAD → "1,234,567.89"; "-5" TND → "-0.005"; "340000000" XOF → "340,000,000". */
export function formatMinor(amountMinor: string, currency: string): string {
  if (!/^-?\d+$/.test(amountMinor)) throw new Error(`not an amount of minor units: ${amountMinor}`);
  const negative = amountMinor.startsWith('-');
  const digits = (negative ? amountMinor.slice(1) : amountMinor).replace(/^0+(?=\d)/, '');
  const scale = minorDigits(currency);
  const padded = digits.padStart(scale + 1, '0');
  const integerPart = padded.slice(0, padded.length - scale);
  const fraction = scale > 0 ? `.${padded.slice(padded.length - scale)}` : '';
  const sign = negative && /[1-9]/.test(digits) ? '-' : '';
  return `${sign}${grouping.format(BigInt(integerPart))}${fraction}`;
}

/** "1,234,567.89 MAD". */
export function formatMoney(money: MoneyJson | null | undefined): string {
  if (!money) return '—';
  return `${formatMinor(money.amountMinor, money.currency)} ${money.currency}`;
}

/**
 * What a user typed in major units ("200,000.50", "200000", "1 000") → minor units, or an error
 * message naming what is wrong. Thousands separators (comma, space, narrow space) are allowed.
 */
export function parseMajor(
  input: string,
  currency: string,
): { ok: true; amountMinor: string } | { ok: false; message: string } {
  const scale = minorDigits(currency);
  const cleaned = input.trim().replace(/[,\s\u202f\u00a0]/g, '');
  const match = /^(\d+)(?:\.(\d*))?$/.exec(cleaned);
  if (!match) return { ok: false, message: 'enter an amount such as 1,250.00' };
  const [, whole, fraction = ''] = match;
  if (fraction.length > scale) {
    return {
      ok: false,
      message: scale === 0 ? `${currency} has no decimals` : `${currency} has ${scale} decimals at most`,
    };
  }
  const minor = BigInt(whole) * 10n ** BigInt(scale) + BigInt(fraction.padEnd(scale, '0') || '0');
  if (minor <= 0n) return { ok: false, message: 'must be more than zero' };
  return { ok: true, amountMinor: minor.toString() };
}

/** Basis points → "75.00 %". */
export function formatBp(bp: number | null | undefined): string {
  if (bp === null || bp === undefined) return '—';
  const sign = bp < 0 ? '-' : '';
  const abs = Math.abs(bp);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')} %`;
}

/** Minor units as a chart value in major units: charts only, never for display or arithmetic. */
export function chartValue(money: MoneyJson): number {
  return Number(money.amountMinor) / 10 ** minorDigits(money.currency);
}
