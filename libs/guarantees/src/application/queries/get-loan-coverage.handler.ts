import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { GuaranteesReadModel } from './guarantees.read-model';
import { GetLoanCoverageQuery } from './get-loan-coverage.query';

@QueryHandler(GetLoanCoverageQuery)
export class GetLoanCoverageHandler implements IQueryHandler<GetLoanCoverageQuery> {
  constructor(private readonly readModel: GuaranteesReadModel) {}

  execute(query: GetLoanCoverageQuery) {
    return this.readModel.loanCoverage(query.bankId, query.loanReference);
  }
}
