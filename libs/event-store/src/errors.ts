import type { ExpectedRevision } from './event-store.port';

/** Base of the errors the store raises; adapters translate their own errors into these. */
export abstract class EventStoreError extends Error {
  protected constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The stream was not where the writer expected it to be; nothing was written. */
export class WrongExpectedRevisionError extends EventStoreError {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: bigint | null,
  ) {
    super(
      `stream ${streamId}: expected revision ${String(expected)}, actual ${actual === null ? 'no stream' : actual.toString()}`,
    );
  }
}

/** An event id already recorded elsewhere, or only part of a batch already recorded. */
export class DuplicateEventIdError extends EventStoreError {
  constructor(
    readonly eventId: string,
    readonly reason: string,
  ) {
    super(`event ${eventId}: ${reason}`);
  }
}

/** A payload or metadata that the store refuses (not JSON, bigint, missing fields). */
export class InvalidEventError extends EventStoreError {
  constructor(
    readonly eventId: string,
    readonly reason: string,
  ) {
    super(`event ${eventId}: ${reason}`);
  }
}

/**
 * The store could not be reached, or did not answer in time (KurrentDB: unavailable, deadline
 * exceeded, not the leader). `written` says what a re-read established about an append whose
 * answer was lost: false when nothing of it is in the store; null when even that could not be read
 * (a retry with the same Idempotency-Key then applies it at most once).
 */
export class EventStoreUnavailableError extends EventStoreError {
  constructor(
    readonly reason: string,
    readonly written: false | null = null,
  ) {
    super(`the event store is unavailable: ${reason}`);
  }
}
