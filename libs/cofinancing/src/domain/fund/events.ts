import { defineEvent, EventCatalog, field, type EventOf } from '@ledger/kernel';
import { scheduleShape, SUPPORT_KINDS } from './schedule';

/**
 * The events of a fund's stream (`streamIds.fund`): its currency, donors, contributions, windows and
 * their schedules, and the commitments approvals take and closures or cancellations release.
 */

export const FundCreated = defineEvent('cofinancing.FundCreated', {
  fundId: field.string(),
  name: field.string(),
  currency: field.currency(),
  createdOn: field.date(),
});
export type FundCreated = EventOf<typeof FundCreated>;

export const DonorRegistered = defineEvent('cofinancing.DonorRegistered', {
  fundId: field.string(),
  donorId: field.string(),
  name: field.string(),
  registeredOn: field.date(),
});
export type DonorRegistered = EventOf<typeof DonorRegistered>;

export const ContributionRecorded = defineEvent('cofinancing.ContributionRecorded', {
  fundId: field.string(),
  contributionId: field.string(),
  donorId: field.string(),
  amount: field.money(),
  receivedOn: field.date(),
  reference: field.string(),
});
export type ContributionRecorded = EventOf<typeof ContributionRecorded>;

export const WindowOpened = defineEvent('cofinancing.WindowOpened', {
  fundId: field.string(),
  windowId: field.string(),
  name: field.string(),
  supportKind: field.literal(...SUPPORT_KINDS),
  openedOn: field.date(),
  schedule: field.object(scheduleShape),
});
export type WindowOpened = EventOf<typeof WindowOpened>;

export const WindowScheduleAmended = defineEvent('cofinancing.WindowScheduleAmended', {
  fundId: field.string(),
  windowId: field.string(),
  amendedOn: field.date(),
  schedule: field.object(scheduleShape),
});
export type WindowScheduleAmended = EventOf<typeof WindowScheduleAmended>;

/** What a commitment and its release name: the grant, where it counts, and the amount. */
const commitmentShape = {
  fundId: field.string(),
  grantId: field.string(),
  windowId: field.string(),
  beneficiaryId: field.string(),
  participationYear: field.integer(),
  amount: field.money(),
};

/** The fund's side of an approval: the subsidy leaves the available balance. */
export const FundsCommitted = defineEvent('cofinancing.FundsCommitted', {
  ...commitmentShape,
  committedOn: field.date(),
  availableBefore: field.money(),
  availableAfter: field.money(),
});
export type FundsCommitted = EventOf<typeof FundsCommitted>;

/** The fund's side of a closure or cancellation: the unused commitment is available again. */
export const CommitmentReleased = defineEvent('cofinancing.CommitmentReleased', {
  ...commitmentShape,
  reason: field.literal('closed', 'cancelled'),
  releasedOn: field.date(),
});
export type CommitmentReleased = EventOf<typeof CommitmentReleased>;

export const fundDefinitions = [
  FundCreated,
  DonorRegistered,
  ContributionRecorded,
  WindowOpened,
  WindowScheduleAmended,
  FundsCommitted,
  CommitmentReleased,
];
export type FundEvent = EventOf<(typeof fundDefinitions)[number]>;

export const fundCatalog = new EventCatalog<FundEvent>(fundDefinitions);
