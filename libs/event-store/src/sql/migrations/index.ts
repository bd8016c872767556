import { CreateEventStore1764130000000 } from './1764130000000-create-event-store';

/** The event store's own migrations, run by every data source before the read models'. */
export const eventStoreMigrations = [CreateEventStore1764130000000];
