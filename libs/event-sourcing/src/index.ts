export { DomainError, type DomainErrorKind } from './domain-error';
export { assertNever, type Decider, type Evolver } from './decider';
export { field, PayloadError, type Decoded, type Field, type Shape } from './schema/fields';
export {
  defineEvent,
  EventCatalog,
  type DomainEventOf,
  type EventDefinition,
  type EventOf,
  type Upcaster,
} from './schema/event-definition';
export type { CommandContext, SnapshotPolicy, StreamModel } from './stream-model';
export {
  deterministicUuid,
  EventSourcedRepository,
  type Change,
  type Loaded,
  type RepositoryOptions,
} from './event-sourced-repository';
export { SqlSnapshotStore, type Snapshot, type SnapshotStore } from './sql/snapshot-store';
export type { Projection } from './projections/projection';
export { ProjectionCheckpoint } from './projections/projection-checkpoint.entity';
export { ProjectionRunner, type ProjectionRunnerOptions } from './projections/projection-runner';
export { IdempotencyStore, type IdempotencyClaim } from './idempotency/idempotency-store';
export { eventSourcingMigrations } from './migrations';
