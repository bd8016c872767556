import { Query } from '@nestjs/cqrs';
import type { GuaranteesReadModel } from './guarantees.read-model';

export class GetConventionQuery extends Query<Awaited<ReturnType<GuaranteesReadModel['convention']>>> {
  constructor(readonly conventionId: string) {
    super();
  }
}
