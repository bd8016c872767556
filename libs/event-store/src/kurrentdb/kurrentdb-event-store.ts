import { Logger } from '@nestjs/common';
import {
  BACKWARDS,
  END,
  FORWARDS,
  KurrentDBClient,
  START,
  StreamNotFoundError,
  UnknownError,
  WrongExpectedVersionError,
  excludeSystemEvents,
  jsonEvent,
} from '@kurrent/kurrentdb-client';
import type {
  AllStreamSubscription,
  AppendStreamState,
  EventData,
  MultiAppendResult,
  Position,
  ReadPosition,
  ReadRevision,
} from '@kurrent/kurrentdb-client';

import { DuplicateEventIdError, EventStoreError, InvalidEventError, WrongExpectedRevisionError } from '../errors';
import type {
  AllSubscription,
  AppendResult,
  EventMetadata,
  EventStore,
  ExpectedRevision,
  JsonObject,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamAppend,
  SubscribeToAllOptions,
} from '../event-store.port';

/** The little the adapter logs: dropped subscriptions and their resubscription. */
export interface KurrentDbEventStoreLogger {
  warn(message: string): void;
}

export interface KurrentDbEventStoreOptions {
  /**
   * Whether `close()` disposes the client. Defaults to true (the brief: close disposes the client);
   * pass false when the caller shares one client between several owners.
   */
  readonly disposeClientOnClose?: boolean;
  /** Page size of `readAll` and of the reads behind it. Default 500. */
  readonly readPageSize?: number;
  /** Resubscription after a dropped subscription: bounded exponential backoff. */
  readonly resubscribe?: {
    /** First delay, doubled at each consecutive failure. Default 100 ms. */
    readonly initialDelayMs?: number;
    /** Upper bound of one delay. Default 5,000 ms. */
    readonly maxDelayMs?: number;
    /**
     * Consecutive failed attempts (no event delivered in between) before the subscription gives up
     * and throws the last error to its consumer. Default 10.
     */
    readonly maxAttempts?: number;
  };
  readonly logger?: KurrentDbEventStoreLogger;
}

/**
 * Where our fields travel in the KurrentDB event metadata. All values are strings: the client's
 * `multiStreamAppend` refuses anything else ("a plain object with string keys and string values"),
 * and one encoding for both append paths keeps every event decodable the same way. Null fields
 * (`causationId`, `idempotencyKey`) are left out. `$correlationId` / `$causationId` are the
 * KurrentDB conventions, understood by its system projections (`$by_correlation_id`).
 */
const META = {
  correlationId: '$correlationId',
  causationId: '$causationId',
  actor: 'actor',
  role: 'role',
  idempotencyKey: 'idempotencyKey',
  businessTime: 'businessTime',
  schemaVersion: 'schemaVersion',
} as const;

type StoredMetadata = Record<string, string>;

/** The shape shared by the client's stream, $all and subscription records. */
interface StoredRecord {
  readonly streamId: string;
  readonly id: string;
  readonly revision: bigint;
  readonly type: string;
  readonly created: Date;
  readonly isJson: boolean;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly position?: Position;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** KurrentDB reports "no commit position" (stream reads on old servers) as the max unsigned 64-bit value. */
const NO_POSITION = (1n << 64n) - 1n;
const STOP: unique symbol = Symbol('stop');

/**
 * Event store port on KurrentDB (`@kurrent/kurrentdb-client` 1.x).
 *
 * Requirements and guarantees:
 * - **Server 25.1 or later** for `appendToStreams`: it uses the client's `multiStreamAppend`
 *   (the v2 append session), which the server commits as one transaction: every stream is written
 *   or none is, and each stream's expected state is checked inside that transaction. All four of
 *   our expected states (any, no_stream, stream_exists, a revision) map one to one onto its
 *   `expectedState`, so nothing is checked outside the server's transaction and a partial write is
 *   impossible. On an older server the client throws `UnsupportedError` and nothing is written.
 * - Positions are KurrentDB commit positions. Since implicit transactions are the only kind the
 *   gRPC API writes, every event has commit position == prepare position == its own log position
 *   (see KurrentDB `AllReader`), so a position identifies one event, and increases along `$all`.
 *   `afterPosition` must therefore be 0, a position this store returned, or (slower: a scan) any
 *   other number.
 * - Reads that follow a write (`streamRevision`, the read-back after an append) ask the leader
 *   (`requiresLeader`), so a cluster gives read-your-writes.
 * - Event ids are UUIDs (KurrentDB requires it). KurrentDB deduplicates them per stream (a retried
 *   append is a no-op), not across streams: an id reused on another stream is not detected.
 */
export class KurrentDbEventStore implements EventStore {
  private readonly client: KurrentDBClient;
  private readonly disposeClientOnClose: boolean;
  private readonly readPageSize: number;
  private readonly retry: Required<NonNullable<KurrentDbEventStoreOptions['resubscribe']>>;
  private readonly logger: KurrentDbEventStoreLogger;
  private readonly subscriptions = new Set<KurrentDbAllSubscription>();
  private closed = false;

