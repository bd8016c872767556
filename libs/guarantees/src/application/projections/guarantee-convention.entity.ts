import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A bank convention under its latest terms: capacity = floor(fund × multiplier), headroom = capacity − outstanding. Amounts: minor units as strings. */
@Entity({ name: 'guarantee_conventions' })
export class GuaranteeConventionRow {
  @PrimaryColumn({ type: 'text', name: 'convention_id' })
  conventionId!: string;

  @Column({ type: 'text', name: 'company_id' })
  companyId!: string;

  @Column({ type: 'text', name: 'bank_id' })
  bankId!: string;

  @Column({ type: 'text' })
  currency!: string;

  @Column({ type: 'text' })
  status!: string;

  @Column({ type: 'text', name: 'signed_on' })
  signedOn!: string;

  @Column({ type: 'text', name: 'valid_from' })
  validFrom!: string;

  @Column({ type: 'text', name: 'valid_until' })
  validUntil!: string;

  @Column({ type: 'text', nullable: true, name: 'terminated_on' })
  terminatedOn!: string | null;

  @Column({ type: 'integer', name: 'terms_version' })
  termsVersion!: number;

  @Column({ type: 'text', name: 'terms_effective_from' })
  termsEffectiveFrom!: string;

  @Column({ type: 'numeric', precision: 78, scale: 0, name: 'multiplier_numerator' })
  multiplierNumerator!: string;

  @Column({ type: 'numeric', precision: 78, scale: 0, name: 'multiplier_denominator' })
  multiplierDenominator!: string;

  @Column({ type: 'integer', name: 'coverage_rate_bp' })
  coverageRateBp!: number;

  @Column({ type: 'text', name: 'ceiling_basis' })
  ceilingBasis!: string;

  @Column({ type: 'numeric', precision: 38, scale: 0, nullable: true, name: 'max_guaranteed_per_loan' })
  maxGuaranteedPerLoan!: string | null;

  @Column({ type: 'numeric', precision: 38, scale: 0, name: 'fund_balance' })
  fundBalance!: string;

  @Column({ type: 'numeric', precision: 38, scale: 0 })
  capacity!: string;

  @Column({ type: 'numeric', precision: 38, scale: 0, name: 'outstanding_principal' })
  outstandingPrincipal!: string;

  @Column({ type: 'numeric', precision: 38, scale: 0, name: 'guaranteed_outstanding' })
  guaranteedOutstanding!: string;

  @Column({ type: 'numeric', precision: 38, scale: 0 })
  outstanding!: string;

  @Column({ type: 'numeric', precision: 38, scale: 0 })
  headroom!: string;

  @Column({ type: 'integer', name: 'guarantees_issued' })
  guaranteesIssued!: number;

  @Column({ type: 'integer', name: 'guarantees_in_force' })
  guaranteesInForce!: number;

  @Column({ type: 'numeric', precision: 38, scale: 0, name: 'credit_mobilised' })
  creditMobilised!: string;

  @Column({ type: 'integer' })
  calls!: number;

  @Column({ type: 'numeric', precision: 38, scale: 0, name: 'claims_called' })
  claimsCalled!: string;

  @Column({ type: 'numeric', precision: 38, scale: 0, name: 'claims_paid' })
  claimsPaid!: string;

  @Column({ type: 'numeric', precision: 38, scale: 0 })
  recoveries!: string;

  @Column({ type: 'bigint', name: 'last_position' })
  lastPosition!: string;
}
