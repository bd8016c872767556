import { Query } from '@nestjs/cqrs';
import type { MonitoringReport, MonitoringRequest } from '../monitoring-report';

export class GetMonitoringReportQuery extends Query<MonitoringReport> {
  constructor(readonly request: MonitoringRequest) {
    super();
  }
}
