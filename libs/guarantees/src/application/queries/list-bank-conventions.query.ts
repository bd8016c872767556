import { Query } from '@nestjs/cqrs';
import type { GuaranteesReadModel } from './guarantees.read-model';

export class ListBankConventionsQuery extends Query<Awaited<ReturnType<GuaranteesReadModel['conventionsOfBank']>>> {
  constructor(readonly bankId: string) {
    super();
  }
}
