import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Read models of the co-financing context. Amounts are numeric(38,0) minor units (TypeORM hands
 * them back as strings, which is how they travel in JSON); every row is rebuilt from the events.
 */
const amount = (name: string) => ({ type: 'numeric' as const, precision: 38, scale: 0, name });

@Entity({ name: 'cofinancing_funds' })
export class FundRow {
  @PrimaryColumn({ type: 'text', name: 'fund_id' }) fundId!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) currency!: string;
  @Column({ type: 'text', name: 'created_on' }) createdOn!: string;
  @Column(amount('contributed')) contributed!: string;
  @Column(amount('committed')) committed!: string;
  @Column(amount('disbursed')) disbursed!: string;
  @Column(amount('released')) released!: string;
  @Column({ type: 'integer', name: 'grants_approved' }) grantsApproved!: number;
}

@Entity({ name: 'cofinancing_donors' })
export class DonorRow {
  @PrimaryColumn({ type: 'text', name: 'fund_id' }) fundId!: string;
  @PrimaryColumn({ type: 'text', name: 'donor_id' }) donorId!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text', name: 'registered_on' }) registeredOn!: string;
  @Column({ type: 'text' }) currency!: string;
  @Column(amount('contributed')) contributed!: string;
  @Column({ type: 'integer', name: 'contributions' }) contributions!: number;
}

@Entity({ name: 'cofinancing_contributions' })
export class ContributionRow {
  @PrimaryColumn({ type: 'text', name: 'contribution_id' }) contributionId!: string;
  @Column({ type: 'text', name: 'fund_id' }) fundId!: string;
  @Column({ type: 'text', name: 'donor_id' }) donorId!: string;
  @Column(amount('amount')) amount!: string;
  @Column({ type: 'text' }) currency!: string;
  @Column({ type: 'text', name: 'received_on' }) receivedOn!: string;
  @Column({ type: 'text' }) reference!: string;
  @Column({ type: 'bigint' }) position!: string;
}

@Entity({ name: 'cofinancing_windows' })
export class WindowRow {
  @PrimaryColumn({ type: 'text', name: 'window_id' }) windowId!: string;
  @Column({ type: 'text', name: 'fund_id' }) fundId!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text', name: 'support_kind' }) supportKind!: string;
  @Column({ type: 'text', name: 'opened_on' }) openedOn!: string;
  @Column({ type: 'text' }) currency!: string;
  @Column({ type: 'integer', name: 'current_version' }) currentVersion!: number;
  @Column(amount('committed')) committed!: string;
  @Column(amount('disbursed')) disbursed!: string;
  @Column(amount('released')) released!: string;
  @Column({ type: 'integer', name: 'grants_approved' }) grantsApproved!: number;
}

@Entity({ name: 'cofinancing_window_schedules' })
export class WindowScheduleRow {
  @PrimaryColumn({ type: 'text', name: 'window_id' }) windowId!: string;
  @PrimaryColumn({ type: 'integer' }) version!: number;
  @Column({ type: 'text', name: 'effective_from' }) effectiveFrom!: string;
  @Column({ type: 'text', name: 'recorded_on' }) recordedOn!: string;
  @Column({ type: 'jsonb' }) years!: unknown;
  @Column({ type: 'jsonb', name: 'after_last_year' }) afterLastYear!: unknown;
}

@Entity({ name: 'cofinancing_beneficiaries' })
export class BeneficiaryRow {
  @PrimaryColumn({ type: 'text', name: 'beneficiary_id' }) beneficiaryId!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) kind!: string;
  @Column({ type: 'text', name: 'enrolled_on' }) enrolledOn!: string;
  @Column({ type: 'integer', name: 'member_firms' }) memberFirms!: number;
  @Column({ type: 'integer', name: 'women_owned_firms' }) womenOwnedFirms!: number;
  /** Firms for which women ownership was recorded at all. */
  @Column({ type: 'integer', name: 'women_owned_recorded' }) womenOwnedRecorded!: number;
}

@Entity({ name: 'cofinancing_member_firms' })
export class MemberFirmRow {
  @PrimaryColumn({ type: 'text', name: 'beneficiary_id' }) beneficiaryId!: string;
  @PrimaryColumn({ type: 'text', name: 'firm_id' }) firmId!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'boolean', name: 'women_owned', nullable: true }) womenOwned!: boolean | null;
  @Column({ type: 'text', name: 'joined_on' }) joinedOn!: string;
}

/**
 * Per beneficiary, window and participation year: the approved figures (eligible cost, subsidy,
 * own share; grants cancelled after approval are taken out) and the realised ones.
 */
