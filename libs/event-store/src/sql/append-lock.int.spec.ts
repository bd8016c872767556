import { openDataSource, type Database } from '@ledger/database';
import { describeOnPostgresServer, openTestDatabase } from '@ledger/testing';
import type { DataSource } from 'typeorm';
import { collect, testEvent } from '../testing/event-store.contract';
import { eventStoreMigrations } from './migrations';
import { APPEND_LOCK_SQL, PostgresEventStore } from './postgres-event-store';

/**
 * The gap the peers shipped, staged deterministically on a real server: a writer takes its
 * position and then stalls before committing while another writer appends. With positions from a
 * sequence, the second would commit a higher position first and a reader would move past the
 * first's for good. Here the second writer must wait, and the reader sees both, in order.
 */
describeOnPostgresServer('SQL adapter: appends hold the global order until commit', () => {
  let database: Database;
  let dispose: () => Promise<void>;
  let dataSource: DataSource;
  let store: PostgresEventStore;

  beforeAll(async () => {
    ({ database, dispose } = await openTestDatabase('postgres'));
    dataSource = await openDataSource(database, { entities: [], migrations: eventStoreMigrations });
    store = new PostgresEventStore(database.pool, { pollIntervalMs: 20 });
  });
  afterAll(async () => {
    await store.close();
    await dataSource.destroy();
    await dispose();
  });

  it('makes a later writer wait for a stalled earlier one, so a reader never skips a position', async () => {
    const start = await store.headPosition();
    const reader = collect(store, start, (event) => event.streamId.startsWith('stall-'), 2);

    // Writer 1 appends inside a transaction we keep open (what a slow commit looks like).
    const stalled = await database.pool.connect();
    await stalled.query('BEGIN');
    await stalled.query(APPEND_LOCK_SQL);
    const first = testEvent('Stalled');
    await stalled.query(
      `INSERT INTO ledger_events (global_position, event_id, stream_id, stream_revision, event_type, schema_version,
         business_time, recorded_at, data, actor, actor_role, correlation_id, content_hash, chain_hash)
       VALUES ($1, $2, 'stall-1', 0, 'Stalled', 1, now(), clock_timestamp(), '{}', 'a', 'r', 'c', 'x', 'x')`,
      [(start + 1n).toString(), first.id],
    );

    // Writer 2 must not get a position, let alone commit, while writer 1 is open.
    let secondDone = false;
    const second = store.appendToStream('stall-2', [testEvent('After')], { expectedRevision: 'any' }).then((result) => {
      secondDone = true;
      return result;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(secondDone).toBe(false);
    expect(await store.readAll({ afterPosition: start })).toEqual([]);

    await stalled.query('COMMIT');
    stalled.release();
    const secondResult = await second;
    expect(secondResult.position).toBe(start + 2n);
    const seen = await reader;
    expect(seen.map((event) => [event.streamId, event.position])).toEqual([
      ['stall-1', start + 1n],
      ['stall-2', start + 2n],
    ]);
  });

  it('refuses to update, delete or truncate a recorded event', async () => {
    await store.appendToStream('immutable-1', [testEvent('Recorded')], { expectedRevision: 'no_stream' });
    await expect(
      database.pool.query(`UPDATE ledger_events SET data = '{"x":1}' WHERE stream_id = 'immutable-1'`),
    ).rejects.toThrow(/immutable/);
    await expect(database.pool.query(`DELETE FROM ledger_events WHERE stream_id = 'immutable-1'`)).rejects.toThrow(
      /immutable/,
    );
    await expect(database.pool.query('TRUNCATE ledger_events')).rejects.toThrow(/immutable/);
    expect(await store.readStream('immutable-1')).toHaveLength(1);
  });
});
