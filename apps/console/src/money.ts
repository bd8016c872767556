/**
 * Money on screen: amounts travel as strings of integer minor units next to an ISO 4217 code.
 * They are shown in major units with the currency's own number of decimals (XOF 0, MAD/EUR 2,
 * TND 3), with the user's locale's separators, and read back from what a user types — never
 * through a float. Typing is read strictly: what could mean two things is refused, not guessed.
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

/** The locale's decimal and grouping marks (Intl's, e.g. fr-MA "," and "."; fr-TN "," and a narrow space). */
function separators(locale: string): { decimal: string; groupMark: string; group: (integer: bigint) => string } {
  const parts = new Intl.NumberFormat(locale, { useGrouping: true, minimumFractionDigits: 1 }).formatToParts(12345.5);
  const integers = new Intl.NumberFormat(locale, { useGrouping: true, maximumFractionDigits: 0 });
  return {
    decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
    groupMark: parts.find((p) => p.type === 'group')?.value ?? ',',
    group: (integer) => integers.format(integer),
  };
}

/**
 * "123456789" MAD → "1 234 567,89" in fr-MA, "1,234,567.89" in en; "-5" TND → "-0,005";
 * "340000000" XOF → "340 000 000". Exact however large (bigint, never a float).
 */
export function formatMinor(amountMinor: string, currency: string, locale = 'en'): string {
  if (!/^-?\d+$/.test(amountMinor)) throw new Error(`not an amount of minor units: ${amountMinor}`);
  const negative = amountMinor.startsWith('-');
  const digits = (negative ? amountMinor.slice(1) : amountMinor).replace(/^0+(?=\d)/, '');
  const scale = minorDigits(currency);
  const padded = digits.padStart(scale + 1, '0');
  const { decimal, group } = separators(locale);
  const integerPart = group(BigInt(padded.slice(0, padded.length - scale)));
  const fraction = scale > 0 ? `${decimal}${padded.slice(padded.length - scale)}` : '';
  const sign = negative && /[1-9]/.test(digits) ? '-' : '';
  return `${sign}${integerPart}${fraction}`;
}

/** "1 234 567,89 MAD" (fr) or "1,234,567.89 MAD" (en); "—" for nothing. */
export function formatMoney(money: MoneyJson | null | undefined, locale = 'en'): string {
  if (!money) return '—';
  return `${formatMinor(money.amountMinor, money.currency, locale)}\u00a0${money.currency}`;
}

/** Why a typed amount was refused: a key of the `common:amount.*` messages, with its values. */
export type AmountRefusal =
  | { readonly reason: 'empty' }
  | { readonly reason: 'not-a-number' }
  | { readonly reason: 'ambiguous'; readonly decimal: string }
  | { readonly reason: 'too-many-decimals'; readonly currency: string; readonly scale: number }
  | { readonly reason: 'not-positive' };

export type ParsedAmount = { ok: true; amountMinor: string } | ({ ok: false } & AmountRefusal);

const SPACES = /[\s\u00a0\u202f\u2009]/;

/**
 * What a user typed in major units → minor units, read with the locale's marks.
 * - The decimal mark is the locale's (a comma in French: "200 000,50", "1,5", "12 345,678").
 * - Groups of three digits may be separated by spaces (any kind) or by the locale's group mark
 *   ("200.000,50" in fr-MA, "200,000.50" in en).
 * - What could mean two things is refused, not guessed: in French a dot that is not the locale's
 *   group mark ("1.5" in fr-TN), or a group mark not followed by three digits ("1,5" in en, "1.5"
 *   in fr-MA). More decimals than the currency has, zero and negative amounts are refused too.
 */
export function parseAmount(input: string, currency: string, locale: string): ParsedAmount {
  const scale = minorDigits(currency);
  const text = input.trim();
  if (!text) return { ok: false, reason: 'empty' };
  if (text.startsWith('-')) return { ok: false, reason: 'not-positive' };
  const { decimal, groupMark } = separators(locale);
  const spaceGroup = SPACES.test(groupMark);
  const ambiguous = { ok: false, reason: 'ambiguous', decimal } as const;
  // The other of "," and "." when it is neither the decimal nor the group mark: a guess either way.
  for (const mark of [',', '.']) if (mark !== decimal && mark !== groupMark && text.includes(mark)) return ambiguous;
  const [whole, fraction, ...rest] = text.split(decimal);
  if (rest.length || whole === undefined) return { ok: false, reason: 'not-a-number' };
  const groupSplitter = new RegExp(`${SPACES.source}${spaceGroup ? '' : `|\\${groupMark}`}`);
  const groups = whole.split(groupSplitter);
  if (groups.length > 1) {
    if (!/^\d{1,3}$/.test(groups[0]) || groups.slice(1).some((g) => !/^\d{3}$/.test(g))) {
      // "1,5" in en or "1.5" in fr-MA: one group mark where a decimal was perhaps meant.
      const oneMark = !spaceGroup && whole.split(groupMark).length === 2 && !SPACES.test(whole);
      return oneMark ? ambiguous : { ok: false, reason: 'not-a-number' };
    }
  } else if (!/^\d+$/.test(whole)) {
    return { ok: false, reason: 'not-a-number' };
  }
  if (fraction !== undefined && !/^\d+$/.test(fraction)) return { ok: false, reason: 'not-a-number' };
  const decimals = fraction ?? '';
  if (decimals.length > scale) return { ok: false, reason: 'too-many-decimals', currency, scale };
  const minor = BigInt(groups.join('')) * 10n ** BigInt(scale) + BigInt(decimals.padEnd(scale, '0') || '0');
  if (minor <= 0n) return { ok: false, reason: 'not-positive' };
  return { ok: true, amountMinor: minor.toString() };
}

/** The integer major units and the minor remainder of an amount, for saying it in words. */
export function splitMinor(amountMinor: string, currency: string): { major: bigint; minor: bigint } {
  const scale = BigInt(minorDigits(currency));
  const value = BigInt(amountMinor);
  const unit = 10n ** scale;
  return { major: value / unit, minor: value % unit };
}

/** Basis points → "75,00 %" (fr) or "75.00%" (en), exactly. */
export function formatBp(bp: number | null | undefined, locale = 'en'): string {
  if (bp === null || bp === undefined) return '—';
  return new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
    bp / 10_000,
  );
}

/** Minor units as a chart value in major units: charts only, never for display or arithmetic. */
export function chartValue(money: MoneyJson): number {
  return Number(money.amountMinor) / 10 ** minorDigits(money.currency);
}
