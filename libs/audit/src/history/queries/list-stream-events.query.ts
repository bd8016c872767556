import { Query } from '@nestjs/cqrs';
import type { StreamPage, StreamPageRequest } from '../event-history';

export class ListStreamEventsQuery extends Query<StreamPage> {
  constructor(
    readonly streamId: string,
    readonly request: StreamPageRequest,
  ) {
    super();
  }
}
