import { Query } from '@nestjs/cqrs';
import type { AsOfInput } from '@ledger/event-sourcing';

/** Which balances: a fund, its windows, its donors, or a beneficiary. */
export type CofinancingBalancesTarget =
  | { readonly kind: 'fund'; readonly fundId: string }
  | { readonly kind: 'windows'; readonly fundId: string }
  | { readonly kind: 'donors'; readonly fundId: string }
  | { readonly kind: 'beneficiary'; readonly beneficiaryId: string };

/** Balances as of a business date, as known at a record time (GET …?asOf=&knownAt=). */
export class CofinancingBalancesAsOfQuery extends Query<unknown> {
  constructor(
    readonly target: CofinancingBalancesTarget,
    readonly at: AsOfInput,
  ) {
    super();
  }
}
