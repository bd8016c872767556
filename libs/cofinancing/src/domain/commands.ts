import type { Money } from '@ledger/money';
import type { IsoDate } from './calendar';
import type { BeneficiaryKind } from './events';
import type { ScheduleTerms, SupportKind } from './schedule';

/** Commands: imperative, readonly data. Ids and dates come in with them; the domain has no clock. */

export interface CreateFund {
  readonly type: 'CreateFund';
  readonly fundId: string;
  readonly name: string;
  readonly currency: string;
  readonly createdOn: IsoDate;
}

export interface RegisterDonor {
  readonly type: 'RegisterDonor';
  readonly fundId: string;
  readonly donorId: string;
  readonly name: string;
  readonly registeredOn: IsoDate;
}

export interface RecordContribution {
  readonly type: 'RecordContribution';
  readonly fundId: string;
  readonly contributionId: string;
  readonly donorId: string;
  readonly amount: Money;
  readonly receivedOn: IsoDate;
  readonly reference: string;
}

export interface OpenWindow {
  readonly type: 'OpenWindow';
  readonly fundId: string;
  readonly windowId: string;
  readonly name: string;
  readonly supportKind: SupportKind;
  readonly openedOn: IsoDate;
  readonly schedule: ScheduleTerms;
}

export interface AmendSchedule {
  readonly type: 'AmendSchedule';
  readonly fundId: string;
  readonly windowId: string;
  readonly amendedOn: IsoDate;
  readonly schedule: ScheduleTerms;
}

export type FundCommand = CreateFund | RegisterDonor | RecordContribution | OpenWindow | AmendSchedule;

export interface MemberFirm {
  readonly firmId: string;
  readonly name: string;
  readonly womenOwned: boolean | null;
}

export interface EnrolBeneficiary {
  readonly type: 'EnrolBeneficiary';
  readonly beneficiaryId: string;
  readonly name: string;
  readonly kind: BeneficiaryKind;
  readonly enrolledOn: IsoDate;
  readonly memberFirms: readonly MemberFirm[];
}

export interface AddMemberFirm {
  readonly type: 'AddMemberFirm';
  readonly beneficiaryId: string;
  readonly firm: MemberFirm;
  readonly joinedOn: IsoDate;
}

export type BeneficiaryCommand = EnrolBeneficiary | AddMemberFirm;

export interface RequestGrant {
  readonly type: 'RequestGrant';
  readonly grantId: string;
  readonly fundId: string;
  readonly windowId: string;
  readonly beneficiaryId: string;
  readonly serviceProvider: string;
  readonly description: string;
  readonly eligibleCost: Money;
  readonly requestedOn: IsoDate;
}

export interface ApproveGrant {
  readonly type: 'ApproveGrant';
  readonly grantId: string;
  readonly approvedOn: IsoDate;
}

export interface RejectGrant {
  readonly type: 'RejectGrant';
  readonly grantId: string;
  readonly rejectedOn: IsoDate;
  readonly reason: string;
}

export interface DisburseGrant {
  readonly type: 'DisburseGrant';
  readonly grantId: string;
  readonly disbursementId: string;
  readonly invoiceReference: string;
  readonly invoiceDate: IsoDate;
  readonly invoiceAmount: Money;
  readonly disbursedOn: IsoDate;
}

/**
 * Reverses a disbursement recorded by mistake, optionally recording the right one in its place
 * (a wrong invoice amount) in the same append. `corrects` is the recorded GrantDisbursed event
 * (found by the handler); the replacement is dated as the entry it replaces.
 */
export interface ReverseDisbursement {
  readonly type: 'ReverseDisbursement';
  readonly grantId: string;
  readonly disbursementId: string;
  readonly reason: string;
  readonly correctedOn: IsoDate;
  readonly corrects: { readonly eventId: string; readonly position: string };
  readonly replacement: {
    readonly disbursementId: string;
    readonly invoiceReference: string;
    readonly invoiceDate: IsoDate;
    readonly invoiceAmount: Money;
  } | null;
}

export interface CloseGrant {
  readonly type: 'CloseGrant';
  readonly grantId: string;
  readonly closedOn: IsoDate;
}

export interface CancelGrant {
  readonly type: 'CancelGrant';
  readonly grantId: string;
  readonly cancelledOn: IsoDate;
  readonly reason: string;
}

export type GrantCommand =
  RequestGrant | ApproveGrant | RejectGrant | DisburseGrant | ReverseDisbursement | CloseGrant | CancelGrant;
