import type { AsOfStamp, JsonObject } from '@ledger/event-sourcing';
import type { MoneyJson } from '@ledger/money';

/** A fund's balances as of a date: the figures of GET /cofinancing/funds/:id, at that point. */
export interface FundBalancesAsOfView extends AsOfStamp {
  readonly fundId: string;
  readonly name: string;
  readonly currency: string;
  readonly createdOn: string;
  readonly contributed: MoneyJson;
  readonly committed: MoneyJson;
  readonly disbursed: MoneyJson;
  /** contributed − committed */
  readonly available: MoneyJson;
  /** committed − disbursed */
  readonly outstandingCommitments: MoneyJson;
  readonly releasedAtClosure: MoneyJson;
  readonly grantsApproved: number;
}

export interface ScheduleAsOfView {
  readonly version: number;
  readonly effectiveFrom: string;
  readonly terms: JsonObject;
}

export interface WindowBalancesAsOfView {
  readonly windowId: string;
  readonly fundId: string;
  readonly name: string;
  readonly supportKind: string;
  readonly openedOn: string;
  /** The schedule version in force on the date (as known then), and the latest version known. */
  readonly scheduleInForce: ScheduleAsOfView | null;
  readonly latestScheduleVersion: number | null;
  readonly committed: MoneyJson;
  readonly disbursed: MoneyJson;
  readonly releasedAtClosure: MoneyJson;
  readonly grantsApproved: number;
}

export interface DonorBalancesAsOfView {
  readonly donorId: string;
  readonly name: string;
  readonly registeredOn: string;
  readonly contributed: MoneyJson;
  readonly contributionCount: number;
}

export interface BeneficiaryYearAsOfView {
  readonly participationYear: number;
  readonly windowId: string;
  readonly fundId: string;
  readonly grantsApproved: number;
  readonly eligibleCost: MoneyJson;
  readonly subsidy: MoneyJson;
  readonly ownShare: MoneyJson;
  readonly effectiveRateBp: number | null;
  readonly effectiveRate: string | null;
  readonly invoiced: MoneyJson;
  readonly disbursed: MoneyJson;
  readonly releasedAtClosure: MoneyJson;
}

export interface BeneficiaryBalancesAsOfView extends AsOfStamp {
  readonly beneficiaryId: string;
  readonly name: string;
  readonly kind: string;
  readonly enrolledOn: string;
  readonly memberFirms: number;
  readonly womenOwnedFirms: number;
  readonly womenOwnershipRecorded: number;
  readonly years: readonly BeneficiaryYearAsOfView[];
}
