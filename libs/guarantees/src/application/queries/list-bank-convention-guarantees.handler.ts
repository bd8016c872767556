import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { GuaranteesReadModel } from './guarantees.read-model';
import { ListBankConventionGuaranteesQuery } from './list-bank-convention-guarantees.query';

@QueryHandler(ListBankConventionGuaranteesQuery)
export class ListBankConventionGuaranteesHandler implements IQueryHandler<ListBankConventionGuaranteesQuery> {
  constructor(private readonly readModel: GuaranteesReadModel) {}

  execute(query: ListBankConventionGuaranteesQuery) {
    return this.readModel.guaranteesOfBankConvention(query.bankId, query.conventionId);
  }
}
