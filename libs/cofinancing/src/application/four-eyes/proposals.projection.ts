import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@ledger/event-store';
import type { Projection } from '@ledger/event-sourcing';
import { proposalCatalog } from '../../domain';

/**
 * Four-eyes proposals of every action, pending and settled, with their deadlines and whole
 * commands: what `GET /cofinancing/proposals` lists, what the fund's and grant's `reserved` sum,
 * and what the expiry scheduler reads (pending ones past `expires_at`). Checkpointed like every
 * projection, so a restart loses no deadline: they live in the data.
 */
export class CofinancingProposalsProjection implements Projection {
  readonly name = 'cofinancing.proposals';
  readonly tables = ['cofinancing_proposals'];

  async apply(recorded: RecordedEvent, manager: EntityManager): Promise<void> {
    if (!proposalCatalog.has(recorded.type)) return;
    const event = proposalCatalog.decode(recorded);
    switch (event.type) {
      case 'cofinancing.ApprovalProposed':
      case 'cofinancing.DisbursementProposed':
      case 'cofinancing.CorrectionProposed': {
        const threshold = event.action === 'reverse-disbursement' ? null : event.threshold;
        await manager.query(
          `INSERT INTO cofinancing_proposals (proposal_id, action, fund_id, grant_id, beneficiary_id, amount, currency,
             threshold, approved_on, command, proposed_by, proposed_at, expires_at, status, position)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12, $13, 'pending', $14)
           ON CONFLICT (proposal_id) DO NOTHING`,
          [
            event.proposalId,
            event.action,
            event.fundId,
            event.grantId,
            event.beneficiaryId,
            event.amount.toMinorString(),
            event.amount.currency.code,
            threshold?.toMinorString() ?? null,
            event.action === 'approve-grant' ? event.command.approvedOn : null,
            // The command as recorded (amounts as strings of minor units).
            JSON.stringify((recorded.data as { command: unknown }).command),
            event.proposedBy,
            event.proposedAt,
            event.expiresAt,
            recorded.position.toString(),
          ],
        );
        return;
      }
      case 'cofinancing.ProposalConfirmed':
        await this.settle(manager, event.proposalId, 'confirmed', event.confirmedBy, event.confirmedAt, null);
        return;
      case 'cofinancing.ProposalDeclined':
        await this.settle(manager, event.proposalId, 'declined', event.declinedBy, event.declinedAt, event.reason);
        return;
      case 'cofinancing.ProposalExpired':
        await this.settle(manager, event.proposalId, 'expired', null, event.expiredAt, null);
        return;
    }
  }

  private async settle(
    manager: EntityManager,
    proposalId: string,
    status: string,
    by: string | null,
    at: string,
    reason: string | null,
  ): Promise<void> {
    await manager.query(
      `UPDATE cofinancing_proposals SET status = $2, settled_by = $3, settled_at = $4, reason = $5
        WHERE proposal_id = $1`,
      [proposalId, status, by, at, reason],
    );
  }
}
