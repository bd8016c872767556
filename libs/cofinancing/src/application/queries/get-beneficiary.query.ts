import { Query } from '@nestjs/cqrs';
import type { MoneyJson } from '@ledger/money';

export interface BeneficiaryYearView {
  readonly participationYear: number;
  readonly windowId: string;
  readonly fundId: string;
  readonly grantsApproved: number;
  readonly eligibleCost: MoneyJson;
  readonly subsidy: MoneyJson;
  readonly ownShare: MoneyJson;
  /** subsidy ÷ eligible cost: basis points rounded down, and the exact ratio. */
  readonly effectiveRateBp: number | null;
  readonly effectiveRate: string | null;
  readonly invoiced: MoneyJson;
  readonly disbursed: MoneyJson;
  readonly releasedAtClosure: MoneyJson;
}

export interface BeneficiaryView {
  readonly beneficiaryId: string;
  readonly name: string;
  readonly kind: string;
  readonly enrolledOn: string;
  readonly memberFirms: number;
  readonly womenOwnedFirms: number;
  readonly womenOwnershipRecorded: number;
  readonly firms: readonly { firmId: string; name: string; womenOwned: boolean | null; joinedOn: string }[];
  readonly years: readonly BeneficiaryYearView[];
}

export class GetBeneficiaryQuery extends Query<BeneficiaryView> {
  constructor(readonly beneficiaryId: string) {
    super();
  }
}
