import { Query } from '@nestjs/cqrs';
import type { MoneyJson } from '@ledger/money';

export interface GrantView {
  readonly grantId: string;
  readonly fundId: string;
  readonly windowId: string;
  readonly beneficiaryId: string;
  readonly status: string;
  readonly participationYear: number;
  readonly serviceProvider: string;
  readonly description: string;
  readonly eligibleCost: MoneyJson;
  readonly requestedOn: string;
  readonly subsidy: MoneyJson | null;
  readonly ownShare: MoneyJson | null;
  readonly rateBp: number | null;
  readonly scheduleVersion: number | null;
  readonly approvedOn: string | null;
  readonly rejectedOn: string | null;
  readonly closedOn: string | null;
  readonly cancelledOn: string | null;
  readonly reason: string | null;
  readonly invoiced: MoneyJson;
  readonly disbursed: MoneyJson;
  readonly commitmentLeft: MoneyJson | null;
  readonly releasedAtClosure: MoneyJson;
}

export interface GrantFilter {
  readonly fundId?: string;
  readonly windowId?: string;
  readonly beneficiaryId?: string;
  readonly status?: string;
  readonly participationYear?: number;
}

export interface GrantPage {
  readonly items: GrantView[];
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}

export class ListGrantsQuery extends Query<GrantPage> {
  constructor(
    readonly filter: GrantFilter,
    readonly limit: number,
    readonly offset: number,
  ) {
    super();
  }
}
