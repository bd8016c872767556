import type { MoneyView } from './command-support';

/** What a convention command answers: the terms now in force and the figures under them. */
export interface ConventionReceipt {
  readonly conventionId: string;
  readonly status: string;
  readonly termsVersion: number;
  readonly multiplier: string;
  readonly capacity: MoneyView;
  readonly outstanding: MoneyView;
  readonly headroom: MoneyView;
}
