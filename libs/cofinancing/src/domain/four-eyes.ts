import { Money } from '@ledger/money';
import { defineEvent, EventCatalog, field, type EventOf } from '@ledger/event-sourcing';
import { assertIsoDate } from './calendar';
import type { ApproveGrant } from './commands';
import type { GrantApproved } from './events';
import { AmountNotPositive, InvalidSchedule, WrongCurrency } from './errors';
import { FourEyesProposalNotPending, SelfConfirmationRefused } from './four-eyes.errors';

/**
 * Four-eyes control. A fund's approval policy may require a second person for approving a grant
 * whose subsidy exceeds a threshold. Then the approval is only *proposed*: a proposal stream
 * (`cofinancing-proposal-<id>`) keeps the command, the proposer and the deadline, and in the same
 * append the subsidy is *reserved* in every stream whose budget it would use — the fund's
 * available balance and the beneficiary's cap — so that two pending proposals (or a proposal and a
 * direct approval) can never together use more than there is: the existing optimistic concurrency
 * on those streams decides races. A different fund manager confirms (the reservation is released
 * and the original command decided again on current state, atomically) or declines (released);
 * past its deadline the proposal expires (released).
 *
 * Reservations are not balances: the read models and the as-of balances ignore them (nothing is
 * committed until confirmed); only the deciders count them against what is available.
 */

// ---- fund stream ----------------------------------------------------------------------------

export const FundApprovalPolicySet = defineEvent('cofinancing.FundApprovalPolicySet', {
  fundId: field.string(),
  /** A grant whose subsidy is above this needs a second fund manager; null: never. */
  approveGrantAbove: field.optional(field.money()),
  proposalTtlHours: field.integer(),
  setOn: field.date(),
});

export const FundsReserved = defineEvent('cofinancing.FundsReserved', {
  fundId: field.string(),
  proposalId: field.string(),
  grantId: field.string(),
  amount: field.money(),
  availableBefore: field.money(),
  availableAfter: field.money(),
});

const OUTCOMES = ['confirmed', 'declined', 'expired'] as const;
export type ProposalOutcome = (typeof OUTCOMES)[number];

export const FundReservationReleased = defineEvent('cofinancing.FundReservationReleased', {
  fundId: field.string(),
  proposalId: field.string(),
  grantId: field.string(),
  amount: field.money(),
  outcome: field.literal(...OUTCOMES),
});

// ---- beneficiary stream -----------------------------------------------------------------------

export const CapReserved = defineEvent('cofinancing.CapReserved', {
  beneficiaryId: field.string(),
  proposalId: field.string(),
  grantId: field.string(),
  fundId: field.string(),
  windowId: field.string(),
  participationYear: field.integer(),
  amount: field.money(),
});

export const CapReservationReleased = defineEvent('cofinancing.CapReservationReleased', {
  beneficiaryId: field.string(),
  proposalId: field.string(),
  grantId: field.string(),
  windowId: field.string(),
  participationYear: field.integer(),
  amount: field.money(),
  outcome: field.literal(...OUTCOMES),
});

// ---- grant stream -------------------------------------------------------------------------------

/** The grant is locked while its approval waits for a second person: no second proposal, no direct approval. */
export const GrantApprovalProposed = defineEvent('cofinancing.GrantApprovalProposed', {
  grantId: field.string(),
  proposalId: field.string(),
});

export const GrantApprovalProposalSettled = defineEvent('cofinancing.GrantApprovalProposalSettled', {
  grantId: field.string(),
  proposalId: field.string(),
  outcome: field.literal(...OUTCOMES),
});

// ---- proposal stream -----------------------------------------------------------------------------

export const PROPOSAL_ACTIONS = ['approve-grant'] as const;
export type ProposalAction = (typeof PROPOSAL_ACTIONS)[number];

export const ApprovalProposed = defineEvent('cofinancing.ApprovalProposed', {
  proposalId: field.string(),
  action: field.literal(...PROPOSAL_ACTIONS),
  fundId: field.string(),
  grantId: field.string(),
  beneficiaryId: field.string(),
  windowId: field.string(),
  participationYear: field.integer(),
  /** The whole command, decided again at confirmation. */
  command: field.object({ type: field.literal('ApproveGrant'), grantId: field.string(), approvedOn: field.date() }),
  /** What it reserves (the subsidy computed when proposed) and the policy threshold it exceeded. */
  amount: field.money(),
  threshold: field.money(),
  proposedBy: field.string(),
  proposedByRole: field.string(),
  /** Record times, ISO 8601 (from the service's clock). */
  proposedAt: field.string(),
  expiresAt: field.string(),
});

export const ProposalConfirmed = defineEvent('cofinancing.ProposalConfirmed', {
  proposalId: field.string(),
  confirmedBy: field.string(),
  confirmedAt: field.string(),
  /** What was committed when decided again (may differ from the reservation if the cap moved). */
  committed: field.money(),
});

