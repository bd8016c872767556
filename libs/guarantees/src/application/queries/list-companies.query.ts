import { Query } from '@nestjs/cqrs';
import type { GuaranteesReadModel } from './guarantees.read-model';

/** One page of the mutual guarantee companies, by name, with their live balances. */
export class ListCompaniesQuery extends Query<Awaited<ReturnType<GuaranteesReadModel['companies']>>> {
  constructor(
    readonly limit: number,
    readonly offset: number,
  ) {
    super();
  }
}
