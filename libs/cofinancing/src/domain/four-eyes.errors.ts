import { DomainError } from '@ledger/kernel';

/** A grant whose approval is already waiting for a second person. */
export class GrantApprovalPending extends DomainError {
  readonly code = 'grant-approval-pending';
  readonly kind = 'conflict' as const;
  constructor(
    readonly grantId: string,
    readonly proposalId: string,
  ) {
    super(`grant ${grantId} already has an approval waiting for a second person (${proposalId})`, {
      grantId,
      proposalId,
    });
  }
}

/** A grant cannot be closed or cancelled while four-eyes proposals on it wait: settle them first. */
export class GrantHasPendingProposals extends DomainError {
  readonly code = 'grant-proposals-pending';
  readonly kind = 'conflict' as const;
  constructor(
    readonly grantId: string,
    readonly command: 'close' | 'cancel' | 'reject',
    readonly proposalIds: readonly string[],
  ) {
    super(
      `cannot ${command} grant ${grantId}: pending four-eyes proposal(s) ${proposalIds.join(', ')} must first be ` +
        'confirmed, declined or expire',
      { grantId, command, proposalIds: proposalIds.join(',') },
    );
  }
}

/**
 * An invoice reference, a disbursement id or a disbursement entry held by a pending disbursement
 * or correction proposal on the grant: no one else may use (or reverse) it meanwhile.
 */
export class HeldByPendingProposal extends DomainError {
  readonly code = 'held-by-pending-proposal';
  readonly kind = 'conflict' as const;
  constructor(
    readonly grantId: string,
    readonly field: 'invoiceReference' | 'disbursementId',
    readonly value: string,
    readonly proposalId: string,
  ) {
    super(`${field} ${value} on grant ${grantId} is held by pending four-eyes proposal ${proposalId}`, {
      grantId,
      field,
      value,
      proposalId,
    });
  }
}
