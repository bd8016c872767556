import { Query } from '@nestjs/cqrs';
import type { GuaranteesReadModel } from './guarantees.read-model';

export class ListConventionGuaranteesQuery extends Query<
  Awaited<ReturnType<GuaranteesReadModel['guaranteesOfConvention']>>
> {
  constructor(readonly conventionId: string) {
    super();
  }
}
