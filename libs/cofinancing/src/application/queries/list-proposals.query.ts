import { Query } from '@nestjs/cqrs';
import type { MoneyJson } from '@ledger/money';

export interface ProposalView {
  readonly proposalId: string;
  readonly action: string;
  readonly fundId: string;
  readonly grantId: string;
  readonly beneficiaryId: string;
  readonly reserved: MoneyJson;
  readonly threshold: MoneyJson;
  readonly approvedOn: string;
  readonly proposedBy: string;
  readonly proposedAt: string;
  readonly expiresAt: string;
  readonly status: string;
  readonly settledBy: string | null;
  readonly settledAt: string | null;
  readonly reason: string | null;
}

export class ListProposalsQuery extends Query<{ proposals: ProposalView[] }> {
  constructor(readonly filter: { status?: string; fundId?: string; proposalId?: string }) {
    super();
  }
}
