import type { ReadModelOptions } from '@ledger/database';
import type { Projection } from '@ledger/event-sourcing';

/**
 * What a bounded context brings to the shared runtime: its TypeORM entities and migrations, and
 * the projections that fill them.
 */
export interface ContextReadModels extends ReadModelOptions {
  readonly projections: readonly Projection[];
}
