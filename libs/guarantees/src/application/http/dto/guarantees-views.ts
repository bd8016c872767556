import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MoneyView } from '@ledger/platform';
import { CONVENTION_STATUSES } from './list-guarantees.dto';

/**
 * The OpenAPI schemas of what the mutual guarantee routes answer: they describe the bodies the
 * read model (queries/guarantees.read-model.ts), the balances as of a date (as-of/) and the command
 * receipts (commands/*-receipt*.ts, four-eyes/) build; no handler returns these classes.
 */

/** An exact ratio with a display decimal truncated to 4 places. */
export class RatioView {
  @ApiProperty({ example: '5/1' }) ratio!: string;
  @ApiProperty({ example: '5.0000' }) decimal!: string;
}

/** The balances a company or a federation reports (live, or as of a date). */
export class GuaranteeFiguresView {
  @ApiProperty({ type: MoneyView }) capitalSubscribed!: MoneyView;
  @ApiProperty({ type: MoneyView }) capitalPaid!: MoneyView;
  @ApiProperty({ type: MoneyView }) fundBalance!: MoneyView;
  @ApiProperty({ type: MoneyView }) outstandingPrincipal!: MoneyView;
  @ApiProperty({ type: MoneyView }) guaranteedOutstanding!: MoneyView;
  @ApiProperty({ type: MoneyView, description: 'shared by its conventions in force: fund × the largest multiplier' })
  capacity!: MoneyView;
  @ApiProperty({ type: MoneyView, description: 'capacity less all its conventions have outstanding (may be negative)' })
  headroom!: MoneyView;
  @ApiProperty() guaranteesIssued!: number;
  @ApiProperty() guaranteesInForce!: number;
  @ApiProperty({ type: MoneyView, description: 'principal of all guaranteed loans' }) creditMobilised!: MoneyView;
  @ApiProperty({ type: MoneyView }) guaranteedIssued!: MoneyView;
  @ApiProperty() calls!: number;
  @ApiProperty({ type: MoneyView }) claimsCalled!: MoneyView;
  @ApiProperty({ type: MoneyView }) claimsPaid!: MoneyView;
  @ApiProperty({ type: MoneyView }) recoveries!: MoneyView;
  @ApiProperty({ type: Number, nullable: true, description: 'claims called ÷ guaranteed at issuance, in bp' })
  callRateBp!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'recoveries ÷ claims paid, in bp' })
  recoveryRateBp!: number | null;
  @ApiProperty({ type: RatioView, nullable: true, description: 'credit mobilised ÷ fund balance' })
  leverage!: RatioView | null;
}

export class MemberCountsView {
  @ApiProperty() active!: number;
  @ApiProperty() total!: number;
}

/** A company in the list: as GET /guarantee-companies/:id without its deposits, conventions and reservations. */
export class CompanyListItemView extends GuaranteeFiguresView {
  @ApiProperty() companyId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: 'MAD' }) currency!: string;
  @ApiProperty({ type: String, nullable: true }) federationId!: string | null;
  @ApiProperty({ example: '2008-01-15' }) registeredOn!: string;
  @ApiProperty({ type: MemberCountsView }) members!: MemberCountsView;
  @ApiProperty({ type: MoneyView }) fundDeposited!: MoneyView;
  @ApiProperty({ type: MoneyView }) fundWithdrawn!: MoneyView;
  @ApiPropertyOptional({ description: "the read models' log position (live answers)" }) position?: string;
}

/** What a balance as of a date says about itself (`?asOf=&knownAt=` only). */
class AsOfStampFields {
  @ApiPropertyOptional({ example: '2009-12-31', description: 'with `?asOf=`: the business date' }) asOf?: string;
  @ApiPropertyOptional({ description: 'with `?asOf=`: the record time the answer is as known at' }) knownAt?: string;
  @ApiPropertyOptional({ description: 'with `?asOf=`: the last log position the answer includes' })
  throughPosition?: string;
}

