import { Money } from '@ledger/money';
import {
  defineEvent,
  field,
  isProposalTtl,
  MAX_PROPOSAL_TTL_HOURS,
  releasedFields,
  subjectNumberOf,
  subjectOf,
  type EventOf,
  type Field,
  type JsonObject,
  type PolicyControls,
  type Proposal,
  type ProposalOutcome,
} from '@ledger/kernel';
import { assertIsoDate } from './calendar';
import type { ApproveGrant, DisburseGrant, ReverseDisbursement } from './commands';
import type { DisbursementReversed, GrantApproved, GrantDisbursed } from './events';
import { AmountNotPositive, InvalidSchedule, WrongCurrency } from './errors';

/**
 * Four-eyes control in the co-financing fund. A fund's approval policy may require a second fund
 * manager for approving a grant whose subsidy exceeds a threshold, for a disbursement whose paid
 * share exceeds another, and for every correction (disbursement reversal). Then the command is
 * only *proposed* (a `ledger.ProposalRecorded`, see @ledger/kernel), and in the same append what
 * it would use is *reserved* in every stream whose budget it would use:
 *
 * - an approval reserves its subsidy on the fund's available balance and on the beneficiary's cap,
 *   and locks the grant (no second proposal, no direct approval);
 * - a disbursement or correction reserves on the grant the part of its commitment it would pay,
 *   with the invoice reference and disbursement id of the entry it would record (a correction also
 *   locks the entry it reverses).
 *
 * The existing optimistic concurrency on those streams decides races, so two pending proposals (or
 * a proposal and a direct command) never together use more than there is. What each action
 * declares to the one four-eyes wrapper is in application/four-eyes; this file holds its pure
 * parts: the policy, the reservation events and the release of a recorded proposal.
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
  grantId: field.string(),
  amount: field.money(),
  ...releasedFields,
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
  grantId: field.string(),
  windowId: field.string(),
  participationYear: field.integer(),
  amount: field.money(),
  ...releasedFields,
});

// ---- grant stream -------------------------------------------------------------------------------

/** The grant is locked while its approval waits for a second person: no second proposal, no direct approval. */
export const GrantApprovalProposed = defineEvent('cofinancing.GrantApprovalProposed', {
  grantId: field.string(),
  proposalId: field.string(),
});

