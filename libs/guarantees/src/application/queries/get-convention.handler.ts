import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { GuaranteesReadModel } from './guarantees.read-model';
import { GetConventionQuery } from './get-convention.query';

@QueryHandler(GetConventionQuery)
export class GetConventionHandler implements IQueryHandler<GetConventionQuery> {
  constructor(private readonly readModel: GuaranteesReadModel) {}

  execute(query: GetConventionQuery) {
    return this.readModel.convention(query.conventionId, null);
  }
}
