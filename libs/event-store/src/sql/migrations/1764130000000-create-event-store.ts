import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The event log. One table: positions are dense and in commit order (appends hold a global
 * transaction lock), `(stream_id, stream_revision)` is unique, a trigger refuses any UPDATE or
 * DELETE so that the log can only grow, and each event carries its content hash and the chain hash
 * linking it to the previous event of its stream (see event-hash.ts). Snapshots are a cache beside
 * it and may be dropped.
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
        content_hash     text        NOT NULL,
        chain_hash       text        NOT NULL,
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
    await queryRunner.query(APPEND_FUNCTION);
    await queryRunner.query(APPEND_MANY_FUNCTION);
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
    await queryRunner.query('DROP FUNCTION ledger_append_many');
    await queryRunner.query('DROP FUNCTION ledger_append');
    await queryRunner.query('DROP TABLE ledger_events');
    await queryRunner.query('DROP FUNCTION ledger_events_are_immutable()');
  }
}

/**
 * The whole append in one round trip and one implicit transaction: take the global append lock,
 * absorb a repeated batch of already-recorded event ids, check every stream's expected revision,
 * number the events after the head, insert them, notify listeners. Refusals raise with a message
 * naming the reason and a JSON detail the adapter turns into a typed error. A stream given with no
 * events is a guard: its revision is checked and nothing is written.
 */
const APPEND_FUNCTION = `
CREATE FUNCTION ledger_append(
  p_stream_ids text[], p_expected text[], p_counts integer[],
  p_event_ids uuid[], p_types text[], p_versions integer[], p_business timestamptz[], p_data jsonb[],
  p_actors text[], p_roles text[], p_correlations text[], p_causations text[], p_idempotency_keys text[],
  p_content_hashes text[]
) RETURNS TABLE (stream_id text, next_revision bigint, last_position bigint, already_recorded boolean)
LANGUAGE plpgsql AS $fn$
DECLARE
  v_head bigint;
  v_offset integer := 0;
  v_current bigint;
  v_previous_hash text;
  v_recorded_at timestamptz;
  v_count integer;
  v_ids uuid[];
  v_found record;
  v_found_count integer;
  v_positions bigint[] := '{}';
  v_revisions bigint[] := '{}';
  v_streams text[] := '{}';
  v_take integer[] := '{}';
  v_chain text[] := '{}';
  v_result_stream text[] := '{}';
  v_result_revision bigint[] := '{}';
  v_result_position bigint[] := '{}';
  v_result_already boolean[] := '{}';
  i integer;
  j integer;
BEGIN
  -- One appender at a time per ledger (schema): ledgers in other schemas do not wait for us.
  PERFORM pg_advisory_xact_lock(7245001, hashtext(current_schema()));
  -- Milliseconds, so that the time recorded (and hashed) survives a round trip through JavaScript.
  v_recorded_at := date_trunc('milliseconds', clock_timestamp());
  SELECT coalesce(max(e.global_position), 0) INTO v_head FROM ledger_events e;
  FOR i IN 1 .. coalesce(array_length(p_stream_ids, 1), 0) LOOP
    v_count := p_counts[i];
    SELECT e.stream_revision, e.chain_hash INTO v_current, v_previous_hash
      FROM ledger_events e WHERE e.stream_id = p_stream_ids[i] ORDER BY e.stream_revision DESC LIMIT 1;
    IF v_count > 0 THEN
      v_ids := p_event_ids[v_offset + 1 : v_offset + v_count];
      -- Equality on the unique index, whatever the planner thinks of the table's size. A batch
      -- whose first id is new but a later one is not fails on the unique constraint instead.
      SELECT count(*) INTO v_found_count FROM ledger_events e WHERE e.event_id = v_ids[1];
      IF v_found_count > 0 THEN
        -- Already recorded: only the very same batch, in this stream, in order, is a no-op.
        SELECT count(*) AS same, max(e.global_position) AS last_position
          INTO v_found
          FROM unnest(v_ids) WITH ORDINALITY AS b(id, n)
          JOIN ledger_events e ON e.event_id = b.id
          JOIN ledger_events first_event ON first_event.event_id = v_ids[1]
         WHERE e.stream_id = p_stream_ids[i]
           AND e.stream_revision = first_event.stream_revision + b.n - 1;
        IF v_found.same = v_count THEN
          v_result_stream := v_result_stream || p_stream_ids[i];
          v_result_revision := v_result_revision || v_current;
          v_result_position := v_result_position || v_found.last_position;
          v_result_already := v_result_already || true;
          v_offset := v_offset + v_count;
          CONTINUE;
        END IF;
        RAISE EXCEPTION 'duplicate_event_id' USING DETAIL = json_build_object(
          'stream', p_stream_ids[i],
          'eventId', v_ids[1],
          'otherStream', (SELECT e.stream_id FROM ledger_events e WHERE e.event_id = v_ids[1]))::text;
      END IF;
    END IF;
    IF NOT (p_expected[i] = 'any'
         OR (p_expected[i] = 'no_stream' AND v_current IS NULL)
         OR (p_expected[i] = 'stream_exists' AND v_current IS NOT NULL)
         OR (p_expected[i] ~ '^[0-9]+$' AND v_current IS NOT NULL AND v_current = p_expected[i]::bigint)) THEN
      RAISE EXCEPTION 'wrong_expected_revision' USING DETAIL = json_build_object(
        'stream', p_stream_ids[i], 'expected', p_expected[i], 'actual', v_current)::text;
    END IF;
    FOR j IN 1 .. v_count LOOP
      v_head := v_head + 1;
      v_current := coalesce(v_current, -1) + 1;
      v_previous_hash := encode(sha256(convert_to(
        coalesce(v_previous_hash, 'genesis') || '|' || v_current || '|' || v_head || '|' ||
        to_char(v_recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '|' ||
        p_content_hashes[v_offset + j], 'UTF8')), 'hex');
      v_chain := v_chain || v_previous_hash;
      v_positions := v_positions || v_head;
      v_revisions := v_revisions || v_current;
      v_streams := v_streams || p_stream_ids[i];
      v_take := v_take || (v_offset + j);
    END LOOP;
    v_result_stream := v_result_stream || p_stream_ids[i];
    v_result_revision := v_result_revision || v_current;
    v_result_position := v_result_position || CASE WHEN v_count > 0 THEN v_head ELSE 0 END;
    v_result_already := v_result_already || false;
    v_offset := v_offset + v_count;
  END LOOP;

  IF array_length(v_take, 1) > 0 THEN
    -- recorded_at is the clock under the lock: it never goes backwards along the log.
    INSERT INTO ledger_events (global_position, event_id, stream_id, stream_revision, event_type, schema_version,
                               business_time, recorded_at, data, actor, actor_role, correlation_id, causation_id,
                               idempotency_key, content_hash, chain_hash)
    SELECT v_positions[k], p_event_ids[t], v_streams[k], v_revisions[k], p_types[t], p_versions[t], p_business[t],
           v_recorded_at, p_data[t], p_actors[t], p_roles[t], p_correlations[t], p_causations[t], p_idempotency_keys[t],
           p_content_hashes[t], v_chain[k]
      FROM generate_subscripts(v_take, 1) AS k, LATERAL (SELECT v_take[k] AS t) AS x;
    PERFORM pg_notify('ledger_events_appended', v_head::text);
  END IF;

  RETURN QUERY SELECT v_result_stream[n], v_result_revision[n], v_result_position[n], v_result_already[n]
                 FROM generate_subscripts(v_result_stream, 1) AS n;
END
$fn$`;