  constructor(connection: string | KurrentDBClient, options: KurrentDbEventStoreOptions = {}) {
    this.client = typeof connection === 'string' ? KurrentDBClient.connectionString(connection) : connection;
    this.disposeClientOnClose = options.disposeClientOnClose ?? true;
    this.readPageSize = Math.max(1, options.readPageSize ?? 500);
    this.retry = {
      initialDelayMs: options.resubscribe?.initialDelayMs ?? 100,
      maxDelayMs: options.resubscribe?.maxDelayMs ?? 5_000,
      maxAttempts: options.resubscribe?.maxAttempts ?? 10,
    };
    this.logger = options.logger ?? new Logger(KurrentDbEventStore.name);
  }

  // ---------------------------------------------------------------------------------------------
  // Appends
  // ---------------------------------------------------------------------------------------------

  /*
   * How `alreadyRecorded` is detected. KurrentDB makes a repeated append of the same event ids
   * idempotent: it writes nothing and answers success with the revisions where those events already
   * sit. Its answer looks exactly like a fresh write (same nextExpectedRevision), so we cannot tell
   * from the answer alone. Streams only grow, so we read the stream's revision just before the
   * append (`before`): a fresh write puts its last event strictly after `before`; an idempotent
   * replay points at events that were already there, at or below `before`. Hence
   * `alreadyRecorded = before !== null && nextExpectedRevision <= before`.
   * Then we read the last event of the append back (its global position, and a check that it is
   * ours). When the server instead answers "wrong expected version" (it does so when only part of
   * the batch is in place), we look at the place where the events should be: all of ours there →
   * already recorded; some → DuplicateEventIdError; none → WrongExpectedRevisionError.
   * Limit: two identical appends racing each other may both report `alreadyRecorded: false`
   * (one of them wrote, the other found the events committed after its own read); the effect is
   * still once.
   */
  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    this.assertOpen();
    const expected = options.expectedRevision;
    validateAppend({ streamId, expectedRevision: expected, events });
    const before = await this.streamRevision(streamId);
    let next: bigint;
    let conflict: { actual: bigint | null } | null = null;
    try {
      const result = await this.client.appendToStream(streamId, events.map(toEventData), {
        streamState: toStreamState(expected),
        requiresLeader: true,
      });
      // success=false only when the client was built with throwOnAppendFailure=false; its revision
      // is then unreliable (client bug), so the actual revision is read again.
      next = result.nextExpectedRevision;
      if (!result.success) conflict = { actual: await this.streamRevision(streamId) };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      next = -1n;
      conflict = { actual: currentOf(error) };
    }
    if (conflict !== null)
      return this.explainConflict({ streamId, expectedRevision: expected, events }, conflict.actual);
    return this.completeAppend(streamId, events, next, before);
  }

