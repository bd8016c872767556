import {
  field,
  jsonObjectOf,
  legacyProposalEvent,
  legacySettlementEvents,
  ProposalRecorded,
  type Decoded,
  type JsonObject,
  type LegacyProposals,
} from '@ledger/kernel';
import type { Money } from '@ledger/money';
import { approveGrantCommand, disburseGrantCommand, reverseDisbursementCommand } from './four-eyes';

/**
 * The co-financing proposals recorded before the one proposal kind: stream
 * `cofinancing-proposal-<id>`, one event type per action and three settlement types of its own.
 * They are read, never written: each decodes into the `ledger.*` event it stands for, so an old
 * pending proposal is listed, confirmed, declined and expired like a new one (its settlement is
 * appended to its own stream as a `ledger.*` event).
 */

const legacyStreamId = (proposalId: string): string => `cofinancing-proposal-${proposalId}`;

/** What every old proposal recorded, whatever its action. */
const proposalShape = {
  proposalId: field.string(),
  fundId: field.string(),
  grantId: field.string(),
  beneficiaryId: field.string(),
  windowId: field.string(),
  participationYear: field.integer(),
  amount: field.money(),
  proposedBy: field.string(),
  proposedByRole: field.string(),
  proposedAt: field.string(),
  expiresAt: field.string(),
};

type OldProposal = Decoded<typeof proposalShape> & { readonly threshold?: Money };

/** An old proposal as the one kind: its grant as subjects, its command as recorded. */
function recorded(action: string, old: OldProposal, raw: JsonObject, disbursementId?: string) {
  return ProposalRecorded.create({
    proposalId: old.proposalId,
    context: 'cofinancing',
    action,
    subjects: {
      fundId: old.fundId,
      grantId: old.grantId,
      beneficiaryId: old.beneficiaryId,
      windowId: old.windowId,
      participationYear: old.participationYear,
      ...(disbursementId === undefined ? {} : { disbursementId }),
    },
    command: jsonObjectOf(raw.command),
    reserved: old.amount,
    reservations: {},
    threshold: old.threshold ?? null,
    proposedBy: old.proposedBy,
    proposedByRole: old.proposedByRole,
    proposedAt: old.proposedAt,
    expiresAt: old.expiresAt,
  });
}

export const cofinancingLegacyProposals: LegacyProposals = {
  streamId: legacyStreamId,
  events: [
    legacyProposalEvent(
      'cofinancing.ApprovalProposed',
      {
        ...proposalShape,
        action: field.literal('approve-grant'),
        command: approveGrantCommand,
        threshold: field.money(),
      },
      (old, raw) => recorded('approve-grant', old, raw),
    ),
    legacyProposalEvent(
      'cofinancing.DisbursementProposed',
      {
        ...proposalShape,
        action: field.literal('disburse-grant'),
        command: disburseGrantCommand,
        threshold: field.money(),
      },
      (old, raw) => recorded('disburse-grant', old, raw, old.command.disbursementId),
    ),
    legacyProposalEvent(
      'cofinancing.CorrectionProposed',
      { ...proposalShape, action: field.literal('reverse-disbursement'), command: reverseDisbursementCommand },
      (old, raw) => recorded('reverse-disbursement', old, raw, old.command.disbursementId),
    ),
    // Its ProposalConfirmed also had `committed`: what the confirmation committed, also in its events.
    ...legacySettlementEvents('cofinancing'),
  ],
};
