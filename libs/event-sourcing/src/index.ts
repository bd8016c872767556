// The pure kernel (deciders, domain errors, event definitions, the shared four-eyes rules) lives in
// @ledger/kernel; it is re-exported here so that application code keeps one import. Domain code
// imports @ledger/kernel itself.
export {
  assertNever,
  defineEvent,
  DomainError,
  EventCatalog,
  field,
  PayloadError,
  type CommandContext,
  type Decider,
  type Decoded,
  type DomainErrorDetail,
  type DomainErrorKind,
  type DomainEventOf,
  type EncodedEvent,
  type EventDefinition,
  type EventOf,
  type Evolver,
  type Field,
  type JsonObject,
  type JsonValue,
  type MoneyDetail,
  type Shape,
  type SnapshotPolicy,
  type StreamModel,
  type Upcaster,
} from '@ledger/kernel';
export { deterministicUuid, EventSourcedRepository, type Loaded } from './event-sourced-repository';
export { businessTime, findEntry, newEntityId, type RecordedEntry } from './command-support';
export { SqlSnapshotStore, type Snapshot, type SnapshotStore } from './sql/snapshot-store';
export type { Projection } from './projections/projection';
export { ProjectionCheckpoint } from './projections/projection-checkpoint.entity';
export { ProjectionLease, type ProjectionLeaseOptions } from './projections/projection-lease';
export { CheckpointMoved, readCheckpoints, type StoredCheckpoint } from './projections/checkpoints';
export {
  projectionsStatusJson,
  readProjectionsStatus,
  type ProjectionLeaseStatus,
  type ProjectionState,
  type ProjectionStatus,
  type ProjectionsStatus,
  type ProjectionsStatusThresholds,
} from './projections/projection-status';
export {
  ProjectionGroup,
  ProjectionRunner,
  type CatchUpOptions,
  type ProjectionGroupOptions,
  type ProjectionRunnerOptions,
} from './projections/projection-runner';
export { InvalidAsOf, monthOf, resolveAsOf, utcDay, type AsOf, type AsOfInput, type AsOfStamp } from './as-of/as-of';
export {
  BalanceLedger,
  Balances,
  type BalanceEffects,
  type BalanceEntity,
  type BalanceLedgerOptions,
  type BalanceMovement,
  type BalanceTerms,
  type PlacedEffects,
  type SqlRunner,
  type StoredEntity,
  type StoredTerms,
} from './as-of/balance-ledger';
export { balanceLedgerTablesSql, dropBalanceLedgerTablesSql } from './as-of/balance-ledger.migration';
export { BalancesProjection } from './as-of/balances.projection';
export { readAsOf } from './as-of/read-as-of';
export { IdempotencyStore, type IdempotencyClaim } from './idempotency/idempotency-store';
export {
  answerMetaOf,
  decided,
  proposed,
  type Answer,
  type AnswerMeta,
  type CommandOutcome,
  type OutcomeKind,
  type ReadModelsStatus,
} from './pipeline/command-answer';
export { COMMAND_RECORDED, commandStreamId, IdempotencyKeyReused, readCommandRecord } from './pipeline/command-record';
export {
  CommandPipeline,
  type CommandPipelineOptions,
  type CommandRun,
  type Decide,
} from './pipeline/command-pipeline';
export type { CommandStamp, CommandTx, StreamHandle } from './pipeline/working-set';
export { eventSourcingMigrations } from './migrations';
