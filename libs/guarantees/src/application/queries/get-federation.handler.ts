import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { GuaranteesReadModel } from './guarantees.read-model';
import { GetFederationQuery } from './get-federation.query';

@QueryHandler(GetFederationQuery)
export class GetFederationHandler implements IQueryHandler<GetFederationQuery> {
  constructor(private readonly readModel: GuaranteesReadModel) {}

  execute(query: GetFederationQuery) {
    return this.readModel.federation(query.federationId);
  }
}
