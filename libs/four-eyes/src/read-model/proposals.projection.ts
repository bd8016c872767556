import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@ledger/event-store';
import type { Projection } from '@ledger/event-sourcing';
import { proposalModel, type LegacyProposals, type ProposalEvent, type ProposalRecorded } from '@ledger/kernel';

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

  apply(recorded: RecordedEvent, manager: EntityManager): Promise<void> {
    return this.applyBatch([recorded], manager);
  }

  /**
   * A page in two statements. Settlements are folded per proposal, the last one winning: those
   * of a proposal the page records go into its new row (when they come after it), and every one
   * goes to an UPDATE of the rows already there, run before the INSERT so that it cannot reach a
   * row the page creates. The INSERT keeps `ON CONFLICT DO NOTHING`: a proposal recorded again
   * (or already stored) keeps its first row, which the UPDATE has settled as it would have been.
   */
  async applyBatch(page: readonly RecordedEvent[], manager: EntityManager): Promise<void> {
    const inserted = new Map<string, ProposalRow>();
    const settled = new Map<string, Settlement>();
    for (const recorded of page) {
      if (!this.catalog.has(recorded.type)) continue;
      const event = this.catalog.decode(recorded);
      const position = recorded.position.toString();
      if (event.type === 'ledger.ProposalRecorded') {
        if (!inserted.has(event.proposalId)) inserted.set(event.proposalId, rowOf(event, recorded.streamId, position));
        continue;
      }
      const settlement = settlementOf(event, position);
      settled.set(settlement.proposal_id, settlement);
      const row = inserted.get(settlement.proposal_id);
      if (row) Object.assign(row, settlement);
    }
    if (settled.size > 0) {
      await manager.query(
        `UPDATE ledger_proposals AS p
            SET status = s.status, settled_by = s.settled_by, settled_at = s.settled_at, reason = s.reason,
                last_position = s.last_position
           FROM jsonb_to_recordset($1::jsonb) AS s(proposal_id text, status text, settled_by text,
                settled_at timestamptz, reason text, last_position bigint)
          WHERE p.proposal_id = s.proposal_id`,
        [JSON.stringify([...settled.values()])],
      );
    }
    if (inserted.size > 0) {
      await manager.query(
        `INSERT INTO ledger_proposals (${PROPOSAL_COLUMNS})
         SELECT ${PROPOSAL_COLUMNS}
           FROM jsonb_to_recordset($1::jsonb) AS r(proposal_id text, stream_id text, context text, action text,
                subjects jsonb, command jsonb, currency text, reserved numeric, reservations jsonb, threshold numeric,
                proposed_by text, proposed_by_role text, proposed_at timestamptz, expires_at timestamptz,
                status text, settled_by text, settled_at timestamptz, reason text, position bigint,
                last_position bigint)
         ON CONFLICT (proposal_id) DO NOTHING`,
        [JSON.stringify([...inserted.values()])],
      );
    }
  }
}

const PROPOSAL_COLUMNS = `proposal_id, stream_id, context, action, subjects, command, currency, reserved, reservations,
  threshold, proposed_by, proposed_by_role, proposed_at, expires_at, status, settled_by, settled_at, reason, position,
  last_position`;

/** A settlement's columns (amounts and positions as strings: exact). */
interface Settlement {
  proposal_id: string;
  status: 'confirmed' | 'declined' | 'expired';
  settled_by: string | null;
  settled_at: string;
  reason: string | null;
  last_position: string;
}

/** A new row's columns. */
interface ProposalRow extends Omit<Settlement, 'status' | 'settled_at'> {
  stream_id: string;
  context: string;
  action: string;
  subjects: unknown;
  command: unknown;
  currency: string;
  reserved: string;
  reservations: Record<string, string>;
  threshold: string | null;
  proposed_by: string;
  proposed_by_role: string;
  proposed_at: string;
  expires_at: string;
  status: 'pending' | Settlement['status'];
  settled_at: string | null;
  position: string;
}

function rowOf(event: ProposalRecorded, streamId: string, position: string): ProposalRow {
  return {
    proposal_id: event.proposalId,
    stream_id: streamId,
    context: event.context,
    action: event.action,
    subjects: event.subjects,
    command: event.command,
    currency: event.reserved.currency.code,
    reserved: event.reserved.toMinorString(),
    reservations: Object.fromEntries(
      Object.entries(event.reservations).map(([name, amount]) => [name, amount.toMinorString()]),
    ),
    threshold: event.threshold?.toMinorString() ?? null,
    proposed_by: event.proposedBy,
    proposed_by_role: event.proposedByRole,
    proposed_at: event.proposedAt,
    expires_at: event.expiresAt,
    status: 'pending',
    settled_by: null,
    settled_at: null,
    reason: null,
    position,
    last_position: position,
  };
}

function settlementOf(event: Exclude<ProposalEvent, ProposalRecorded>, position: string): Settlement {
  const common = { proposal_id: event.proposalId, last_position: position };
  switch (event.type) {
    case 'ledger.ProposalConfirmed':
      return {
        ...common,
        status: 'confirmed',
        settled_by: event.confirmedBy,
        settled_at: event.confirmedAt,
        reason: null,
      };
    case 'ledger.ProposalDeclined':
      return {
        ...common,
        status: 'declined',
        settled_by: event.declinedBy,
        settled_at: event.declinedAt,
        reason: event.reason,
      };
    case 'ledger.ProposalExpired':
      return { ...common, status: 'expired', settled_by: null, settled_at: event.expiredAt, reason: null };
  }
}
