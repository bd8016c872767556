import { Query } from '@nestjs/cqrs';
import type { GuaranteesReadModel } from './guarantees.read-model';

export class ListMembersQuery extends Query<Awaited<ReturnType<GuaranteesReadModel['members']>>> {
  constructor(readonly companyId: string) {
    super();
  }
}
