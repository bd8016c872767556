import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A federation of mutual guarantee companies; its consolidated figures are summed from its companies. Amounts: minor units as strings. */
@Entity({ name: 'guarantee_federations' })
export class GuaranteeFederationRow {
  @PrimaryColumn({ type: 'text', name: 'federation_id' })
  federationId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  currency!: string;

  @Column({ type: 'text', name: 'registered_on' })
  registeredOn!: string;

  @Column({ type: 'integer' })
  companies!: number;

  @Column({ type: 'bigint', name: 'last_position' })
  lastPosition!: string;
}
