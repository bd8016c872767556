// The pure kernel every context's domain is written in: deciders, typed domain errors, event
// definitions and their payload codecs, stream models, the shared four-eyes rules. It imports
// nothing of ours but @ledger/money, and no framework, database or store client.
export type { EncodedEvent, JsonObject, JsonValue } from './json';
export { DomainError, type DomainErrorDetail, type DomainErrorKind, type MoneyDetail } from './domain-error';
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
// Four-eyes: the shared rules and the one proposal kind (see four-eyes/proposal.ts).
export * from './four-eyes';
