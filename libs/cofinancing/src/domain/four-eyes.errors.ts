import { DomainError } from '@ledger/event-sourcing';

/** The proposer of a four-eyes proposal may not confirm it: a second, different person must. */
export class SelfConfirmationRefused extends DomainError {
  readonly code = 'self-confirmation-refused';
  readonly kind = 'forbidden' as const;
  constructor(
    readonly proposalId: string,
    readonly actor: string,
  ) {
    super(`${actor} proposed ${proposalId} and may not confirm it: a second person must`, { proposalId, actor });
  }
}

/** Only a pending proposal, before its deadline, can be confirmed or declined. */
export class FourEyesProposalNotPending extends DomainError {
  readonly code: 'proposal-not-found' | 'proposal-not-pending';
  readonly kind: 'not-found' | 'conflict';
  constructor(
    readonly proposalId: string,
    readonly status: string,
    kind: 'not-found' | 'conflict' = 'conflict',
  ) {
    super(
      kind === 'not-found'
        ? `proposal ${proposalId} does not exist`
        : `proposal ${proposalId} is ${status}: only a pending proposal before its deadline can be settled`,
      { proposalId, status },
    );
    this.kind = kind;
    this.code = kind === 'not-found' ? 'proposal-not-found' : 'proposal-not-pending';
  }
}

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
    readonly command: 'close' | 'cancel',
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