  async appendToStreams(all: readonly StreamAppend[]): Promise<AppendResult[]> {
    this.assertOpen();
    // A stream given with no events is a guard. KurrentDB cannot check a revision without writing,
    // so a guard is checked by a read just before the append: not atomic with it (a writer may slip
    // in between), which the SQL adapter's guards are.
    const guards = all.filter((append) => append.events.length === 0);
    const appends = all.filter((append) => append.events.length > 0);
    const guarded = await Promise.all(guards.map((guard) => this.checkGuard(guard)));
    if (appends.length === 0) return guarded;
    const streams = new Set<string>(guards.map((guard) => guard.streamId));
    const ids = new Set<string>();
    for (const append of appends) {
      validateAppend(append);
      if (streams.has(append.streamId)) {
        throw new InvalidEventError(
          append.events[0].id,
          `stream ${append.streamId} appears twice in one multi-stream append`,
        );
      }
      streams.add(append.streamId);
      for (const event of append.events) {
        if (ids.has(event.id.toLowerCase())) throw new InvalidEventError(event.id, 'appears twice in one append');
        ids.add(event.id.toLowerCase());
      }
    }
    const befores = await Promise.all(appends.map((append) => this.streamRevision(append.streamId)));
    let result: MultiAppendResult;
    try {
      result = await this.client.multiStreamAppend(
        appends.map((append) => ({
          streamName: append.streamId,
          events: append.events.map(toEventData),
          expectedState: toStreamState(append.expectedRevision),
        })),
      );
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      // Throws the conflict, or answers a batch already recorded.
      const explained = await this.explainMultiConflict(appends, error);
      const results = new Map([...guarded, ...explained].map((result) => [result.streamId, result]));
      return all.map((append) => results.get(append.streamId) as AppendResult);
    }
    const revisions = new Map(result.responses.map((response) => [response.streamName, response.revision]));
    const written = await Promise.all(
      appends.map((append, index) => {
        const next = revisions.get(append.streamId);
        if (next === undefined) {
          throw new Error(`KurrentDB multiStreamAppend answered without a revision for stream ${append.streamId}`);
        }
        return this.completeAppend(append.streamId, append.events, next, befores[index]);
      }),
    );
    const results = new Map([...guarded, ...written].map((result) => [result.streamId, result]));
    return all.map((append) => results.get(append.streamId) as AppendResult);
  }

  private async checkGuard(guard: StreamAppend): Promise<AppendResult> {
    const actual = await this.streamRevision(guard.streamId);
    const expected = guard.expectedRevision;
    const holds =
      expected === 'any' ||
      (expected === 'no_stream' && actual === null) ||
      (expected === 'stream_exists' && actual !== null) ||
      (typeof expected === 'bigint' && actual === expected);
    if (!holds) throw new WrongExpectedRevisionError(guard.streamId, expected, actual);
    return { streamId: guard.streamId, nextExpectedRevision: actual ?? -1n, position: 0n, alreadyRecorded: false };
  }

  private async completeAppend(
    streamId: string,
    events: readonly NewEvent[],
    next: bigint,
    before: bigint | null,
  ): Promise<AppendResult> {
    const last = await this.readAt(streamId, next);
    const lastId = events[events.length - 1].id;
    if (last === null || last.id.toLowerCase() !== lastId.toLowerCase()) {
      throw new Error(
        `KurrentDB reported stream ${streamId} at revision ${next}, but the event there is ${last?.id ?? 'missing'}, not ${lastId}`,
      );
    }
    return {
      streamId,
      nextExpectedRevision: next,
      position: last.position,
      alreadyRecorded: before !== null && next <= before,
    };
  }

  /** A rejected single-stream append: already recorded, partly recorded, or a real conflict. */
  private async explainConflict(append: StreamAppend, actual: bigint | null): Promise<AppendResult> {
    const found = await this.findInPlace(append);
    if (found.kind === 'all') return found.result;
    if (found.kind === 'some')
      throw new DuplicateEventIdError(found.eventId, 'only part of the batch is already recorded in this stream');
    throw new WrongExpectedRevisionError(append.streamId, append.expectedRevision, actual);
  }

