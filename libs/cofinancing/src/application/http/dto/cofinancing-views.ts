import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MoneyView, PageDto } from '@ledger/platform';
import { BENEFICIARY_KINDS } from '../../../domain';
import { GRANT_STATUSES } from './grant.dto';

/**
 * The answers of the co-financing routes, as OpenAPI schemas: what the handlers, queries and read
 * models really return (they describe, they do not shape). Money is `{ amountMinor, currency }`.
 */

const money = (description?: string) => ApiProperty({ type: MoneyView, description });
const moneyOrNull = (description?: string) => ApiProperty({ type: MoneyView, nullable: true, description });
const position = () =>
  ApiProperty({ example: '1042', description: 'the log position the command was recorded at (also `X-Log-Position`)' });

const PAYMENT_RULES = ['effective-rate', 'commitment-left', 'remainder'];

// ---- command answers ----------------------------------------------------------------------------

export class CofinancingFundCreatedView {
  @ApiProperty() fundId!: string;
  @position() position!: string;
}

export class DonorRegisteredView {
  @ApiProperty() fundId!: string;
  @ApiProperty() donorId!: string;
  @position() position!: string;
}

export class ContributionRecordedView {
  @ApiProperty() fundId!: string;
  @ApiProperty() contributionId!: string;
  @money('the fund’s contributed balance after it') contributed!: MoneyView;
  @money('the fund’s available balance after it (contributed − committed)') available!: MoneyView;
  @position() position!: string;
}

export class WindowScheduleChangedView {
  @ApiProperty() fundId!: string;
  @ApiProperty() windowId!: string;
  @ApiProperty({ example: 1, description: 'the version the window’s schedule is at after it (1 when opened)' })
  scheduleVersion!: number;
  @position() position!: string;
}

export class BeneficiaryEnrolledView {
  @ApiProperty() beneficiaryId!: string;
  @ApiProperty({ type: [String], description: 'the member firms’ ids, in the order given' })
  memberFirmIds!: string[];
  @position() position!: string;
}

export class MemberFirmAddedView {
  @ApiProperty() beneficiaryId!: string;
  @ApiProperty() firmId!: string;
  @position() position!: string;
}

export class GrantRequestedView {
  @ApiProperty() grantId!: string;
  @ApiProperty({ example: 1, description: 'the beneficiary’s participation year in the window (1, 2, …)' })
  participationYear!: number;
  @position() position!: string;
}

export class GrantApprovedView {
  @ApiProperty() grantId!: string;
  @ApiProperty() participationYear!: number;
  @money() eligibleCost!: MoneyView;
  @money('min(floor(eligible cost × rate), cap left)') subsidy!: MoneyView;
  @money('eligible cost − subsidy') ownShare!: MoneyView;
  @ApiProperty({ example: 7000, description: 'the rate of the participation year, in basis points' }) rateBp!: number;
  @ApiProperty({ description: 'the schedule version the rate and cap came from' }) scheduleVersion!: number;
  @ApiProperty({ enum: ['rate', 'cap'] }) limitedBy!: string;
  @money('the fund’s available balance after the commitment') fundAvailableAfter!: MoneyView;
  @position() position!: string;
}

export class GrantRejectedView {
  @ApiProperty() grantId!: string;
  @position() position!: string;
}

export class GrantDisbursedView {
  @ApiProperty() grantId!: string;
  @ApiProperty() disbursementId!: string;
  @money('what the invoice was paid') paid!: MoneyView;
  @ApiProperty({ enum: PAYMENT_RULES, description: 'the rule that decided the payment' }) rule!: string;
  @money() invoicedTotal!: MoneyView;
  @money() disbursedTotal!: MoneyView;
  @money('the grant’s commitment not yet paid') commitmentLeft!: MoneyView;
  @position() position!: string;
}

export class ReplacementDisbursementView {
  @ApiProperty() disbursementId!: string;
  @money() paid!: MoneyView;
  @ApiProperty({ enum: PAYMENT_RULES }) rule!: string;
}

