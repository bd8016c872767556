import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One guarantee on one member's bank loan, from issuance to release or claim and recovery. Amounts: minor units as strings. */
@Entity({ name: 'guarantees' })
export class GuaranteeRow {
  @PrimaryColumn({ type: 'text', name: 'guarantee_id' })
  guaranteeId!: string;

  @Column({ type: 'text', name: 'company_id' })
  companyId!: string;

  @Column({ type: 'text', name: 'convention_id' })
  conventionId!: string;

  @Column({ type: 'text', name: 'bank_id' })
  bankId!: string;

  @Column({ type: 'text', name: 'member_id' })
  memberId!: string;

  @Column({ type: 'text', name: 'loan_reference' })
  loanReference!: string;

  @Column({ type: 'text' })
  currency!: string;

  @Column({ type: 'text' })
  status!: string;

  @Column({ type: 'numeric', precision: 38, scale: 0 })
  principal!: string;

  @Column({ type: 'integer', name: 'coverage_rate_bp' })
  coverageRateBp!: number;

  @Column({ type: 'numeric', precision: 38, scale: 0, name: 'guaranteed_amount' })
  guaranteedAmount!: string;

  @Column({ type: 'numeric', precision: 38, scale: 0, name: 'outstanding_principal' })
  outstandingPrincipal!: string;

  @Column({ type: 'numeric', precision: 38, scale: 0, name: 'guaranteed_outstanding' })
  guaranteedOutstanding!: string;

  @Column({ type: 'integer', name: 'terms_version' })
  termsVersion!: number;

  @Column({ type: 'text', name: 'loan_start_date' })
  loanStartDate!: string;

  @Column({ type: 'text', name: 'maturity_date' })
  maturityDate!: string;

  @Column({ type: 'text', name: 'issued_on' })
  issuedOn!: string;

  @Column({ type: 'text', nullable: true, name: 'released_on' })
  releasedOn!: string | null;

  @Column({ type: 'text', nullable: true, name: 'called_on' })
  calledOn!: string | null;

  @Column({ type: 'numeric', precision: 38, scale: 0, nullable: true, name: 'outstanding_at_default' })
  outstandingAtDefault!: string | null;

  @Column({ type: 'numeric', precision: 38, scale: 0, nullable: true, name: 'claim_amount' })
  claimAmount!: string | null;

  @Column({ type: 'numeric', precision: 38, scale: 0, name: 'claim_paid' })
  claimPaid!: string;

  @Column({ type: 'numeric', precision: 38, scale: 0 })
  recovered!: string;

  /** The business date of the last claim payment to the bank. */
  @Column({ type: 'text', nullable: true, name: 'claim_last_paid_on' })
  claimLastPaidOn!: string | null;

  /** The business date of the last recovery from the defaulting member. */
  @Column({ type: 'text', nullable: true, name: 'last_recovered_on' })
  lastRecoveredOn!: string | null;

  @Column({ type: 'bigint', name: 'last_position' })
  lastPosition!: string;
}