  /**
   * A rejected multi-stream append wrote nothing (server transaction). It may be the retry of an
   * append that succeeded: then every stream holds our events where they were expected.
   */
  private async explainMultiConflict(
    appends: readonly StreamAppend[],
    error: WrongExpectedVersionError,
  ): Promise<AppendResult[]> {
    const found = await Promise.all(appends.map((append) => this.findInPlace(append)));
    const results = found.flatMap((f) => (f.kind === 'all' ? [f.result] : []));
    if (results.length === appends.length) return results;
    const index = found.findIndex((f) => f.kind !== 'none');
    if (index >= 0) {
      const f = found[index];
      throw new DuplicateEventIdError(
        f.kind === 'some' ? f.eventId : appends[index].events[0].id,
        'already recorded, but not by an identical multi-stream append',
      );
    }
    const conflicting = appends.find((append) => append.streamId === error.streamName);
    throw new WrongExpectedRevisionError(
      error.streamName,
      conflicting?.expectedRevision ?? error.expectedState,
      currentOf(error),
    );
  }

  /** Are the append's events where its expected revision says they would have been written? */
  private async findInPlace(
    append: StreamAppend,
  ): Promise<{ kind: 'all'; result: AppendResult } | { kind: 'some'; eventId: string } | { kind: 'none' }> {
    const expected = append.expectedRevision;
    // With 'any' or 'stream_exists' the place is unknown: nothing to compare.
    if (expected !== 'no_stream' && typeof expected !== 'bigint') return { kind: 'none' };
    const start = expected === 'no_stream' ? 0n : expected + 1n;
    const stored = await this.readStream(append.streamId, { fromRevision: start, maxCount: append.events.length });
    const storedIds = new Set(stored.map((event) => event.id.toLowerCase()));
    const inPlace = append.events.every((event, i) => stored[i]?.id.toLowerCase() === event.id.toLowerCase());
    if (inPlace) {
      const last = stored[stored.length - 1];
      return {
        kind: 'all',
        result: {
          streamId: append.streamId,
          nextExpectedRevision: last.revision,
          position: last.position,
          alreadyRecorded: true,
        },
      };
    }
    const present = append.events.find((event) => storedIds.has(event.id.toLowerCase()));
    return present ? { kind: 'some', eventId: present.id } : { kind: 'none' };
  }

  // ---------------------------------------------------------------------------------------------
  // Reads
  // ---------------------------------------------------------------------------------------------

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const direction = options.direction ?? 'forwards';
    const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    if (maxCount <= 0) return [];
    if (options.fromRevision !== undefined && options.fromRevision < 0n) return [];
    const fromRevision: ReadRevision = options.fromRevision ?? (direction === 'forwards' ? START : END);
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, {
        direction: direction === 'forwards' ? FORWARDS : BACKWARDS,
        fromRevision,
        maxCount,
        requiresLeader: true,
      })) {
        if (resolved.event === undefined) continue;
        events.push(decode(resolved.event, positionOf(resolved.event, resolved.commitPosition)));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  async streamRevision(streamId: string): Promise<bigint | null> {
    const [last] = await this.readStream(streamId, { direction: 'backwards', maxCount: 1 });
    return last?.revision ?? null;
  }

  private async readAt(streamId: string, revision: bigint): Promise<RecordedEvent | null> {
    const [event] = await this.readStream(streamId, { fromRevision: revision, maxCount: 1 });
    return event !== undefined && event.revision === revision ? event : null;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const after = options.afterPosition ?? 0n;
    const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    if (maxCount <= 0) return [];
    if (after <= 0n) return this.readAllFrom(START, after, maxCount);
    try {
      // An event's own position is a valid read position, and the read includes that event.
      return await this.readAllFrom({ commit: after, prepare: after }, after, maxCount);
    } catch (error) {
      // A number that is not an event boundary makes the server answer "invalid position" (the
      // client reports it as UnknownError). Fall back to a scan that skips everything up to it.
      if (error instanceof UnknownError) return this.readAllFrom(START, after, maxCount);
      throw error;
    }
  }

  /**
   * Pages through $all from `from` (inclusive), keeping our events strictly after `after`.
   * System events are filtered out by the server (excludeSystemEvents) and again here.
   */
  private async readAllFrom(from: ReadPosition, after: bigint, maxCount: number): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    let cursor = from;
    let seen = after;
    while (events.length < maxCount) {
      // +1: a page starting at an already-seen event's position returns that event again.
      const pageSize = Math.min(this.readPageSize, maxCount - events.length + 1);
      let received = 0;
      let lastPosition: Position | null = null;
      for await (const resolved of this.client.readAll({
        fromPosition: cursor,
        maxCount: pageSize,
        filter: excludeSystemEvents(),
        requiresLeader: true,
      })) {
        received += 1;
        const record = resolved.event;
        if (record === undefined) continue;
        lastPosition = record.position;
        const position = positionOf(record, resolved.commitPosition);
        if (position <= seen) continue;
        seen = position;
        if (isSystem(record) || events.length >= maxCount) continue;
        events.push(decode(record, position));
      }
      if (received < pageSize || lastPosition === null) break; // end of the log
      cursor = lastPosition;
    }
    return events;
  }

  async headPosition(): Promise<bigint> {
    this.assertOpen();
    for await (const resolved of this.client.readAll({
      direction: BACKWARDS,
      fromPosition: END,
      maxCount: 16,
      filter: excludeSystemEvents(),
      requiresLeader: true,
    })) {
      if (resolved.event === undefined || isSystem(resolved.event)) continue;
      return positionOf(resolved.event, resolved.commitPosition);
    }
    return 0n;
  }

  // ---------------------------------------------------------------------------------------------
  // Subscription
  // ---------------------------------------------------------------------------------------------

  subscribeToAll(options: SubscribeToAllOptions = {}): AllSubscription {
    this.assertOpen();
    const subscription = new KurrentDbAllSubscription(
      this.client,
      options.afterPosition ?? 0n,
      Math.max(1, options.batchSize ?? 256),
      this.retry,
      this.logger,
      () => this.subscriptions.delete(subscription),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.unsubscribe()));
    if (this.disposeClientOnClose) await this.client.dispose();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('KurrentDbEventStore is closed');
  }
}

