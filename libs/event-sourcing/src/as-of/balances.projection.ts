import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@ledger/event-store';
import type { Projection } from '../projections/projection';
import { utcDay } from './as-of';
import type { BalanceEffects, BalanceLedger } from './balance-ledger';

/**
 * A projection that turns events into bitemporal balance movements (see BalanceLedger). `effects`
 * maps one recorded event to what it does to the balances (null: nothing, e.g. another context's
 * event). Applied a page at a time when the runner offers it, so catching up a long log costs a
 * few statements per page rather than per event; the rows are the same either way.
 */
export class BalancesProjection implements Projection {
  readonly tables: readonly string[];

  constructor(
    readonly name: string,
    readonly ledger: BalanceLedger,
    private readonly effects: (recorded: RecordedEvent) => BalanceEffects | null,
  ) {
    this.tables = ledger.tables;
  }

  apply(event: RecordedEvent, manager: EntityManager): Promise<void> {
    return this.applyBatch([event], manager);
  }

  async applyBatch(events: readonly RecordedEvent[], manager: EntityManager): Promise<void> {
    const placed = [];
    for (const recorded of events) {
      const effects = this.effects(recorded);
      if (effects === null) continue;
      placed.push({
        position: recorded.position,
        recordedAt: recorded.recordedAt,
        businessDate: utcDay(recorded.businessTime),
        effects,
      });
    }
    if (placed.length > 0) await this.ledger.write(placed, manager);
  }
}