export class DisbursementReversedView {
  @ApiProperty() grantId!: string;
  @ApiProperty({ description: 'the disbursement reversed' }) disbursementId!: string;
  @money('the payment reversed') reversed!: MoneyView;
  @ApiProperty({ description: 'the event id of the disbursement corrected' }) correctsEventId!: string;
  @ApiProperty({ description: 'the log position of the disbursement corrected' }) correctsPosition!: string;
  @ApiProperty({ type: ReplacementDisbursementView, nullable: true, description: 'the right entry, if one was given' })
  replacement!: ReplacementDisbursementView | null;
  @money() invoicedTotal!: MoneyView;
  @money() disbursedTotal!: MoneyView;
  @money() commitmentLeft!: MoneyView;
  @position() position!: string;
}

export class GrantClosedView {
  @ApiProperty() grantId!: string;
  @money('the subsidy committed at approval') committed!: MoneyView;
  @money() disbursed!: MoneyView;
  @money('the unused commitment returned to the fund') released!: MoneyView;
  @position() position!: string;
}

export class GrantCancelledView {
  @ApiProperty() grantId!: string;
  @money('the commitment returned to the fund (zero if it was not approved)') released!: MoneyView;
  @position() position!: string;
}

export class CofinancingFundApprovalPolicyView {
  @moneyOrNull('a grant whose subsidy exceeds it needs a second person; null: never') approveGrantAbove!: unknown;
  @moneyOrNull('a payment above it needs a second person; null: never') disburseAbove!: unknown;
  @ApiProperty() correctionsNeedSecondPerson!: boolean;
  @ApiProperty({ example: 48 }) proposalTtlHours!: number;
}

export class CofinancingFundApprovalPolicySetView {
  @ApiProperty() fundId!: string;
  @ApiProperty({ description: 'false: the same policy again, nothing written' }) changed!: boolean;
  @ApiProperty({ type: CofinancingFundApprovalPolicyView, description: 'the policy in force after it' })
  policy!: CofinancingFundApprovalPolicyView;
  @position() position!: string;
}

export class CofinancingFundApprovalPolicyReadView {
  @ApiProperty() fundId!: string;
  @ApiProperty({ example: 'MAD' }) currency!: string;
  @ApiProperty({
    type: CofinancingFundApprovalPolicyView,
    nullable: true,
    description: 'the policy in force; null when none was ever set',
  })
  policy!: CofinancingFundApprovalPolicyView | null;
}

/** 202: a four-eyes proposal recorded in place of the effect; its subjects are fields of their own. */
export class CofinancingProposalPendingView {
  @ApiProperty() proposalId!: string;
  @ApiProperty({ enum: ['pending'] }) status!: string;
  @ApiProperty({ example: 'cofinancing' }) context!: string;
  @ApiProperty({ enum: ['approve-grant', 'disburse-grant', 'reverse-disbursement', 'set-approval-policy'] })
  action!: string;
  @ApiProperty() fundId!: string;
  @ApiPropertyOptional({ description: 'grant proposals' }) grantId?: string;
  @ApiPropertyOptional({ description: 'grant proposals' }) beneficiaryId?: string;
  @ApiPropertyOptional({ description: 'grant proposals' }) windowId?: string;
  @ApiPropertyOptional({ description: 'grant proposals' }) participationYear?: number;
  @ApiPropertyOptional({ description: 'disbursement and correction proposals: the entry it would record or reverse' })
  disbursementId?: string;
  @money('what it holds until settled (zero for a policy change)') reserved!: MoneyView;
  @moneyOrNull('the policy threshold exceeded; null when every such command needs a second person')
  threshold!: unknown;
  @ApiProperty({ example: '2026-12-06T10:00:00.000Z' }) expiresAt!: string;
  @position() position!: string;
}

// ---- funds ----------------------------------------------------------------------------------------

class FundFiguresView {
  @ApiProperty() fundId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: 'MAD' }) currency!: string;
  @ApiProperty({ example: '2020-01-15' }) createdOn!: string;
  @money() contributed!: MoneyView;
  @money() committed!: MoneyView;
  @money() disbursed!: MoneyView;
  @money('contributed − committed') available!: MoneyView;
  @money('committed − disbursed') outstandingCommitments!: MoneyView;
  @money() releasedAtClosure!: MoneyView;
  @ApiProperty() grantsApproved!: number;
}

