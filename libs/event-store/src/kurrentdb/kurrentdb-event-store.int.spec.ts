import { randomUUID } from 'node:crypto';

import { DuplicateEventIdError, InvalidEventError, WrongExpectedRevisionError } from '../errors';
import { NO_STREAM } from '../event-store.port';
import type { NewEvent } from '../event-store.port';
import { describeEventStoreContract } from '../testing/event-store.contract';
import { KurrentDBClient, jsonEvent } from '@kurrent/kurrentdb-client';
import { KurrentDbEventStore } from './kurrentdb-event-store';

import { startKurrentDbFake } from '../../../../test/kurrentdb-fake/kurrentdb-fake';
import type { KurrentDbFake } from '../../../../test/kurrentdb-fake/kurrentdb-fake';

// By default against the KurrentDB protocol fake (test/kurrentdb-fake: the server rules of
// KurrentDB 25.1.4 transcribed from its source: evidence about the adapter under those stated
// semantics, not a server certification). Against a real server 25.1+ instead, e.g. the one in
// docker/docker-compose.yml:
//   KURRENTDB_CONNECTION_STRING='kurrentdb://localhost:2113?tls=false' npx jest kurrentdb
// Every test uses streams with a random suffix, so a shared server is fine.
const realServer = process.env.KURRENTDB_CONNECTION_STRING;
const target = realServer !== undefined && realServer !== '' ? 'a KurrentDB server' : 'the KurrentDB protocol fake';

