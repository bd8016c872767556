import { defineEvent, EventCatalog, field, type EventOf } from '@ledger/kernel';
import { scheduleShape, SUPPORT_KINDS } from './schedule';

/**
 * The events of the co-financing context, one stable type string each. Three kinds of stream:
 *   cofinancing-fund-<id>         the fund: currency, donors, contributions, windows and their
 *                                 schedules, commitments taken and released;
 *   cofinancing-beneficiary-<id>  a cluster / network / consortium / cooperative, its member
 *                                 firms, and its cap usage per (window, participation year);
 *   cofinancing-grant-<id>        one grant request from request to closure.
 * An approval appends to all three at once; a closure or cancellation that frees a commitment too.
 */

export const BENEFICIARY_KINDS = ['cluster', 'firm-network', 'export-consortium', 'cooperative'] as const;
export type BeneficiaryKind = (typeof BENEFICIARY_KINDS)[number];

// ---- fund stream ----------------------------------------------------------------------------

export const FundCreated = defineEvent('cofinancing.FundCreated', {
  fundId: field.string(),
  name: field.string(),
  currency: field.currency(),
  createdOn: field.date(),
});

export const DonorRegistered = defineEvent('cofinancing.DonorRegistered', {
  fundId: field.string(),
  donorId: field.string(),
  name: field.string(),
  registeredOn: field.date(),
});

export const ContributionRecorded = defineEvent('cofinancing.ContributionRecorded', {
  fundId: field.string(),
  contributionId: field.string(),
  donorId: field.string(),
  amount: field.money(),
  receivedOn: field.date(),
  reference: field.string(),
});

export const WindowOpened = defineEvent('cofinancing.WindowOpened', {
  fundId: field.string(),
  windowId: field.string(),
  name: field.string(),
  supportKind: field.literal(...SUPPORT_KINDS),
  openedOn: field.date(),
  schedule: field.object(scheduleShape),
});

export const WindowScheduleAmended = defineEvent('cofinancing.WindowScheduleAmended', {
  fundId: field.string(),
  windowId: field.string(),
  amendedOn: field.date(),
  schedule: field.object(scheduleShape),
});

/** The fund's side of an approval: the subsidy leaves the available balance. */
export const FundsCommitted = defineEvent('cofinancing.FundsCommitted', {
  fundId: field.string(),
  grantId: field.string(),
  windowId: field.string(),
  beneficiaryId: field.string(),
  participationYear: field.integer(),
  amount: field.money(),
  committedOn: field.date(),
  availableBefore: field.money(),
  availableAfter: field.money(),
});

/** The fund's side of a closure or cancellation: the unused commitment is available again. */
export const CommitmentReleased = defineEvent('cofinancing.CommitmentReleased', {
  fundId: field.string(),
  grantId: field.string(),
  windowId: field.string(),
  beneficiaryId: field.string(),
  participationYear: field.integer(),
  amount: field.money(),
  reason: field.literal('closed', 'cancelled'),
  releasedOn: field.date(),
});

// ---- beneficiary stream ---------------------------------------------------------------------

const memberFirmShape = {
  firmId: field.string(),
  name: field.string(),
  /** null where not recorded. */
  womenOwned: field.optional(field.boolean()),
};

export const BeneficiaryEnrolled = defineEvent('cofinancing.BeneficiaryEnrolled', {
  beneficiaryId: field.string(),
  name: field.string(),
  kind: field.literal(...BENEFICIARY_KINDS),
  enrolledOn: field.date(),
  memberFirms: field.array(field.object(memberFirmShape)),
});

export const MemberFirmAdded = defineEvent('cofinancing.MemberFirmAdded', {
  beneficiaryId: field.string(),
  firmId: field.string(),
  name: field.string(),
  womenOwned: field.optional(field.boolean()),
  joinedOn: field.date(),
});