export const ProposalDeclined = defineEvent('cofinancing.ProposalDeclined', {
  proposalId: field.string(),
  declinedBy: field.string(),
  declinedAt: field.string(),
  reason: field.string(),
});

export const ProposalExpired = defineEvent('cofinancing.ProposalExpired', {
  proposalId: field.string(),
  expiredAt: field.string(),
});

export type FundApprovalPolicySet = EventOf<typeof FundApprovalPolicySet>;
export type FundsReserved = EventOf<typeof FundsReserved>;
export type FundReservationReleased = EventOf<typeof FundReservationReleased>;
export type CapReserved = EventOf<typeof CapReserved>;
export type CapReservationReleased = EventOf<typeof CapReservationReleased>;
export type GrantApprovalProposed = EventOf<typeof GrantApprovalProposed>;
export type GrantApprovalProposalSettled = EventOf<typeof GrantApprovalProposalSettled>;
export type ApprovalProposed = EventOf<typeof ApprovalProposed>;
export type ProposalConfirmed = EventOf<typeof ProposalConfirmed>;
export type ProposalDeclined = EventOf<typeof ProposalDeclined>;
export type ProposalExpired = EventOf<typeof ProposalExpired>;

export type FundFourEyesEvent = FundApprovalPolicySet | FundsReserved | FundReservationReleased;
export type BeneficiaryFourEyesEvent = CapReserved | CapReservationReleased;
export type GrantFourEyesEvent = GrantApprovalProposed | GrantApprovalProposalSettled;
export type ProposalEvent = ApprovalProposed | ProposalConfirmed | ProposalDeclined | ProposalExpired;

export const fundFourEyesDefinitions = [FundApprovalPolicySet, FundsReserved, FundReservationReleased];
export const beneficiaryFourEyesDefinitions = [CapReserved, CapReservationReleased];
export const grantFourEyesDefinitions = [GrantApprovalProposed, GrantApprovalProposalSettled];
export const proposalCatalog = new EventCatalog<ProposalEvent>([
  ApprovalProposed,
  ProposalConfirmed,
  ProposalDeclined,
  ProposalExpired,
]);

export const proposalStreamId = (proposalId: string) => `cofinancing-proposal-${proposalId}`;

// ---- policy ---------------------------------------------------------------------------------------

export interface FundApprovalPolicy {
  readonly approveGrantAbove: Money | null;
  readonly proposalTtlHours: number;
}

export interface SetFundApprovalPolicy {
  readonly type: 'SetFundApprovalPolicy';
  readonly fundId: string;
  readonly approveGrantAbove: Money | null;
  readonly proposalTtlHours: number;
  readonly setOn: string;
}

/** At most 30 days: a proposal should not hold budget for longer. */
export const MAX_PROPOSAL_TTL_HOURS = 720;

export function decideApprovalPolicy(
  command: SetFundApprovalPolicy,
  fund: { readonly fundId: string; readonly currency: string },
): FundApprovalPolicySet {
  const threshold = command.approveGrantAbove;
  if (threshold !== null) {
    if (threshold.currency.code !== fund.currency)
      throw new WrongCurrency('approveGrantAbove.currency', fund.currency, threshold.currency.code);
    if (threshold.isNegative()) throw new AmountNotPositive('approveGrantAbove', threshold);
  }
  if (
    !Number.isInteger(command.proposalTtlHours) ||
    command.proposalTtlHours < 1 ||
    command.proposalTtlHours > MAX_PROPOSAL_TTL_HOURS
  ) {
    throw new InvalidSchedule(
      'proposalTtlHours',
      `must be a whole number of hours from 1 to ${MAX_PROPOSAL_TTL_HOURS}`,
    );
  }
  return FundApprovalPolicySet.create({
    fundId: fund.fundId,
    approveGrantAbove: threshold,
    proposalTtlHours: command.proposalTtlHours,
    setOn: assertIsoDate(command.setOn, 'setOn'),
  });
}

/** The threshold a subsidy exceeds under the policy, or null when one person may approve it. */
export function secondPersonThreshold(policy: FundApprovalPolicy | null, subsidy: Money): Money | null {
  const threshold = policy?.approveGrantAbove ?? null;
  return threshold !== null && subsidy.greaterThan(threshold) ? threshold : null;
}

// ---- proposal state and decisions ------------------------------------------------------------------

export type ProposalState =
  | { readonly status: 'none' }
  | {
      readonly status: 'pending' | ProposalOutcome;
      readonly proposal: ApprovalProposed;
    };

export function evolveProposal(state: ProposalState, event: ProposalEvent): ProposalState {
  switch (event.type) {
    case 'cofinancing.ApprovalProposed':
      return { status: 'pending', proposal: event };
    case 'cofinancing.ProposalConfirmed':
      return state.status === 'pending' ? { ...state, status: 'confirmed' } : state;
    case 'cofinancing.ProposalDeclined':
      return state.status === 'pending' ? { ...state, status: 'declined' } : state;
    case 'cofinancing.ProposalExpired':
      return state.status === 'pending' ? { ...state, status: 'expired' } : state;
  }
}

