import { createHash, randomUUID } from 'node:crypto';
import { WrongExpectedRevisionError, type AppendResult, type EventStore, type NewEvent } from '@ledger/event-store';
import type { SnapshotStore } from './sql/snapshot-store';
import type { CommandContext, StreamModel } from './stream-model';

/** A stream's state as loaded, with the revision to expect when appending to it. */
export interface Loaded<State> {
  readonly streamId: string;
  readonly state: State;
  /** null when the stream has no events yet. */
  readonly revision: bigint | null;
}

/** New events for one loaded stream, decided by a command. */
export interface Change<State, Event extends { readonly type: string }> {
  readonly stream: Loaded<State>;
  readonly model: StreamModel<State, Event>;
  readonly events: readonly Event[];
}

export interface RepositoryOptions {
  /** How many times in all a command is run when it keeps losing optimistic-concurrency races (default 25). */
  readonly maxAttempts?: number;
}

/** The longest pause between two attempts grows as 2^attempt ms up to this exponent (64 ms). */
const MAX_BACKOFF_EXPONENT = 6;

const READ_PAGE = 1000;

/**
 * Loads streams into state (from a snapshot when there is one), and saves the events a command
 * decided with the revisions it read: if another command got there first, the store refuses, and
 * `execute` re-runs the whole command on fresh state — a bounded number of times.
 */
export class EventSourcedRepository {
  private readonly maxAttempts: number;

  constructor(
    private readonly store: EventStore,
    private readonly snapshots: SnapshotStore | null,
    options: RepositoryOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 25;
    if (!Number.isInteger(this.maxAttempts) || this.maxAttempts < 1)
      throw new Error(`maxAttempts must be an integer ≥ 1, got ${options.maxAttempts}`);
  }

  async load<State, Event extends { readonly type: string }>(
    streamId: string,
    model: StreamModel<State, Event>,
  ): Promise<Loaded<State>> {
    let state = model.initialState();
    let revision: bigint | null = null;
    if (model.snapshot && this.snapshots) {
      const snapshot = await this.snapshots.load(streamId, model.snapshot.version);
      if (snapshot) {
        state = model.snapshot.decode(snapshot.state);
        revision = snapshot.revision;
      }
    }
    for (;;) {
      const page = await this.store.readStream(streamId, {
        fromRevision: revision === null ? 0n : revision + 1n,
        maxCount: READ_PAGE,
      });
      for (const recorded of page) {
        state = model.evolve(state, model.catalog.decode(recorded));
        revision = recorded.revision;
      }
      if (page.length < READ_PAGE) break;
    }
    return { streamId, state, revision };
  }

  /**
   * Appends every change atomically (one multi-stream append); returns one result per change. A
   * change with no events is a guard: its stream must still be at the revision it was read at
   * (e.g. the company whose fund balance a guarantee's capacity was computed from).
   */
  async save(
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    changes: readonly Change<any, any>[],
    context: CommandContext,
    businessTime: Date,
  ): Promise<AppendResult[]> {
    if (changes.every((change) => change.events.length === 0)) return [];
    const results = await this.store.appendToStreams(
      changes.map((change) => ({
        streamId: change.stream.streamId,
        expectedRevision: change.stream.revision ?? 'no_stream',
        events: change.events.map((event, index) =>
          toNewEvent(change.model.catalog.encode(event), change.stream.streamId, index, context, businessTime),
        ),
      })),
    );
    await Promise.all(changes.map((change, index) => this.maybeSnapshot(change, results[index])));
    return results;
  }

  /**
   * Runs a whole load → decide → save cycle, again on fresh state if a concurrent writer won, up to
   * `maxAttempts` times; between attempts a random pause of up to 2^min(attempt, 6) ms, so that a
   * hot stream under many simultaneous commands spreads them out more the longer they collide.
   */
  async execute<T>(command: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await command();
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= this.maxAttempts) throw error;
        // Full jitter over a growing window, so that racing commands do not collide again in lockstep.
        const window = 2 ** Math.min(attempt, MAX_BACKOFF_EXPONENT);
        await new Promise((resolve) => setTimeout(resolve, Math.random() * window));
      }
    }
  }

  private async maybeSnapshot(
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    change: Change<any, any>,
    result: AppendResult,
  ): Promise<void> {
    const policy = change.model.snapshot;
    if (!policy || !this.snapshots || result.alreadyRecorded || change.events.length === 0) return;
    const before = change.stream.revision ?? -1n;
    const every = BigInt(policy.every);
    // Take one when this append crossed a multiple of `every`.
    if ((result.nextExpectedRevision + 1n) / every === (before + 1n) / every) return;
    const state = change.events.reduce(change.model.evolve, change.stream.state);
    await this.snapshots.save(
      change.stream.streamId,
      result.nextExpectedRevision,
      policy.version,
      policy.encode(state),
    );
  }
}

function toNewEvent(
  encoded: { type: string; schemaVersion: number; data: NewEvent['data'] },
  streamId: string,
  index: number,
  context: CommandContext,
  businessTime: Date,
): NewEvent {
  return {
    id: context.idempotencyKey
      ? deterministicUuid(`${context.actor}|${context.idempotencyKey}|${streamId}|${index}`)
      : randomUUID(),
    type: encoded.type,
    schemaVersion: encoded.schemaVersion,
    businessTime,
    data: encoded.data,
    metadata: {
      actor: context.actor,
      role: context.role,
      correlationId: context.correlationId,
      causationId: context.causationId ?? null,
      idempotencyKey: context.idempotencyKey ?? null,
    },
  };
}

/**
 * The same command under the same idempotency key produces the same event ids, so that even a
 * retry after a crash between "appended" and "answered" is absorbed by the store's id check.
 */
export function deterministicUuid(name: string): string {
  const bytes = createHash('sha256').update(name).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x80; // version 8: custom
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
