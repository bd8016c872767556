import { EventEmitter } from 'node:events';
import type { Pool, PoolClient } from 'pg';
import { DuplicateEventIdError, InvalidEventError, WrongExpectedRevisionError } from '../errors';
import type {
  AllSubscription,
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamAppend,
  SubscribeToAllOptions,
} from '../event-store.port';
import { PollingSubscription } from './polling-subscription';

/** Key of the transaction-scoped advisory lock every append takes: one appender at a time. */
const APPEND_LOCK_KEY = 7_245_001;
const NOTIFY_CHANNEL = 'ledger_events_appended';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_EVENTS_PER_APPEND = 10_000;

export interface PostgresEventStoreOptions {
  /** How often an idle subscription looks for new events written by other processes. */
  readonly pollIntervalMs?: number;
}

/**
 * The event store on PostgreSQL — a server or the embedded PGlite, through the same pool.
 *
 * Global order without gaps: every append takes one transaction-scoped advisory lock before it
 * numbers its events and keeps it until commit. Positions are therefore handed out in commit
 * order, and a transaction becomes visible before it releases the lock, so when a reader sees
 * position P every position below P is already visible: "read after P" can never pass over an
 * event that commits later with a smaller position (the bug Marten, Emmett and Eventuous
 * shipped). The price is one appender at a time; appends are one short statement batch.
 */
export class PostgresEventStore implements EventStore {
  private readonly appended = new EventEmitter();
  private readonly pollIntervalMs: number;

  constructor(
    private readonly pool: Pool,
    options: PostgresEventStoreOptions = {},
  ) {
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.appended.setMaxListeners(0);
  }

  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    const [result] = await this.appendToStreams([{ streamId, expectedRevision: options.expectedRevision, events }]);
    return result;
  }

  async appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    validateAppends(appends);
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [APPEND_LOCK_KEY]);
      const results: AppendResult[] = [];
      let head = await headPosition(client);
      const rows: InsertRow[] = [];
      for (const append of appends) {
        const current = await streamRevision(client, append.streamId);
        const already = append.events.length > 0 ? await alreadyRecorded(client, append) : null;
        if (already) {
          results.push(already);
          continue;
        }
        checkExpected(append.streamId, append.expectedRevision, current);
        let revision = current ?? -1n;
        for (const event of append.events) {
          revision += 1n;
          head += 1n;
          rows.push({ streamId: append.streamId, revision, position: head, event });
        }
        results.push({
          streamId: append.streamId,
          nextExpectedRevision: revision,
          position: head,
          alreadyRecorded: false,
        });
      }
      if (rows.length > 0) {
        await insertRows(client, rows);
        await client.query('SELECT pg_notify($1, $2)', [NOTIFY_CHANNEL, head.toString()]);
      }
      await client.query('COMMIT');
      if (rows.length > 0) this.appended.emit('appended', head);
      return results;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw translate(error);
    } finally {
      client.release();
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const limit = options.maxCount ?? null;
    const from = options.fromRevision ?? null;
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${COLUMNS} FROM ledger_events
        WHERE stream_id = $1
          AND ($2::bigint IS NULL OR ${backwards ? 'stream_revision <= $2' : 'stream_revision >= $2'})
        ORDER BY stream_revision ${backwards ? 'DESC' : 'ASC'}
        LIMIT $3`,
      [streamId, from === null ? null : from.toString(), limit],
    );
    return rows.map(toRecordedEvent);
  }

  async streamRevision(streamId: string): Promise<bigint | null> {
    return streamRevision(this.pool, streamId);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${COLUMNS} FROM ledger_events WHERE global_position > $1 ORDER BY global_position LIMIT $2`,
      [(options.afterPosition ?? 0n).toString(), options.maxCount ?? 1000],
    );
    return rows.map(toRecordedEvent);
  }

  async headPosition(): Promise<bigint> {
    return headPosition(this.pool);
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): AllSubscription {
    return new PollingSubscription({
      afterPosition: options.afterPosition ?? 0n,
      batchSize: options.batchSize ?? 500,
      pollIntervalMs: this.pollIntervalMs,
      readAll: (afterPosition, maxCount) => this.readAll({ afterPosition, maxCount }),
      appended: this.appended,
    });
  }

  /** Forwards NOTIFYs from other processes (PostgreSQL server only) so subscriptions wake at once. */
  notifyOnAppendsFrom(channelClient: {
    on(event: 'notification', listener: () => void): void;
    query(sql: string): Promise<unknown>;
  }): Promise<unknown> {
    channelClient.on('notification', () => this.appended.emit('appended'));
    return channelClient.query(`LISTEN ${NOTIFY_CHANNEL}`);
  }

  async close(): Promise<void> {
    this.appended.emit('closed');
    this.appended.removeAllListeners();
  }
}