/**
 * Catch-up then live subscription to $all with our own resubscription. The client does not
 * resubscribe a dropped subscription; we do, from the position of the last event we delivered
 * (KurrentDB's `fromPosition` is exclusive for subscriptions), with a bounded exponential backoff.
 * Every event whose position is not above the last delivered one is dropped, so an overlap after a
 * resubscription can never deliver an event twice; since positions increase along $all and we
 * resume exactly after the last delivered one, none is skipped either.
 */
class KurrentDbAllSubscription implements AllSubscription {
  private stopped = false;
  private started = false;
  private current: AllStreamSubscription | null = null;
  private readonly stop: Promise<typeof STOP>;
  private signalStop: () => void = () => undefined;

  constructor(
    private readonly client: KurrentDBClient,
    private readonly afterPosition: bigint,
    private readonly bufferSize: number,
    private readonly retry: { initialDelayMs: number; maxDelayMs: number; maxAttempts: number },
    private readonly logger: KurrentDbEventStoreLogger,
    private readonly onClosed: () => void,
  ) {
    this.stop = new Promise((resolve) => {
      this.signalStop = () => resolve(STOP);
    });
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    if (this.started) throw new Error('a KurrentDB subscription can be iterated only once');
    this.started = true;
    return this.run();
  }

  async unsubscribe(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.signalStop();
    const current = this.current;
    this.current = null;
    if (current !== null) await cancel(current);
    this.onClosed();
  }

  private async *run(): AsyncGenerator<RecordedEvent, void, undefined> {
    let last = this.afterPosition;
    let failures = 0;
    try {
      while (!this.stopped) {
        const subscription = this.client.subscribeToAll(
          {
            fromPosition: last > 0n ? { commit: last, prepare: last } : START,
            filter: excludeSystemEvents(),
          },
          { highWaterMark: this.bufferSize },
        );
        // The iterator below reports errors; this listener only keeps an early 'error' from being unhandled.
        subscription.on('error', () => undefined);
        this.current = subscription;
        const iterator = subscription[Symbol.asyncIterator]();
        let failure: unknown = new Error('the KurrentDB subscription ended');
        try {
          for (;;) {
            // unsubscribe() destroys the client stream, which settles a pending next().
            const step = await iterator.next();
            if (this.stopped) return;
            if (step.done === true) break; // ended without an error: treat as a drop
            const record = step.value.event;
            if (record === undefined || isSystem(record)) continue;
            const position = positionOf(record, step.value.commitPosition);
            if (position <= last) continue; // already delivered before a resubscription
            const event = decode(record, position);
            last = position;
            failures = 0;
            yield event;
            if (this.stopped) return;
          }
        } catch (error) {
          if (this.stopped) return;
          // Our own errors (an undecodable event) would recur on every resubscription.
          if (error instanceof EventStoreError) throw error;
          failure = error;
        } finally {
          if (this.current === subscription) this.current = null;
          await cancel(subscription);
        }
        failures += 1;
        if (failures > this.retry.maxAttempts) throw failure;
        const delay = Math.min(this.retry.maxDelayMs, this.retry.initialDelayMs * 2 ** (failures - 1));
        this.logger.warn(
          `subscription to $all dropped after position ${last} (${describeError(failure)}); resubscribing in ${delay} ms (attempt ${failures}/${this.retry.maxAttempts})`,
        );
        if ((await this.sleep(delay)) === STOP) return;
      }
    } finally {
      this.stopped = true;
      this.signalStop();
      this.onClosed();
    }
  }

