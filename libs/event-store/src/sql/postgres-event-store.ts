import { EventEmitter } from 'node:events';
import { types, type Pool, type PoolClient } from 'pg';
import { DuplicateEventIdError, InvalidEventError, WrongExpectedRevisionError } from '../errors';
import type {
  AllSubscription,
  AppendResult,
  ChainLink,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamAppend,
  SubscribeToAllOptions,
} from '../event-store.port';
import { canonicalJsonOfText, chainLinkOf, contentHashOf, eventContentHash } from '../event-hash';
import { PollingSubscription } from './polling-subscription';

/**
 * The transaction-scoped advisory lock every append takes (inside `ledger_append`, see the
 * migration): one appender at a time per schema.
 */
export const APPEND_LOCK_SQL = 'SELECT pg_advisory_xact_lock(7245001, hashtext(current_schema()))';
const NOTIFY_CHANNEL = 'ledger_events_appended';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_EVENTS_PER_APPEND = 10_000;
/** Appends that may share one commit. */
const MAX_APPENDS_PER_COMMIT = 64;

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
  private readonly pending: PendingAppend[] = [];
  private flushing = false;
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
    return new Promise<AppendResult[]>((resolve, reject) => {
      this.pending.push({ appends, resolve, reject });
      void this.flush();
    });
  }

  /**
   * Group commit: while one batch is being written, the appends that arrive wait and then go
   * together, each in its own subtransaction of one transaction — one commit for all of them. An
   * append that is refused fails alone; a batch that cannot be written at all (the connection
   * dropped) fails every append in it, and none of them is written.
   */
  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0, MAX_APPENDS_PER_COMMIT);
        await this.writeBatch(batch);
      }
    } finally {
      this.flushing = false;
    }
  }

  private async writeBatch(batch: readonly PendingAppend[]): Promise<void> {
    if (batch.length === 1) return this.writeOne(batch[0]);
    let rows: AppendManyRow[];
    try {
      ({ rows } = await this.pool.query<AppendManyRow>(
        `SELECT append_index, stream_id, next_revision, last_position, already_recorded,
                error_code, error_message, error_detail, error_constraint
           FROM ledger_append_many($1::jsonb)`,
        [JSON.stringify(batch.map((pending) => encodeAppend(pending.appends)))],
      ));
    } catch (error) {
      for (const pending of batch) pending.reject(error);
      return;
    }
    let written = false;
    batch.forEach((pending, index) => {
      const own = rows.filter((row) => row.append_index === index);
      const failure = own.find((row) => row.error_code !== null);
      if (failure) {
        pending.reject(
          translate({
            code: failure.error_code ?? undefined,
            message: failure.error_message ?? undefined,
            detail: failure.error_detail ?? undefined,
            constraint: failure.error_constraint ?? undefined,
          }),
        );
        return;
      }
      if (own.some((row) => !row.already_recorded && row.last_position !== '0')) written = true;
      pending.resolve(own.map(toAppendResult));
    });
    if (written) this.appended.emit('appended');
  }

  /** A lone append needs no subtransaction: one call of `ledger_append`, whose refusal rolls it all back. */
  private async writeOne(pending: PendingAppend): Promise<void> {
    const { appends } = pending;
    const encoded = encodeAppend(appends);
    try {
      const { rows } = await this.pool.query<AppendOneRow>(
        `SELECT stream_id, next_revision, last_position, already_recorded
           FROM ledger_append($1, $2, $3, $4::uuid[], $5, $6, $7::timestamptz[], $8::jsonb[], $9, $10, $11, $12, $13, $14)`,
        [
          encoded.streams,
          encoded.expected,
          encoded.counts,
          encoded.ids,
          encoded.types,
          encoded.versions,
          encoded.business,
          encoded.data.map((data) => JSON.stringify(data)),
          encoded.actors,
          encoded.roles,
          encoded.correlations,
          encoded.causations,
          encoded.idempotency,
          encoded.hashes,
        ],
      );
      pending.resolve(rows.map(toAppendResult));
      if (rows.some((row) => !row.already_recorded && row.last_position !== '0')) this.appended.emit('appended');
    } catch (error) {
      pending.reject(translate(error));
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

  /**
   * `readAll` for verification: each row comes as two texts (its fields joined by a separator, and
   * its data as PostgreSQL writes jsonb) and nothing else is built; the content hash is recomputed
   * from them. A row the two texts cannot carry unambiguously (a field holding the separator, a
   * NULL where the schema forbids one) sends the whole page through `readAll` instead.
   */
  async readAllChainLinks(options: ReadAllOptions = {}): Promise<ChainLink[]> {
    const { rows } = await this.pool.query<[string | null, string | null]>({
      text: CHAIN_LINK_QUERY,
      values: [(options.afterPosition ?? 0n).toString(), options.maxCount ?? 1000],
      rowMode: 'array',
      types: AS_TEXT,
    });
    const times = new TimestampTexts();
    const links: ChainLink[] = [];
    for (const [fields, data] of rows) {
      const link = fields === null || data === null ? null : chainLinkOfRow(fields, data, times);
      if (link === null) return (await this.readAll(options)).map(chainLinkOf);
      links.push(link);
    }
    return links;
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
  chain_hash: string;
}

const COLUMNS = `global_position, event_id, stream_id, stream_revision, event_type, schema_version,
  business_time, recorded_at, data, actor, actor_role, correlation_id, causation_id, idempotency_key, chain_hash`;

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
    hash: row.chain_hash,
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

/** Joins the fields of a chain link: a field holding it splits the row into too many fields. */
const SEPARATOR = '\x1f';
const CHAIN_LINK_FIELDS = 14;
const CHAIN_LINK_QUERY = `
  SELECT global_position::text || E'\\x1f' || stream_revision::text || E'\\x1f' || event_id::text || E'\\x1f' ||
         schema_version::text || E'\\x1f' || business_time::text || E'\\x1f' || recorded_at::text || E'\\x1f' ||
         chain_hash || E'\\x1f' || event_type || E'\\x1f' || actor || E'\\x1f' || actor_role || E'\\x1f' ||
         correlation_id || E'\\x1f' || coalesce('s' || causation_id, 'n') || E'\\x1f' ||
         coalesce('s' || idempotency_key, 'n') || E'\\x1f' || stream_id,
         data
    FROM ledger_events WHERE global_position > $1 ORDER BY global_position LIMIT $2`;
/** Every column as the text PostgreSQL sent. */
const AS_TEXT = { getTypeParser: () => (text: string) => text };

/**
 * The link of one row, from the same texts `readAll` reads (timestamps through the same parser),
 * or null when the row does not split into its fields.
 */
function chainLinkOfRow(joined: string, data: string, times: TimestampTexts): ChainLink | null {
  const fields = joined.split(SEPARATOR);
  if (fields.length !== CHAIN_LINK_FIELDS) return null;
  const businessTime = times.parse(fields[4]);
  const recordedAt = times.parse(fields[5]);
  if (businessTime === null || recordedAt === null) return null;
  return new SqlChainLink(fields, businessTime.iso, recordedAt, data);
}

/**
 * Its content hash is computed when first asked for: a reader checks one page while the next is
 * being read, and stops at the first broken event.
 */
class SqlChainLink implements ChainLink {
  readonly position: bigint;
  readonly revision: bigint;
  readonly recordedAt: string;
  readonly recordedAtMs: number;
  private computedContentHash: string | null = null;

  constructor(
    private readonly fields: readonly string[],
    private readonly businessTime: string,
    recordedAt: { iso: string; ms: number },
    private readonly data: string,
  ) {
    this.position = BigInt(fields[0]);
    this.revision = BigInt(fields[1]);
    this.recordedAt = recordedAt.iso;
    this.recordedAtMs = recordedAt.ms;
  }

  get streamId(): string {
    return this.fields[13];
  }

  get eventId(): string {
    return this.fields[2];
  }

  get hash(): string {
    return this.fields[6];
  }

  get contentHash(): string {
    this.computedContentHash ??= this.computeContentHash();
    return this.computedContentHash;
  }

  private computeContentHash(): string {
    const [, , id, schemaVersion, , , , type, actor, role, correlationId, causationId, idempotencyKey, streamId] =
      this.fields;
    return contentHashOf({
      id,
      streamId,
      type,
      schemaVersion,
      businessTime: this.businessTime,
      canonicalData: canonicalJsonOfText(this.data),
      metadata: {
        actor,
        role,
        correlationId,
        causationId: optionalField(causationId),
        idempotencyKey: optionalField(idempotencyKey),
      },
    });
  }
}

/** 'n' for NULL, else 's' and the text. */
function optionalField(field: string): string | null {
  return field === 'n' ? null : field.slice(1);
}

/**
 * Timestamps parsed as `readAll` parses them (pg's parser for timestamptz), remembering the last
 * text of each: the events of one append share their recording time, and neighbours often their
 * business date.
 */
class TimestampTexts {
  private readonly parseTimestamp = types.getTypeParser(types.builtins.TIMESTAMPTZ) as (text: string) => unknown;
  private readonly last = new Map<string, { iso: string; ms: number }>();

  /** The ISO text and milliseconds of a timestamp, or null when it is no valid date. */
  parse(text: string): { iso: string; ms: number } | null {
    const known = this.last.get(text);
    if (known) return known;
    const date = this.parseTimestamp(text);
    if (!(date instanceof Date) || Number.isNaN(date.getTime())) return null;
    const parsed = { iso: date.toISOString(), ms: date.getTime() };
    if (this.last.size >= 64) this.last.clear();
    this.last.set(text, parsed);
    return parsed;
  }
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

interface PendingAppend {
  readonly appends: readonly StreamAppend[];
  readonly resolve: (results: AppendResult[]) => void;
  readonly reject: (error: unknown) => void;
}

interface AppendOneRow {
  stream_id: string | null;
  next_revision: string | null;
  last_position: string | null;
  already_recorded: boolean | null;
}

function toAppendResult(row: AppendOneRow): AppendResult {
  return {
    streamId: row.stream_id as string,
    nextExpectedRevision: row.next_revision === null ? -1n : BigInt(row.next_revision),
    position: BigInt(row.last_position ?? 0),
    alreadyRecorded: row.already_recorded === true,
  };
}

interface AppendManyRow extends AppendOneRow {
  append_index: number;
  error_code: string | null;
  error_message: string | null;
  error_detail: string | null;
  error_constraint: string | null;
}

/** One append as `ledger_append_many` takes it: parallel arrays, one entry per stream / per event. */
function encodeAppend(appends: readonly StreamAppend[]) {
  const events = appends.flatMap((append) => append.events);
  return {
    streams: appends.map((append) => append.streamId),
    expected: appends.map((append) => expectedAsText(append.expectedRevision)),
    counts: appends.map((append) => append.events.length),
    ids: events.map((event) => event.id),
    types: events.map((event) => event.type),
    versions: events.map((event) => event.schemaVersion),
    business: events.map((event) => event.businessTime.toISOString()),
    data: events.map((event) => event.data),
    actors: events.map((event) => event.metadata.actor),
    roles: events.map((event) => event.metadata.role),
    correlations: events.map((event) => event.metadata.correlationId),
    causations: events.map((event) => event.metadata.causationId),
    idempotency: events.map((event) => event.metadata.idempotencyKey),
    hashes: appends.flatMap((append) => append.events.map((event) => eventContentHash(append.streamId, event))),
  };
}

function expectedAsText(expected: ExpectedRevision): string {
  return typeof expected === 'bigint' ? expected.toString() : expected;
}

function expectedFromText(text: string): ExpectedRevision {
  return /^[0-9]+$/.test(text) ? BigInt(text) : (text as ExpectedRevision);
}

/** Turns the refusals `ledger_append` raises into the port's typed errors. */
function translate(error: unknown): unknown {
  const pgError = error as { code?: string; message?: string; detail?: string; constraint?: string };
  if (pgError?.code === '23505' && pgError.constraint === 'ledger_events_event_id_key') {
    // A later event of the batch was already recorded (the first was checked by the function).
    return new DuplicateEventIdError(
      /\(event_id\)=\(([^)]+)\)/.exec(pgError.detail ?? '')?.[1] ?? '-',
      'already recorded',
    );
  }
  if (pgError?.code !== 'P0001' || !pgError.detail) return error;
  const detail = JSON.parse(pgError.detail) as Record<string, string | number | null>;
  if (pgError.message === 'wrong_expected_revision') {
    return new WrongExpectedRevisionError(
      String(detail.stream),
      expectedFromText(String(detail.expected)),
      detail.actual === null ? null : BigInt(detail.actual),
    );
  }
  if (pgError.message === 'duplicate_event_id') {
    return new DuplicateEventIdError(
      String(detail.eventId),
      detail.otherStream === detail.stream
        ? 'already recorded, but not as this same batch of events'
        : `already recorded in stream ${String(detail.otherStream)}`,
    );
  }
  return error;
}
