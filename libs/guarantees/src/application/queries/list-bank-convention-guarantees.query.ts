import { Query } from '@nestjs/cqrs';
import type { GuaranteesReadModel } from './guarantees.read-model';

/** The guarantees under one convention of one bank: not found unless the convention is that bank's. */
export class ListBankConventionGuaranteesQuery extends Query<
  Awaited<ReturnType<GuaranteesReadModel['guaranteesOfBankConvention']>>
> {
  constructor(
    readonly bankId: string,
    readonly conventionId: string,
  ) {
    super();
  }
}
