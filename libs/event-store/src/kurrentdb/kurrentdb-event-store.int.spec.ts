import { randomUUID } from 'node:crypto';

import { WrongExpectedRevisionError } from '../errors';
import { NO_STREAM } from '../event-store.port';
import type { NewEvent } from '../event-store.port';
import { describeEventStoreContract } from '../testing/event-store.contract';
import { KurrentDbEventStore } from './kurrentdb-event-store';

// Needs a KurrentDB server 25.1+ (multi-stream appends), e.g. the one in docker/docker-compose.yml:
//   KURRENTDB_CONNECTION_STRING='kurrentdb://localhost:2113?tls=false' npx jest kurrentdb
// Every test uses streams with a random suffix, so a shared server is fine.
const connectionString = process.env.KURRENTDB_CONNECTION_STRING;

if (connectionString === undefined || connectionString === '') {
  describe.skip('KurrentDB event store (skipped: set KURRENTDB_CONNECTION_STRING)', () => {
    it('runs the event store contract and the multi-stream test against a KurrentDB server', () => undefined);
  });
} else {
  describeEventStoreContract(
    'KurrentDB event store',
    async () => {
      const store = new KurrentDbEventStore(connectionString);
      return { store, dispose: () => store.close() };
    },
    // KurrentDB dedupes event ids per stream only, and cannot check a revision without writing.
    { uniqueEventIdsAcrossStreams: false, emptyAppendAsGuard: false },
  );

  describe('KurrentDB event store: multi-stream append', () => {
    let store: KurrentDbEventStore;

    beforeAll(() => {
      store = new KurrentDbEventStore(connectionString);
    });

    afterAll(async () => {
      await store.close();
    });

    const event = (label: string): NewEvent => ({
      id: randomUUID(),
      type: 'ContractTestEvent',
      schemaVersion: 1,
      businessTime: new Date('2024-03-01T00:00:00.000Z'),
      data: { label, amount: '100000', currency: 'MAD' },
      metadata: {
        actor: 'fund-manager-1',
        role: 'fund_manager',
        correlationId: randomUUID(),
        causationId: null,
        idempotencyKey: null,
      },
    });

    it('writes nothing to any stream when one expected revision is wrong', async () => {
      const suffix = randomUUID();
      const existing = `kurrent-multi-existing-${suffix}`;
      const fresh = `kurrent-multi-fresh-${suffix}`;
      const wrong = `kurrent-multi-wrong-${suffix}`;
      await store.appendToStream(existing, [event('first')], { expectedRevision: NO_STREAM });
      const head = await store.headPosition();

      const attempt = store.appendToStreams([
        { streamId: existing, expectedRevision: 0n, events: [event('second')] },
        { streamId: fresh, expectedRevision: NO_STREAM, events: [event('a'), event('b')] },
        // The stream does not exist: revision 4 is wrong.
        { streamId: wrong, expectedRevision: 4n, events: [event('c')] },
      ]);

      await expect(attempt).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      await expect(attempt).rejects.toMatchObject({ streamId: wrong, expected: 4n, actual: null });
      expect((await store.readStream(existing)).map((e) => e.data.label)).toEqual(['first']);
      expect(await store.streamRevision(existing)).toBe(0n);
      expect(await store.readStream(fresh)).toEqual([]);
      expect(await store.streamRevision(fresh)).toBeNull();
      expect(await store.readStream(wrong)).toEqual([]);
      const touched = new Set([existing, fresh, wrong]);
      const after = await store.readAll({ afterPosition: head });
      expect(after.filter((e) => touched.has(e.streamId))).toEqual([]);
    });

    it('writes every stream when all expected revisions hold, and a retry is already recorded', async () => {
      const suffix = randomUUID();
      const appends = [
        { streamId: `kurrent-multi-a-${suffix}`, expectedRevision: NO_STREAM, events: [event('a1'), event('a2')] },
        { streamId: `kurrent-multi-b-${suffix}`, expectedRevision: NO_STREAM, events: [event('b1')] },
      ] as const;

      const first = await store.appendToStreams(appends);
      const retry = await store.appendToStreams(appends);

      expect(first.map((r) => [r.nextExpectedRevision, r.alreadyRecorded])).toEqual([
        [1n, false],
        [0n, false],
      ]);
      expect(retry.map((r) => [r.nextExpectedRevision, r.position, r.alreadyRecorded])).toEqual(
        first.map((r) => [r.nextExpectedRevision, r.position, true]),
      );
      expect((await store.readStream(appends[0].streamId)).map((e) => e.data.label)).toEqual(['a1', 'a2']);
      expect((await store.readStream(appends[1].streamId)).map((e) => e.data.label)).toEqual(['b1']);
    });
  });
}
