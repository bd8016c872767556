import { defineEvent, EventCatalog, field, type EventOf } from '@ledger/kernel';

/** The events of a grant's stream (`streamIds.grant`): one grant request from request to closure. */

/** The grant and where it counts: its fund, window, beneficiary and participation year. */
const grantRefShape = {
  grantId: field.string(),
  fundId: field.string(),
  windowId: field.string(),
  beneficiaryId: field.string(),
  participationYear: field.integer(),
};

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
export type GrantRequested = EventOf<typeof GrantRequested>;

export const GrantApproved = defineEvent('cofinancing.GrantApproved', {
  ...grantRefShape,
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
export type GrantApproved = EventOf<typeof GrantApproved>;

export const GrantRejected = defineEvent('cofinancing.GrantRejected', {
  grantId: field.string(),
  fundId: field.string(),
  windowId: field.string(),
  beneficiaryId: field.string(),
  rejectedOn: field.date(),
  reason: field.string(),
});
export type GrantRejected = EventOf<typeof GrantRejected>;

export const GrantDisbursed = defineEvent('cofinancing.GrantDisbursed', {
  ...grantRefShape,
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
export type GrantDisbursed = EventOf<typeof GrantDisbursed>;

/**
 * A correction: a disbursement recorded by mistake (twice, or with a wrong invoice amount) is
 * reversed, never edited. It names the entry it corrects (its event id and global position, also
 * the correction's causation id) and why. Its business time is the corrected entry's, so that
 * balances as of any date from then on no longer count it, while what was known before the
 * correction was recorded stays as it was. The totals are the grant's after the reversal.
 */
export const DisbursementReversed = defineEvent('cofinancing.DisbursementReversed', {
  ...grantRefShape,
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
export type DisbursementReversed = EventOf<typeof DisbursementReversed>;

export const GrantClosed = defineEvent('cofinancing.GrantClosed', {
  ...grantRefShape,
  closedOn: field.date(),
  committed: field.money(),
  disbursed: field.money(),
  released: field.money(),
});
export type GrantClosed = EventOf<typeof GrantClosed>;

export const GrantCancelled = defineEvent('cofinancing.GrantCancelled', {
  ...grantRefShape,
  cancelledOn: field.date(),
  reason: field.string(),
  /** Whether it had been approved: then its eligible cost and subsidy leave the reports. */
  wasApproved: field.boolean(),
  eligibleCost: field.money(),
  /** The commitment freed: the approved subsidy, or zero when cancelled before approval. */
  released: field.money(),
});
export type GrantCancelled = EventOf<typeof GrantCancelled>;

export const grantDefinitions = [
  GrantRequested,
  GrantApproved,
  GrantRejected,
  GrantDisbursed,
  DisbursementReversed,
  GrantClosed,
  GrantCancelled,
];
export type GrantEvent = EventOf<(typeof grantDefinitions)[number]>;

export const grantCatalog = new EventCatalog<GrantEvent>(grantDefinitions);
