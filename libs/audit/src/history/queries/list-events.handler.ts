import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EventHistory, type GlobalPage } from '../event-history';
import { ListEventsQuery } from './list-events.query';

@QueryHandler(ListEventsQuery)
export class ListEventsHandler implements IQueryHandler<ListEventsQuery> {
  constructor(private readonly history: EventHistory) {}

  execute({ request }: ListEventsQuery): Promise<GlobalPage> {
    return this.history.page(request);
  }
}
