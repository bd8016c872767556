import { floorDiv, Ratio, type CurrencyCode, type MoneyJson } from '@ledger/money';

/** An exact ratio and its display decimal, truncated (never rounded up); null when the base is zero. */
export interface RatioFigure {
  readonly ratio: string;
  readonly decimal: string;
}

/** A rate in basis points (rounded down) and the exact ratio behind it. */
export interface RateFigure {
  readonly bp: number;
  readonly ratio: string;
}

/** An amount divided by a count: rounded down to the minor unit, with the exact quotient in minor units. */
export interface AmountPerUnit extends MoneyJson {
  readonly exactMinor: string;
}

export function ratioFigure(numerator: bigint, denominator: bigint): RatioFigure | null {
  if (denominator <= 0n || numerator < 0n) return null;
  const ratio = Ratio.of(numerator, denominator);
  return { ratio: ratio.toString(), decimal: ratio.toDecimalString(4) };
}

export function rateFigure(part: bigint, whole: bigint): RateFigure | null {
  if (whole <= 0n || part < 0n) return null;
  return { bp: Number(floorDiv(10_000n * part, whole)), ratio: Ratio.of(part, whole).toString() };
}

/**
 * A total across funds or companies of one currency. SQL sums are exact numerics and bigint is
 * unbounded, so the total is written as it is, even past the bound a single Money holds.
 */
export function money(amountMinor: bigint, currency: CurrencyCode): MoneyJson {
  return { amountMinor: amountMinor.toString(), currency };
}

export function amountPerUnit(amountMinor: bigint, units: bigint, currency: CurrencyCode): AmountPerUnit | null {
  if (units <= 0n || amountMinor < 0n) return null;
  return {
    ...money(floorDiv(amountMinor, units), currency),
    exactMinor: Ratio.of(amountMinor, units).toString(),
  };
}
