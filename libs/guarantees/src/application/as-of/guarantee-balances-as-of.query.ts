import { Query } from '@nestjs/cqrs';
import type { AsOfInput } from '@ledger/event-sourcing';

/** Which balances: a company, a convention (optionally seen by its bank), a guarantee, a federation. */
export type GuaranteeBalancesTarget =
  | { readonly kind: 'company'; readonly companyId: string }
  | { readonly kind: 'convention'; readonly conventionId: string; readonly bankId?: string }
  | { readonly kind: 'guarantee'; readonly guaranteeId: string }
  | { readonly kind: 'federation'; readonly federationId: string };

/** Balances as of a business date, as known at a record time (GET …?asOf=&knownAt=). */
export class GuaranteeBalancesAsOfQuery extends Query<unknown> {
  constructor(
    readonly target: GuaranteeBalancesTarget,
    readonly at: AsOfInput,
  ) {
    super();
  }
}
