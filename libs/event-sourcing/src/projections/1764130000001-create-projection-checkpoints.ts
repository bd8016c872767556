import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateProjectionCheckpoints1764130000001 implements MigrationInterface {
  name = 'CreateProjectionCheckpoints1764130000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE projection_checkpoints (
        name       text        PRIMARY KEY,
        position   bigint      NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE projection_checkpoints');
  }
}
