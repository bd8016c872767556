import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { FundNotFound } from '../../domain';
import { FundRow, WindowRow, WindowScheduleRow } from '../projections/read-model.entities';
import { ListWindowsQuery, type WindowView } from './list-windows.query';
import { moneyOf } from './read-model-json';

@QueryHandler(ListWindowsQuery)
export class ListWindowsHandler implements IQueryHandler<ListWindowsQuery> {
  constructor(private readonly data: DataSource) {}

  async execute({ fundId }: ListWindowsQuery): Promise<{ items: WindowView[] }> {
    if (!(await this.data.getRepository(FundRow).existsBy({ fundId }))) throw new FundNotFound(fundId);
    const windows = await this.data
      .getRepository(WindowRow)
      .find({ where: { fundId }, order: { openedOn: 'ASC', windowId: 'ASC' } });
    const schedules = await this.data
      .getRepository(WindowScheduleRow)
      .createQueryBuilder('s')
      .where('s.window_id IN (:...ids)', { ids: windows.length ? windows.map((w) => w.windowId) : [''] })
      .orderBy('s.window_id')
      .addOrderBy('s.version')
      .getMany();
    return {
      items: windows.map((w) => ({
        windowId: w.windowId,
        fundId: w.fundId,
        name: w.name,
        supportKind: w.supportKind,
        openedOn: w.openedOn,
        currentScheduleVersion: w.currentVersion,
        committed: moneyOf(w.committed, w.currency),
        disbursed: moneyOf(w.disbursed, w.currency),
        releasedAtClosure: moneyOf(w.released, w.currency),
        grantsApproved: w.grantsApproved,
        schedules: schedules
          .filter((s) => s.windowId === w.windowId)
          .map((s) => ({
            version: s.version,
            effectiveFrom: s.effectiveFrom,
            recordedOn: s.recordedOn,
            years: s.years,
            afterLastYear: s.afterLastYear,
          })),
      })),
    };
  }
}
