import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Several processes may run the projections of one schema: the lease names the one that applies
 * them (the others follow the stored checkpoints), and each checkpoint keeps the last failure, so
 * that every process — not only the one that met it — can report a stuck read model.
 */
export class AddProjectionLeases1766000000000 implements MigrationInterface {
  name = 'AddProjectionLeases1766000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE projection_leases (
        name        text        PRIMARY KEY,
        holder      text        NOT NULL,
        acquired_at timestamptz NOT NULL,
        renewed_at  timestamptz NOT NULL,
        expires_at  timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      ALTER TABLE projection_checkpoints
        ADD COLUMN last_error text,
        ADD COLUMN last_error_at timestamptz,
        ADD COLUMN failed_position bigint`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE projection_checkpoints DROP COLUMN last_error, DROP COLUMN last_error_at, DROP COLUMN failed_position',
    );
    await queryRunner.query('DROP TABLE projection_leases');
  }
}
