import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { JsonObject } from '@ledger/kernel';
import type { MoneyJson } from '@ledger/money';

/** A proposal as the read model shows it, whatever its context and action. */
export interface ProposalView {
  readonly proposalId: string;
  readonly context: string;
  readonly action: string;
  readonly status: string;
  /** The ids of what it acts and reserves on (grantId, companyId, guaranteeId…). */
  readonly subjects: Readonly<Record<string, string | number>>;
  /** What it holds back while pending, and its parts by name. */
  readonly reserved: MoneyJson;
  readonly reservations: Readonly<Record<string, MoneyJson>>;
  readonly threshold: MoneyJson | null;
  /** The whole command a confirmation decides again, as recorded (amounts as strings of minor units). */
  readonly command: JsonObject;
  readonly proposedBy: string;
  readonly proposedByRole: string;
  readonly proposedAt: string;
  readonly expiresAt: string;
  readonly settledBy: string | null;
  readonly settledAt: string | null;
  readonly reason: string | null;
}

export interface ProposalFilter {
  /** The contexts to list (the caller's readable ones). */
  readonly contexts: readonly string[];
  readonly status?: string;
  readonly action?: string;
  /** Subjects that must match, e.g. `{ fundId: 'F-1' }`. */
  readonly subject?: Readonly<Record<string, string | undefined>>;
  /** The opaque cursor of the previous page. */
  readonly cursor?: string;
  readonly limit: number;
}

export interface ProposalPage {
  readonly items: ProposalView[];
  /** Present when there may be more: pass it as `cursor` for the next page. */
  readonly nextCursor?: string;
}

interface ProposalRow {
  proposal_id: string;
  context: string;
  action: string;
  subjects: Record<string, string | number>;
  command: JsonObject;
  currency: string;
  reserved: string;
  reservations: Record<string, string>;
  threshold: string | null;
  proposed_by: string;
  proposed_by_role: string;
  proposed_at: Date;
  expires_at: Date;
  status: string;
  settled_by: string | null;
  settled_at: Date | null;
  reason: string | null;
  position: string;
}

/** Reads of `ledger_proposals`: pages of proposals (oldest first), one proposal, the ones due. */
@Injectable()
export class ProposalsReadModel {
  constructor(private readonly data: DataSource) {}

  async list(filter: ProposalFilter): Promise<ProposalPage> {
    const after = filter.cursor === undefined ? '0' : filter.cursor;
    const subject = Object.entries(filter.subject ?? {}).filter(([, id]) => id !== undefined);
    const rows: ProposalRow[] = await this.data.query(
      `SELECT * FROM ledger_proposals
        WHERE context = ANY($1::text[]) AND ($2::text IS NULL OR status = $2) AND ($3::text IS NULL OR action = $3)
          AND ($4::jsonb IS NULL OR subjects @> $4::jsonb) AND position > $5::bigint
        ORDER BY position LIMIT $6`,
      [
        filter.contexts,
        filter.status ?? null,
        filter.action ?? null,
        subject.length > 0 ? JSON.stringify(Object.fromEntries(subject)) : null,
        after,
        filter.limit + 1,
      ],
    );
    const items = rows.slice(0, filter.limit).map(viewOf);
    return rows.length > filter.limit ? { items, nextCursor: String(rows[filter.limit - 1].position) } : { items };
  }

  async get(proposalId: string): Promise<ProposalView | null> {
    const [row]: ProposalRow[] = await this.data.query('SELECT * FROM ledger_proposals WHERE proposal_id = $1', [
      proposalId,
    ]);
    return row ? viewOf(row) : null;
  }

  /** The pending proposals whose deadline is past at `now`, soonest first. */
  async due(now: Date, limit = 500): Promise<string[]> {
    const rows: { proposal_id: string }[] = await this.data.query(
      `SELECT proposal_id FROM ledger_proposals WHERE status = 'pending' AND expires_at <= $1
        ORDER BY expires_at, proposal_id LIMIT $2`,
      [now.toISOString(), limit],
    );
    return rows.map((row) => row.proposal_id);
  }
}

function viewOf(row: ProposalRow): ProposalView {
  const money = (amountMinor: string | number): MoneyJson => ({
    amountMinor: String(amountMinor),
    currency: row.currency,
  });
  return {
    proposalId: row.proposal_id,
    context: row.context,
    action: row.action,
    status: row.status,
    subjects: row.subjects,
    reserved: money(row.reserved),
    reservations: Object.fromEntries(Object.entries(row.reservations).map(([name, minor]) => [name, money(minor)])),
    threshold: row.threshold === null ? null : money(row.threshold),
    command: row.command,
    proposedBy: row.proposed_by,
    proposedByRole: row.proposed_by_role,
    proposedAt: new Date(row.proposed_at).toISOString(),
    expiresAt: new Date(row.expires_at).toISOString(),
    settledBy: row.settled_by,
    settledAt: row.settled_at ? new Date(row.settled_at).toISOString() : null,
    reason: row.reason,
  };
}
