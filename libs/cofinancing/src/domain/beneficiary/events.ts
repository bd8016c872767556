import { defineEvent, EventCatalog, field, type EventOf } from '@ledger/kernel';

/**
 * The events of a beneficiary's stream (`streamIds.beneficiary`): a cluster / network / consortium /
 * cooperative, its member firms, and its cap usage per (window, participation year).
 */

export const BENEFICIARY_KINDS = ['cluster', 'firm-network', 'export-consortium', 'cooperative'] as const;
export type BeneficiaryKind = (typeof BENEFICIARY_KINDS)[number];

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
export type BeneficiaryEnrolled = EventOf<typeof BeneficiaryEnrolled>;

export const MemberFirmAdded = defineEvent('cofinancing.MemberFirmAdded', {
  beneficiaryId: field.string(),
  firmId: field.string(),
  name: field.string(),
  womenOwned: field.optional(field.boolean()),
  joinedOn: field.date(),
});
export type MemberFirmAdded = EventOf<typeof MemberFirmAdded>;

/** What a cap allocation and its release name: the grant, the cap it counts against, and the amount. */
const capUsageShape = {
  beneficiaryId: field.string(),
  grantId: field.string(),
  fundId: field.string(),
  windowId: field.string(),
  participationYear: field.integer(),
  amount: field.money(),
};

/** The beneficiary's side of an approval: the subsidy counts against its cap for (window, year). */
export const CapAllocated = defineEvent('cofinancing.CapAllocated', {
  ...capUsageShape,
  cap: field.money(),
  usedAfter: field.money(),
});
export type CapAllocated = EventOf<typeof CapAllocated>;

/** The beneficiary's side of a closure or cancellation: the unused subsidy no longer counts. */
export const CapReleased = defineEvent('cofinancing.CapReleased', {
  ...capUsageShape,
});
export type CapReleased = EventOf<typeof CapReleased>;

export const beneficiaryDefinitions = [BeneficiaryEnrolled, MemberFirmAdded, CapAllocated, CapReleased];
export type BeneficiaryEvent = EventOf<(typeof beneficiaryDefinitions)[number]>;

export const beneficiaryCatalog = new EventCatalog<BeneficiaryEvent>(beneficiaryDefinitions);
