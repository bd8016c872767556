import { Query } from '@nestjs/cqrs';
import type { FundBalancesView } from './get-fund.query';

/** Every fund with its live balances, in the order they were created. */
export class ListFundsQuery extends Query<{ items: FundBalancesView[] }> {}
