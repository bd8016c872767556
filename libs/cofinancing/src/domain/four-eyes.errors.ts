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
