import { Query } from '@nestjs/cqrs';
import type { MoneyJson } from '@ledger/money';

export interface ProposalView {
  readonly proposalId: string;
  readonly action: string;
  readonly fundId: string;
  readonly grantId: string;
  readonly beneficiaryId: string;
  /** What it reserves while pending: the subsidy, or the commitment a disbursement or correction would use. */
  readonly reserved: MoneyJson;
  /** Null for a correction (every one needs a second person under its policy). */
  readonly threshold: MoneyJson | null;
  /** Only for an approval. */
  readonly approvedOn: string | null;
  /** The whole command a confirmation decides again, as recorded (amounts as strings of minor units). */
  readonly command: Record<string, unknown>;
  readonly proposedBy: string;
  readonly proposedAt: string;
  readonly expiresAt: string;
  readonly status: string;
  readonly settledBy: string | null;
  readonly settledAt: string | null;
  readonly reason: string | null;
}

export class ListProposalsQuery extends Query<{ proposals: ProposalView[] }> {
  constructor(
    readonly filter: { status?: string; fundId?: string; grantId?: string; action?: string; proposalId?: string },
  ) {
    super();
  }
}
