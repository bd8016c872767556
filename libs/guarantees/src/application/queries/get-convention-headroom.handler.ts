import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { GuaranteesReadModel } from './guarantees.read-model';
import { GetConventionHeadroomQuery } from './get-convention-headroom.query';

@QueryHandler(GetConventionHeadroomQuery)
export class GetConventionHeadroomHandler implements IQueryHandler<GetConventionHeadroomQuery> {
  constructor(private readonly readModel: GuaranteesReadModel) {}

  execute(query: GetConventionHeadroomQuery) {
    return this.readModel.conventionHeadroom(query.bankId, query.conventionId);
  }
}
