import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { LedgerRuntime } from '@ledger/platform';
import { readModelsPosition } from './audit-services';
import { AsOfBalanceSource } from './exports/as-of-balance-source';
import { BalanceExport } from './exports/balance-export';
import { BALANCES_AS_OF, type BalancesAsOfSource } from './exports/balance-row';
import { EventExport } from './exports/event-export';
import { AuditExportsController } from './exports/http/audit-exports.controller';
import { EventHistory } from './history/event-history';
import { AuditEventsController } from './history/http/audit-events.controller';
import { historyQueryHandlers } from './history/queries';
import { MonitoringController } from './monitoring/http/monitoring.controller';
import { MonitoringReadModel } from './monitoring/monitoring.read-model';
import { monitoringQueryHandlers } from './monitoring/queries';

/**
 * Audit: the full history (global log and streams), exports (events and balances, CSV and
 * NDJSON, streamed) and the monitoring report. Everything here reads; nothing writes to the ledger.
 */
@Module({
  imports: [CqrsModule],
  controllers: [AuditEventsController, AuditExportsController, MonitoringController],
  providers: [
    {
      provide: EventHistory,
      useFactory: (runtime: LedgerRuntime) => new EventHistory(runtime.store),
      inject: [LedgerRuntime],
    },
    // Balance exports as of a date: the as-of services of the co-financing and guarantee contexts.
    {
      provide: BALANCES_AS_OF,
      useFactory: (runtime: LedgerRuntime) => AsOfBalanceSource.of(runtime),
      inject: [LedgerRuntime],
    },
    { provide: EventExport, useFactory: (history: EventHistory) => new EventExport(history), inject: [EventHistory] },
    {
      provide: BalanceExport,
      useFactory: (runtime: LedgerRuntime, asOf: BalancesAsOfSource | undefined) =>
        new BalanceExport(runtime.dataSource, () => readModelsPosition(runtime), asOf ?? null),
      inject: [LedgerRuntime, { token: BALANCES_AS_OF, optional: true }],
    },
    {
      provide: MonitoringReadModel,
      useFactory: (runtime: LedgerRuntime) =>
        new MonitoringReadModel(runtime.dataSource, () => readModelsPosition(runtime)),
      inject: [LedgerRuntime],
    },
    ...historyQueryHandlers,
    ...monitoringQueryHandlers,
  ],
  exports: [EventHistory, EventExport, BalanceExport, MonitoringReadModel],
})
export class AuditModule {}
