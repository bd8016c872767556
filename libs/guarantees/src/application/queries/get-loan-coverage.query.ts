import { Query } from '@nestjs/cqrs';
import type { GuaranteesReadModel } from './guarantees.read-model';

export class GetLoanCoverageQuery extends Query<Awaited<ReturnType<GuaranteesReadModel['loanCoverage']>>> {
  constructor(
    readonly bankId: string,
    readonly loanReference: string,
  ) {
    super();
  }
}
