import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource, MoreThan, Raw } from 'typeorm';
import { cursorCodec } from '@ledger/platform';
import { GrantRow } from '../projections/read-model.entities';
import { fundingStatusCondition, fundingStatuses } from './funding-status';
import { grantView } from './grant-view';
import { ListGrantsQuery, type GrantPage } from './list-grants.query';

/** The list a grants cursor belongs to. */
export const GRANTS_LIST = 'grants';

/**
 * Grants in the order they were requested, filtered, a page at a time: the cursor is the request
 * position of the last grant of the previous page (keyset: a grant requested meanwhile cannot shift
 * a page); `offset` (deprecated) skips that many.
 */
@QueryHandler(ListGrantsQuery)
export class ListGrantsHandler implements IQueryHandler<ListGrantsQuery> {
  constructor(private readonly data: DataSource) {}

  async execute({ filter, limit, start }: ListGrantsQuery): Promise<GrantPage> {
    const { fundingStatus, ...columns } = filter;
    const where: Record<string, unknown> = Object.fromEntries(
      Object.entries(columns).filter(([, value]) => value !== undefined),
    );
    if (fundingStatus !== undefined) where.grantId = Raw((column) => fundingStatusCondition(column, fundingStatus));
    const repository = this.data.getRepository(GrantRow);
    const total = await repository.count({ where });
    const offset = start !== null && 'offset' in start ? start.offset : undefined;
    const rows = await repository.find({
      where:
        start !== null && 'afterPosition' in start
          ? { ...where, requestedPosition: MoreThan(start.afterPosition) }
          : where,
      order: { requestedPosition: 'ASC' },
      take: limit + 1,
      skip: offset,
    });
    const more = rows.length > limit;
    const shown = rows.slice(0, limit);
    const statuses = await fundingStatuses(
      this.data,
      shown.filter((row) => row.status === 'requested').map((row) => row.grantId),
    );
    return {
      items: shown.map((row) => grantView(row, statuses.get(row.grantId) ?? null)),
      total,
      ...(more ? { nextCursor: cursorCodec.encode(GRANTS_LIST, shown[shown.length - 1].requestedPosition) } : {}),
      ...(offset !== undefined ? { limit, offset } : {}),
    };
  }
}
