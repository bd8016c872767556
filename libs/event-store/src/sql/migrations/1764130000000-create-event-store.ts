import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The event log. One table: positions are dense and in commit order (appends hold a global
 * transaction lock), `(stream_id, stream_revision)` is unique, and a trigger refuses any UPDATE or
 * DELETE so that the log can only grow. Snapshots are a cache beside it and may be dropped.
 */
export class CreateEventStore1764130000000 implements MigrationInterface {
  name = 'CreateEventStore1764130000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE ledger_events (
        global_position  bigint      PRIMARY KEY,
        event_id         uuid        NOT NULL UNIQUE,
        stream_id        text        NOT NULL,
        stream_revision  bigint      NOT NULL,
        event_type       text        NOT NULL,
        schema_version   integer     NOT NULL CHECK (schema_version >= 1),
        business_time    timestamptz NOT NULL,
        recorded_at      timestamptz NOT NULL,
        data             jsonb       NOT NULL,
        actor            text        NOT NULL,
        actor_role       text        NOT NULL,
        correlation_id   text        NOT NULL,
        causation_id     text,
        idempotency_key  text,
        CONSTRAINT ledger_events_stream_revision_unique UNIQUE (stream_id, stream_revision),
        CONSTRAINT ledger_events_revision_non_negative CHECK (stream_revision >= 0),
        CONSTRAINT ledger_events_position_positive CHECK (global_position >= 1)
      )`);
    await queryRunner.query(`
      CREATE FUNCTION ledger_events_are_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'ledger events are immutable: % refused', TG_OP;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER ledger_events_no_update_or_delete
      BEFORE UPDATE OR DELETE ON ledger_events
      FOR EACH ROW EXECUTE FUNCTION ledger_events_are_immutable()`);
    await queryRunner.query(`
      CREATE TRIGGER ledger_events_no_truncate
      BEFORE TRUNCATE ON ledger_events
      FOR EACH STATEMENT EXECUTE FUNCTION ledger_events_are_immutable()`);
    await queryRunner.query(`
      CREATE TABLE ledger_snapshots (
        stream_id        text        PRIMARY KEY,
        stream_revision  bigint      NOT NULL,
        state_version    integer     NOT NULL,
        state            jsonb       NOT NULL,
        taken_at         timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE ledger_snapshots');
    await queryRunner.query('DROP TABLE ledger_events');
    await queryRunner.query('DROP FUNCTION ledger_events_are_immutable()');
  }
}
