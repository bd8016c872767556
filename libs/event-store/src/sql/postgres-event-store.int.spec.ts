import { openDataSource } from '@ledger/database';
import { openTestDatabase, testDatabaseKinds } from '@ledger/testing';
import { randomUUID } from 'node:crypto';
import { WrongExpectedRevisionError } from '../errors';
import { describeEventStoreContract, testEvent } from '../testing/event-store.contract';
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

for (const kind of testDatabaseKinds()) {
  describe(`SQL adapter on ${kind}: group commit`, () => {
    let store: PostgresEventStore;
    let dispose: () => Promise<void>;
    beforeAll(async () => {
      const opened = await openTestDatabase(kind);
      const dataSource = await openDataSource(opened.database, { entities: [], migrations: eventStoreMigrations });
      store = new PostgresEventStore(opened.database.pool);
      dispose = async () => {
        await store.close();
        await dataSource.destroy();
        await opened.dispose();
      };
    });
    afterAll(() => dispose());

    it('writes concurrent appends together, and a refused one fails alone', async () => {
      const ok = Array.from({ length: 12 }, (_, n) => `group-ok-${n}-${randomUUID()}`);
      const refused = `group-refused-${randomUUID()}`;
      const outcomes = await Promise.allSettled([
        ...ok.map((id) => store.appendToStream(id, [testEvent('Written')], { expectedRevision: 'no_stream' })),
        store.appendToStream(refused, [testEvent('Refused')], { expectedRevision: 3n }),
        ...ok.map((id) => store.appendToStream(`${id}-b`, [testEvent('Written')], { expectedRevision: 'no_stream' })),
      ]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(24);
      const rejected = outcomes.filter((o) => o.status === 'rejected') as PromiseRejectedResult[];
      expect(rejected).toHaveLength(1);
      expect(rejected[0].reason).toBeInstanceOf(WrongExpectedRevisionError);
      expect(await store.readStream(refused)).toEqual([]);
      for (const id of ok) expect(await store.streamRevision(id)).toBe(0n);
      const positions = (
        outcomes.filter((o) => o.status === 'fulfilled') as PromiseFulfilledResult<{ position: bigint }>[]
      )
        .map((o) => o.value.position)
        .sort((a, b) => (a < b ? -1 : 1));
      expect(new Set(positions).size).toBe(24);
      expect(positions[23] - positions[0]).toBe(23n);
    });
  });
}