/** The beneficiary's side of an approval: the subsidy counts against its cap for (window, year). */
export const CapAllocated = defineEvent('cofinancing.CapAllocated', {
  beneficiaryId: field.string(),
  grantId: field.string(),
  fundId: field.string(),
  windowId: field.string(),
  participationYear: field.integer(),
  amount: field.money(),
  cap: field.money(),
  usedAfter: field.money(),
});

/** The beneficiary's side of a closure or cancellation: the unused subsidy no longer counts. */
export const CapReleased = defineEvent('cofinancing.CapReleased', {
  beneficiaryId: field.string(),
  grantId: field.string(),
  fundId: field.string(),
  windowId: field.string(),
  participationYear: field.integer(),
  amount: field.money(),
});

// ---- grant stream ---------------------------------------------------------------------------

export const GrantRequested = defineEvent('cofinancing.GrantRequested', {
  grantId: field.string(),
  fundId: field.string(),
  windowId: field.string(),
  beneficiaryId: field.string(),
  serviceProvider: field.string(),
  description: field.string(),
  eligibleCost: field.money(),
  requestedOn: field.date(),
  /** Counted from the beneficiary's enrolment to the request date. */
  participationYear: field.integer(),
});

export const GrantApproved = defineEvent('cofinancing.GrantApproved', {
  grantId: field.string(),
  fundId: field.string(),
  windowId: field.string(),
  beneficiaryId: field.string(),
  participationYear: field.integer(),
  approvedOn: field.date(),
  eligibleCost: field.money(),
  subsidy: field.money(),
  ownShare: field.money(),
  rate: field.basisPoints(),
  scheduleVersion: field.integer(),
  computation: field.object({
    yearRule: field.literal('schedule-year', 'floor-rate'),
    rateSubsidy: field.money(),
    cap: field.money(),
    capUsedBefore: field.money(),
    capLeft: field.money(),
    limitedBy: field.literal('rate', 'cap'),
    fundAvailableBefore: field.money(),
  }),
});

export const GrantRejected = defineEvent('cofinancing.GrantRejected', {
  grantId: field.string(),
  fundId: field.string(),
  windowId: field.string(),
  beneficiaryId: field.string(),
  rejectedOn: field.date(),
  reason: field.string(),
});

export const GrantDisbursed = defineEvent('cofinancing.GrantDisbursed', {
  grantId: field.string(),
  fundId: field.string(),
  windowId: field.string(),
  beneficiaryId: field.string(),
  participationYear: field.integer(),
  disbursementId: field.string(),
  invoiceReference: field.string(),
  invoiceDate: field.date(),
  invoiceAmount: field.money(),
  paid: field.money(),
  rule: field.literal('effective-rate', 'commitment-left', 'remainder'),
  disbursedOn: field.date(),
  invoicedTotal: field.money(),
  disbursedTotal: field.money(),
  commitmentLeft: field.money(),
});

/**
 * A correction: a disbursement recorded by mistake (twice, or with a wrong invoice amount) is
 * reversed, never edited. It names the entry it corrects (its event id and global position, also
 * the correction's causation id) and why. Its business time is the corrected entry's, so that
 * balances as of any date from then on no longer count it, while what was known before the
 * correction was recorded stays as it was. The totals are the grant's after the reversal.
 */
export const DisbursementReversed = defineEvent('cofinancing.DisbursementReversed', {
  grantId: field.string(),
  fundId: field.string(),
  windowId: field.string(),
  beneficiaryId: field.string(),
  participationYear: field.integer(),
  disbursementId: field.string(),
  invoiceReference: field.string(),
  invoiceAmount: field.money(),
  paid: field.money(),
  disbursedOn: field.date(),
  reason: field.string(),
  correctedOn: field.date(),
  correctsEventId: field.string(),
  correctsPosition: field.string(),
  /** The disbursement recorded in its place by the same correction, if any. */
  replacedBy: field.optional(field.string()),
  invoicedTotal: field.money(),
  disbursedTotal: field.money(),
  commitmentLeft: field.money(),
});

