import { GetMonitoringReportHandler } from './get-monitoring-report.handler';

export { GetMonitoringReportQuery } from './get-monitoring-report.query';

export const monitoringQueryHandlers = [GetMonitoringReportHandler];