type Queryable = Pick<PoolClient, 'query'>;

interface InsertRow {
  readonly streamId: string;
  readonly revision: bigint;
  readonly position: bigint;
  readonly event: NewEvent;
}

interface EventRow {
  global_position: string;
  event_id: string;
  stream_id: string;
  stream_revision: string;
  event_type: string;
  schema_version: number;
  business_time: Date;
  recorded_at: Date;
  data: RecordedEvent['data'];
  actor: string;
  actor_role: string;
  correlation_id: string;
  causation_id: string | null;
  idempotency_key: string | null;
}

const COLUMNS = `global_position, event_id, stream_id, stream_revision, event_type, schema_version,
  business_time, recorded_at, data, actor, actor_role, correlation_id, causation_id, idempotency_key`;

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    streamId: row.stream_id,
    revision: BigInt(row.stream_revision),
    position: BigInt(row.global_position),
    type: row.event_type,
    schemaVersion: row.schema_version,
    businessTime: row.business_time,
    recordedAt: row.recorded_at,
    data: row.data,
    metadata: {
      actor: row.actor,
      role: row.actor_role,
      correlationId: row.correlation_id,
      causationId: row.causation_id,
      idempotencyKey: row.idempotency_key,
    },
  };
}

async function headPosition(db: Queryable): Promise<bigint> {
  const { rows } = await db.query<{ head: string | null }>('SELECT max(global_position) AS head FROM ledger_events');
  return BigInt(rows[0].head ?? 0);
}

async function streamRevision(db: Queryable, streamId: string): Promise<bigint | null> {
  const { rows } = await db.query<{ revision: string | null }>(
    'SELECT max(stream_revision) AS revision FROM ledger_events WHERE stream_id = $1',
    [streamId],
  );
  return rows[0].revision === null ? null : BigInt(rows[0].revision);
}

/**
 * A repeated append of the same event ids is a no-op: if the first id is already recorded, the
 * whole batch must be recorded in this stream, in order, and the first append's result is returned.
 * Anything else (ids recorded elsewhere, half a batch) is refused rather than guessed at.
 */
async function alreadyRecorded(db: Queryable, append: StreamAppend): Promise<AppendResult | null> {
  const ids = append.events.map((event) => event.id);
  if (ids.length === 0) return null;
  const { rows } = await db.query<{
    event_id: string;
    stream_id: string;
    stream_revision: string;
    global_position: string;
  }>(
    `SELECT event_id, stream_id, stream_revision, global_position FROM ledger_events
      WHERE event_id = ANY($1::uuid[]) ORDER BY global_position`,
    [ids],
  );
  if (rows.length === 0) return null;
  const sameBatch =
    rows.length === ids.length &&
    rows.every((row, index) => row.event_id === ids[index].toLowerCase() && row.stream_id === append.streamId) &&
    rows.every(
      (row, index) => index === 0 || BigInt(row.stream_revision) === BigInt(rows[index - 1].stream_revision) + 1n,
    );
  if (!sameBatch) {
    const clash = rows[0];
    throw new DuplicateEventIdError(
      clash.event_id,
      clash.stream_id === append.streamId
        ? 'already recorded, but not as this same batch of events'
        : `already recorded in stream ${clash.stream_id}`,
    );
  }
  const last = rows[rows.length - 1];
  const nextExpectedRevision = (await streamRevision(db, append.streamId)) ?? BigInt(last.stream_revision);
  return {
    streamId: append.streamId,
    nextExpectedRevision,
    position: BigInt(last.global_position),
    alreadyRecorded: true,
  };
}

function checkExpected(streamId: string, expected: ExpectedRevision, current: bigint | null): void {
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && current === null) ||
    (expected === 'stream_exists' && current !== null) ||
    (typeof expected === 'bigint' && current === expected);
  if (!ok) throw new WrongExpectedRevisionError(streamId, expected, current);
}