export const GrantClosed = defineEvent('cofinancing.GrantClosed', {
  grantId: field.string(),
  fundId: field.string(),
  windowId: field.string(),
  beneficiaryId: field.string(),
  participationYear: field.integer(),
  closedOn: field.date(),
  committed: field.money(),
  disbursed: field.money(),
  released: field.money(),
});

export const GrantCancelled = defineEvent('cofinancing.GrantCancelled', {
  grantId: field.string(),
  fundId: field.string(),
  windowId: field.string(),
  beneficiaryId: field.string(),
  participationYear: field.integer(),
  cancelledOn: field.date(),
  reason: field.string(),
  /** Whether it had been approved: then its eligible cost and subsidy leave the reports. */
  wasApproved: field.boolean(),
  eligibleCost: field.money(),
  /** The commitment freed: the approved subsidy, or zero when cancelled before approval. */
  released: field.money(),
});

export type FundCreated = EventOf<typeof FundCreated>;
export type DonorRegistered = EventOf<typeof DonorRegistered>;
export type ContributionRecorded = EventOf<typeof ContributionRecorded>;
export type WindowOpened = EventOf<typeof WindowOpened>;
export type WindowScheduleAmended = EventOf<typeof WindowScheduleAmended>;
export type FundsCommitted = EventOf<typeof FundsCommitted>;
export type CommitmentReleased = EventOf<typeof CommitmentReleased>;
export type BeneficiaryEnrolled = EventOf<typeof BeneficiaryEnrolled>;
export type MemberFirmAdded = EventOf<typeof MemberFirmAdded>;
export type CapAllocated = EventOf<typeof CapAllocated>;
export type CapReleased = EventOf<typeof CapReleased>;
export type GrantRequested = EventOf<typeof GrantRequested>;
export type GrantApproved = EventOf<typeof GrantApproved>;
export type GrantRejected = EventOf<typeof GrantRejected>;
export type GrantDisbursed = EventOf<typeof GrantDisbursed>;
export type DisbursementReversed = EventOf<typeof DisbursementReversed>;
export type GrantClosed = EventOf<typeof GrantClosed>;
export type GrantCancelled = EventOf<typeof GrantCancelled>;

export type FundEvent =
  | FundCreated
  | DonorRegistered
  | ContributionRecorded
  | WindowOpened
  | WindowScheduleAmended
  | FundsCommitted
  | CommitmentReleased;
export type BeneficiaryEvent = BeneficiaryEnrolled | MemberFirmAdded | CapAllocated | CapReleased;
export type GrantEvent =
  GrantRequested | GrantApproved | GrantRejected | GrantDisbursed | DisbursementReversed | GrantClosed | GrantCancelled;
export type CofinancingEvent = FundEvent | BeneficiaryEvent | GrantEvent;

export const fundDefinitions = [
  FundCreated,
  DonorRegistered,
  ContributionRecorded,
  WindowOpened,
  WindowScheduleAmended,
  FundsCommitted,
  CommitmentReleased,
];
export const beneficiaryDefinitions = [BeneficiaryEnrolled, MemberFirmAdded, CapAllocated, CapReleased];
export const grantDefinitions = [
  GrantRequested,
  GrantApproved,
  GrantRejected,
  GrantDisbursed,
  DisbursementReversed,
  GrantClosed,
  GrantCancelled,
];

export const fundCatalog = new EventCatalog<FundEvent>(fundDefinitions);
export const beneficiaryCatalog = new EventCatalog<BeneficiaryEvent>(beneficiaryDefinitions);
export const grantCatalog = new EventCatalog<GrantEvent>(grantDefinitions);
/** Every event of the context, for projections reading the global log. */
export const cofinancingCatalog = new EventCatalog<CofinancingEvent>([
  ...fundDefinitions,
  ...beneficiaryDefinitions,
  ...grantDefinitions,
]);

export const fundStreamId = (fundId: string) => `cofinancing-fund-${fundId}`;
export const beneficiaryStreamId = (beneficiaryId: string) => `cofinancing-beneficiary-${beneficiaryId}`;
export const grantStreamId = (grantId: string) => `cofinancing-grant-${grantId}`;