/** A bank convention: its terms in force and the figures under them. */
export class ConventionView extends AsOfStampFields {
  @ApiProperty() conventionId!: string;
  @ApiProperty() companyId!: string;
  @ApiProperty() bankId!: string;
  @ApiProperty({ example: 'MAD' }) currency!: string;
  @ApiProperty({ enum: CONVENTION_STATUSES, description: 'worked out from its dates on today (or `asOf`)' })
  status!: string;
  @ApiProperty({ description: 'only a convention in force takes new guarantees' }) openForIssuance!: boolean;
  @ApiProperty() signedOn!: string;
  @ApiProperty() validFrom!: string;
  @ApiProperty() validUntil!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) terminatedOn?: string | null;
  @ApiProperty() termsVersion!: number;
  @ApiProperty() termsEffectiveFrom!: string;
  @ApiPropertyOptional({ description: 'with `?asOf=`: the latest terms version known' }) latestTermsVersion?: number;
  @ApiProperty({ type: RatioView }) multiplier!: RatioView;
  @ApiProperty({ example: 5000 }) coverageRateBp!: number;
  @ApiProperty({ enum: ['loan-principal', 'guaranteed-amount'] }) ceilingBasis!: string;
  @ApiProperty({ type: MoneyView, nullable: true }) maxGuaranteedPerLoan!: MoneyView | null;
  @ApiProperty({ type: MoneyView }) fundBalance!: MoneyView;
  @ApiProperty({ type: MoneyView }) capacity!: MoneyView;
  @ApiProperty({ type: MoneyView }) outstandingPrincipal!: MoneyView;
  @ApiProperty({ type: MoneyView }) guaranteedOutstanding!: MoneyView;
  @ApiProperty({ type: MoneyView, description: 'under the ceiling basis' }) outstanding!: MoneyView;
  @ApiProperty({ type: MoneyView, description: 'capacity less outstanding (may be negative)' }) headroom!: MoneyView;
  @ApiProperty() guaranteesIssued!: number;
  @ApiProperty() guaranteesInForce!: number;
  @ApiProperty({ type: MoneyView }) creditMobilised!: MoneyView;
  @ApiProperty() calls!: number;
  @ApiProperty({ type: MoneyView }) claimsCalled!: MoneyView;
  @ApiProperty({ type: MoneyView }) claimsPaid!: MoneyView;
  @ApiProperty({ type: MoneyView }) recoveries!: MoneyView;
  @ApiProperty({ type: RatioView, nullable: true }) leverage!: RatioView | null;
  @ApiPropertyOptional({ description: "the read models' log position (live answers)" }) position?: string;
}

export class CompanyReservationsView {
  @ApiProperty() pendingProposals!: number;
  @ApiProperty({ type: MoneyView, description: 'headroom held by pending issuances and repayment reversals' })
  headroom!: MoneyView;
  @ApiProperty({
    type: MoneyView,
    description: 'guarantee fund held back by pending deposit reversals and withdrawals',
  })
  guaranteeFund!: MoneyView;
}

export class FundDepositView {
  @ApiProperty() depositId!: string;
  @ApiProperty() bankId!: string;
  @ApiProperty({ type: MoneyView }) amount!: MoneyView;
  @ApiProperty({ type: MoneyView }) withdrawn!: MoneyView;
  @ApiProperty({ type: String, nullable: true }) termDepositReference!: string | null;
  @ApiProperty() depositedOn!: string;
  @ApiProperty({ type: String, nullable: true }) maturesOn!: string | null;
}

/** GET /guarantee-companies/:id: live (with deposits and reservations) or as of a date. */
export class CompanyView extends CompanyListItemView {
  @ApiPropertyOptional({ example: '2009-12-31', description: 'with `?asOf=`: the business date' }) asOf?: string;
  @ApiPropertyOptional({ description: 'with `?asOf=`: the record time the answer is as known at' }) knownAt?: string;
  @ApiPropertyOptional({ description: 'with `?asOf=`: the last log position the answer includes' })
  throughPosition?: string;
  @ApiPropertyOptional({ type: CompanyReservationsView, description: 'live only: four-eyes reservations' })
  reserved?: CompanyReservationsView;
  @ApiPropertyOptional({ type: [FundDepositView], description: 'live only' }) deposits?: FundDepositView[];
  @ApiProperty({ type: [ConventionView] }) conventions!: ConventionView[];
}

export class FederationFiguresView extends GuaranteeFiguresView {
  @ApiPropertyOptional({ description: 'with `?asOf=`: active members over its companies' }) membersActive?: number;
}

/** GET /guarantee-federations/:id: figures consolidated over its companies. */
export class FederationView extends AsOfStampFields {
  @ApiProperty() federationId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: 'MAD' }) currency!: string;
  @ApiProperty() registeredOn!: string;
  @ApiProperty({ type: [String], description: 'its companies’ ids' }) companies!: string[];
  @ApiProperty({ type: FederationFiguresView }) consolidated!: FederationFiguresView;
  @ApiPropertyOptional({ description: "the read models' log position (live answers)" }) position?: string;
}

