import type { JsonObject } from '@ledger/kernel';

/**
 * The event store port, shaped the way the KurrentDB client thinks about it: streams with
 * revisions, a global log with positions, optimistic concurrency through an expected stream
 * state, and catch-up subscriptions to all. Every adapter passes the same contract suite
 * (`testing/event-store.contract.ts`).
 */

/** Who did it, in which role, and why: carried by every event, never used for decisions. */
export interface EventMetadata {
  readonly actor: string;
  readonly role: string;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly idempotencyKey: string | null;
}

/** JSON values only (the kernel's types): amounts travel as strings of minor units, never as numbers. */
export type { JsonObject, JsonValue } from '@ledger/kernel';

/**
 * An event about to be appended. Its id makes a repeated append to the same stream a no-op
 * (the SQL adapter also refuses an id already used in another stream; KurrentDB cannot).
 */
export interface NewEvent {
  readonly id: string;
  readonly type: string;
  readonly schemaVersion: number;
  /** When it happened in the world (an approval date, an invoice date). */
  readonly businessTime: Date;
  readonly data: JsonObject;
  readonly metadata: EventMetadata;
}

/** An event as stored: its place in its stream and in the global log, and when it was recorded. */
export interface RecordedEvent extends NewEvent {
  readonly streamId: string;
  /** 0-based position inside its stream. */
  readonly revision: bigint;
  /**
   * Position in the global log, increasing in commit order: a reader that has seen position P
   * never later finds a new event below P. The SQL adapter numbers 1, 2, 3… with no holes;
   * KurrentDB uses its commit positions (increasing, not dense).
   */
  readonly position: bigint;
  readonly recordedAt: Date;
  /**
   * The chain hash linking this event to the previous one of its stream (see event-hash.ts);
   * null where the adapter keeps no chain (KurrentDB).
   */
  readonly hash: string | null;
}

/**
 * What verifying the log needs of one recorded event, and no more: its place, when it was recorded,
 * its stored chain hash, and its content hash recomputed from its stored content (never the content
 * hash stored beside it, which an intruder could leave in place).
 */
export interface ChainLink {
  readonly position: bigint;
  readonly streamId: string;
  readonly revision: bigint;
  readonly eventId: string;
  /** ISO 8601 with milliseconds, as the chain hash covers it. */
  readonly recordedAt: string;
  readonly recordedAtMs: number;
  readonly hash: string | null;
  readonly contentHash: string;
}

/** What the writer believes about the stream, as in KurrentDB's `streamState`. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

export const ANY = 'any' as const;
export const NO_STREAM = 'no_stream' as const;
export const STREAM_EXISTS = 'stream_exists' as const;

export interface AppendResult {
  readonly streamId: string;
  /** Revision of the last event now in the stream: the expected revision for the next append. */
  readonly nextExpectedRevision: bigint;
  /** Global position of this stream's last event in this append (0 for a guard with no events). */
  readonly position: bigint;
  /** True when every event id was already recorded: nothing was written. */
  readonly alreadyRecorded: boolean;
}

export interface StreamAppend {
  readonly streamId: string;
  readonly expectedRevision: ExpectedRevision;
  readonly events: readonly NewEvent[];
}

export interface ReadStreamOptions {
  readonly direction?: 'forwards' | 'backwards';
  /** Inclusive. Forwards defaults to 0, backwards to the end. */
  readonly fromRevision?: bigint;
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position — 0, or a position the store returned. */
  readonly afterPosition?: bigint;
  readonly maxCount?: number;
}

export interface SubscribeToAllOptions {
  /** Exclusive checkpoint: the subscription delivers events strictly after it. */
  readonly afterPosition?: bigint;
  /** Read page size during catch-up. */
  readonly batchSize?: number;
}

/** A catch-up-then-live subscription; iterate it with `for await`, stop it with `unsubscribe`. */
export interface AllSubscription extends AsyncIterable<RecordedEvent> {
  unsubscribe(): Promise<void>;
}

/**
 * How a store's log can be checked: `global-chain` (the SQL store) — positions 1, 2, 3… and each
 * event's chain holds its position and recording time; `stream-chain` (KurrentDB) — positions only
 * increase, and each event's chain (in its metadata) links it to the previous one of its stream.
 */
export type TamperEvidence = 'global-chain' | 'stream-chain';

export interface EventStore {
  /** Absent: `global-chain`. */
  readonly tamperEvidence?: TamperEvidence;
  appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult>;
  /**
   * Several streams, each with its own expected revision: all are written, or none. A stream given
   * with no events is a guard: its revision is checked, nothing is written (atomically with the
   * append on the SQL adapter; by a read just before it on KurrentDB, which cannot check without
   * writing).
   */
  appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** The current revision of a stream, or null when it has no events. */
  streamRevision(streamId: string): Promise<bigint | null>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /**
   * Optional, for verification at the speed of reading: the page `readAll` would return, as chain
   * links, without building the events. The same as `readAll(options).map(chainLinkOf)`. Stores
   * without it are verified through `readAll`.
   */
  readAllChainLinks?(options?: ReadAllOptions): Promise<ChainLink[]>;
  /** Position of the last event in the global log (0 when empty). */
  headPosition(): Promise<bigint>;
  subscribeToAll(options?: SubscribeToAllOptions): AllSubscription;
  close(): Promise<void>;
}
