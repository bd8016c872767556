import { Query } from '@nestjs/cqrs';
import type { MoneyJson } from '@ledger/money';

export interface DonorView {
  readonly donorId: string;
  readonly name: string;
  readonly registeredOn: string;
  readonly contributed: MoneyJson;
  readonly contributions: readonly {
    readonly contributionId: string;
    readonly amount: MoneyJson;
    readonly receivedOn: string;
    readonly reference: string;
  }[];
}

export class ListDonorsQuery extends Query<{ items: DonorView[] }> {
  constructor(readonly fundId: string) {
    super();
  }
}