export class CofinancingFundView extends FundFiguresView {
  @money('held by pending four-eyes approval proposals: not a balance, not subtracted from `available`')
  reserved!: MoneyView;
}

export const CofinancingFundPageView = PageDto(CofinancingFundView);

/** The stamp of an answer read as of a date (`?asOf=&knownAt=`). */
class AsOfStampView {
  @ApiProperty({ example: '2024-12-31' }) asOf!: string;
  @ApiProperty({ type: String, nullable: true, description: 'the record-time cut asked for, or null' })
  knownAt!: string | null;
  @ApiProperty({ description: 'the last log position the balances projection had applied' }) throughPosition!: string;
}

export class CofinancingFundAsOfView extends FundFiguresView {
  @ApiProperty({ example: '2024-12-31' }) asOf!: string;
  @ApiProperty({ type: String, nullable: true }) knownAt!: string | null;
  @ApiProperty() throughPosition!: string;
}

export class CofinancingFundBalancePointView {
  @ApiProperty({ example: '2024-01-31', description: 'the balances as of the end of this business day' })
  asOf!: string;
  @money() contributed!: MoneyView;
  @money() committed!: MoneyView;
  @money() disbursed!: MoneyView;
  @money() available!: MoneyView;
}

export class CofinancingFundBalanceHistoryView {
  @ApiProperty() fundId!: string;
  @ApiProperty({ example: 'MAD' }) currency!: string;
  @ApiProperty({ example: '2024-01-01' }) from!: string;
  @ApiProperty({ example: '2024-12-31' }) to!: string;
  @ApiProperty({
    type: [CofinancingFundBalancePointView],
    description: 'each month end from `from` to `to`, then `to`',
  })
  points!: CofinancingFundBalancePointView[];
}

// ---- donors ---------------------------------------------------------------------------------------

export class ContributionView {
  @ApiProperty() contributionId!: string;
  @money() amount!: MoneyView;
  @ApiProperty({ example: '2020-02-01' }) receivedOn!: string;
  @ApiProperty() reference!: string;
}

export class DonorView {
  @ApiProperty() donorId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: '2020-01-20' }) registeredOn!: string;
  @money() contributed!: MoneyView;
  @ApiProperty({ type: [ContributionView] }) contributions!: ContributionView[];
}

export const DonorPageView = PageDto(DonorView);

export class DonorAsOfView {
  @ApiProperty() donorId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() registeredOn!: string;
  @money() contributed!: MoneyView;
  @ApiProperty() contributionCount!: number;
}

export class DonorsAsOfView extends AsOfStampView {
  @ApiProperty() fundId!: string;
  @ApiProperty({ type: [DonorAsOfView] }) items!: DonorAsOfView[];
}

// ---- windows --------------------------------------------------------------------------------------

export class ScheduleYearView {
  @ApiProperty({ example: 7000 }) rateBp!: number;
  @money() cap!: MoneyView;
}

export class AfterLastYearView {
  @ApiProperty({ enum: ['ineligible', 'floor-rate'] }) rule!: string;
  @ApiProperty({ type: Number, nullable: true }) rateBp!: number | null;
  @moneyOrNull() cap!: unknown;
}

export class ScheduleVersionView {
  @ApiProperty() version!: number;
  @ApiProperty({ example: '2020-01-01' }) effectiveFrom!: string;
  @ApiProperty({ example: '2020-01-01' }) recordedOn!: string;
  @ApiProperty({ type: [ScheduleYearView], description: 'rate and cap of participation years 1, 2, …' })
  years!: ScheduleYearView[];
  @ApiProperty({ type: AfterLastYearView }) afterLastYear!: AfterLastYearView;
}

export class WindowView {
  @ApiProperty() windowId!: string;
  @ApiProperty() fundId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() supportKind!: string;
  @ApiProperty() openedOn!: string;
  @ApiProperty() currentScheduleVersion!: number;
  @money() committed!: MoneyView;
  @money() disbursed!: MoneyView;
  @money() releasedAtClosure!: MoneyView;
  @ApiProperty() grantsApproved!: number;
  @ApiProperty({ type: [ScheduleVersionView] }) schedules!: ScheduleVersionView[];
}

