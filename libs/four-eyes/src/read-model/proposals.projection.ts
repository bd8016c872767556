import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@ledger/event-store';
import type { Projection } from '@ledger/event-sourcing';
import { proposalModel, type LegacyProposals, type ProposalRecorded } from '@ledger/kernel';

/**
 * `ledger_proposals`: the four-eyes proposals of every context, pending and settled, with their
 * subjects, whole commands, reservations and deadlines — what `GET /proposals` lists, what the
 * balances' `reserved` figures sum, and what the expiry scheduler reads (pending ones past
 * `expires_at`). It reads the proposal events of the one kind and the older types of each
 * context (as the events they stand for), so old and new proposals land in the same rows. Rows
 * depend on the events only (record times are in them), never on the clock.
 */
export class ProposalsProjection implements Projection {
  readonly name = 'ledger.proposals';
  readonly tables = ['ledger_proposals'];
  private readonly catalog;

  constructor(legacy: readonly LegacyProposals[]) {
    this.catalog = proposalModel(legacy).catalog;
  }

  async apply(recorded: RecordedEvent, manager: EntityManager): Promise<void> {
    if (!this.catalog.has(recorded.type)) return;
    const event = this.catalog.decode(recorded);
    const position = recorded.position.toString();
    switch (event.type) {
      case 'ledger.ProposalRecorded':
        return this.recorded(event, recorded.streamId, position, manager);
      case 'ledger.ProposalConfirmed':
        return settle(manager, event.proposalId, 'confirmed', event.confirmedBy, event.confirmedAt, null, position);
      case 'ledger.ProposalDeclined':
        return settle(
          manager,
          event.proposalId,
          'declined',
          event.declinedBy,
          event.declinedAt,
          event.reason,
          position,
        );
      case 'ledger.ProposalExpired':
        return settle(manager, event.proposalId, 'expired', null, event.expiredAt, null, position);
    }
  }

  private async recorded(event: ProposalRecorded, streamId: string, position: string, manager: EntityManager) {
    const reservations = Object.fromEntries(
      Object.entries(event.reservations).map(([name, amount]) => [name, amount.toMinorString()]),
    );
    await manager.query(
      `INSERT INTO ledger_proposals (proposal_id, stream_id, context, action, subjects, command, currency, reserved,
         reservations, threshold, proposed_by, proposed_by_role, proposed_at, expires_at, status, position,
         last_position)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8, $9::jsonb, $10, $11, $12, $13, $14, 'pending', $15, $15)
       ON CONFLICT (proposal_id) DO NOTHING`,
      [
        event.proposalId,
        streamId,
        event.context,
        event.action,
        JSON.stringify(event.subjects),
        JSON.stringify(event.command),
        event.reserved.currency.code,
        event.reserved.toMinorString(),
        JSON.stringify(reservations),
        event.threshold?.toMinorString() ?? null,
        event.proposedBy,
        event.proposedByRole,
        event.proposedAt,
        event.expiresAt,
        position,
      ],
    );
  }
}

async function settle(
  manager: EntityManager,
  proposalId: string,
  status: string,
  by: string | null,
  at: string,
  reason: string | null,
  position: string,
): Promise<void> {
  await manager.query(
    `UPDATE ledger_proposals SET status = $2, settled_by = $3, settled_at = $4, reason = $5, last_position = $6
      WHERE proposal_id = $1`,
    [proposalId, status, by, at, reason, position],
  );
}
