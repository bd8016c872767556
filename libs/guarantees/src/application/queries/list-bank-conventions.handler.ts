import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { GuaranteesReadModel } from './guarantees.read-model';
import { ListBankConventionsQuery } from './list-bank-conventions.query';

@QueryHandler(ListBankConventionsQuery)
export class ListBankConventionsHandler implements IQueryHandler<ListBankConventionsQuery> {
  constructor(private readonly readModel: GuaranteesReadModel) {}

  execute(query: ListBankConventionsQuery) {
    return this.readModel.conventionsOfBank(query.bankId);
  }
}
