import type { CommandReceipt, MoneyView } from './command-support';

/** What a command on a guarantee answers: its state and the fund balance after it. */
export interface GuaranteeReceipt extends CommandReceipt {
  readonly guaranteeId: string;
  readonly status: string;
  readonly outstandingPrincipal: MoneyView;
  readonly guaranteedOutstanding: MoneyView;
  readonly claim: MoneyView | null;
  readonly claimPaid: MoneyView | null;
  readonly recovered: MoneyView | null;
  readonly fundBalance: MoneyView;
}