export const WindowPageView = PageDto(WindowView);

export class ScheduleAsOfView {
  @ApiProperty() version!: number;
  @ApiProperty() effectiveFrom!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'the schedule’s years and after-last-year rule',
  })
  terms!: Record<string, unknown>;
}

export class WindowAsOfView {
  @ApiProperty() windowId!: string;
  @ApiProperty() fundId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() supportKind!: string;
  @ApiProperty() openedOn!: string;
  @ApiProperty({
    type: ScheduleAsOfView,
    nullable: true,
    description: 'the version in force on the date, as known then',
  })
  scheduleInForce!: ScheduleAsOfView | null;
  @ApiProperty({ type: Number, nullable: true }) latestScheduleVersion!: number | null;
  @money() committed!: MoneyView;
  @money() disbursed!: MoneyView;
  @money() releasedAtClosure!: MoneyView;
  @ApiProperty() grantsApproved!: number;
}

export class WindowsAsOfView extends AsOfStampView {
  @ApiProperty() fundId!: string;
  @ApiProperty({ type: [WindowAsOfView] }) items!: WindowAsOfView[];
}

// ---- beneficiaries --------------------------------------------------------------------------------

export class MemberFirmView {
  @ApiProperty() firmId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: Boolean, nullable: true, description: 'null: not recorded' }) womenOwned!: boolean | null;
  @ApiProperty() joinedOn!: string;
}

export class BeneficiaryYearView {
  @ApiProperty() participationYear!: number;
  @ApiProperty() windowId!: string;
  @ApiProperty() fundId!: string;
  @ApiProperty() grantsApproved!: number;
  @money() eligibleCost!: MoneyView;
  @money() subsidy!: MoneyView;
  @money() ownShare!: MoneyView;
  @ApiProperty({ type: Number, nullable: true, description: 'subsidy ÷ eligible cost, basis points rounded down' })
  effectiveRateBp!: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'subsidy ÷ eligible cost, the exact ratio' })
  effectiveRate!: string | null;
  @money() invoiced!: MoneyView;
  @money() disbursed!: MoneyView;
  @money() releasedAtClosure!: MoneyView;
}

class BeneficiaryFiguresView {
  @ApiProperty() beneficiaryId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: BENEFICIARY_KINDS }) kind!: string;
  @ApiProperty() enrolledOn!: string;
  @ApiProperty() memberFirms!: number;
  @ApiProperty() womenOwnedFirms!: number;
  @ApiProperty() womenOwnershipRecorded!: number;
  @ApiProperty({ type: [BeneficiaryYearView], description: 'per participation year and window' })
  years!: BeneficiaryYearView[];
}

export class BeneficiaryView extends BeneficiaryFiguresView {
  @ApiProperty({ type: [MemberFirmView] }) firms!: MemberFirmView[];
}

export class BeneficiaryAsOfView extends BeneficiaryFiguresView {
  @ApiProperty({ example: '2024-12-31' }) asOf!: string;
  @ApiProperty({ type: String, nullable: true }) knownAt!: string | null;
  @ApiProperty() throughPosition!: string;
}

// ---- grants ---------------------------------------------------------------------------------------

export class GrantView {
  @ApiProperty() grantId!: string;
  @ApiProperty() fundId!: string;
  @ApiProperty() windowId!: string;
  @ApiProperty() beneficiaryId!: string;
  @ApiProperty({ enum: GRANT_STATUSES }) status!: string;
  @ApiProperty() participationYear!: number;
  @ApiProperty() serviceProvider!: string;
  @ApiProperty() description!: string;
  @money() eligibleCost!: MoneyView;
  @ApiProperty() requestedOn!: string;
  @moneyOrNull('null until approved') subsidy!: unknown;
  @moneyOrNull('null until approved') ownShare!: unknown;
  @ApiProperty({ type: Number, nullable: true }) rateBp!: number | null;
  @ApiProperty({ type: Number, nullable: true }) scheduleVersion!: number | null;
  @ApiProperty({ type: String, nullable: true }) approvedOn!: string | null;
  @ApiProperty({ type: String, nullable: true }) rejectedOn!: string | null;
  @ApiProperty({ type: String, nullable: true }) closedOn!: string | null;
  @ApiProperty({ type: String, nullable: true }) cancelledOn!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'why it was rejected or cancelled' }) reason!:
    string | null;
  @money() invoiced!: MoneyView;
  @money() disbursed!: MoneyView;
  @moneyOrNull('subsidy − disbursed while approved; null otherwise') commitmentLeft!: unknown;
  @money() releasedAtClosure!: MoneyView;
  @ApiProperty({
    type: String,
    enum: ['waiting-for-funds', 'fundable'],
    nullable: true,
    description: 'a requested grant: whether the fund could pay what its approval would give today; null otherwise',
  })
  fundingStatus!: string | null;
}

