import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { GuaranteesReadModel } from './guarantees.read-model';
import { ListConventionGuaranteesQuery } from './list-convention-guarantees.query';

@QueryHandler(ListConventionGuaranteesQuery)
export class ListConventionGuaranteesHandler implements IQueryHandler<ListConventionGuaranteesQuery> {
  constructor(private readonly readModel: GuaranteesReadModel) {}

  execute(query: ListConventionGuaranteesQuery) {
    return this.readModel.guaranteesOfConvention(query.conventionId);
  }
}