/** GET /guarantees/:id: a guarantee, live or as of a date. */
export class GuaranteeView extends AsOfStampFields {
  @ApiProperty() guaranteeId!: string;
  @ApiProperty() companyId!: string;
  @ApiProperty() conventionId!: string;
  @ApiProperty() bankId!: string;
  @ApiProperty() memberId!: string;
  @ApiProperty({ description: 'normalised: upper case, single spaces' }) loanReference!: string;
  @ApiProperty({ enum: ['active', 'released', 'called', 'not-issued'] }) status!: string;
  @ApiProperty({ type: MoneyView }) principal!: MoneyView;
  @ApiProperty({ example: 5000 }) coverageRateBp!: number;
  @ApiProperty({ type: MoneyView }) guaranteedAmount!: MoneyView;
  @ApiProperty({ type: MoneyView }) outstandingPrincipal!: MoneyView;
  @ApiProperty({ type: MoneyView }) guaranteedOutstanding!: MoneyView;
  @ApiProperty() termsVersion!: number;
  @ApiProperty() loanStartDate!: string;
  @ApiProperty() maturityDate!: string;
  @ApiProperty() issuedOn!: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'live only' }) releasedOn?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'live only' }) calledOn?: string | null;
  @ApiProperty({ type: MoneyView, nullable: true }) outstandingAtDefault!: MoneyView | null;
  @ApiProperty({ type: MoneyView, nullable: true, description: 'null until called' }) claim!: MoneyView | null;
  @ApiProperty({ type: MoneyView }) claimPaid!: MoneyView;
  @ApiProperty({ type: MoneyView }) recovered!: MoneyView;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'live only' }) claimLastPaidOn?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'live only' }) lastRecoveredOn?: string | null;
  @ApiPropertyOptional({ description: "the read models' log position (live answers)" }) position?: string;
}

/** A member of a company, with its capital and guarantees. */
export class MemberView {
  @ApiProperty() memberId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['active', 'left'] }) status!: string;
  @ApiProperty() admittedOn!: string;
  @ApiProperty({ type: String, nullable: true }) leftOn!: string | null;
  @ApiProperty({ type: MoneyView }) capitalSubscribed!: MoneyView;
  @ApiProperty({ type: MoneyView }) capitalPaid!: MoneyView;
  @ApiProperty() guaranteesInForce!: number;
  @ApiProperty() defaults!: number;
}

/** GET /banks/:bankId/conventions/:id/headroom. */
export class ConventionHeadroomView extends AsOfStampFields {
  @ApiProperty() conventionId!: string;
  @ApiProperty() bankId!: string;
  @ApiProperty() companyId!: string;
  @ApiProperty({ enum: CONVENTION_STATUSES }) status!: string;
  @ApiProperty() openForIssuance!: boolean;
  @ApiProperty() validFrom!: string;
  @ApiProperty() validUntil!: string;
  @ApiProperty({ type: RatioView }) multiplier!: RatioView;
  @ApiProperty({ enum: ['loan-principal', 'guaranteed-amount'] }) ceilingBasis!: string;
  @ApiProperty({ type: MoneyView }) fundBalance!: MoneyView;
  @ApiProperty({ type: MoneyView }) capacity!: MoneyView;
  @ApiProperty({ type: MoneyView }) outstanding!: MoneyView;
  @ApiProperty({ type: MoneyView, description: 'negative when claims shrank the fund' }) headroom!: MoneyView;
  @ApiPropertyOptional({ description: "the read models' log position (live answers)" }) position?: string;
}

// ---- command answers ----

export class CompanyRegisteredView {
  @ApiProperty() companyId!: string;
}

export class FederationRegisteredView {
  @ApiProperty() federationId!: string;
}

/** An admission or a departure. */
export class MemberMovementView {
  @ApiProperty() companyId!: string;
  @ApiProperty() memberId!: string;
}

/** A capital subscription or payment: the member's capital as recorded. */
export class CapitalMovementView extends MemberMovementView {
  @ApiProperty({ type: MoneyView }) capitalSubscribed!: MoneyView;
  @ApiProperty({ type: MoneyView }) capitalPaid!: MoneyView;
}

/** A deposit to or a withdrawal from the guarantee fund: the fund balance after it. */
export class FundMovementView {
  @ApiProperty() companyId!: string;
  @ApiProperty() depositId!: string;
  @ApiProperty({ type: MoneyView }) fundBalance!: MoneyView;
}

export class MovedDepositView {
  @ApiProperty() companyId!: string;
  @ApiProperty() depositId!: string;
}

/** A deposit reversed: the amount, the event corrected and the fund balance after it. */
export class DepositReversedView {
  @ApiProperty() companyId!: string;
  @ApiProperty() depositId!: string;
  @ApiProperty({ type: MoneyView }) reversed!: MoneyView;
  @ApiProperty() correctsEventId!: string;
  @ApiProperty() correctsPosition!: string;
  @ApiProperty({ type: MoneyView }) fundBalance!: MoneyView;
  @ApiProperty({ type: MovedDepositView, nullable: true, description: 'with `moveToCompanyId`: the new deposit' })
  movedTo!: MovedDepositView | null;
}