export class ApprovalComputationView {
  @ApiProperty({ enum: ['schedule-year', 'floor-rate'] }) yearRule!: string;
  @ApiProperty() rateBp!: number;
  @money('floor(eligible cost × rate)') rateSubsidy!: MoneyView;
  @money() cap!: MoneyView;
  @money() capUsedBefore!: MoneyView;
  @money() capLeft!: MoneyView;
  @ApiProperty({ enum: ['rate', 'cap'] }) limitedBy!: string;
  @money() fundAvailableBefore!: MoneyView;
}

export class DisbursementReversalView {
  @ApiProperty({ type: String, nullable: true }) reversedOn!: string | null;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ description: 'the log position of the correction' }) position!: string;
  @ApiProperty({ type: String, nullable: true, description: 'the right entry recorded in its place' })
  replacedBy!: string | null;
}

export class DisbursementView {
  @ApiProperty() disbursementId!: string;
  @ApiProperty() invoiceReference!: string;
  @ApiProperty() invoiceDate!: string;
  @money() invoiceAmount!: MoneyView;
  @money() paid!: MoneyView;
  @ApiProperty({ enum: PAYMENT_RULES }) rule!: string;
  @ApiProperty() disbursedOn!: string;
  @ApiProperty({ description: 'the log position of the disbursement (what a reversal names as `correctsPosition`)' })
  position!: string;
  @ApiProperty({ type: DisbursementReversalView, nullable: true, description: 'null while it stands' })
  reversal!: DisbursementReversalView | null;
  @ApiProperty({ type: String, nullable: true, description: 'the disbursement this one was recorded in place of' })
  replaces!: string | null;
}

export class GrantDetailView extends GrantView {
  @money('held of its commitment by pending disbursement and correction proposals (not a balance)')
  reserved!: MoneyView;
  @ApiProperty({
    type: ApprovalComputationView,
    nullable: true,
    description: 'what the approval recorded; null before',
  })
  computation!: ApprovalComputationView | null;
  @ApiProperty({ type: [DisbursementView] }) disbursements!: DisbursementView[];
}

export class SubsidyRefusalView {
  @ApiProperty({ example: 'cap-exceeded' }) error!: string;
  @ApiProperty() message!: string;
}

export class SubsidyPreviewView {
  @ApiProperty() grantId!: string;
  @ApiProperty({ enum: GRANT_STATUSES }) status!: string;
  @ApiProperty() participationYear!: number;
  @money() eligibleCost!: MoneyView;
  @ApiProperty({ type: Number, nullable: true }) scheduleVersion!: number | null;
  @ApiProperty({ type: Number, nullable: true }) rateBp!: number | null;
  @moneyOrNull('floor(eligible cost × rate)') rateSubsidy!: unknown;
  @moneyOrNull('the beneficiary’s cap for this window and participation year') cap!: unknown;
  @moneyOrNull() capUsed!: unknown;
  @moneyOrNull() capLeft!: unknown;
  @moneyOrNull('min(rate subsidy, cap left); null when it could not be approved') subsidy!: unknown;
  @moneyOrNull() ownShare!: unknown;
  @ApiProperty({ type: String, enum: ['rate', 'cap'], nullable: true }) limitedBy!: string | null;
  @moneyOrNull() fundAvailable!: unknown;
  @ApiProperty({ description: 'whether an approval now would pass' }) approvable!: boolean;
  @ApiProperty({ type: SubsidyRefusalView, nullable: true, description: 'the refusal an approval now would meet' })
  refusal!: SubsidyRefusalView | null;
}
