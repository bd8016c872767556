export * from './event-store.port';
export {
  DuplicateEventIdError,
  EventStoreError,
  EventStoreUnavailableError,
  InvalidEventError,
  WrongExpectedRevisionError,
} from './errors';
export { APPEND_LOCK_SQL, PostgresEventStore, type PostgresEventStoreOptions } from './sql/postgres-event-store';
export { eventStoreMigrations } from './sql/migrations';
export { KurrentDbEventStore } from './kurrentdb/kurrentdb-event-store';
export {
  canonicalJson,
  canonicalJsonOfText,
  chainHashOf,
  streamChainHashOf,
  chainLinkOf,
  contentHashOf,
  eventChainHash,
  eventContentHash,
  type HashedContent,
} from './event-hash';
