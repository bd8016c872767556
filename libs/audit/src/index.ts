// Public door of @ledger/audit: history, exports and the monitoring report (tamper evidence: ./tamper).
export { AuditModule } from './audit.module';
export { auditServices, readModelsPosition } from './audit-services';
export { auditEventView, type AuditEventView } from './history/audit-event.view';
export {
  EventHistory,
  type EventFilter,
  type GlobalPage,
  type GlobalPageRequest,
  type StreamPage,
  type StreamPageRequest,
} from './history/event-history';
export { StreamNotFound } from './history/stream-not-found.error';
export {
  CSV_DIALECTS,
  csvCell,
  csvDecimal,
  csvRow,
  csvWriter,
  parseCsv,
  type CsvDialect,
  type CsvValue,
  type CsvWriter,
} from './exports/csv';
export { EventExport, type EventExportOptions } from './exports/event-export';
export { BalanceExport, type BalanceExportOptions, type BalanceExportPlan } from './exports/balance-export';
export { AsOfBalanceSource } from './exports/as-of-balance-source';
export {
  BALANCE_AMOUNTS,
  BALANCE_ENTITIES,
  BALANCES_AS_OF,
  type BalanceBasis,
  type BalanceEntity,
  type BalanceRow,
  type BalancesAsOfSource,
} from './exports/balance-row';
export { MonitoringReadModel } from './monitoring/monitoring.read-model';
export { monitoringCsv } from './monitoring/monitoring-csv';
export {
  MONITORING_SCOPES,
  type CofinancingFigures,
  type GuaranteeFigures,
  type MonitoringReport,
  type MonitoringRequest,
  type MonitoringScope,
} from './monitoring/monitoring-report';
export { MonitoringScopeNotFound } from './monitoring/monitoring-scope-not-found.error';
export * from './tamper';
export * from './rebuild';