export interface SettleProposal {
  readonly proposalId: string;
  readonly actor: string;
  /** Record time now, from the service's clock. */
  readonly at: Date;
}

/**
 * Who may settle a pending proposal, and when: never after its deadline, and — to confirm it —
 * never the person who proposed it. Returns the pending proposal.
 */
export function requirePendingProposal(
  state: ProposalState,
  command: SettleProposal,
  settling: 'confirm' | 'decline',
): ApprovalProposed {
  if (state.status === 'none') throw new FourEyesProposalNotPending(command.proposalId, 'none', 'not-found');
  if (state.status !== 'pending') throw new FourEyesProposalNotPending(command.proposalId, state.status);
  if (command.at.getTime() >= Date.parse(state.proposal.expiresAt)) {
    throw new FourEyesProposalNotPending(command.proposalId, 'expired');
  }
  if (settling === 'confirm' && command.actor === state.proposal.proposedBy) {
    throw new SelfConfirmationRefused(command.proposalId, command.actor);
  }
  return state.proposal;
}

/** The release events of a proposal's reservations, per stream. */
export function releaseReservations(proposal: ApprovalProposed, outcome: ProposalOutcome) {
  return {
    fund: [
      FundReservationReleased.create({
        fundId: proposal.fundId,
        proposalId: proposal.proposalId,
        grantId: proposal.grantId,
        amount: proposal.amount,
        outcome,
      }),
    ],
    beneficiary: [
      CapReservationReleased.create({
        beneficiaryId: proposal.beneficiaryId,
        proposalId: proposal.proposalId,
        grantId: proposal.grantId,
        windowId: proposal.windowId,
        participationYear: proposal.participationYear,
        amount: proposal.amount,
        outcome,
      }),
    ],
    grant: [
      GrantApprovalProposalSettled.create({ grantId: proposal.grantId, proposalId: proposal.proposalId, outcome }),
    ],
  };
}

/** The proposal to expire now, or null: expiry is idempotent (a settled proposal, or one not yet due, gives nothing). */
export function dueProposal(state: ProposalState, now: Date): ApprovalProposed | null {
  return state.status === 'pending' && now.getTime() >= Date.parse(state.proposal.expiresAt) ? state.proposal : null;
}

export function approvalCommandOf(proposal: ApprovalProposed): ApproveGrant {
  return { type: 'ApproveGrant', grantId: proposal.command.grantId, approvedOn: proposal.command.approvedOn };
}

export function sumOf(amounts: Iterable<Money>, zero: Money): Money {
  let total = zero;
  for (const amount of amounts) total = total.plus(amount);
  return total;
}

export interface ProposeGrantApproval {
  readonly proposalId: string;
  readonly command: ApproveGrant;
  /** The approval as it would be decided now (its subsidy is what the proposal reserves). */
  readonly approved: GrantApproved;
  readonly threshold: Money;
  readonly availableBefore: Money;
  readonly proposedBy: string;
  readonly proposedByRole: string;
  readonly proposedAt: Date;
  readonly ttlHours: number;
}

/**
 * Instead of approving: a proposal, and a reservation of the subsidy on the fund and on the
 * beneficiary's cap, and the lock on the grant — one multi-stream append.
 */
export function proposeGrantApproval(input: ProposeGrantApproval) {
  const { approved, proposalId } = input;
  const expiresAt = new Date(input.proposedAt.getTime() + input.ttlHours * 3_600_000);
  return {
    proposal: [
      ApprovalProposed.create({
        proposalId,
        action: 'approve-grant',
        fundId: approved.fundId,
        grantId: approved.grantId,
        beneficiaryId: approved.beneficiaryId,
        windowId: approved.windowId,
        participationYear: approved.participationYear,
        command: { type: 'ApproveGrant', grantId: input.command.grantId, approvedOn: input.command.approvedOn },
        amount: approved.subsidy,
        threshold: input.threshold,
        proposedBy: input.proposedBy,
        proposedByRole: input.proposedByRole,
        proposedAt: input.proposedAt.toISOString(),
        expiresAt: expiresAt.toISOString(),
      }),
    ] as ProposalEvent[],
    fund: [
      FundsReserved.create({
        fundId: approved.fundId,
        proposalId,
        grantId: approved.grantId,
        amount: approved.subsidy,
        availableBefore: input.availableBefore,
        availableAfter: input.availableBefore.minus(approved.subsidy),
      }),
    ],
    beneficiary: [
      CapReserved.create({
        beneficiaryId: approved.beneficiaryId,
        proposalId,
        grantId: approved.grantId,
        fundId: approved.fundId,
        windowId: approved.windowId,
        participationYear: approved.participationYear,
        amount: approved.subsidy,
      }),
    ],
    grant: [GrantApprovalProposed.create({ grantId: approved.grantId, proposalId })],
    expiresAt,
  };
}
