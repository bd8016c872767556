import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { LedgerRuntime } from '@ledger/platform';
import { ListProposalsQuery, type ProposalView } from './list-proposals.query';

interface ProposalRow {
  proposal_id: string;
  action: string;
  fund_id: string;
  grant_id: string;
  beneficiary_id: string;
  amount: string;
  currency: string;
  threshold: string | null;
  approved_on: string | null;
  command: Record<string, unknown>;
  proposed_by: string;
  proposed_at: Date;
  expires_at: Date;
  status: string;
  settled_by: string | null;
  settled_at: Date | null;
  reason: string | null;
}

/** Four-eyes proposals of every action, oldest first, from the `cofinancing.proposals` read model. */
@QueryHandler(ListProposalsQuery)
export class ListProposalsHandler implements IQueryHandler<ListProposalsQuery> {
  constructor(private readonly runtime: LedgerRuntime) {}

  async execute({ filter }: ListProposalsQuery): Promise<{ proposals: ProposalView[] }> {
    const rows: ProposalRow[] = await this.runtime.dataSource.query(
      `SELECT * FROM cofinancing_proposals
        WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR fund_id = $2)
          AND ($3::text IS NULL OR proposal_id = $3) AND ($4::text IS NULL OR grant_id = $4)
          AND ($5::text IS NULL OR action = $5)
        ORDER BY position LIMIT 500`,
      [
        filter.status ?? null,
        filter.fundId ?? null,
        filter.proposalId ?? null,
        filter.grantId ?? null,
        filter.action ?? null,
      ],
    );
    return {
      proposals: rows.map((row) => ({
        proposalId: row.proposal_id,
        action: row.action,
        fundId: row.fund_id,
        grantId: row.grant_id,
        beneficiaryId: row.beneficiary_id,
        reserved: { amountMinor: String(row.amount), currency: row.currency },
        threshold: row.threshold === null ? null : { amountMinor: String(row.threshold), currency: row.currency },
        approvedOn: row.approved_on,
        command: typeof row.command === 'string' ? (JSON.parse(row.command) as Record<string, unknown>) : row.command,
        proposedBy: row.proposed_by,
        proposedAt: new Date(row.proposed_at).toISOString(),
        expiresAt: new Date(row.expires_at).toISOString(),
        status: row.status,
        settledBy: row.settled_by,
        settledAt: row.settled_at ? new Date(row.settled_at).toISOString() : null,
        reason: row.reason,
      })),
    };
  }
}
