import { Query } from '@nestjs/cqrs';
import type { GlobalPage, GlobalPageRequest } from '../event-history';

export class ListEventsQuery extends Query<GlobalPage> {
  constructor(readonly request: GlobalPageRequest) {
    super();
  }
}
