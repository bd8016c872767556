import { Query } from '@nestjs/cqrs';
import type { GuaranteesReadModel } from './guarantees.read-model';

export class GetGuaranteeQuery extends Query<Awaited<ReturnType<GuaranteesReadModel['guarantee']>>> {
  constructor(readonly guaranteeId: string) {
    super();
  }
}
