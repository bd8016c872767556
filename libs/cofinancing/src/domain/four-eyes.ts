import { Money } from '@ledger/money';
import {
  defineEvent,
  EventCatalog,
  field,
  isProposalTtl,
  MAX_PROPOSAL_TTL_HOURS,
  PROPOSAL_OUTCOMES,
  proposalDeadline,
  type EventOf,
  type ProposalOutcome,
  type ProposalState as SharedProposalState,
} from '@ledger/event-sourcing';
import { assertIsoDate } from './calendar';
import type { ApproveGrant, DisburseGrant, ReverseDisbursement } from './commands';
import type { DisbursementReversed, GrantApproved, GrantDisbursed } from './events';
import { AmountNotPositive, InvalidSchedule, WrongCurrency } from './errors';

/**
 * Four-eyes control. A fund's approval policy may require a second person for approving a grant
 * whose subsidy exceeds a threshold, for a disbursement whose paid share exceeds another, and for
 * every correction (disbursement reversal). Then the approval is only *proposed*: a proposal stream
 * (`cofinancing-proposal-<id>`) keeps the command, the proposer and the deadline, and in the same
 * append the subsidy is *reserved* in every stream whose budget it would use — the fund's
 * available balance and the beneficiary's cap — so that two pending proposals (or a proposal and a
 * direct approval) can never together use more than there is: the existing optimistic concurrency
 * on those streams decides races. A different fund manager confirms (the reservation is released
 * and the original command decided again on current state, atomically) or declines (released);
 * past its deadline the proposal expires (released).
 *
 * A disbursement or correction proposal reserves on the grant stream instead: the part of the
 * grant's commitment it would pay, and the invoice reference and disbursement id of the entry it
 * would record (a correction also locks the entry it reverses), so that pending proposals and
 * direct disbursements can never together pay more than the subsidy.
 *
 * Reservations are not balances: the read models and the as-of balances ignore them (nothing is
 * committed until confirmed); only the deciders count them against what is available.
 */

// ---- fund stream ----------------------------------------------------------------------------

