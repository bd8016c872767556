import { Query } from '@nestjs/cqrs';
import type { MoneyJson } from '@ledger/money';

export interface FundBalancesView {
  readonly fundId: string;
  readonly name: string;
  readonly currency: string;
  readonly createdOn: string;
  readonly contributed: MoneyJson;
  readonly committed: MoneyJson;
  readonly disbursed: MoneyJson;
  readonly available: MoneyJson;
  /** committed − disbursed: what approved grants may still draw. */
  readonly outstandingCommitments: MoneyJson;
  readonly releasedAtClosure: MoneyJson;
  readonly grantsApproved: number;
  /**
   * Held by pending four-eyes approval proposals: not committed (nor subtracted from `available`),
   * but no new approval can use it until they are confirmed, declined or expire.
   */
  readonly reserved: MoneyJson;
}

export class GetFundQuery extends Query<FundBalancesView> {
  constructor(readonly fundId: string) {
    super();
  }
}
