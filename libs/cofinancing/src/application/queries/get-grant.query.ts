import { Query } from '@nestjs/cqrs';
import type { MoneyJson } from '@ledger/money';
import type { GrantView } from './list-grants.query';

export interface GrantDetailView extends GrantView {
  /** What the approval recorded: rate, schedule version, cap and fund figures. */
  readonly computation: unknown;
  readonly disbursements: readonly {
    readonly disbursementId: string;
    readonly invoiceReference: string;
    readonly invoiceDate: string;
    readonly invoiceAmount: MoneyJson;
    readonly paid: MoneyJson;
    readonly rule: string;
    readonly disbursedOn: string;
  }[];
}

export class GetGrantQuery extends Query<GrantDetailView> {
  constructor(readonly grantId: string) {
    super();
  }
}
