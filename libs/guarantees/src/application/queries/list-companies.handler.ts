import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { GuaranteesReadModel } from './guarantees.read-model';
import { ListCompaniesQuery } from './list-companies.query';

@QueryHandler(ListCompaniesQuery)
export class ListCompaniesHandler implements IQueryHandler<ListCompaniesQuery> {
  constructor(private readonly readModel: GuaranteesReadModel) {}

  execute(query: ListCompaniesQuery) {
    return this.readModel.companies(query.limit, query.offset);
  }
}
