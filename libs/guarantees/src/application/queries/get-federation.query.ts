import { Query } from '@nestjs/cqrs';
import type { GuaranteesReadModel } from './guarantees.read-model';

export class GetFederationQuery extends Query<Awaited<ReturnType<GuaranteesReadModel['federation']>>> {
  constructor(readonly federationId: string) {
    super();
  }
}
