import type { MoneyJson } from '@ledger/money';

/** Amount columns come back from numeric(38,0) as strings of minor units: they travel as they are. */
export const money = (amountMinor: string | null, currency: string): MoneyJson | null =>
  amountMinor === null ? null : { amountMinor: BigInt(amountMinor).toString(), currency };

export const moneyOf = (amountMinor: string, currency: string): MoneyJson => ({
  amountMinor: BigInt(amountMinor).toString(),
  currency,
});

/** subsidy ÷ eligible cost in basis points, rounded down (display figure; the exact ratio is given beside it). */
export function effectiveRate(
  subsidyMinor: string,
  eligibleMinor: string,
): { bp: number | null; ratio: string | null } {
  const subsidy = BigInt(subsidyMinor);
  const eligible = BigInt(eligibleMinor);
  if (eligible === 0n) return { bp: null, ratio: null };
  return { bp: Number((subsidy * 10_000n) / eligible), ratio: `${subsidy}/${eligible}` };
}
