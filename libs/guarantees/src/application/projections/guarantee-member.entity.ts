import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A member firm of a company, with its capital and standing. Amounts: minor units as strings. */
@Entity({ name: 'guarantee_members' })
export class GuaranteeMemberRow {
  @PrimaryColumn({ type: 'text', name: 'company_id' })
  companyId!: string;

  @PrimaryColumn({ type: 'text', name: 'member_id' })
  memberId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  status!: string;

  @Column({ type: 'text', name: 'admitted_on' })
  admittedOn!: string;

  @Column({ type: 'text', nullable: true, name: 'left_on' })
  leftOn!: string | null;

  @Column({ type: 'numeric', precision: 38, scale: 0, name: 'capital_subscribed' })
  capitalSubscribed!: string;

  @Column({ type: 'numeric', precision: 38, scale: 0, name: 'capital_paid' })
  capitalPaid!: string;

  @Column({ type: 'integer', name: 'guarantees_in_force' })
  guaranteesInForce!: number;

  @Column({ type: 'integer' })
  defaults!: number;

  @Column({ type: 'bigint', name: 'last_position' })
  lastPosition!: string;
}