/**
 * Group commit: several independent appends in one transaction, so that concurrent writers share
 * one commit (one WAL flush) instead of queueing for the append lock one commit at a time. Each
 * append runs in its own subtransaction: a refused append (wrong expected revision, duplicate id)
 * is rolled back alone and reported in its rows; the others are written. Returns, per append, its
 * streams' results or its error.
 */
const APPEND_MANY_FUNCTION = `
CREATE FUNCTION ledger_append_many(p_batch jsonb)
RETURNS TABLE (append_index integer, stream_id text, next_revision bigint, last_position bigint,
               already_recorded boolean, error_code text, error_message text, error_detail text,
               error_constraint text)
LANGUAGE plpgsql AS $fn$
DECLARE
  v_append jsonb;
  v_index integer := 0;
  v_code text;
  v_message text;
  v_detail text;
  v_constraint text;
  v_row record;
BEGIN
  FOR v_append IN SELECT value FROM jsonb_array_elements(p_batch) LOOP
    BEGIN
      FOR v_row IN
        SELECT * FROM ledger_append(
          ARRAY(SELECT jsonb_array_elements_text(v_append->'streams')),
          ARRAY(SELECT jsonb_array_elements_text(v_append->'expected')),
          ARRAY(SELECT jsonb_array_elements_text(v_append->'counts')::integer),
          ARRAY(SELECT jsonb_array_elements_text(v_append->'ids')::uuid),
          ARRAY(SELECT jsonb_array_elements_text(v_append->'types')),
          ARRAY(SELECT jsonb_array_elements_text(v_append->'versions')::integer),
          ARRAY(SELECT jsonb_array_elements_text(v_append->'business')::timestamptz),
          ARRAY(SELECT jsonb_array_elements(v_append->'data')),
          ARRAY(SELECT jsonb_array_elements_text(v_append->'actors')),
          ARRAY(SELECT jsonb_array_elements_text(v_append->'roles')),
          ARRAY(SELECT jsonb_array_elements_text(v_append->'correlations')),
          ARRAY(SELECT jsonb_array_elements_text(v_append->'causations')),
          ARRAY(SELECT jsonb_array_elements_text(v_append->'idempotency')),
          ARRAY(SELECT jsonb_array_elements_text(v_append->'hashes')))
      LOOP
        append_index := v_index; stream_id := v_row.stream_id; next_revision := v_row.next_revision;
        last_position := v_row.last_position; already_recorded := v_row.already_recorded;
        error_code := NULL; error_message := NULL; error_detail := NULL; error_constraint := NULL;
        RETURN NEXT;
      END LOOP;
    EXCEPTION WHEN OTHERS THEN
      GET STACKED DIAGNOSTICS v_code = RETURNED_SQLSTATE, v_message = MESSAGE_TEXT, v_detail = PG_EXCEPTION_DETAIL,
                              v_constraint = CONSTRAINT_NAME;
      append_index := v_index; stream_id := NULL; next_revision := NULL; last_position := NULL; already_recorded := NULL;
      error_code := v_code; error_message := v_message; error_detail := v_detail; error_constraint := v_constraint;
      RETURN NEXT;
    END;
    v_index := v_index + 1;
  END LOOP;
END
$fn$`;
