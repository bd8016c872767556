import { Query } from '@nestjs/cqrs';
import type { GuaranteesReadModel } from './guarantees.read-model';

export class GetCompanyQuery extends Query<Awaited<ReturnType<GuaranteesReadModel['company']>>> {
  constructor(readonly companyId: string) {
    super();
  }
}
