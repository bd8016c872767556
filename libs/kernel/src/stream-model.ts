import type { Evolver } from './decider';
import type { JsonObject } from './json';
import type { EventCatalog } from './schema/event-definition';

/** Keep a snapshot of a long stream's state every `every` events, so loading reads only the tail. */
export interface SnapshotPolicy<State> {
  /** Bump when the state's shape changes: older snapshots are then ignored, not misread. */
  readonly version: number;
  readonly every: number;
  readonly encode: (state: State) => JsonObject;
  readonly decode: (json: JsonObject) => State;
}

/** Everything the repository needs to load and save one kind of stream. */
export interface StreamModel<State, Event extends { readonly type: string }> extends Evolver<State, Event> {
  readonly catalog: EventCatalog<Event>;
  readonly snapshot?: SnapshotPolicy<State>;
}

/** Who issues a command and under which keys: copied into every event's metadata. */
export interface CommandContext {
  readonly actor: string;
  readonly role: string;
  readonly correlationId: string;
  readonly causationId?: string | null;
  readonly idempotencyKey?: string | null;
  /** Hash of the request that carried the key: the same key with another request is refused. */
  readonly requestHash?: string | null;
}
