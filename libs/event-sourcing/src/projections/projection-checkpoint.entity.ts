import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How far each projection has applied the log; moved in the same transaction as its rows. */
@Entity({ name: 'projection_checkpoints' })
export class ProjectionCheckpoint {
  @PrimaryColumn({ type: 'text' })
  name!: string;

  /** Last applied global position (bigint as string). */
  @Column({ type: 'bigint' })
  position!: string;

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;
}