@Entity({ name: 'cofinancing_beneficiary_years' })
export class BeneficiaryYearRow {
  @PrimaryColumn({ type: 'text', name: 'beneficiary_id' }) beneficiaryId!: string;
  @PrimaryColumn({ type: 'text', name: 'window_id' }) windowId!: string;
  @PrimaryColumn({ type: 'integer', name: 'participation_year' }) participationYear!: number;
  @Column({ type: 'text', name: 'fund_id' }) fundId!: string;
  @Column({ type: 'text' }) currency!: string;
  @Column({ type: 'integer', name: 'grants_approved' }) grantsApproved!: number;
  @Column(amount('eligible_cost')) eligibleCost!: string;
  @Column(amount('subsidy')) subsidy!: string;
  @Column(amount('own_share')) ownShare!: string;
  @Column(amount('invoiced')) invoiced!: string;
  @Column(amount('disbursed')) disbursed!: string;
  @Column(amount('released')) released!: string;
}

@Entity({ name: 'cofinancing_grants' })
export class GrantRow {
  @PrimaryColumn({ type: 'text', name: 'grant_id' }) grantId!: string;
  @Column({ type: 'text', name: 'fund_id' }) fundId!: string;
  @Column({ type: 'text', name: 'window_id' }) windowId!: string;
  @Column({ type: 'text', name: 'beneficiary_id' }) beneficiaryId!: string;
  @Column({ type: 'text' }) status!: string;
  @Column({ type: 'integer', name: 'participation_year' }) participationYear!: number;
  @Column({ type: 'text', name: 'service_provider' }) serviceProvider!: string;
  @Column({ type: 'text' }) description!: string;
  @Column({ type: 'text' }) currency!: string;
  @Column(amount('eligible_cost')) eligibleCost!: string;
  @Column({ type: 'text', name: 'requested_on' }) requestedOn!: string;
  @Column({ ...amount('subsidy'), nullable: true }) subsidy!: string | null;
  @Column({ ...amount('own_share'), nullable: true }) ownShare!: string | null;
  @Column({ type: 'integer', name: 'rate_bp', nullable: true }) rateBp!: number | null;
  @Column({ type: 'integer', name: 'schedule_version', nullable: true }) scheduleVersion!: number | null;
  @Column({ type: 'jsonb', nullable: true }) computation!: unknown;
  @Column({ type: 'text', name: 'approved_on', nullable: true }) approvedOn!: string | null;
  @Column({ type: 'text', name: 'rejected_on', nullable: true }) rejectedOn!: string | null;
  @Column({ type: 'text', name: 'closed_on', nullable: true }) closedOn!: string | null;
  @Column({ type: 'text', name: 'cancelled_on', nullable: true }) cancelledOn!: string | null;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column(amount('invoiced')) invoiced!: string;
  @Column(amount('disbursed')) disbursed!: string;
  @Column(amount('released')) released!: string;
  @Column({ type: 'bigint', name: 'requested_position' }) requestedPosition!: string;
  @Column({ type: 'bigint', name: 'last_position' }) lastPosition!: string;
}

@Entity({ name: 'cofinancing_disbursements' })
export class DisbursementRow {
  @PrimaryColumn({ type: 'text', name: 'disbursement_id' }) disbursementId!: string;
  @Column({ type: 'text', name: 'grant_id' }) grantId!: string;
  @Column({ type: 'text', name: 'invoice_reference' }) invoiceReference!: string;
  @Column({ type: 'text', name: 'invoice_date' }) invoiceDate!: string;
  @Column(amount('invoice_amount')) invoiceAmount!: string;
  @Column(amount('paid')) paid!: string;
  @Column({ type: 'text' }) currency!: string;
  @Column({ type: 'text' }) rule!: string;
  @Column({ type: 'text', name: 'disbursed_on' }) disbursedOn!: string;
  @Column({ type: 'bigint' }) position!: string;
  @Column({ type: 'text', name: 'reversed_on', nullable: true }) reversedOn!: string | null;
  @Column({ type: 'text', name: 'reversal_reason', nullable: true }) reversalReason!: string | null;
  @Column({ type: 'bigint', name: 'reversal_position', nullable: true }) reversalPosition!: string | null;
  @Column({ type: 'text', name: 'replaced_by', nullable: true }) replacedBy!: string | null;
  @Column({ type: 'text', nullable: true }) replaces!: string | null;
}

export const cofinancingEntities = [
  FundRow,
  DonorRow,
  ContributionRow,
  WindowRow,
  WindowScheduleRow,
  BeneficiaryRow,
  MemberFirmRow,
  BeneficiaryYearRow,
  GrantRow,
  DisbursementRow,
];
