import { createHash } from 'node:crypto';
import type { EventStore } from '@ledger/event-store';
import type { SnapshotStore } from './sql/snapshot-store';
import type { StreamModel } from './stream-model';

/** A stream's state as loaded, with the revision to expect when appending to it. */
export interface Loaded<State> {
  readonly streamId: string;
  readonly state: State;
  /** null when the stream has no events yet. */
  readonly revision: bigint | null;
}

const READ_PAGE = 1000;

/**
 * Loads a stream into state: from its latest snapshot, when there is one, plus the events after
 * it. Writing is the command pipeline's (it also takes the snapshots).
 */
export class EventSourcedRepository {
  constructor(
    private readonly store: EventStore,
    private readonly snapshots: SnapshotStore | null,
  ) {}

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
