import { Query } from '@nestjs/cqrs';
import type { MoneyJson } from '@ledger/money';

/**
 * What approving a requested grant today would give, computed by the same domain functions the
 * approval uses (scheduleInForce, termsForYear, computeSubsidy, availableOf) on the current
 * state of the grant, fund and beneficiary streams. Nothing is written; a later approval decides
 * again on the state it reads.
 */
export interface SubsidyPreviewView {
  readonly grantId: string;
  readonly status: string;
  readonly participationYear: number;
  readonly eligibleCost: MoneyJson;
  readonly scheduleVersion: number | null;
  readonly rateBp: number | null;
  /** floor(eligible cost × rate). */
  readonly rateSubsidy: MoneyJson | null;
  /** The beneficiary's cap for this window and participation year, what is used of it, what is left. */
  readonly cap: MoneyJson | null;
  readonly capUsed: MoneyJson | null;
  readonly capLeft: MoneyJson | null;
  /** min(rate subsidy, cap left); null when the request could not be approved. */
  readonly subsidy: MoneyJson | null;
  readonly ownShare: MoneyJson | null;
  readonly limitedBy: 'rate' | 'cap' | null;
  readonly fundAvailable: MoneyJson | null;
  /** Whether an approval now would pass; if not, the refusal it would meet. */
  readonly approvable: boolean;
  readonly refusal: { readonly error: string; readonly message: string } | null;
}

export class GetSubsidyPreviewQuery extends Query<SubsidyPreviewView> {
  constructor(readonly grantId: string) {
    super();
  }
}
