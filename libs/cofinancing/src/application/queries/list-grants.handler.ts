import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { GrantRow } from '../projections/read-model.entities';
import { grantView } from './grant-view';
import { ListGrantsQuery, type GrantPage } from './list-grants.query';

/** Grants in the order they were requested, filtered and paginated. */
@QueryHandler(ListGrantsQuery)
export class ListGrantsHandler implements IQueryHandler<ListGrantsQuery> {
  constructor(private readonly data: DataSource) {}

  async execute({ filter, limit, offset }: ListGrantsQuery): Promise<GrantPage> {
    const where = Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined));
    const [rows, total] = await this.data.getRepository(GrantRow).findAndCount({
      where,
      order: { requestedPosition: 'ASC' },
      take: limit,
      skip: offset,
    });
    return { items: rows.map(grantView), total, limit, offset };
  }
}
