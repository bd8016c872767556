import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { LedgerRuntime } from '@ledger/platform';
import { ListGuaranteeProposalsQuery, type GuaranteeProposalView } from './list-proposals.query';

interface ProposalRow {
  proposal_id: string;
  action: string;
  company_id: string;
  convention_id: string | null;
  guarantee_id: string | null;
  member_id: string | null;
  bank_id: string | null;
  loan_reference: string | null;
  deposit_id: string | null;
  repayment_event_id: string | null;
  currency: string;
  reserved: string;
  reserved_principal: string;
  reserved_guaranteed: string;
  reserved_fund: string;
  threshold: string | null;
  command: Record<string, unknown> | string;
  proposed_by: string;
  proposed_at: Date;
  expires_at: Date;
  status: string;
  settled_by: string | null;
  settled_at: Date | null;
  reason: string | null;
}

/** Four-eyes proposals of the guarantees context, oldest first, from the `guarantees_proposals` read model. */
@QueryHandler(ListGuaranteeProposalsQuery)
export class ListGuaranteeProposalsHandler implements IQueryHandler<ListGuaranteeProposalsQuery> {
  constructor(private readonly runtime: LedgerRuntime) {}

  async execute({ filter }: ListGuaranteeProposalsQuery): Promise<{ proposals: GuaranteeProposalView[] }> {
    const rows: ProposalRow[] = await this.runtime.dataSource.query(
      `SELECT * FROM guarantees_proposals
        WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR company_id = $2)
          AND ($3::text IS NULL OR proposal_id = $3)
        ORDER BY position LIMIT 500`,
      [filter.status ?? null, filter.companyId ?? null, filter.proposalId ?? null],
    );
    return {
      proposals: rows.map((row) => {
        const money = (amountMinor: string) => ({ amountMinor: String(amountMinor), currency: row.currency });
        return {
          proposalId: row.proposal_id,
          action: row.action,
          companyId: row.company_id,
          conventionId: row.convention_id,
          guaranteeId: row.guarantee_id,
          memberId: row.member_id,
          bankId: row.bank_id,
          loanReference: row.loan_reference,
          depositId: row.deposit_id,
          repaymentEventId: row.repayment_event_id,
          command: typeof row.command === 'string' ? JSON.parse(row.command) : row.command,
          reserved: money(row.reserved),
          reservations: {
            principal: money(row.reserved_principal),
            guaranteed: money(row.reserved_guaranteed),
            fund: money(row.reserved_fund),
          },
          threshold: row.threshold === null ? null : money(row.threshold),
          proposedBy: row.proposed_by,
          proposedAt: new Date(row.proposed_at).toISOString(),
          expiresAt: new Date(row.expires_at).toISOString(),
          status: row.status,
          settledBy: row.settled_by,
          settledAt: row.settled_at ? new Date(row.settled_at).toISOString() : null,
          reason: row.reason,
        };
      }),
    };
  }
}
