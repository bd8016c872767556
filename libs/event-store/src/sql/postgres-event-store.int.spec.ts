import { openDataSource } from '@ledger/database';
import { openTestDatabase, testDatabaseKinds } from '@ledger/testing';
import { describeEventStoreContract } from '../testing/event-store.contract';
import { eventStoreMigrations } from './migrations';
import { PostgresEventStore } from './postgres-event-store';

for (const kind of testDatabaseKinds()) {
  describeEventStoreContract(
    `SQL adapter on ${kind === 'embedded' ? 'embedded PGlite' : 'the PostgreSQL server'}`,
    async () => {
      const { database, dispose } = await openTestDatabase(kind);
      const dataSource = await openDataSource(database, { entities: [], migrations: eventStoreMigrations });
      const store = new PostgresEventStore(database.pool, { pollIntervalMs: 50 });
      return {
        store,
        dispose: async () => {
          await store.close();
          await dataSource.destroy();
          await dispose();
        },
      };
    },
  );
}
