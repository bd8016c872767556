import type { RecordedEvent } from '@ledger/event-store';
import { cofinancingCatalog, type CofinancingEvent } from '../../domain';

/** The co-financing event in a recorded one (checked against its schema), or null for other contexts' events. */
export function decodeCofinancing(recorded: RecordedEvent): CofinancingEvent | null {
  return cofinancingCatalog.has(recorded.type) ? cofinancingCatalog.decode(recorded) : null;
}