export const GrantApprovalProposalSettled = defineEvent('cofinancing.GrantApprovalProposalSettled', {
  grantId: field.string(),
  ...releasedFields,
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
  amount: field.money(),
  ...releasedFields,
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

export type FundFourEyesEvent = FundApprovalPolicySet | FundsReserved | FundReservationReleased;
export type BeneficiaryFourEyesEvent = CapReserved | CapReservationReleased;
export type GrantFourEyesEvent =
  GrantApprovalProposed | GrantApprovalProposalSettled | GrantCommitmentReserved | GrantCommitmentReservationReleased;

export const fundFourEyesDefinitions = [FundApprovalPolicySet, FundsReserved, FundReservationReleased];
export const beneficiaryFourEyesDefinitions = [CapReserved, CapReservationReleased];
export const grantFourEyesDefinitions = [
  GrantApprovalProposed,
  GrantApprovalProposalSettled,
  GrantCommitmentReserved,
  GrantCommitmentReservationReleased,
];

/** The actions of this context under four-eyes control. */
export const PROPOSAL_ACTIONS = ['approve-grant', 'disburse-grant', 'reverse-disbursement'] as const;
export type ProposalAction = (typeof PROPOSAL_ACTIONS)[number];

// ---- commands, as a proposal keeps them ----------------------------------------------------------

/** The commands as JSON in a proposal (the same shapes as the proposals recorded before the one kind). */
export const approveGrantCommand: Field<ApproveGrant> = field.object({
  type: field.literal('ApproveGrant'),
  grantId: field.string(),
  approvedOn: field.date(),
});

const invoiceShape = {
  invoiceReference: field.string(),
  invoiceDate: field.date(),
  invoiceAmount: field.money(),
};

export const disburseGrantCommand: Field<DisburseGrant> = field.object({
  type: field.literal('DisburseGrant'),
  grantId: field.string(),
  disbursementId: field.string(),
  ...invoiceShape,
  disbursedOn: field.date(),
});

export const reverseDisbursementCommand: Field<ReverseDisbursement> = field.object({
  type: field.literal('ReverseDisbursement'),
  grantId: field.string(),
  disbursementId: field.string(),
  reason: field.string(),
  correctedOn: field.date(),
  corrects: field.object({ eventId: field.string(), position: field.string() }),
  replacement: field.optional(field.object({ disbursementId: field.string(), ...invoiceShape })),
});

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

/**
 * The policy's controls, as the shared rule of @ledger/kernel compares them: a change that loosens
 * any of them (a threshold raised or removed, corrections no longer needing a second person, a
 * longer time to live) waits for a second fund manager or an admin; one that only tightens
 * applies at once.
 */
export function approvalPolicyControls(policy: FundApprovalPolicy): PolicyControls {
  return {
    thresholds: { approveGrantAbove: policy.approveGrantAbove, disburseAbove: policy.disburseAbove },
    flags: { correctionsNeedSecondPerson: policy.correctionsNeedSecondPerson },
    ttlHours: policy.proposalTtlHours,
  };
}

/** The policy a command asks for. */
export function requestedApprovalPolicy(command: SetFundApprovalPolicy): FundApprovalPolicy {
  const { approveGrantAbove, disburseAbove, correctionsNeedSecondPerson, proposalTtlHours } = command;
  return { approveGrantAbove, disburseAbove, correctionsNeedSecondPerson, proposalTtlHours };
}

/** The policy as JSON in an answer (amounts as strings of minor units with their currency). */
export function approvalPolicyJson(policy: FundApprovalPolicy): JsonObject {
  return {
    approveGrantAbove: policy.approveGrantAbove?.toJSON() ?? null,
    disburseAbove: policy.disburseAbove?.toJSON() ?? null,
    correctionsNeedSecondPerson: policy.correctionsNeedSecondPerson,
    proposalTtlHours: policy.proposalTtlHours,
  } as unknown as JsonObject;
}

/** The command as JSON in a proposal that weakens the policy. */
export const setApprovalPolicyCommand: Field<SetFundApprovalPolicy> = field.object({
  type: field.literal('SetFundApprovalPolicy'),
  fundId: field.string(),
  approveGrantAbove: field.optional(field.money()),
  disburseAbove: field.optional(field.money()),
  correctionsNeedSecondPerson: field.boolean(),
  proposalTtlHours: field.integer(),
  setOn: field.date(),
});

// ---- reserving and releasing ---------------------------------------------------------------------

/** The grant a proposal acts on, as subjects: what its release reads back. */
export type GrantSubjects = ReturnType<typeof grantSubjects>;
/** A disbursement or correction proposal also names the entry it would record, or reverse. */
export type DisbursementSubjects = GrantSubjects & { readonly disbursementId: string };

function grantSubjects(event: {
  readonly fundId: string;
  readonly grantId: string;
  readonly beneficiaryId: string;
  readonly windowId: string;
  readonly participationYear: number;
}) {
  return {
    fundId: event.fundId,
    grantId: event.grantId,
    beneficiaryId: event.beneficiaryId,
    windowId: event.windowId,
    participationYear: event.participationYear,
  };
}

/**
 * Instead of approving: the subsidy reserved on the fund and on the beneficiary's cap, and the lock
 * on the grant. `approved` is the approval as decided now; `availableBefore` the fund's available
 * balance it was decided on.
 */
export function reserveApproval(approved: GrantApproved, proposalId: string, availableBefore: Money) {
  const { fundId, grantId, beneficiaryId, windowId, participationYear, subsidy: amount } = approved;
  return {
    subjects: grantSubjects(approved),
    reserved: amount,
    fund: [
      FundsReserved.create({
        fundId,
        proposalId,
        grantId,
        amount,
        availableBefore,
        availableAfter: availableBefore.minus(amount),
      }),
    ],
    beneficiary: [
      CapReserved.create({ beneficiaryId, proposalId, grantId, fundId, windowId, participationYear, amount }),
    ],
    grant: [GrantApprovalProposed.create({ grantId, proposalId })],
  };
}

/** Releases what an approval proposal reserved on the fund, the cap and the grant. */
export function releaseApproval(proposal: Proposal, outcome: ProposalOutcome) {
  const ids = { proposalId: proposal.proposalId, grantId: subjectOf(proposal, 'grantId') };
  const amount = proposal.reserved;
  return {
    fund: [FundReservationReleased.create({ ...ids, fundId: subjectOf(proposal, 'fundId'), amount, outcome })],
    beneficiary: [
      CapReservationReleased.create({
        ...ids,
        beneficiaryId: subjectOf(proposal, 'beneficiaryId'),
        windowId: subjectOf(proposal, 'windowId'),
        participationYear: subjectNumberOf(proposal, 'participationYear'),
        amount,
        outcome,
      }),
    ],
    grant: [GrantApprovalProposalSettled.create({ ...ids, outcome })],
  };
}

/**
 * Instead of paying: on the grant, what it would pay reserved, with the invoice reference and
 * disbursement id it would record. `paid` is the disbursement as decided now.
 */
export function reserveDisbursement(paid: GrantDisbursed, proposalId: string) {
  return {
    subjects: { ...grantSubjects(paid), disbursementId: paid.disbursementId },
    reserved: paid.paid,
    grant: [
      GrantCommitmentReserved.create({
        grantId: paid.grantId,
        proposalId,
        action: 'disburse-grant',
        amount: paid.paid,
        invoiceReference: paid.invoiceReference,
        disbursementId: paid.disbursementId,
        reverses: null,
      }),
    ],
  };
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
 * Instead of correcting: on the grant, the lock on the entry it reverses and the extra commitment
 * its replacement would use (with the replacement's invoice reference and disbursement id).
 * `reversed` and `replacement` are the correction as decided now.
 */
export function reserveCorrection(
  reversed: DisbursementReversed,
  replacement: GrantDisbursed | null,
  proposalId: string,
) {
  // The grant's disbursed total now: after the reversal, plus what it reverses.
  const amount = correctionExtraCommitment(reversed.disbursedTotal.plus(reversed.paid), reversed, replacement);
  return {
    subjects: { ...grantSubjects(reversed), disbursementId: reversed.disbursementId },
    reserved: amount,
    grant: [
      GrantCommitmentReserved.create({
        grantId: reversed.grantId,
        proposalId,
        action: 'reverse-disbursement',
        amount,
        invoiceReference: replacement?.invoiceReference ?? null,
        disbursementId: replacement?.disbursementId ?? null,
        reverses: reversed.disbursementId,
      }),
    ],
  };
}

/** Releases what a disbursement or correction proposal held of the grant's commitment. */
export function releaseGrantCommitment(proposal: Proposal, outcome: ProposalOutcome) {
  return [
    GrantCommitmentReservationReleased.create({
      grantId: subjectOf(proposal, 'grantId'),
      proposalId: proposal.proposalId,
      amount: proposal.reserved,
      outcome,
    }),
  ];
}

export function sumOf(amounts: Iterable<Money>, zero: Money): Money {
  let total = zero;
  for (const amount of amounts) total = total.plus(amount);
  return total;
}
