import type { EntityManager } from 'typeorm';
import type { GuaranteeProposalEvent } from '../../domain';

/**
 * The `guarantees_proposals` read model: four-eyes proposals, pending and settled, with what each
 * reserves and its deadline — what `GET /guarantees/proposals` lists and what the expiry scheduler
 * reads (pending ones past `expires_at`). Fed by the context's one projection, so it shows the same
 * point of the log as the companies and conventions, and rebuilds with them; rows depend on the
 * events only (record times are in the events), never on the clock.
 */
export async function applyProposalEvent(
  event: GuaranteeProposalEvent,
  position: string,
  db: EntityManager,
): Promise<void> {
  switch (event.type) {
    case 'guarantees.ApprovalProposed': {
      const issue = event.issue;
      const deposit = event.reverseDeposit;
      const repayment = event.reverseRepayment;
      const command = issue
        ? { ...issue, principal: issue.principal.toJSON() }
        : deposit
          ? deposit
          : repayment
            ? { ...repayment, corrects: { ...repayment.corrects, amount: repayment.corrects.amount.toJSON() } }
            : {};
      await db.query(
        `INSERT INTO guarantees_proposals (proposal_id, action, company_id, convention_id, guarantee_id, member_id,
           bank_id, loan_reference, deposit_id, repayment_event_id, currency, reserved, reserved_principal,
           reserved_guaranteed, reserved_fund, threshold, command, proposed_by, proposed_at, expires_at, status,
           position, last_position)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, 'pending',
           $21, $21)`,
        [
          event.proposalId,
          event.action,
          event.companyId,
          event.conventionId,
          issue?.guaranteeId ?? repayment?.guaranteeId ?? null,
          issue?.memberId ?? null,
          issue?.bankId ?? null,
          issue?.loanReference ?? null,
          deposit?.depositId ?? null,
          repayment?.corrects.eventId ?? null,
          event.reserved.currency.code,
          event.reserved.toMinorString(),
          event.reservedPrincipal.toMinorString(),
          event.reservedGuaranteed.toMinorString(),
          event.reservedFund.toMinorString(),
          event.threshold?.toMinorString() ?? null,
          JSON.stringify(command),
          event.proposedBy,
          event.proposedAt,
          event.expiresAt,
          position,
        ],
      );
      return;
    }
    case 'guarantees.ProposalConfirmed':
      return settle(db, event.proposalId, 'confirmed', event.confirmedBy, event.confirmedAt, null, position);
    case 'guarantees.ProposalDeclined':
      return settle(db, event.proposalId, 'declined', event.declinedBy, event.declinedAt, event.reason, position);
    case 'guarantees.ProposalExpired':
      return settle(db, event.proposalId, 'expired', null, event.expiredAt, null, position);
  }
}

async function settle(
  db: EntityManager,
  proposalId: string,
  status: string,
  by: string | null,
  at: string,
  reason: string | null,
  position: string,
): Promise<void> {
  await db.query(
    `UPDATE guarantees_proposals SET status = $2, settled_by = $3, settled_at = $4, reason = $5, last_position = $6
      WHERE proposal_id = $1`,
    [proposalId, status, by, at, reason, position],
  );
}
