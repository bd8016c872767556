import { Query } from '@nestjs/cqrs';
import type { GuaranteesReadModel } from './guarantees.read-model';

export class GetConventionHeadroomQuery extends Query<Awaited<ReturnType<GuaranteesReadModel['conventionHeadroom']>>> {
  constructor(
    readonly bankId: string,
    readonly conventionId: string,
  ) {
    super();
  }
}