/** A convention command: the terms now in force and the figures under them. */
export class ConventionReceiptView {
  @ApiProperty() conventionId!: string;
  @ApiProperty({ enum: ['in-force', 'terminated'] }) status!: string;
  @ApiProperty() termsVersion!: number;
  @ApiProperty({ example: '5/1' }) multiplier!: string;
  @ApiProperty({ type: MoneyView }) capacity!: MoneyView;
  @ApiProperty({ type: MoneyView }) outstanding!: MoneyView;
  @ApiProperty({ type: MoneyView }) headroom!: MoneyView;
}

/** A guarantee issued: the guaranteed amount, the exposure it adds, and the convention's figures after it. */
export class GuaranteeIssuedView {
  @ApiProperty() guaranteeId!: string;
  @ApiProperty() conventionId!: string;
  @ApiProperty({ type: MoneyView }) guaranteedAmount!: MoneyView;
  @ApiProperty({ type: MoneyView, description: 'what it adds to the outstanding under the ceiling basis' })
  exposure!: MoneyView;
  @ApiProperty({ type: MoneyView }) capacity!: MoneyView;
  @ApiProperty({ type: MoneyView }) outstanding!: MoneyView;
  @ApiProperty({ type: MoneyView }) headroom!: MoneyView;
}

/** A command on a guarantee: its state and the fund balance after it. */
export class GuaranteeReceiptView {
  @ApiProperty() guaranteeId!: string;
  @ApiProperty({ enum: ['active', 'released', 'called'] }) status!: string;
  @ApiProperty({ type: MoneyView }) outstandingPrincipal!: MoneyView;
  @ApiProperty({ type: MoneyView }) guaranteedOutstanding!: MoneyView;
  @ApiProperty({ type: MoneyView, nullable: true, description: 'null unless called' }) claim!: MoneyView | null;
  @ApiProperty({ type: MoneyView, nullable: true, description: 'null unless called' }) claimPaid!: MoneyView | null;
  @ApiProperty({ type: MoneyView, nullable: true, description: 'null unless called' }) recovered!: MoneyView | null;
  @ApiProperty({ type: MoneyView }) fundBalance!: MoneyView;
}

/** 202: a four-eyes proposal recorded in place of the effect; nothing is committed yet. */
export class GuaranteeProposalPendingView {
  @ApiProperty() proposalId!: string;
  @ApiProperty({ enum: ['pending'] }) status!: string;
  @ApiProperty({ example: 'guarantees' }) context!: string;
  @ApiProperty({
    enum: ['issue-guarantee', 'reverse-deposit', 'reverse-repayment', 'withdraw-guarantee-fund', 'set-approval-policy'],
  })
  action!: string;
  @ApiProperty() companyId!: string;
  @ApiPropertyOptional({ description: 'issuance, repayment reversal' }) conventionId?: string;
  @ApiPropertyOptional({ description: 'issuance, repayment reversal' }) guaranteeId?: string;
  @ApiPropertyOptional({ description: 'issuance' }) memberId?: string;
  @ApiPropertyOptional({ description: 'issuance' }) bankId?: string;
  @ApiPropertyOptional({ description: 'issuance' }) loanReference?: string;
  @ApiPropertyOptional({ description: 'repayment reversal' }) repaymentEventId?: string;
  @ApiPropertyOptional({ description: 'deposit reversal, withdrawal' }) depositId?: string;
  @ApiProperty({ type: MoneyView, description: 'held back until it is confirmed, declined or expires' })
  reserved!: MoneyView;
  @ApiProperty({
    type: MoneyView,
    nullable: true,
    description: 'the policy threshold exceeded (null: every such command)',
  })
  threshold!: MoneyView | null;
  @ApiProperty({ example: '2026-12-06T10:00:00.000Z' }) expiresAt!: string;
}

export class CompanyApprovalPolicyView {
  @ApiProperty({ type: MoneyView, nullable: true }) issueGuaranteeAbove!: MoneyView | null;
  @ApiProperty() correctionsNeedSecondPerson!: boolean;
  @ApiProperty({ example: 48 }) proposalTtlHours!: number;
}

/** GET /guarantee-companies/:id/approval-policy: the policy in force, or null when none was ever set. */
export class CompanyApprovalPolicyReadView {
  @ApiProperty() companyId!: string;
  @ApiProperty({ example: 'XOF' }) currency!: string;
  @ApiProperty({ type: CompanyApprovalPolicyView, nullable: true }) policy!: CompanyApprovalPolicyView | null;
}

/** PUT /guarantee-companies/:id/approval-policy (200): the policy in force after it. */
export class CompanyApprovalPolicyAnswerView {
  @ApiProperty() companyId!: string;
  @ApiProperty({ description: 'false: the same policy again, nothing written' }) changed!: boolean;
  @ApiProperty({ type: CompanyApprovalPolicyView }) policy!: CompanyApprovalPolicyView;
}
