import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@ledger/event-store';

/**
 * A read model fed from the global log. `apply` runs inside the transaction that also moves the
 * projection's checkpoint, so an event is applied exactly once even across crashes. It must be
 * deterministic: rebuilding from position 0 gives the same rows.
 */
export interface Projection {
  /** Stable name: the checkpoint's key. */
  readonly name: string;
  /** The tables it owns, emptied when it is rebuilt. */
  readonly tables: readonly string[];
  apply(event: RecordedEvent, manager: EntityManager): Promise<void>;
  /**
   * Optional: applies a page of events (in log order, same transaction as the checkpoint) at once.
   * Must leave exactly the rows that applying them one by one would.
   */
  applyBatch?(events: readonly RecordedEvent[], manager: EntityManager): Promise<void>;
}
