import { AmountOverflowError, MAX_ABS_AMOUNT_MINOR, MoneyError, TooManyDecimalsError } from '@ledger/money';

/** A money object of a request body, `{ amountMinor, currency }`, and where it sits ("principal", "lines[2].amount"). */
interface AmountField {
  readonly field: string;
  readonly amountMinor: bigint;
  readonly currency: string;
}

/**
 * The 400 a money error answers, naming the request field it concerns. An overflow is raised deep
 * in a decision or a running total, which knows the figure but often not the field: the field is the
 * one the decision named (namingField), else the body's amount that equals the overflowing figure,
 * else its largest amount — the one that tipped the total over the bound.
 */
export function moneyErrorAnswer(error: MoneyError, body: unknown): Record<string, unknown> {
  const base = { statusCode: 400, error: error.code, message: error.message };
  if (error instanceof AmountOverflowError) {
    const amounts = amountFieldsOf(body);
    const field =
      (error.field === undefined ? undefined : { field: error.field }) ??
      amounts.find((amount) => amount.amountMinor === error.amountMinor) ??
      amounts.reduce<AmountField | undefined>(
        (largest, amount) => (largest && abs(largest.amountMinor) >= abs(amount.amountMinor) ? largest : amount),
        undefined,
      );
    const bound = { amountMinor: MAX_ABS_AMOUNT_MINOR.toString(), currency: error.currency };
    if (!field) return { ...base, details: { bound } };
    const message = `${field.field}: ${error.message}`;
    return {
      ...base,
      message,
      details: { field: field.field, bound },
      fields: [{ field: field.field, reasons: [message] }],
    };
  }
  if (error instanceof TooManyDecimalsError) {
    return { ...base, details: { currency: error.currency, decimals: error.maxDecimals } };
  }
  return base;
}

const abs = (value: bigint): bigint => (value < 0n ? -value : value);

/** Every `{ amountMinor: "<digits>", currency }` of a JSON body, depth-first, with its path. */
function amountFieldsOf(body: unknown): AmountField[] {
  const found: AmountField[] = [];
  const visit = (value: unknown, path: string, depth: number): void => {
    if (depth > 16 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, `${path}[${index}]`, depth + 1));
      return;
    }
    const { amountMinor, currency } = value as { amountMinor?: unknown; currency?: unknown };
    if (typeof amountMinor === 'string' && /^-?[0-9]{1,64}$/.test(amountMinor) && typeof currency === 'string') {
      found.push({ field: path, amountMinor: BigInt(amountMinor), currency });
      return;
    }
    for (const [key, child] of Object.entries(value)) visit(child, path ? `${path}.${key}` : key, depth + 1);
  };
  visit(body, '', 0);
  return found;
}