export const FundApprovalPolicySet = defineEvent('cofinancing.FundApprovalPolicySet', {
  fundId: field.string(),
  /** A grant whose subsidy is above this needs a second fund manager; null: never. */
  approveGrantAbove: field.optional(field.money()),
  /** A disbursement whose paid share is above this needs a second fund manager; null (or absent in older events): never. */
  disburseAbove: field.optional(field.money()),
  /** Every disbursement reversal needs a second fund manager; null (absent in older events): no. */
  correctionsNeedSecondPerson: field.optional(field.boolean()),
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

export const FundReservationReleased = defineEvent('cofinancing.FundReservationReleased', {
  fundId: field.string(),
  proposalId: field.string(),
  grantId: field.string(),
  amount: field.money(),
  outcome: field.literal(...PROPOSAL_OUTCOMES),
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
  outcome: field.literal(...PROPOSAL_OUTCOMES),
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
  outcome: field.literal(...PROPOSAL_OUTCOMES),
});

/**
 * A disbursement or correction proposal holds part of the grant's commitment (what it would pay,
 * computed when proposed) and the identity of the entry it would record; a correction also locks
 * the entry it reverses. Counted by the grant decider, never by balances.
 */
export const GrantCommitmentReserved = defineEvent('cofinancing.GrantCommitmentReserved', {
  grantId: field.string(),
  proposalId: field.string(),
  action: field.literal('disburse-grant', 'reverse-disbursement'),
  amount: field.money(),
  /** The new entry's invoice reference and disbursement id (null: a reversal without replacement). */
  invoiceReference: field.optional(field.string()),
  disbursementId: field.optional(field.string()),
  /** The disbursement a correction reverses (null for a disbursement). */
  reverses: field.optional(field.string()),
});

export const GrantCommitmentReservationReleased = defineEvent('cofinancing.GrantCommitmentReservationReleased', {
  grantId: field.string(),
  proposalId: field.string(),
  amount: field.money(),
  outcome: field.literal(...PROPOSAL_OUTCOMES),
});

// ---- proposal stream -----------------------------------------------------------------------------

export const PROPOSAL_ACTIONS = ['approve-grant', 'disburse-grant', 'reverse-disbursement'] as const;
export type ProposalAction = (typeof PROPOSAL_ACTIONS)[number];

/** What every proposal records, whatever its action. */
const proposalShape = {
  proposalId: field.string(),
  fundId: field.string(),
  grantId: field.string(),
  beneficiaryId: field.string(),
  windowId: field.string(),
  participationYear: field.integer(),
  /** What it reserves: the subsidy, or the commitment a disbursement or correction would use. */
  amount: field.money(),
  proposedBy: field.string(),
  proposedByRole: field.string(),
  /** Record times, ISO 8601 (from the service's clock). */
  proposedAt: field.string(),
  expiresAt: field.string(),
};

export const ApprovalProposed = defineEvent('cofinancing.ApprovalProposed', {
  ...proposalShape,
  action: field.literal('approve-grant'),
  /** The whole command, decided again at confirmation. */
  command: field.object({ type: field.literal('ApproveGrant'), grantId: field.string(), approvedOn: field.date() }),
  /** The policy threshold the subsidy exceeded. */
  threshold: field.money(),
});

/** A disbursement above the fund's `disburseAbove`, waiting for a second person. */
export const DisbursementProposed = defineEvent('cofinancing.DisbursementProposed', {
  ...proposalShape,
  action: field.literal('disburse-grant'),
  command: field.object({
    type: field.literal('DisburseGrant'),
    grantId: field.string(),
    disbursementId: field.string(),
    invoiceReference: field.string(),
    invoiceDate: field.date(),
    invoiceAmount: field.money(),
    disbursedOn: field.date(),
  }),
  threshold: field.money(),
});

/** A correction under `correctionsNeedSecondPerson` (every one: no threshold). */
export const CorrectionProposed = defineEvent('cofinancing.CorrectionProposed', {
  ...proposalShape,
  action: field.literal('reverse-disbursement'),
  command: field.object({
    type: field.literal('ReverseDisbursement'),
    grantId: field.string(),
    disbursementId: field.string(),
    reason: field.string(),
    correctedOn: field.date(),
    corrects: field.object({ eventId: field.string(), position: field.string() }),
    replacement: field.optional(
      field.object({
        disbursementId: field.string(),
        invoiceReference: field.string(),
        invoiceDate: field.date(),
        invoiceAmount: field.money(),
      }),
    ),
  }),
});

export const ProposalConfirmed = defineEvent('cofinancing.ProposalConfirmed', {
  proposalId: field.string(),
  confirmedBy: field.string(),
  confirmedAt: field.string(),
  /**
   * What was committed when decided again (may differ from the reservation if the cap moved): the
   * subsidy of an approval, the payment of a disbursement, the replacement's payment of a
   * correction (zero without one).
   */
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
export type GrantCommitmentReserved = EventOf<typeof GrantCommitmentReserved>;
export type GrantCommitmentReservationReleased = EventOf<typeof GrantCommitmentReservationReleased>;
export type ApprovalProposed = EventOf<typeof ApprovalProposed>;
export type DisbursementProposed = EventOf<typeof DisbursementProposed>;
export type CorrectionProposed = EventOf<typeof CorrectionProposed>;
export type ProposalConfirmed = EventOf<typeof ProposalConfirmed>;
export type ProposalDeclined = EventOf<typeof ProposalDeclined>;
export type ProposalExpired = EventOf<typeof ProposalExpired>;

export type FundFourEyesEvent = FundApprovalPolicySet | FundsReserved | FundReservationReleased;
export type BeneficiaryFourEyesEvent = CapReserved | CapReservationReleased;
export type GrantFourEyesEvent =
  GrantApprovalProposed | GrantApprovalProposalSettled | GrantCommitmentReserved | GrantCommitmentReservationReleased;
/** A proposal as recorded, one event type per action. */
export type Proposal = ApprovalProposed | DisbursementProposed | CorrectionProposed;
export type ProposalEvent = Proposal | ProposalConfirmed | ProposalDeclined | ProposalExpired;

export const fundFourEyesDefinitions = [FundApprovalPolicySet, FundsReserved, FundReservationReleased];
export const beneficiaryFourEyesDefinitions = [CapReserved, CapReservationReleased];
export const grantFourEyesDefinitions = [
  GrantApprovalProposed,
  GrantApprovalProposalSettled,
  GrantCommitmentReserved,
  GrantCommitmentReservationReleased,
];
export const proposalCatalog = new EventCatalog<ProposalEvent>([
  ApprovalProposed,
  DisbursementProposed,
  CorrectionProposed,
  ProposalConfirmed,
  ProposalDeclined,
  ProposalExpired,
]);

export const proposalStreamId = (proposalId: string) => `cofinancing-proposal-${proposalId}`;

// ---- policy ---------------------------------------------------------------------------------------

export interface FundApprovalPolicy {
  readonly approveGrantAbove: Money | null;
  readonly disburseAbove: Money | null;
  readonly correctionsNeedSecondPerson: boolean;
  readonly proposalTtlHours: number;
}

/** The policy an event sets (fields absent from events recorded before they existed: never). */
export function approvalPolicyOf(event: FundApprovalPolicySet): FundApprovalPolicy {
  return {
    approveGrantAbove: event.approveGrantAbove,
    disburseAbove: event.disburseAbove ?? null,
    correctionsNeedSecondPerson: event.correctionsNeedSecondPerson ?? false,
    proposalTtlHours: event.proposalTtlHours,
  };
}

export interface SetFundApprovalPolicy {
  readonly type: 'SetFundApprovalPolicy';
  readonly fundId: string;
  readonly approveGrantAbove: Money | null;
  readonly disburseAbove: Money | null;
  readonly correctionsNeedSecondPerson: boolean;
  readonly proposalTtlHours: number;
  readonly setOn: string;
}

function assertThreshold(name: string, threshold: Money | null, currency: string): void {
  if (threshold === null) return;
  if (threshold.currency.code !== currency)
    throw new WrongCurrency(`${name}.currency`, currency, threshold.currency.code);
  if (threshold.isNegative()) throw new AmountNotPositive(name, threshold);
}

export function decideApprovalPolicy(
  command: SetFundApprovalPolicy,
  fund: { readonly fundId: string; readonly currency: string },
): FundApprovalPolicySet {
  assertThreshold('approveGrantAbove', command.approveGrantAbove, fund.currency);
  assertThreshold('disburseAbove', command.disburseAbove, fund.currency);
  if (!isProposalTtl(command.proposalTtlHours)) {
    throw new InvalidSchedule(
      'proposalTtlHours',
      `must be a whole number of hours from 1 to ${MAX_PROPOSAL_TTL_HOURS}`,
    );
  }
  return FundApprovalPolicySet.create({
    fundId: fund.fundId,
    approveGrantAbove: command.approveGrantAbove,
    disburseAbove: command.disburseAbove,
    correctionsNeedSecondPerson: command.correctionsNeedSecondPerson,
    proposalTtlHours: command.proposalTtlHours,
    setOn: assertIsoDate(command.setOn, 'setOn'),
  });
}

/**
 * The threshold an amount exceeds under the policy — the subsidy of an approval, or the paid
 * share of a disbursement — or null when one person may decide it.
 */
export function secondPersonThreshold(
  policy: FundApprovalPolicy | null,
  amount: Money,
  action: 'approve-grant' | 'disburse-grant' = 'approve-grant',
): Money | null {
  const threshold = (action === 'approve-grant' ? policy?.approveGrantAbove : policy?.disburseAbove) ?? null;
  return threshold !== null && amount.greaterThan(threshold) ? threshold : null;
}

/** Whether a correction (a disbursement reversal) needs a second person: all of them, or none. */
export function correctionNeedsSecondPerson(policy: FundApprovalPolicy | null): boolean {
  return policy?.correctionsNeedSecondPerson ?? false;
}

// ---- proposal state and decisions ------------------------------------------------------------------

export type ProposalState = SharedProposalState<Proposal>;
export {
  dueProposal,
  MAX_PROPOSAL_TTL_HOURS,
  requirePendingProposal,
  type ProposalOutcome,
  type SettleProposal,
} from '@ledger/event-sourcing';

export function evolveProposal(state: ProposalState, event: ProposalEvent): ProposalState {
  switch (event.type) {
    case 'cofinancing.ApprovalProposed':
    case 'cofinancing.DisbursementProposed':
    case 'cofinancing.CorrectionProposed':
      return { status: 'pending', proposal: event };
    case 'cofinancing.ProposalConfirmed':
      return state.status === 'pending' ? { ...state, status: 'confirmed' } : state;
    case 'cofinancing.ProposalDeclined':
      return state.status === 'pending' ? { ...state, status: 'declined' } : state;
    case 'cofinancing.ProposalExpired':
      return state.status === 'pending' ? { ...state, status: 'expired' } : state;
  }
}

export interface ReleaseEvents {
  readonly fund: FundFourEyesEvent[];
  readonly beneficiary: BeneficiaryFourEyesEvent[];
  readonly grant: GrantFourEyesEvent[];
}

/**
 * The release events of a proposal's reservations, per stream: an approval reserved on the fund,
 * the cap and the grant; a disbursement or correction on the grant alone (empty lists elsewhere).
 */
export function releaseReservations(proposal: Proposal, outcome: ProposalOutcome): ReleaseEvents {
  if (proposal.action !== 'approve-grant') {
    return {
      fund: [],
      beneficiary: [],
      grant: [
        GrantCommitmentReservationReleased.create({
          grantId: proposal.grantId,
          proposalId: proposal.proposalId,
          amount: proposal.amount,
          outcome,
        }),
      ],
    };
  }
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

export function approvalCommandOf(proposal: ApprovalProposed): ApproveGrant {
  return { type: 'ApproveGrant', grantId: proposal.command.grantId, approvedOn: proposal.command.approvedOn };
}

export function disbursementCommandOf(proposal: DisbursementProposed): DisburseGrant {
  return { ...proposal.command };
}

export function correctionCommandOf(proposal: CorrectionProposed): ReverseDisbursement {
  const { command } = proposal;
  return {
    ...command,
    corrects: { ...command.corrects },
    replacement: command.replacement === null ? null : { ...command.replacement },
  };
}

export function sumOf(amounts: Iterable<Money>, zero: Money): Money {
  let total = zero;
  for (const amount of amounts) total = total.plus(amount);
  return total;
}

/** Who proposes, when, and for how long: the same for every action. */
export interface ProposalAuthor {
  readonly proposalId: string;
  readonly proposedBy: string;
  readonly proposedByRole: string;
  readonly proposedAt: Date;
  readonly ttlHours: number;
}

function authorFields(input: ProposalAuthor) {
  const expiresAt = proposalDeadline(input.proposedAt, input.ttlHours);
  return {
    fields: {
      proposalId: input.proposalId,
      proposedBy: input.proposedBy,
      proposedByRole: input.proposedByRole,
      proposedAt: input.proposedAt.toISOString(),
      expiresAt: expiresAt.toISOString(),
    },
    expiresAt,
  };
}

export interface ProposeGrantApproval extends ProposalAuthor {
  readonly command: ApproveGrant;
  /** The approval as it would be decided now (its subsidy is what the proposal reserves). */
  readonly approved: GrantApproved;
  readonly threshold: Money;
  readonly availableBefore: Money;
}

/**
 * Instead of approving: a proposal, and a reservation of the subsidy on the fund and on the
 * beneficiary's cap, and the lock on the grant — one multi-stream append.
 */
export function proposeGrantApproval(input: ProposeGrantApproval) {
  const { approved, proposalId } = input;
  const { fields, expiresAt } = authorFields(input);
  return {
    proposal: [
      ApprovalProposed.create({
        ...fields,
        action: 'approve-grant',
        fundId: approved.fundId,
        grantId: approved.grantId,
        beneficiaryId: approved.beneficiaryId,
        windowId: approved.windowId,
        participationYear: approved.participationYear,
        command: { type: 'ApproveGrant', grantId: input.command.grantId, approvedOn: input.command.approvedOn },
        amount: approved.subsidy,
        threshold: input.threshold,
      }),
    ],
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

export interface ProposeDisbursement extends ProposalAuthor {
  readonly command: DisburseGrant;
  /** The disbursement as it would be decided now (its payment is what the proposal reserves). */
  readonly disbursed: GrantDisbursed;
  readonly threshold: Money;
}

/**
 * Instead of paying: a proposal, and on the grant the reservation of what it would pay with the
 * invoice reference and disbursement id it would record — one append over two streams.
 */
export function proposeDisbursement(input: ProposeDisbursement) {
  const { disbursed, command } = input;
  const { fields, expiresAt } = authorFields(input);
  return {
    proposal: [
      DisbursementProposed.create({
        ...fields,
        action: 'disburse-grant',
        fundId: disbursed.fundId,
        grantId: disbursed.grantId,
        beneficiaryId: disbursed.beneficiaryId,
        windowId: disbursed.windowId,
        participationYear: disbursed.participationYear,
        command: {
          type: 'DisburseGrant',
          grantId: command.grantId,
          disbursementId: command.disbursementId,
          invoiceReference: command.invoiceReference,
          invoiceDate: command.invoiceDate,
          invoiceAmount: command.invoiceAmount,
          disbursedOn: command.disbursedOn,
        },
        amount: disbursed.paid,
        threshold: input.threshold,
      }),
    ],
    grant: [
      GrantCommitmentReserved.create({
        grantId: disbursed.grantId,
        proposalId: input.proposalId,
        action: 'disburse-grant',
        amount: disbursed.paid,
        invoiceReference: command.invoiceReference,
        disbursementId: command.disbursementId,
        reverses: null,
      }),
    ],
    expiresAt,
  };
}

export interface ProposeCorrection extends ProposalAuthor {
  readonly command: ReverseDisbursement;
  /** The correction as it would be decided now: the reversal, and the replacement if any. */
  readonly reversed: DisbursementReversed;
  readonly replacement: GrantDisbursed | null;
  /** The grant's disbursed total now, before the correction. */
  readonly disbursedBefore: Money;
}

/**
 * The commitment a correction would use beyond what the grant has paid now: its replacement may
 * pay more than the entry it reverses; never negative (what a reversal frees is not free until
 * confirmed).
 */
export function correctionExtraCommitment(
  disbursedBefore: Money,
  reversed: DisbursementReversed,
  replacement: GrantDisbursed | null,
): Money {
  const after = replacement?.disbursedTotal ?? reversed.disbursedTotal;
  const extra = after.minus(disbursedBefore);
  return extra.isPositive() ? extra : Money.zero(disbursedBefore.currency);
}

/**
 * Instead of correcting: a proposal, and on the grant the lock on the entry it reverses with the
 * reservation of the extra commitment its replacement would use (and the replacement's invoice
 * reference and disbursement id) — one append over two streams.
 */
export function proposeCorrection(input: ProposeCorrection) {
  const { reversed, command } = input;
  const { fields, expiresAt } = authorFields(input);
  const amount = correctionExtraCommitment(input.disbursedBefore, reversed, input.replacement);
  return {
    proposal: [
      CorrectionProposed.create({
        ...fields,
        action: 'reverse-disbursement',
        fundId: reversed.fundId,
        grantId: reversed.grantId,
        beneficiaryId: reversed.beneficiaryId,
        windowId: reversed.windowId,
        participationYear: reversed.participationYear,
        command: {
          type: 'ReverseDisbursement',
          grantId: command.grantId,
          disbursementId: command.disbursementId,
          reason: reversed.reason,
          correctedOn: command.correctedOn,
          corrects: { eventId: command.corrects.eventId, position: command.corrects.position },
          replacement: command.replacement === null ? null : { ...command.replacement },
        },
        amount,
      }),
    ],
    grant: [
      GrantCommitmentReserved.create({
        grantId: reversed.grantId,
        proposalId: input.proposalId,
        action: 'reverse-disbursement',
        amount,
        invoiceReference: command.replacement?.invoiceReference ?? null,
        disbursementId: command.replacement?.disbursementId ?? null,
        reverses: command.disbursementId,
      }),
    ],
    amount,
    expiresAt,
  };
}
