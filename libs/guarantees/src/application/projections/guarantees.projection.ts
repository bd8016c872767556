import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@ledger/event-store';
import type { Projection } from '@ledger/event-sourcing';
import { guaranteesCatalog } from '../../domain';
import { GuaranteesPage, type PositionedEvent } from './guarantees-page';

export const GUARANTEES_TABLES = [
  'guarantee_federations',
  'guarantee_companies',
  'guarantee_members',
  'guarantee_fund_deposits',
  'guarantee_conventions',
  'guarantees',
] as const;

/**
 * All read models of the context, fed by one projection so that companies, conventions and
 * guarantees always show the same point of the log. Deterministic: rows depend on events only
 * (positions, business dates), never on the clock, so a rebuild gives identical rows.
 *
 * A page of events is applied set-based (`GuaranteesPage`): the rows it touches are read once,
 * folded in memory in log order, and written back with a few statements per table.
 */
export class GuaranteesProjection implements Projection {
  readonly name = 'guarantees.read-models';
  readonly tables = GUARANTEES_TABLES;

  apply(recorded: RecordedEvent, manager: EntityManager): Promise<void> {
    return this.applyBatch([recorded], manager);
  }

  async applyBatch(page: readonly RecordedEvent[], manager: EntityManager): Promise<void> {
    const events: PositionedEvent[] = [];
    for (const recorded of page) {
      if (guaranteesCatalog.has(recorded.type)) {
        events.push({ event: guaranteesCatalog.decode(recorded), position: recorded.position });
      }
    }
    if (events.length > 0) await GuaranteesPage.apply(events, manager);
  }
}
