import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EventHistory, type StreamPage } from '../event-history';
import { ListStreamEventsQuery } from './list-stream-events.query';

@QueryHandler(ListStreamEventsQuery)
export class ListStreamEventsHandler implements IQueryHandler<ListStreamEventsQuery> {
  constructor(private readonly history: EventHistory) {}

  execute({ streamId, request }: ListStreamEventsQuery): Promise<StreamPage> {
    return this.history.streamPage(streamId, request);
  }
}
