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
