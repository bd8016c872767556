import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One mutual guarantee company: members, capital, guarantee fund and the credit it backs. Amounts: minor units as strings. */
@Entity({ name: 'guarantee_companies' })
export class GuaranteeCompanyRow {
  @PrimaryColumn({ type: 'text', name: 'company_id' })
  companyId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  currency!: string;

  @Column({ type: 'text', nullable: true, name: 'federation_id' })
  federationId!: string | null;

  @Column({ type: 'text', name: 'registered_on' })
  registeredOn!: string;

  @Column({ type: 'integer', name: 'members_active' })
  membersActive!: number;

  @Column({ type: 'integer', name: 'members_total' })
  membersTotal!: number;

  @Column({ type: 'numeric', precision: 38, scale: 0, name: 'capital_subscribed' })
  capitalSubscribed!: string;

  @Column({ type: 'numeric', precision: 38, scale: 0, name: 'capital_paid' })
  capitalPaid!: string;

  @Column({ type: 'numeric', precision: 38, scale: 0, name: 'fund_deposited' })
  fundDeposited!: string;

  @Column({ type: 'numeric', precision: 38, scale: 0, name: 'fund_withdrawn' })
  fundWithdrawn!: string;

  @Column({ type: 'numeric', precision: 38, scale: 0, name: 'claims_paid' })
  claimsPaid!: string;

  @Column({ type: 'numeric', precision: 38, scale: 0 })
  recoveries!: string;

  @Column({ type: 'numeric', precision: 38, scale: 0, name: 'fund_balance' })
  fundBalance!: string;

  @Column({ type: 'integer', name: 'guarantees_issued' })
  guaranteesIssued!: number;

  @Column({ type: 'integer', name: 'guarantees_in_force' })
  guaranteesInForce!: number;

  @Column({ type: 'numeric', precision: 38, scale: 0, name: 'credit_mobilised' })
  creditMobilised!: string;

  @Column({ type: 'numeric', precision: 38, scale: 0, name: 'guaranteed_issued' })
  guaranteedIssued!: string;

  @Column({ type: 'numeric', precision: 38, scale: 0, name: 'outstanding_principal' })
  outstandingPrincipal!: string;

  @Column({ type: 'numeric', precision: 38, scale: 0, name: 'guaranteed_outstanding' })
  guaranteedOutstanding!: string;

  @Column({ type: 'integer' })
  calls!: number;

  @Column({ type: 'numeric', precision: 38, scale: 0, name: 'claims_called' })
  claimsCalled!: string;

  @Column({ type: 'bigint', name: 'last_position' })
  lastPosition!: string;
}