async function insertRows(db: Queryable, rows: readonly InsertRow[]): Promise<void> {
  // One statement for the whole batch; recorded_at is the clock at insert, under the lock, so it
  // never goes backwards along the log.
  await db.query(
    `INSERT INTO ledger_events (global_position, event_id, stream_id, stream_revision, event_type, schema_version,
       business_time, recorded_at, data, actor, actor_role, correlation_id, causation_id, idempotency_key)
     SELECT p, id, s, r, t, v, b, clock_timestamp(), d, a, ar, c, ca, ik
       FROM unnest($1::bigint[], $2::uuid[], $3::text[], $4::bigint[], $5::text[], $6::int[], $7::timestamptz[],
                   $8::jsonb[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[])
         AS x(p, id, s, r, t, v, b, d, a, ar, c, ca, ik)`,
    [
      rows.map((row) => row.position.toString()),
      rows.map((row) => row.event.id),
      rows.map((row) => row.streamId),
      rows.map((row) => row.revision.toString()),
      rows.map((row) => row.event.type),
      rows.map((row) => row.event.schemaVersion),
      rows.map((row) => row.event.businessTime.toISOString()),
      rows.map((row) => JSON.stringify(row.event.data)),
      rows.map((row) => row.event.metadata.actor),
      rows.map((row) => row.event.metadata.role),
      rows.map((row) => row.event.metadata.correlationId),
      rows.map((row) => row.event.metadata.causationId),
      rows.map((row) => row.event.metadata.idempotencyKey),
    ],
  );
}

function validateAppends(appends: readonly StreamAppend[]): void {
  const seenStreams = new Set<string>();
  const seenIds = new Set<string>();
  let total = 0;
  for (const append of appends) {
    if (typeof append.streamId !== 'string' || append.streamId.length === 0 || append.streamId.length > 512) {
      throw new InvalidEventError('-', `invalid stream id ${JSON.stringify(append.streamId)}`);
    }
    if (seenStreams.has(append.streamId)) {
      throw new InvalidEventError('-', `stream ${append.streamId} appears twice in one append`);
    }
    seenStreams.add(append.streamId);
    for (const event of append.events) {
      validateEvent(event);
      const id = event.id.toLowerCase();
      if (seenIds.has(id)) throw new InvalidEventError(event.id, 'appears twice in one append');
      seenIds.add(id);
      total += 1;
    }
  }
  if (total > MAX_EVENTS_PER_APPEND) {
    throw new InvalidEventError('-', `at most ${MAX_EVENTS_PER_APPEND} events per append, got ${total}`);
  }
}

/** Payloads are checked at the store boundary: the log only ever holds well-formed JSON events. */
function validateEvent(event: NewEvent): void {
  const fail = (reason: string): never => {
    throw new InvalidEventError(String(event.id), reason);
  };
  if (typeof event.id !== 'string' || !UUID.test(event.id)) fail('id must be a UUID');
  if (typeof event.type !== 'string' || !/^[A-Za-z][A-Za-z0-9.]{0,127}$/.test(event.type)) fail('invalid type');
  if (!Number.isSafeInteger(event.schemaVersion) || event.schemaVersion < 1)
    fail('schema version must be an integer ≥ 1');
  if (!(event.businessTime instanceof Date) || Number.isNaN(event.businessTime.getTime()))
    fail('business time must be a valid date');
  if (event.data === null || typeof event.data !== 'object' || Array.isArray(event.data))
    fail('data must be a JSON object');
  try {
    JSON.stringify(event.data);
  } catch (error) {
    fail(`data is not JSON: ${(error as Error).message}`);
  }
  const metadata = event.metadata;
  if (!metadata || typeof metadata.actor !== 'string' || metadata.actor.length === 0)
    fail('metadata.actor is required');
  if (typeof metadata.role !== 'string' || metadata.role.length === 0) fail('metadata.role is required');
  if (typeof metadata.correlationId !== 'string' || metadata.correlationId.length === 0)
    fail('metadata.correlationId is required');
}

function translate(error: unknown): unknown {
  // Two appends racing for the same event id on a server without the lock (never here) would
  // surface as a unique violation; keep the typed error either way.
  const pgError = error as { code?: string; constraint?: string; detail?: string };
  if (pgError?.code === '23505' && pgError.constraint === 'ledger_events_event_id_key') {
    return new DuplicateEventIdError('-', pgError.detail ?? 'already recorded');
  }
  return error;
}
