import { Query } from '@nestjs/cqrs';
import type { MoneyJson } from '@ledger/money';

export interface GuaranteeProposalView {
  readonly proposalId: string;
  readonly action: string;
  readonly companyId: string;
  readonly conventionId: string | null;
  /** The guarantee it would issue, or whose repayment it would reverse. */
  readonly guaranteeId: string | null;
  readonly memberId: string | null;
  readonly bankId: string | null;
  readonly loanReference: string | null;
  readonly depositId: string | null;
  readonly repaymentEventId: string | null;
  /** The command waiting for a second person, as proposed. */
  readonly command: Record<string, unknown>;
  readonly reserved: MoneyJson;
  /** What it holds: headroom on the convention (principal, guaranteed amount) and guarantee fund on the company. */
  readonly reservations: { readonly principal: MoneyJson; readonly guaranteed: MoneyJson; readonly fund: MoneyJson };
  readonly threshold: MoneyJson | null;
  readonly proposedBy: string;
  readonly proposedAt: string;
  readonly expiresAt: string;
  readonly status: string;
  readonly settledBy: string | null;
  readonly settledAt: string | null;
  readonly reason: string | null;
}

export class ListGuaranteeProposalsQuery extends Query<{ proposals: GuaranteeProposalView[] }> {
  constructor(readonly filter: { status?: string; companyId?: string; proposalId?: string }) {
    super();
  }
}