  private async sleep(ms: number): Promise<typeof STOP | void> {
    let timer: NodeJS.Timeout | undefined;
    const delay = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
    });
    try {
      return await Promise.race([delay, this.stop]);
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * Stops one client subscription. Destroying our side settles a pending read at once; the gRPC call
 * is cancelled in the background (the client awaits the call's creation first, which can take a
 * while when the server is unreachable, and `close()` disposing the client cancels it anyway).
 */
function cancel(subscription: AllStreamSubscription): Promise<void> {
  subscription.destroy();
  subscription.unsubscribe().catch(() => undefined);
  return Promise.resolve();
}

// -----------------------------------------------------------------------------------------------
// Mapping
// -----------------------------------------------------------------------------------------------

function toStreamState(expected: ExpectedRevision): AppendStreamState {
  switch (expected) {
    case 'any':
      return 'any';
    case 'no_stream':
      return 'no_stream';
    case 'stream_exists':
      return 'stream_exists';
    default:
      return expected;
  }
}

function currentOf(error: WrongExpectedVersionError): bigint | null {
  const actual = error.actualState;
  return typeof actual === 'bigint' && actual >= 0n ? actual : null;
}

function toEventData(event: NewEvent): EventData {
  return jsonEvent({ id: event.id, type: event.type, data: event.data, metadata: encodeMetadata(event) });
}

function encodeMetadata(event: NewEvent): StoredMetadata {
  const metadata: StoredMetadata = {
    [META.correlationId]: event.metadata.correlationId,
    [META.actor]: event.metadata.actor,
    [META.role]: event.metadata.role,
    [META.businessTime]: event.businessTime.toISOString(),
    [META.schemaVersion]: String(event.schemaVersion),
  };
  if (event.metadata.causationId !== null) metadata[META.causationId] = event.metadata.causationId;
  if (event.metadata.idempotencyKey !== null) metadata[META.idempotencyKey] = event.metadata.idempotencyKey;
  return metadata;
}

function decode(record: StoredRecord, position: bigint): RecordedEvent {
  const invalid = (reason: string): never => {
    throw new InvalidEventError(record.id, `stored in ${record.streamId}@${record.revision}: ${reason}`);
  };
  if (!record.isJson || !isPlainObject(record.data)) invalid('data is not a JSON object');
  const stored = record.metadata;
  if (!isPlainObject(stored)) return invalid('metadata is not a JSON object');
  const text = (key: string): string => {
    const value = stored[key];
    return typeof value === 'string' ? value : invalid(`metadata ${key} is missing`);
  };
  const optional = (key: string): string | null => {
    const value = stored[key];
    return typeof value === 'string' ? value : null;
  };
  const schemaVersion = text(META.schemaVersion);
  if (!/^\d+$/.test(schemaVersion)) invalid(`metadata ${META.schemaVersion} is not an integer`);
  const businessTime = new Date(text(META.businessTime));
  if (Number.isNaN(businessTime.getTime())) invalid(`metadata ${META.businessTime} is not a date`);
  const metadata: EventMetadata = {
    actor: text(META.actor),
    role: text(META.role),
    correlationId: text(META.correlationId),
    causationId: optional(META.causationId),
    idempotencyKey: optional(META.idempotencyKey),
  };
  return {
    id: record.id,
    type: record.type,
    schemaVersion: Number(schemaVersion),
    businessTime,
    data: record.data as JsonObject,
    metadata,
    streamId: record.streamId,
    revision: record.revision,
    position,
    recordedAt: record.created,
    hash: null,
  };
}

/** The event's commit position (== its prepare position for everything the gRPC API writes). */
function positionOf(record: StoredRecord, commitPosition: bigint | undefined): bigint {
  const valid = (value: bigint | undefined): value is bigint =>
    value !== undefined && value >= 0n && value < NO_POSITION;
  if (valid(record.position?.commit)) return record.position.commit;
  if (valid(record.position?.prepare)) return record.position.prepare;
  if (valid(commitPosition)) return commitPosition;
  throw new Error(`KurrentDB returned no position for event ${record.id}; server 22.6 or later is required`);
}

function isSystem(record: { streamId: string; type: string }): boolean {
  return record.type.startsWith('$') || record.streamId.startsWith('$');
}

// -----------------------------------------------------------------------------------------------
// Validation: refuse what KurrentDB would store but we could not read back identically.
// -----------------------------------------------------------------------------------------------

function validateAppend(append: StreamAppend): void {
  const { streamId, events } = append;
  const firstEventId = events[0]?.id ?? '';
  if (typeof streamId !== 'string' || streamId.length === 0)
    throw new InvalidEventError(firstEventId, 'stream id is empty');
  if (streamId.startsWith('$'))
    throw new InvalidEventError(firstEventId, `stream id ${streamId} is reserved for KurrentDB system streams`);
  if (events.length === 0) throw new InvalidEventError('', `an append to ${streamId} needs at least one event`);
  const ids = new Set<string>();
  for (const event of events) {
    validateEvent(event);
    const id = event.id.toLowerCase();
    if (ids.has(id)) throw new InvalidEventError(event.id, 'appears twice in one append');
    ids.add(id);
  }
}

function validateEvent(event: NewEvent): void {
  const invalid = (reason: string): never => {
    throw new InvalidEventError(String(event.id), reason);
  };
  if (typeof event.id !== 'string' || !UUID.test(event.id)) invalid('id is not a UUID');
  if (typeof event.type !== 'string' || event.type.length === 0) invalid('type is empty');
  if (event.type.startsWith('$')) invalid(`type ${event.type} is reserved for KurrentDB system events`);
  if (!Number.isSafeInteger(event.schemaVersion) || event.schemaVersion < 1)
    invalid('schemaVersion is not a positive integer');
  if (!(event.businessTime instanceof Date) || Number.isNaN(event.businessTime.getTime()))
    invalid('businessTime is not a valid date');
  if (!isPlainObject(event.data)) invalid('data is not a JSON object');
  const problem = jsonProblem(event.data, 'data');
  if (problem !== null) invalid(problem);
  const metadata = event.metadata as EventMetadata | undefined;
  if (metadata === undefined || metadata === null) return invalid('metadata is missing');
  for (const key of ['actor', 'role', 'correlationId'] as const) {
    if (typeof metadata[key] !== 'string' || metadata[key].length === 0) invalid(`metadata.${key} is missing`);
  }
  for (const key of ['causationId', 'idempotencyKey'] as const) {
    if (metadata[key] !== null && typeof metadata[key] !== 'string')
      invalid(`metadata.${key} is neither a string nor null`);
  }
}

function jsonProblem(value: unknown, path: string): string | null {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return null;
    case 'number':
      return Number.isFinite(value) ? null : `${path} is not a finite number`;
    case 'bigint':
      return `${path} is a bigint (amounts travel as strings of minor units)`;
    case 'object': {
      if (value === null) return null;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          const problem = jsonProblem(value[i], `${path}[${i}]`);
          if (problem !== null) return problem;
        }
        return null;
      }
      if (!isPlainObject(value)) return `${path} is not a plain JSON object`;
      for (const [key, item] of Object.entries(value)) {
        const problem = jsonProblem(item, `${path}.${key}`);
        if (problem !== null) return problem;
      }
      return null;
    }
    default:
      return `${path} is not JSON (${typeof value})`;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
