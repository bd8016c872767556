import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { GuaranteesReadModel } from './guarantees.read-model';
import { GetGuaranteeQuery } from './get-guarantee.query';

@QueryHandler(GetGuaranteeQuery)
export class GetGuaranteeHandler implements IQueryHandler<GetGuaranteeQuery> {
  constructor(private readonly readModel: GuaranteesReadModel) {}

  execute(query: GetGuaranteeQuery) {
    return this.readModel.guarantee(query.guaranteeId);
  }
}
