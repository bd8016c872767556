import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { MonitoringReport } from '../monitoring-report';
import { MonitoringReadModel } from '../monitoring.read-model';
import { GetMonitoringReportQuery } from './get-monitoring-report.query';

@QueryHandler(GetMonitoringReportQuery)
export class GetMonitoringReportHandler implements IQueryHandler<GetMonitoringReportQuery> {
  constructor(private readonly readModel: MonitoringReadModel) {}

  execute({ request }: GetMonitoringReportQuery): Promise<MonitoringReport> {
    return this.readModel.report(request);
  }
}
