import { DomainError } from '../domain-error';

/**
 * The four-eyes rules every context shares (co-financing approvals, disbursements and
 * corrections; guarantee issuance and corrections): how a proposal ends, who may settle it and
 * until when. What a proposal reserves, and what confirming it decides, stays in each context.
 */

export const PROPOSAL_OUTCOMES = ['confirmed', 'declined', 'expired'] as const;
export type ProposalOutcome = (typeof PROPOSAL_OUTCOMES)[number];

/** At most 30 days: a proposal should not hold budget or headroom for longer. */
export const MAX_PROPOSAL_TTL_HOURS = 720;

/** What the shared rules read of a recorded proposal. */
export interface RecordedProposal {
  readonly proposedBy: string;
  /** Record time, ISO 8601. */
  readonly expiresAt: string;
}

export type ProposalState<Proposal extends RecordedProposal> =
  { readonly status: 'none' } | { readonly status: 'pending' | ProposalOutcome; readonly proposal: Proposal };

export interface SettleProposal {
  readonly proposalId: string;
  readonly actor: string;
  /** Record time now, from the service's clock. */
  readonly at: Date;
}

/** The deadline of a proposal made at `proposedAt` under a policy of `ttlHours`. */
export function proposalDeadline(proposedAt: Date, ttlHours: number): Date {
  return new Date(proposedAt.getTime() + ttlHours * 3_600_000);
}

/** Whether a policy's time to live is a whole number of hours within bounds. */
export function isProposalTtl(hours: number): boolean {
  return Number.isInteger(hours) && hours >= 1 && hours <= MAX_PROPOSAL_TTL_HOURS;
}

/**
 * Who may settle a pending proposal, and when: never after its deadline, and — to confirm it —
 * never the person who proposed it. Returns the pending proposal.
 */
export function requirePendingProposal<Proposal extends RecordedProposal>(
  state: ProposalState<Proposal>,
  command: SettleProposal,
  settling: 'confirm' | 'decline',
): Proposal {
  if (state.status === 'none') throw new ProposalNotPending(command.proposalId, 'none', 'not-found');
  if (state.status !== 'pending') throw new ProposalNotPending(command.proposalId, state.status);
  if (command.at.getTime() >= Date.parse(state.proposal.expiresAt)) {
    throw new ProposalNotPending(command.proposalId, 'expired');
  }
  if (settling === 'confirm' && command.actor === state.proposal.proposedBy) {
    throw new SelfConfirmationRefused(command.proposalId, command.actor);
  }
  return state.proposal;
}

/** The proposal to expire now, or null: expiry is idempotent (a settled proposal, or one not yet due, gives nothing). */
export function dueProposal<Proposal extends RecordedProposal>(
  state: ProposalState<Proposal>,
  now: Date,
): Proposal | null {
  return state.status === 'pending' && now.getTime() >= Date.parse(state.proposal.expiresAt) ? state.proposal : null;
}

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
export class ProposalNotPending extends DomainError {
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

/** A decline must say why (the proposer reads it). */
export class DeclineReasonMissing extends DomainError {
  readonly code = 'decline-reason-missing';
  readonly kind = 'rejected' as const;
  constructor() {
    super('declining a proposal must give its reason', { field: 'reason' });
  }
}
