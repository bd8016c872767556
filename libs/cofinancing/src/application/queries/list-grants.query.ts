import { Query } from '@nestjs/cqrs';
import type { MoneyJson } from '@ledger/money';
import type { FundingStatus } from './funding-status';

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
  /** A requested grant: whether the fund could pay what its approval would give today (see funding-status.ts). */
  readonly fundingStatus: FundingStatus | null;
}

export interface GrantFilter {
  readonly fundId?: string;
  readonly windowId?: string;
  readonly beneficiaryId?: string;
  readonly status?: string;
  readonly participationYear?: number;
  /** Requested grants waiting for funds, or fundable. */
  readonly fundingStatus?: FundingStatus;
}

export interface GrantPage {
  readonly items: GrantView[];
  readonly total: number;
  /** Present when there are more: pass it as `?cursor=`. */
  readonly nextCursor?: string;
  /** Only when asked with the deprecated `?offset=`. */
  readonly limit?: number;
  readonly offset?: number;
}

/** Where a page starts: after a grant's request position (the cursor), or (deprecated) at an offset. */
export type GrantPageStart = { readonly afterPosition: string } | { readonly offset: number } | null;

export class ListGrantsQuery extends Query<GrantPage> {
  constructor(
    readonly filter: GrantFilter,
    readonly limit: number,
    readonly start: GrantPageStart = null,
  ) {
    super();
  }
}
