import { MoneyError, Ratio } from '@ledger/money';
import { InvalidInput } from '../../domain';

/** The multiplier as an exact ratio, from "n/d" or a decimal string; a bad one names the field. */
export function parseMultiplier(text: string): Ratio {
  try {
    return text.includes('/') ? Ratio.parse(text) : Ratio.parseDecimal(text);
  } catch (error) {
    if (error instanceof MoneyError) throw new InvalidInput('multiplier', error.message);
    throw error;
  }
}
