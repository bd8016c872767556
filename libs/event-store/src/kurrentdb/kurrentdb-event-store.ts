import { Logger } from '@nestjs/common';
import {
  AppendRecordSizeExceededError,
  BACKWARDS,
  CancelledError,
  DeadlineExceededError,
  END,
  FORWARDS,
  KurrentDBClient,
  MaxAppendSizeExceededError,
  NotLeaderError,
  START,
  StreamDeletedError,
  StreamNotFoundError,
  StreamTombstonedError,
  TimeoutError,
  TransactionMaxSizeExceededError,
  UnavailableError,
  UnknownError,
  WrongExpectedVersionError,
  jsonEvent,
  streamNameFilter,
} from '@kurrent/kurrentdb-client';
import type {
  AllStreamSubscription,
  EventData,
  MultiAppendResult,
  Position,
  ReadPosition,
  ReadRevision,
} from '@kurrent/kurrentdb-client';

import {
  DuplicateEventIdError,
  EventStoreError,
  EventStoreUnavailableError,
  InvalidEventError,
  WrongExpectedRevisionError,
} from '../errors';
import { eventContentHash, streamChainHashOf } from '../event-hash';
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
  /**
   * Every ledger stream is `<prefix><stream id>` in KurrentDB, and `$all` is read through a
   * server-side filter on it: other applications' streams in the same database are never seen
   * (and, should one slip through, skipped and counted, never fatal). Default `ledger.`.
   */
  readonly streamPrefix?: string;
  /** Largest append (events' data and metadata) sent; the server's own default limit is 1 MiB. */
  readonly maxAppendBytes?: number;
  /** Resubscription after a dropped subscription: bounded exponential backoff, for ever. */
  readonly resubscribe?: {
    /** First delay, doubled at each consecutive failure. Default 100 ms. */
    readonly initialDelayMs?: number;
    /** Upper bound of one delay. Default 5,000 ms. */
    readonly maxDelayMs?: number;
    /**
     * Consecutive failed attempts (no event delivered in between) before the subscription gives up
     * and throws the last error to its consumer. Default: never (a server down for an hour is
     * waited for, with a warning at each attempt).
     */
    readonly maxAttempts?: number;
  };
  readonly logger?: KurrentDbEventStoreLogger;
}

/** The oldest server the adapter accepts: multi-stream appends (the v2 append session) came in 25.1. */
export const MINIMUM_KURRENTDB_VERSION = '25.1';

/**
 * Where our fields travel in the KurrentDB event metadata. All values are strings: the client's
 * `multiStreamAppend` refuses anything else ("a plain object with string keys and string values"),
 * and one encoding for both append paths keeps every event decodable the same way. Null fields
 * (`causationId`, `idempotencyKey`) are left out. `$correlationId` / `$causationId` are the
 * KurrentDB conventions, understood by its system projections (`$by_correlation_id`).
 * `contentHash` and `chain` are the adapter's tamper evidence (see `streamChainHashOf`).
 */
