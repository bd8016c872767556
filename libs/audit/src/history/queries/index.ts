import { ListEventsHandler } from './list-events.handler';
import { ListStreamEventsHandler } from './list-stream-events.handler';

export { ListEventsQuery } from './list-events.query';
export { ListStreamEventsQuery } from './list-stream-events.query';

export const historyQueryHandlers = [ListEventsHandler, ListStreamEventsHandler];
