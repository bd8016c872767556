import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A term deposit of the guarantee fund at a bank, and what was withdrawn from it. Amounts: minor units as strings. */
@Entity({ name: 'guarantee_fund_deposits' })
export class GuaranteeFundDepositRow {
  @PrimaryColumn({ type: 'text', name: 'company_id' })
  companyId!: string;

  @PrimaryColumn({ type: 'text', name: 'deposit_id' })
  depositId!: string;

  @Column({ type: 'text', name: 'bank_id' })
  bankId!: string;

  @Column({ type: 'text' })
  currency!: string;

  @Column({ type: 'numeric', precision: 38, scale: 0 })
  amount!: string;

  @Column({ type: 'numeric', precision: 38, scale: 0 })
  withdrawn!: string;

  @Column({ type: 'text', name: 'term_deposit_reference' })
  termDepositReference!: string;

  @Column({ type: 'text', name: 'deposited_on' })
  depositedOn!: string;

  @Column({ type: 'text', nullable: true, name: 'matures_on' })
  maturesOn!: string | null;

  @Column({ type: 'bigint', name: 'last_position' })
  lastPosition!: string;

  /** Position of the GuaranteeFundDeposited event (what a reversal names as `correctsPosition`). */
  @Column({ type: 'bigint', nullable: true })
  position!: string | null;

  @Column({ type: 'text', nullable: true, name: 'reversed_on' })
  reversedOn!: string | null;

  @Column({ type: 'text', nullable: true, name: 'reversal_reason' })
  reversalReason!: string | null;

  @Column({ type: 'bigint', nullable: true, name: 'reversal_position' })
  reversalPosition!: string | null;

  @Column({ type: 'text', nullable: true, name: 'moved_to_company_id' })
  movedToCompanyId!: string | null;
}
