import {
  field,
  jsonObjectOf,
  legacyProposalEvent,
  legacySettlementEvents,
  ProposalRecorded,
  type LegacyProposals,
  type ProposalSubjects,
} from '@ledger/kernel';
import { issueGuaranteeShape, reverseDepositCommand, reverseRepaymentCommand } from './four-eyes';
import { PROPOSAL_ACTIONS } from './four-eyes.events';

/**
 * The guarantees proposals recorded before the one proposal kind: stream
 * `guarantees-proposal-<id>`, one `guarantees.ApprovalProposed` type for the three actions (the
 * command in `issue`, `reverseDeposit` or `reverseRepayment`) and three settlement types of its
 * own. Read, never written: each decodes into the `ledger.*` event it stands for, so an old pending
 * proposal is listed, confirmed, declined and expired like a new one.
 */
const ApprovalProposedShape = {
  proposalId: field.string(),
  action: field.literal(...PROPOSAL_ACTIONS),
  companyId: field.string(),
  conventionId: field.optional(field.string()),
  issue: field.optional(field.object({ ...issueGuaranteeShape, bankId: field.string() })),
  reverseDeposit: field.optional(reverseDepositCommand),
  reverseRepayment: field.optional(reverseRepaymentCommand),
  reservedPrincipal: field.money(),
  reservedGuaranteed: field.money(),
  reservedFund: field.money(),
  reserved: field.money(),
  threshold: field.optional(field.money()),
  proposedBy: field.string(),
  proposedByRole: field.string(),
  proposedAt: field.string(),
  expiresAt: field.string(),
};

export const guaranteesLegacyProposals: LegacyProposals = {
  streamId: (proposalId) => `guarantees-proposal-${proposalId}`,
  events: [
    legacyProposalEvent('guarantees.ApprovalProposed', ApprovalProposedShape, (old, raw) => {
      const { companyId, issue, reverseDeposit, reverseRepayment } = old;
      const subjects: ProposalSubjects = issue
        ? {
            companyId,
            conventionId: issue.conventionId,
            guaranteeId: issue.guaranteeId,
            memberId: issue.memberId,
            bankId: issue.bankId,
            loanReference: issue.loanReference,
          }
        : reverseDeposit
          ? { companyId, depositId: reverseDeposit.depositId }
          : {
              companyId,
              conventionId: old.conventionId ?? '',
              guaranteeId: reverseRepayment?.guaranteeId ?? '',
              repaymentEventId: reverseRepayment?.corrects.eventId ?? '',
            };
      return ProposalRecorded.create({
        proposalId: old.proposalId,
        context: 'guarantees',
        action: old.action,
        subjects,
        command: jsonObjectOf(raw.issue ?? raw.reverseDeposit ?? raw.reverseRepayment),
        reserved: old.reserved,
        reservations: { principal: old.reservedPrincipal, guaranteed: old.reservedGuaranteed, fund: old.reservedFund },
        threshold: old.threshold,
        proposedBy: old.proposedBy,
        proposedByRole: old.proposedByRole,
        proposedAt: old.proposedAt,
        expiresAt: old.expiresAt,
      });
    }),
    ...legacySettlementEvents('guarantees'),
  ],
};