describe(`KurrentDB event store (against ${target})`, () => {
  let fake: KurrentDbFake | null = null;
  let connectionString = '';

  beforeAll(async () => {
    if (realServer !== undefined && realServer !== '') connectionString = realServer;
    else {
      fake = await startKurrentDbFake();
      connectionString = fake.connectionString;
    }
  });

  afterAll(async () => {
    await fake?.stop();
  });

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
  /*
   * The server's idempotency rules (KurrentDB 25.1.4, IndexWriter.CheckCommit and
   * StorageWriterService.VerifyCommitChecks, transcribed in test/kurrentdb-fake/transaction-log.ts)
   * against the port's promise ("alreadyRecorded: every event id was already recorded: nothing was
   * written"). The adapter once relied on server deduplication that does not cover these cases
   * (a restart, the current revision, a partly repeated multi-stream append): each test states the
   * port's promise under the server's real rules.
   */
  describe('KurrentDB event store: a namespace of its own, and no retention', () => {
    let store: KurrentDbEventStore;
    let client: KurrentDBClient;
    beforeAll(() => {
      store = new KurrentDbEventStore(connectionString);
      client = KurrentDBClient.connectionString(connectionString);
    });
    afterAll(async () => {
      await store.close();
      await client.dispose();
    });
    const event = (label: string): NewEvent => ({
      id: randomUUID(),
      type: 'NamespaceTestEvent',
      schemaVersion: 1,
      businessTime: new Date('2024-03-01T00:00:00.000Z'),
      data: { label },
      metadata: {
        actor: 'ns-test',
        role: 'auditor',
        correlationId: randomUUID(),
        causationId: null,
        idempotencyKey: null,
      },
    });

    it("keeps its streams under its prefix, and never sees another application's events (a server-side filter)", async () => {
      const id = `ns-${randomUUID()}`;
      const before = await store.headPosition();
      await client.appendToStream(`other-app-${randomUUID()}`, [jsonEvent({ type: 'Foreign', data: { x: 1 } })]);
      const mine = await store.appendToStream(id, [event('mine')], { expectedRevision: NO_STREAM });
      expect((await client.getStreamMetadata(`ledger.${id}`)).streamName).toBe(`ledger.${id}`);
      const read = await store.readAll({ afterPosition: before });
      expect(read.map((e) => e.streamId)).toEqual([id]);
      expect(read[0]).toMatchObject({ position: mine.position, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(await store.headPosition()).toBe(mine.position);
    });

    it('refuses a ledger stream whose metadata lets the server drop events ($maxAge)', async () => {
      const id = `retention-${randomUUID()}`;
      await store.appendToStream(id, [event('kept')], { expectedRevision: NO_STREAM });
      await client.setStreamMetadata(`ledger.${id}`, { maxAge: 3600 });
      const fresh = new KurrentDbEventStore(connectionString);
      try {
        await expect(fresh.readStream(id)).rejects.toThrow(/retention metadata/);
        await expect(fresh.appendToStream(id, [event('more')], { expectedRevision: 0n })).rejects.toBeInstanceOf(
          InvalidEventError,
        );
      } finally {
        await fresh.close();
      }
    });
  });

  describe('KurrentDB event store: retries under the server idempotency rules', () => {
    let store: KurrentDbEventStore;
    const onFake = (name: string, fn: () => Promise<void>) => (realServer ? it.skip : it)(name, fn);

    beforeAll(() => {
      store = new KurrentDbEventStore(connectionString);
    });

    afterAll(async () => {
      await store.close();
    });

    const event = (label: string): NewEvent => ({
      id: randomUUID(),
      type: 'RetryTestEvent',
      schemaVersion: 1,
      businessTime: new Date('2024-03-01T00:00:00.000Z'),
      data: { label },
      metadata: {
        actor: 'retry-test',
        role: 'fund_manager',
        correlationId: randomUUID(),
        causationId: null,
        idempotencyKey: null,
      },
    });
    const labels = async (streamId: string) => (await store.readStream(streamId)).map((e) => e.data.label);

    it('a retry with a stale exact revision is recorded once (the stored events are compared)', async () => {
      const id = `retry-exact-${randomUUID()}`;
      await store.appendToStream(id, [event('first')], { expectedRevision: NO_STREAM });
      const second = [event('second')];
      await store.appendToStream(id, second, { expectedRevision: 0n });
      const again = await store.appendToStream(id, second, { expectedRevision: 0n });
      expect(again).toMatchObject({ nextExpectedRevision: 1n, alreadyRecorded: true });
      expect(await labels(id)).toEqual(['first', 'second']);
    });

    it("a retry with 'any' is recorded once while the server remembers the event ids", async () => {
      const id = `retry-any-${randomUUID()}`;
      const events = [event('a'), event('b')];
      await store.appendToStream(id, events, { expectedRevision: 'any' });
      const again = await store.appendToStream(id, events, { expectedRevision: 'any' });
      expect(again).toMatchObject({ nextExpectedRevision: 1n, alreadyRecorded: true });
      expect(await labels(id)).toEqual(['a', 'b']);
    });

    onFake("a retry with 'any' after a server restart is recorded once", async () => {
      // Server: with any/stream_exists only IndexWriter._committedEvents (memory) is consulted.
      const id = `retry-any-restart-${randomUUID()}`;
      const events = [event('a')];
      await store.appendToStream(id, events, { expectedRevision: 'any' });
      fake?.forgetDedupeCache();
      const again = await store.appendToStream(id, events, { expectedRevision: 'any' });
      expect(await labels(id)).toEqual(['a']);
      expect(again.alreadyRecorded).toBe(true);
    });

    it('a retry at the current revision with the same event ids is recorded once', async () => {
      // Server: expectedVersion == currentVersion is Ok at once; no event id is looked at.
      const id = `retry-current-${randomUUID()}`;
      const events = [event('a')];
      const first = await store.appendToStream(id, events, { expectedRevision: 'no_stream' });
      const again = await store.appendToStream(id, events, { expectedRevision: first.nextExpectedRevision });
      expect(await labels(id)).toEqual(['a']);
      expect(again.alreadyRecorded).toBe(true);
    });

    it('a multi-stream append that repeats part of an earlier one is refused with a typed error', async () => {
      // Server: one stream Idempotent, another Ok → WrongExpectedVersion with no failing stream →
      // the v2 AppendSession maps FailureStreamIndexes[0] of an empty list: gRPC INTERNAL, which
      // the client reports as UnavailableError (and drops its channel).
      const suffix = randomUUID();
      const a = { streamId: `retry-part-a-${suffix}`, expectedRevision: NO_STREAM, events: [event('a')] };
      await store.appendToStreams([a]);
      const attempt = store.appendToStreams([
        a,
        { streamId: `retry-part-b-${suffix}`, expectedRevision: NO_STREAM, events: [event('b')] },
      ]);
      await expect(attempt).rejects.toBeInstanceOf(DuplicateEventIdError);
    });

    onFake("an identical multi-stream retry with an 'any' stream after a restart is already recorded", async () => {
      // Server: the 'any' stream is Ok again (cache forgotten), the no_stream one Idempotent → INTERNAL.
      const suffix = randomUUID();
      const appends = [
        { streamId: `retry-multi-any-${suffix}`, expectedRevision: 'any' as const, events: [event('a')] },
        { streamId: `retry-multi-record-${suffix}`, expectedRevision: NO_STREAM, events: [event('record')] },
      ];
      await store.appendToStreams(appends);
      fake?.forgetDedupeCache();
      const again = await store.appendToStreams(appends);
      expect(again.map((r) => r.alreadyRecorded)).toEqual([true, true]);
      expect(await labels(appends[0].streamId)).toEqual(['a']);
    });

    it('refuses, with a typed error, one multi-stream append naming two streams that differ only in case', async () => {
      // Server: the append session refuses a second request for the "same" stream compared
      // OrdinalIgnoreCase (ABORTED, StreamAlreadyInAppendSession; the client reports a TimeoutError),
      // while its storage keeps them apart. The adapter says so before sending anything.
      const suffix = randomUUID();
      const attempt = store.appendToStreams([
        { streamId: `Case-${suffix}`, expectedRevision: NO_STREAM, events: [event('upper')] },
        { streamId: `case-${suffix}`, expectedRevision: NO_STREAM, events: [event('lower')] },
      ]);
      await expect(attempt).rejects.toThrow(/ignoring case/);
      await expect(attempt).rejects.toBeInstanceOf(InvalidEventError);
      expect(await labels(`Case-${suffix}`)).toEqual([]);
      // Apart, they are two streams.
      await store.appendToStream(`Case-${suffix}`, [event('upper')], { expectedRevision: NO_STREAM });
      await store.appendToStream(`case-${suffix}`, [event('lower')], { expectedRevision: NO_STREAM });
      expect(await labels(`Case-${suffix}`)).toEqual(['upper']);
      expect(await labels(`case-${suffix}`)).toEqual(['lower']);
    });

    onFake('reads $all after a position that is not an event boundary (a scan)', async () => {
      const id = `retry-scan-${randomUUID()}`;
      await store.appendToStream(id, [event('one'), event('two')], { expectedRevision: NO_STREAM });
      const [one] = await store.readStream(id);
      const after = (await store.readAll({ afterPosition: one.position + 1n })).filter((e) => e.streamId === id);
      expect(after.map((e) => e.data.label)).toEqual(['two']);
    });
  });
});