const META = {
  correlationId: '$correlationId',
  causationId: '$causationId',
  actor: 'actor',
  role: 'role',
  idempotencyKey: 'idempotencyKey',
  businessTime: 'businessTime',
  schemaVersion: 'schemaVersion',
  contentHash: 'contentHash',
  chain: 'chain',
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

/** What a stream's tail, read just before an append, tells: its revision and its last events. */
interface Tail {
  readonly revision: bigint | null;
  /** Oldest first. */
  readonly events: readonly RecordedEvent[];
}

/**
 * Event store port on KurrentDB (`@kurrent/kurrentdb-client` 1.x), server 25.1 or later.
 *
 * - **Atomic appends**: every append, one stream or several, goes through the client's
 *   `multiStreamAppend` (the v2 append session), which the server commits as one transaction:
 *   every stream is written or none is, each stream's expected state checked inside it.
 * - **Once only**: the server deduplicates event ids only when the expected revision is *behind*
 *   the stream (or, for `any`, through an in-memory cache a restart clears). So the adapter never
 *   sends `any` or `stream_exists`: it reads the stream's tail and pins the revision (retrying on a
 *   race), and before writing at the current revision it looks whether the events are already
 *   there (a retry after a lost answer): then nothing is written and the answer says
 *   `alreadyRecorded`. The ledger's commands do not rest on this: each keyed command's record is
 *   a `no_stream` stream in the same append, refused by the server itself on a second run.
 * - **Unknown outcomes are re-read, not guessed**: an append whose answer is lost (unavailable,
 *   deadline, or the INTERNAL error 25.1 gives for a partly idempotent multi-stream append) is
 *   looked for in the streams: all there → done; none → `EventStoreUnavailableError` saying
 *   nothing was written; part → the duplicate is refused.
 * - **Positions** are KurrentDB log positions (byte offsets: increasing along `$all`, never dense).
 *   An append's answer carries the position of its commit, which every stream of it reports.
 * - **Tamper evidence**: a content hash and a per-stream chain in each event's metadata
 *   (`streamChainHashOf`); there is no global chain, since the position is not known when hashing.
 * - **Retention**: a ledger stream carrying `$maxAge`, `$maxCount` or `$tb` metadata, or deleted,
 *   is refused on first use (the service user needs read access to `$$<stream>` metastreams).
 * - Reads that decide a command (`readStream`) ask the leader; `$all` reads (projections, audit,
 *   exports) may be served by a follower — their readers wait on positions.
 */
export class KurrentDbEventStore implements EventStore {
  /** Per-stream chains in metadata, positions not dense: see `verifyLedger`. */
  readonly tamperEvidence = 'stream-chain' as const;
  private readonly client: KurrentDBClient;
  private readonly disposeClientOnClose: boolean;
  private readonly readPageSize: number;
  private readonly prefix: string;
  private readonly maxAppendBytes: number;
  private readonly retry: Required<NonNullable<KurrentDbEventStoreOptions['resubscribe']>>;
  private readonly logger: KurrentDbEventStoreLogger;
  private readonly subscriptions = new Set<KurrentDbAllSubscription>();
  /** Streams whose metadata was checked for retention in this process (bounded). */
  private readonly checkedStreams = new Set<string>();
  private serverChecked: Promise<void> | null = null;
  private foreign = 0;
  private closed = false;

  constructor(connection: string | KurrentDBClient, options: KurrentDbEventStoreOptions = {}) {
    this.client = typeof connection === 'string' ? KurrentDBClient.connectionString(connection) : connection;
    this.disposeClientOnClose = options.disposeClientOnClose ?? true;
    this.readPageSize = Math.max(1, options.readPageSize ?? 500);
    this.prefix = options.streamPrefix ?? 'ledger.';
    if (this.prefix.startsWith('$')) throw new Error('the stream prefix may not start with $ (system streams)');
    this.maxAppendBytes = options.maxAppendBytes ?? 1_000_000;
    this.retry = {
      initialDelayMs: options.resubscribe?.initialDelayMs ?? 100,
      maxDelayMs: options.resubscribe?.maxDelayMs ?? 5_000,
      maxAttempts: options.resubscribe?.maxAttempts ?? Number.POSITIVE_INFINITY,
    };
    this.logger = options.logger ?? new Logger(KurrentDbEventStore.name);
  }

  /** Events of other applications met in `$all` reads and skipped (a server-side filter keeps them out). */
  get foreignEventsSkipped(): number {
    return this.foreign;
  }

  // ---------------------------------------------------------------------------------------------
  // Appends
  // ---------------------------------------------------------------------------------------------

  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    validateAppend({ streamId, expectedRevision: options.expectedRevision, events });
    const [result] = await this.appendToStreams([{ streamId, expectedRevision: options.expectedRevision, events }]);
    return result;
  }

  async appendToStreams(all: readonly StreamAppend[]): Promise<AppendResult[]> {
    this.assertOpen();
    await this.checkServer();
    // A stream given with no events is a guard. KurrentDB cannot check a revision without writing,
    // so a guard is checked by a read just before the append: not atomic with it (a writer may slip
    // in between), which the SQL adapter's guards are.
    const guards = all.filter((append) => append.events.length === 0);
    const appends = all.filter((append) => append.events.length > 0);
    const streams = new Set<string>(guards.map((guard) => guard.streamId.toLowerCase()));
    const ids = new Set<string>();
    for (const append of appends) {
      validateAppend(append);
      // The server's append session refuses two names equal but for case (its storage would not).
      if (streams.has(append.streamId.toLowerCase())) {
        throw new InvalidEventError(
          append.events[0].id,
          `stream ${append.streamId} appears twice in one multi-stream append (KurrentDB compares names ignoring case there)`,
        );
      }
      streams.add(append.streamId.toLowerCase());
      for (const event of append.events) {
        if (ids.has(event.id.toLowerCase())) throw new InvalidEventError(event.id, 'appears twice in one append');
        ids.add(event.id.toLowerCase());
      }
    }
    const guarded = await Promise.all(guards.map((guard) => this.checkGuard(guard)));
    if (appends.length === 0) return guarded;
    const written = await this.appendPinned(appends);
    const results = new Map([...guarded, ...written].map((result) => [result.streamId, result]));
    return all.map((append) => results.get(append.streamId) as AppendResult);
  }

  /**
   * One multi-stream append with every expected revision pinned: reads what it must (the tails of
   * the streams not expected absent, and where the log ends), returns early if the events are
   * already there, writes with the chain in each event's metadata, and explains a refusal.
   */
  private async appendPinned(appends: readonly StreamAppend[], attempt = 1): Promise<AppendResult[]> {
    const [head, ...tails] = await Promise.all([
      this.lastLogPosition(),
      ...appends.map((append) =>
        append.expectedRevision === 'no_stream'
          ? Promise.resolve<Tail>({ revision: null, events: [] })
          : this.tailOf(append.streamId, append.events.length),
      ),
    ]);
    // A retry whose first run was written: the streams read show the events at their tail.
    const read = appends.flatMap((append, index) => (append.expectedRevision === 'no_stream' ? [] : [index]));
    const found = appends.map((append, index) => inPlaceAtTail(append, tails[index]));
    const there = read.filter((index) => found[index] !== null);
    if (there.length > 0) {
      if (there.length < read.length)
        throw new DuplicateEventIdError(
          appends[there[0]].events[0].id,
          'already recorded, but not by this whole append',
        );
      // The streams expected absent were not read: look at them now (this is the rare path).
      const rest = await Promise.all(
        appends.map((append, index) => (found[index] !== null ? null : this.findInPlace(append))),
      );
      if (rest.every((f) => f === null || f.kind === 'all'))
        return appends.map((_, index) => found[index] ?? (rest[index] as { result: AppendResult }).result);
      throw new DuplicateEventIdError(appends[there[0]].events[0].id, 'already recorded, but not by this whole append');
    }
    const pinned = appends.map((append, index): { append: StreamAppend; expected: bigint | 'no_stream' } => {
      const tail = tails[index];
      const expected = append.expectedRevision;
      if (expected === 'no_stream' || typeof expected === 'bigint') return { append, expected };
      if (expected === 'stream_exists' && tail.revision === null)
        throw new WrongExpectedRevisionError(append.streamId, expected, null);
      return { append, expected: tail.revision ?? 'no_stream' };
    });
    const outgoing = pinned.map(({ append, expected }, index) => ({
      streamName: this.server(append.streamId),
      events: this.chained(append, expected, tails[index]),
      expectedState: expected,
    }));
    const size = outgoing.reduce(
      (sum, stream) =>
        sum + stream.events.reduce((bytes, event) => bytes + JSON.stringify([event.data, event.metadata]).length, 0),
      0,
    );
    if (size > this.maxAppendBytes)
      throw new InvalidEventError(
        appends[0].events[0].id,
        `the append is ${size} bytes, more than the ${this.maxAppendBytes} a KurrentDB append may carry`,
      );
    let result: MultiAppendResult;
    try {
      result = await this.client.multiStreamAppend(outgoing);
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        const explained = await this.explainConflict(appends, error);
        if (explained !== 'retry') return explained;
        // `any` / `stream_exists` were pinned to a revision another writer has since moved.
        if (attempt >= 100) throw new WrongExpectedRevisionError(error.streamName, 'any', currentOf(error));
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 2 ** Math.min(attempt, 6)));
        return this.appendPinned(appends, attempt + 1);
      }
      if (isSizeError(error)) throw new InvalidEventError(appends[0].events[0].id, (error as Error).message);
      if (!(translate(error) instanceof EventStoreUnavailableError) && !(error instanceof UnknownError)) throw error;
      return this.afterUnknownOutcome(appends, error);
    }
    const revisions = new Map(result.responses.map((response) => [response.streamName, response.revision]));
    return appends.map((append) => {
      const next = revisions.get(this.server(append.streamId));
      if (next === undefined)
        throw new Error(`KurrentDB multiStreamAppend answered without a revision for stream ${append.streamId}`);
      return {
        streamId: append.streamId,
        nextExpectedRevision: next,
        position: result.position,
        // An identical append the server deduplicated answers the position it was first written at.
        alreadyRecorded: result.position <= head,
      };
    });
  }

  /** The events as sent: our metadata, with the content hash and the stream chain. */
  private chained(append: StreamAppend, expected: bigint | 'no_stream', tail: Tail): EventData[] {
    let previous = expected === 'no_stream' ? null : chainOf(tail.events[tail.events.length - 1]);
    let revision = expected === 'no_stream' ? 0n : expected + 1n;
    return append.events.map((event) => {
      const contentHash = eventContentHash(append.streamId, event);
      const chain = streamChainHashOf(previous, revision, contentHash);
      previous = chain;
      revision += 1n;
      return toEventData(event, { [META.contentHash]: contentHash, [META.chain]: chain });
    });
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

  /**
   * A refused append wrote nothing (server transaction). It may be the retry of one that
   * succeeded: then every stream holds our events where they were expected → already recorded.
   * Part of them → a duplicate. None → a real conflict ('retry' when we pinned the revision).
   */
  private async explainConflict(
    appends: readonly StreamAppend[],
    error: WrongExpectedVersionError,
  ): Promise<AppendResult[] | 'retry'> {
    const found = await Promise.all(appends.map((append) => this.findInPlace(append)));
    const results = found.flatMap((f) => (f.kind === 'all' ? [f.result] : []));
    if (results.length === appends.length) return results;
    const index = found.findIndex((f) => f.kind !== 'none');
    if (index >= 0) {
      const f = found[index];
      throw new DuplicateEventIdError(
        f.kind === 'some' ? f.eventId : appends[index].events[0].id,
        'already recorded, but not by an identical append',
      );
    }
    const conflicting = appends.find((append) => this.server(append.streamId) === error.streamName);
    if (conflicting && (conflicting.expectedRevision === 'any' || conflicting.expectedRevision === 'stream_exists'))
      return 'retry';
    throw new WrongExpectedRevisionError(
      conflicting?.streamId ?? error.streamName,
      conflicting?.expectedRevision ?? error.expectedState,
      currentOf(error),
    );
  }

  /** The append's answer was lost or garbled: look in the streams instead of guessing. */
  private async afterUnknownOutcome(appends: readonly StreamAppend[], error: unknown): Promise<AppendResult[]> {
    let found: Awaited<ReturnType<KurrentDbEventStore['findInPlace']>>[];
    try {
      found = await Promise.all(appends.map((append) => this.findInPlace(append)));
    } catch {
      throw new EventStoreUnavailableError(describeError(error), null);
    }
    if (found.every((f) => f.kind === 'all'))
      return found.map((f) => ({ ...(f as { result: AppendResult }).result, alreadyRecorded: false }));
    const index = found.findIndex((f) => f.kind !== 'none');
    if (index >= 0) {
      // Server 25.1 answers INTERNAL when a multi-stream append was partly recorded already.
      const f = found[index];
      throw new DuplicateEventIdError(
        f.kind === 'some' ? f.eventId : appends[index].events[0].id,
        'already recorded, but not by an identical append',
      );
    }
    throw new EventStoreUnavailableError(describeError(error), false);
  }

  /** Are the append's events where its expected revision says they would have been written? */
  private async findInPlace(
    append: StreamAppend,
  ): Promise<{ kind: 'all'; result: AppendResult } | { kind: 'some'; eventId: string } | { kind: 'none' }> {
    const expected = append.expectedRevision;
    const stored =
      expected === 'no_stream' || typeof expected === 'bigint'
        ? await this.readStream(append.streamId, {
            fromRevision: expected === 'no_stream' ? 0n : expected + 1n,
            maxCount: append.events.length,
          })
        : // `any` / `stream_exists`: the place is not known; ours would be among the last events.
          (await this.tailOf(append.streamId, append.events.length * 4)).events;
    const ids = append.events.map((event) => event.id.toLowerCase());
    const at = stored.findIndex((event) => event.id.toLowerCase() === ids[0]);
    const inPlace = at >= 0 && ids.every((id, i) => stored[at + i]?.id.toLowerCase() === id);
    if (inPlace) {
      const last = stored[at + ids.length - 1];
      return {
        kind: 'all',
        result: {
          streamId: append.streamId,
          nextExpectedRevision: (await this.streamRevision(append.streamId)) ?? last.revision,
          position: last.position,
          alreadyRecorded: true,
        },
      };
    }
    const storedIds = new Set(stored.map((event) => event.id.toLowerCase()));
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
    const read = async (): Promise<RecordedEvent[]> => {
      const events: RecordedEvent[] = [];
      for await (const resolved of this.client.readStream(this.server(streamId), {
        direction: direction === 'forwards' ? FORWARDS : BACKWARDS,
        fromRevision,
        maxCount,
        requiresLeader: true,
      })) {
        if (resolved.event === undefined) continue;
        events.push(decode(resolved.event, positionOf(resolved.event, resolved.commitPosition), streamId));
      }
      return events;
    };
    try {
      const [events] = await Promise.all([read(), this.checkRetention(streamId)]);
      return events;
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      if (error instanceof StreamDeletedError || error instanceof StreamTombstonedError)
        throw new InvalidEventError('', `ledger stream ${streamId} was deleted in KurrentDB: events are gone`);
      throw translate(error);
    }
  }

  async streamRevision(streamId: string): Promise<bigint | null> {
    const [last] = await this.readStream(streamId, { direction: 'backwards', maxCount: 1 });
    return last?.revision ?? null;
  }

  /** The last `count` events of a stream (at least one), oldest first, and its revision. */
  private async tailOf(streamId: string, count: number): Promise<Tail> {
    const events = (
      await this.readStream(streamId, { direction: 'backwards', maxCount: Math.max(1, count) })
    ).reverse();
    return { revision: events[events.length - 1]?.revision ?? null, events };
  }

  /**
   * Refuses a ledger stream whose metadata would let the server drop events ($maxAge, $maxCount,
   * $tb): its state and the read models would then disagree. Checked once per stream per process.
   */
  private async checkRetention(streamId: string): Promise<void> {
    if (this.checkedStreams.has(streamId)) return;
    const { metadata } = await this.client.getStreamMetadata(this.server(streamId));
    if (metadata && (metadata.maxAge != null || metadata.maxCount != null || metadata.truncateBefore != null)) {
      throw new InvalidEventError(
        '',
        `ledger stream ${streamId} carries retention metadata (${JSON.stringify(metadata)}): KurrentDB may drop its events; remove it`,
      );
    }
    if (this.checkedStreams.size >= 100_000) this.checkedStreams.clear();
    this.checkedStreams.add(streamId);
  }

  /**
   * The server is recent enough (multi-stream appends), checked once through its features: at
   * start (the runtime calls it, so a wrong server fails the start naming it) and before appending.
   */
  checkServer(): Promise<void> {
    this.serverChecked ??= (async () => {
      const features = await (this.client as unknown as { capabilities: Promise<{ serverVersion?: string }> })
        .capabilities;
      const version = features.serverVersion ?? '';
      if (!atLeast(version, MINIMUM_KURRENTDB_VERSION))
        throw new Error(
          `KurrentDB server ${version || 'of unknown version'}: the ledger needs ${MINIMUM_KURRENTDB_VERSION} or later`,
        );
    })().catch((error: unknown) => {
      this.serverChecked = null;
      throw translate(error);
    });
    return this.serverChecked;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const after = options.afterPosition ?? 0n;
    const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    if (maxCount <= 0) return [];
    try {
      if (after <= 0n) return await this.readAllFrom(START, after, maxCount);
      try {
        // An event's own position is a valid read position, and the read includes that event.
        return await this.readAllFrom({ commit: after, prepare: after }, after, maxCount);
      } catch (error) {
        // A number that is not an event boundary: the server answers "invalid position". Only then,
        // fall back to a scan that skips everything up to it.
        if (isInvalidPosition(error)) return await this.readAllFrom(START, after, maxCount);
        throw error;
      }
    } catch (error) {
      throw translate(error);
    }
  }

  /**
   * Pages through the ledger's streams in $all from `from` (inclusive), keeping events strictly
   * after `after`. Read from any node (not only the leader): readers of $all wait on positions.
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
        filter: streamNameFilter({ prefixes: [this.prefix] }),
        requiresLeader: false,
      })) {
        received += 1;
        const record = resolved.event;
        if (record === undefined) continue;
        lastPosition = record.position;
        const position = positionOf(record, resolved.commitPosition);
        if (position <= seen) continue;
        seen = position;
        const streamId = this.ours(record);
        if (streamId === null || events.length >= maxCount) continue;
        events.push(decode(record, position, streamId));
      }
      if (received < pageSize || lastPosition === null) break; // end of the log
      cursor = lastPosition;
    }
    return events;
  }

  async headPosition(): Promise<bigint> {
    this.assertOpen();
    try {
      for await (const resolved of this.client.readAll({
        direction: BACKWARDS,
        fromPosition: END,
        maxCount: 16,
        filter: streamNameFilter({ prefixes: [this.prefix] }),
        requiresLeader: false,
      })) {
        if (resolved.event === undefined || this.ours(resolved.event) === null) continue;
        return positionOf(resolved.event, resolved.commitPosition);
      }
      return 0n;
    } catch (error) {
      throw translate(error);
    }
  }

  /** Where the whole log ends (any stream, the leader's view): a fresh append lands after it. */
  private async lastLogPosition(): Promise<bigint> {
    for await (const resolved of this.client.readAll({
      direction: BACKWARDS,
      fromPosition: END,
      maxCount: 1,
      requiresLeader: true,
    })) {
      if (resolved.event !== undefined) return positionOf(resolved.event, resolved.commitPosition);
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
      this.prefix,
      (record) => this.ours(record),
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

  private server(streamId: string): string {
    return `${this.prefix}${streamId}`;
  }

  /** The ledger's stream id of a record, or null (counted) when it is not one of ours. */
  private ours(record: { streamId: string; type: string }): string | null {
    if (isSystem(record)) return null;
    if (!record.streamId.startsWith(this.prefix)) {
      this.foreign += 1;
      return null;
    }
    return record.streamId.slice(this.prefix.length);
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
    private readonly prefix: string,
    private readonly ours: (record: { streamId: string; type: string }) => string | null,
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
            filter: streamNameFilter({ prefixes: [this.prefix] }),
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
            if (record === undefined) continue;
            const streamId = this.ours(record);
            if (streamId === null) continue;
            const position = positionOf(record, step.value.commitPosition);
            if (position <= last) continue; // already delivered before a resubscription
            const event = decode(record, position, streamId);
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
          `subscription to $all dropped after position ${last} (${describeError(failure)}); resubscribing in ${delay} ms (attempt ${failures})`,
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

function currentOf(error: WrongExpectedVersionError): bigint | null {
  const actual = error.actualState;
  return typeof actual === 'bigint' && actual >= 0n ? actual : null;
}

function toEventData(event: NewEvent, evidence: StoredMetadata): EventData {
  return jsonEvent({
    id: event.id,
    type: event.type,
    data: event.data,
    metadata: { ...encodeMetadata(event), ...evidence },
  });
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

function decode(record: StoredRecord, position: bigint, streamId: string): RecordedEvent {
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
    streamId,
    revision: record.revision,
    position,
    recordedAt: record.created,
    // The stream chain the adapter wrote (null on an event written by something else).
    hash: optional(META.chain),
  };
}

/** The chain of a stream's last event (its successor links to it), or null for an empty stream. */
function chainOf(event: RecordedEvent | undefined): string | null {
  return event?.hash ?? null;
}

/**
 * Already written at the stream's tail (the retry of an append whose answer was lost, sent at the
 * revision the stream has now): the server would write it again, so the adapter answers instead.
 */
function inPlaceAtTail(append: StreamAppend, tail: Tail): AppendResult | null {
  const expected = append.expectedRevision;
  if (expected === 'no_stream' || (typeof expected === 'bigint' && tail.revision !== expected)) return null;
  const last = tail.events.slice(-append.events.length);
  if (last.length !== append.events.length) return null;
  const same = append.events.every((event, i) => last[i].id.toLowerCase() === event.id.toLowerCase());
  if (!same) return null;
  return {
    streamId: append.streamId,
    nextExpectedRevision: tail.revision ?? -1n,
    position: last[last.length - 1].position,
    alreadyRecorded: true,
  };
}

/** Transport trouble, as the client reports it: the store is unavailable (503, retry). */
function translate(error: unknown): unknown {
  if (
    error instanceof UnavailableError ||
    error instanceof DeadlineExceededError ||
    error instanceof NotLeaderError ||
    error instanceof TimeoutError ||
    error instanceof CancelledError
  )
    return new EventStoreUnavailableError(describeError(error), null);
  return error;
}

function isSizeError(error: unknown): boolean {
  return (
    error instanceof MaxAppendSizeExceededError ||
    error instanceof AppendRecordSizeExceededError ||
    error instanceof TransactionMaxSizeExceededError
  );
}

/** The server's answer to a `$all` read from a position inside a record. */
function isInvalidPosition(error: unknown): boolean {
  return (
    (error instanceof UnknownError || (error as { code?: number })?.code === 3) &&
    /invalid position/i.test((error as Error).message)
  );
}

/** "25.1.4" ≥ "25.1". */
function atLeast(version: string, minimum: string): boolean {
  const have = version.split('.').map((part) => Number.parseInt(part, 10));
  const need = minimum.split('.').map((part) => Number.parseInt(part, 10));
  for (let i = 0; i < need.length; i++) {
    const h = have[i] ?? 0;
    if (!Number.isFinite(h)) return false;
    if (h !== need[i]) return h > need[i];
  }
  return true;
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
