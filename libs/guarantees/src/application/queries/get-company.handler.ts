import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { GuaranteesReadModel } from './guarantees.read-model';
import { GetCompanyQuery } from './get-company.query';

@QueryHandler(GetCompanyQuery)
export class GetCompanyHandler implements IQueryHandler<GetCompanyQuery> {
  constructor(private readonly readModel: GuaranteesReadModel) {}

  execute(query: GetCompanyQuery) {
    return this.readModel.company(query.companyId);
  }
}
