import type { Money, MoneyJson } from '@ledger/money';

/** An amount in a command's answer: the same JSON as everywhere (`Money.toJSON`). */
export type MoneyView = MoneyJson;

export const moneyView = (money: Money): MoneyView => money.toJSON();

/** What every command answers: the global position of its events, as a string. */
export interface CommandReceipt {
  readonly position: string;
}
