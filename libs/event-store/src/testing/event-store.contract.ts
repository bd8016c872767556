import { randomUUID } from 'node:crypto';
import { DuplicateEventIdError, WrongExpectedRevisionError } from '../errors';
import type { EventStore, NewEvent, RecordedEvent } from '../event-store.port';

/** A test event with the given type and data; ids are fresh UUIDs unless given. */
export function testEvent(type: string, data: Record<string, string | number> = {}, id = randomUUID()): NewEvent {
  return {
    id,
    type,
    schemaVersion: 1,
    businessTime: new Date('2024-03-15T00:00:00.000Z'),
    data,
    metadata: {
      actor: 'contract-test',
      role: 'fund_manager',
      correlationId: randomUUID(),
      causationId: null,
      idempotencyKey: null,
    },
  };
}

/** Collects events of the given streams from a subscription until `count` arrived or it times out. */
export async function collect(
  store: EventStore,
  afterPosition: bigint,
  belongs: (event: RecordedEvent) => boolean,
  count: number,
  timeoutMs = 20_000,
): Promise<RecordedEvent[]> {
  const subscription = store.subscribeToAll({ afterPosition, batchSize: 50 });
  const seen: RecordedEvent[] = [];
  const timer = setTimeout(() => void subscription.unsubscribe(), timeoutMs);
  try {
    for await (const event of subscription) {
      if (belongs(event)) seen.push(event);
      if (seen.length >= count) break;
    }
  } finally {
    clearTimeout(timer);
    await subscription.unsubscribe();
  }
  return seen;
}

/**
 * The contract every event store adapter passes. Streams get unique names per test, so the suite
 * also runs against a shared server.
 */
export interface EventStoreCapabilities {
  /** An event id is unique in the whole log, not only in its stream (the SQL adapter; KurrentDB dedupes per stream). */
  readonly uniqueEventIdsAcrossStreams: boolean;
  /** A stream with no events in a multi-stream append checks its revision and writes nothing. */
  readonly emptyAppendAsGuard: boolean;
}

export function describeEventStoreContract(
  name: string,
  createStore: () => Promise<{ store: EventStore; dispose: () => Promise<void> }>,
  capabilities: EventStoreCapabilities = { uniqueEventIdsAcrossStreams: true, emptyAppendAsGuard: true },
): void {
  const itIf = (capable: boolean) => (capable ? it : it.skip);
  describe(`event store contract: ${name}`, () => {
    let store: EventStore;
    let dispose: () => Promise<void>;
    const stream = (label: string) => `${label}-${randomUUID()}`;

    beforeAll(async () => {
      ({ store, dispose } = await createStore());
    });
    afterAll(async () => {
      await dispose();
    });

    describe('appending and reading a stream', () => {
      it('records the events with their revisions, positions, times and metadata', async () => {
        const id = stream('grant');
        const events = [testEvent('GrantRequested', { eligibleCost: '30000000' }), testEvent('GrantApproved')];
        const before = new Date();
        const result = await store.appendToStream(id, events, { expectedRevision: 'no_stream' });
        expect(result).toMatchObject({ streamId: id, nextExpectedRevision: 1n, alreadyRecorded: false });

        const read = await store.readStream(id);
        expect(read.map((e) => [e.id, e.type, e.revision])).toEqual([
          [events[0].id, 'GrantRequested', 0n],
          [events[1].id, 'GrantApproved', 1n],
        ]);
        expect(read[0].data).toEqual({ eligibleCost: '30000000' });
        expect(read[0].schemaVersion).toBe(1);
        expect(read[0].businessTime.toISOString()).toBe('2024-03-15T00:00:00.000Z');
        expect(read[0].recordedAt.getTime()).toBeGreaterThanOrEqual(before.getTime() - 5_000);
        expect(read[0].metadata).toEqual(events[0].metadata);
        expect(read[1].position).toBeGreaterThan(read[0].position);
        expect(read[1].position).toBe(result.position);
        expect(await store.streamRevision(id)).toBe(1n);
      });

      it('reads forwards from a revision, backwards from the end, and up to a count', async () => {
        const id = stream('fund');
        await store.appendToStream(
          id,
          [0, 1, 2, 3, 4].map((n) => testEvent('ContributionRecorded', { n })),
          {
            expectedRevision: 'no_stream',
          },
        );
        const forwards = await store.readStream(id, { fromRevision: 2n, maxCount: 2 });
        expect(forwards.map((e) => e.data.n)).toEqual([2, 3]);
        const backwards = await store.readStream(id, { direction: 'backwards', maxCount: 3 });
        expect(backwards.map((e) => e.data.n)).toEqual([4, 3, 2]);
        const backwardsFrom = await store.readStream(id, { direction: 'backwards', fromRevision: 1n });
        expect(backwardsFrom.map((e) => e.data.n)).toEqual([1, 0]);
      });

      it('reads a stream that does not exist as empty, with no revision', async () => {
        const id = stream('nothing');
        expect(await store.readStream(id)).toEqual([]);
        expect(await store.streamRevision(id)).toBeNull();
      });
    });

    describe('optimistic concurrency', () => {
      it('refuses a wrong exact revision with a typed error and writes nothing', async () => {
        const id = stream('grant');
        await store.appendToStream(id, [testEvent('GrantRequested')], { expectedRevision: 'no_stream' });
        const attempt = store.appendToStream(id, [testEvent('GrantApproved')], { expectedRevision: 5n });
        await expect(attempt).rejects.toBeInstanceOf(WrongExpectedRevisionError);
        await expect(attempt).rejects.toMatchObject({ streamId: id, expected: 5n, actual: 0n });
        expect(await store.readStream(id)).toHaveLength(1);
      });

      it('refuses an exact revision on a stream that does not exist', async () => {
        const id = stream('grant');
        await expect(
          store.appendToStream(id, [testEvent('GrantApproved')], { expectedRevision: 0n }),
        ).rejects.toMatchObject({ streamId: id, expected: 0n, actual: null });
        expect(await store.readStream(id)).toEqual([]);
      });

      it('honours no_stream, stream_exists, any and an exact revision', async () => {
        const id = stream('window');
        await expect(
          store.appendToStream(id, [testEvent('WindowOpened')], { expectedRevision: 'stream_exists' }),
        ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
        await store.appendToStream(id, [testEvent('WindowOpened')], { expectedRevision: 'no_stream' });
        await expect(
          store.appendToStream(id, [testEvent('WindowOpened')], { expectedRevision: 'no_stream' }),
        ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
        await store.appendToStream(id, [testEvent('ScheduleAmended')], { expectedRevision: 'stream_exists' });
        await store.appendToStream(id, [testEvent('ScheduleAmended')], { expectedRevision: 'any' });
        await store.appendToStream(id, [testEvent('ScheduleAmended')], { expectedRevision: 2n });
        expect(await store.streamRevision(id)).toBe(3n);
      });

      it('lets exactly one of two racing writers with the same expected revision win', async () => {
        const id = stream('fund');
        await store.appendToStream(id, [testEvent('FundCreated')], { expectedRevision: 'no_stream' });
        const outcomes = await Promise.allSettled(
          Array.from({ length: 5 }, () =>
            store.appendToStream(id, [testEvent('GrantCommitted')], { expectedRevision: 0n }),
          ),
        );
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        for (const outcome of outcomes.filter((o) => o.status === 'rejected')) {
          expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevisionError);
        }
        expect(await store.readStream(id)).toHaveLength(2);
      });
    });

    describe('idempotent re-append', () => {
      it('records the same event ids once and says the repeat was already recorded', async () => {
        const id = stream('grant');
        const events = [testEvent('GrantRequested'), testEvent('GrantApproved')];
        const first = await store.appendToStream(id, events, { expectedRevision: 'no_stream' });
        const head = await store.headPosition();
        const again = await store.appendToStream(id, events, { expectedRevision: 'no_stream' });
        expect(again).toMatchObject({ alreadyRecorded: true, nextExpectedRevision: 1n, position: first.position });
        expect(await store.readStream(id)).toHaveLength(2);
        expect(await store.headPosition()).toBe(head);
      });

      it('the same ids appended again at the current revision: nothing written, alreadyRecorded', async () => {
        // A retry after a lost answer, made by a writer that reloaded the stream first.
        const id = stream('grant');
        const events = [testEvent('GrantRequested'), testEvent('GrantApproved')];
        const first = await store.appendToStream(id, events, { expectedRevision: 'no_stream' });
        const head = await store.headPosition();
        const again = await store.appendToStream(id, events, { expectedRevision: first.nextExpectedRevision });
        expect(again).toMatchObject({ alreadyRecorded: true, nextExpectedRevision: 1n });
        expect(await store.readStream(id)).toHaveLength(2);
        expect(await store.headPosition()).toBe(head);
      });

      itIf(capabilities.uniqueEventIdsAcrossStreams)(
        'refuses an event id already recorded in another stream',
        async () => {
          const event = testEvent('GrantRequested');
          await store.appendToStream(stream('grant'), [event], { expectedRevision: 'no_stream' });
          const other = stream('grant');
          await expect(store.appendToStream(other, [event], { expectedRevision: 'any' })).rejects.toBeInstanceOf(
            DuplicateEventIdError,
          );
          expect(await store.readStream(other)).toEqual([]);
        },
      );

      itIf(capabilities.uniqueEventIdsAcrossStreams)(
        'refuses a batch whose later event id is already recorded, and writes none of it',
        async () => {
          const recorded = testEvent('GrantRequested');
          await store.appendToStream(stream('grant'), [recorded], { expectedRevision: 'no_stream' });
          const other = stream('grant');
          await expect(
            store.appendToStream(other, [testEvent('GrantRequested'), recorded], { expectedRevision: 'any' }),
          ).rejects.toBeInstanceOf(DuplicateEventIdError);
          expect(await store.readStream(other)).toEqual([]);
        },
      );
    });

    describe('multi-stream atomic append', () => {
      it('writes every stream when every expected revision holds', async () => {
        const grant = stream('grant');
        const fund = stream('fund');
        await store.appendToStream(fund, [testEvent('FundCreated')], { expectedRevision: 'no_stream' });
        const results = await store.appendToStreams([
          { streamId: grant, expectedRevision: 'no_stream', events: [testEvent('GrantApproved')] },
          { streamId: fund, expectedRevision: 0n, events: [testEvent('FundsCommitted')] },
        ]);
        expect(results.map((r) => r.nextExpectedRevision)).toEqual([0n, 1n]);
        expect(await store.streamRevision(grant)).toBe(0n);
        expect(await store.streamRevision(fund)).toBe(1n);
      });

      itIf(capabilities.emptyAppendAsGuard)('treats a stream with no events as a guard on its revision', async () => {
        const guarded = stream('company');
        const written = stream('guarantee');
        await store.appendToStream(guarded, [testEvent('CompanyRegistered')], { expectedRevision: 'no_stream' });
        await store.appendToStreams([
          { streamId: written, expectedRevision: 'no_stream', events: [testEvent('GuaranteeIssued')] },
          { streamId: guarded, expectedRevision: 0n, events: [] },
        ]);
        expect(await store.streamRevision(written)).toBe(0n);
        await store.appendToStream(guarded, [testEvent('ClaimPaid')], { expectedRevision: 0n });
        const other = stream('guarantee');
        await expect(
          store.appendToStreams([
            { streamId: other, expectedRevision: 'no_stream', events: [testEvent('GuaranteeIssued')] },
            { streamId: guarded, expectedRevision: 0n, events: [] },
          ]),
        ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
        expect(await store.readStream(other)).toEqual([]);
      });

      it('writes nothing to any stream when one expected revision is wrong', async () => {
        const grant = stream('grant');
        const fund = stream('fund');
        await store.appendToStream(fund, [testEvent('FundCreated')], { expectedRevision: 'no_stream' });
        const head = await store.headPosition();
        await expect(
          store.appendToStreams([
            { streamId: grant, expectedRevision: 'no_stream', events: [testEvent('GrantApproved')] },
            { streamId: fund, expectedRevision: 7n, events: [testEvent('FundsCommitted')] },
          ]),
        ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
        expect(await store.readStream(grant)).toEqual([]);
        expect(await store.readStream(fund)).toHaveLength(1);
        const after = await store.readAll({ afterPosition: head, maxCount: 1000 });
        expect(after.filter((e) => e.streamId === grant || e.streamId === fund)).toEqual([]);
      });
    });

    describe('the global log', () => {
      it('reads all events in order, strictly after a position', async () => {
        const a = stream('a');
        const b = stream('b');
        const start = await store.headPosition();
        await store.appendToStream(a, [testEvent('One'), testEvent('Two')], { expectedRevision: 'no_stream' });
        await store.appendToStream(b, [testEvent('Three')], { expectedRevision: 'no_stream' });
        await store.appendToStream(a, [testEvent('Four')], { expectedRevision: 1n });
        const ours = (await store.readAll({ afterPosition: start, maxCount: 10_000 })).filter(
          (e) => e.streamId === a || e.streamId === b,
        );
        expect(ours.map((e) => e.type)).toEqual(['One', 'Two', 'Three', 'Four']);
        const positions = ours.map((e) => e.position);
        expect([...positions].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0))).toEqual(positions);
        const afterSecond = (await store.readAll({ afterPosition: ours[1].position, maxCount: 10_000 })).filter(
          (e) => e.streamId === a || e.streamId === b,
        );
        expect(afterSecond.map((e) => e.type)).toEqual(['Three', 'Four']);
      });
    });

    describe('subscription to all', () => {
      it('catches up from a checkpoint, then delivers live events', async () => {
        const id = stream('sub');
        const checkpoint = await store.headPosition();
        await store.appendToStream(id, [testEvent('Before1'), testEvent('Before2')], { expectedRevision: 'no_stream' });
        const received = collect(store, checkpoint, (e) => e.streamId === id, 4);
        await new Promise((resolve) => setTimeout(resolve, 100));
        await store.appendToStream(id, [testEvent('Live1')], { expectedRevision: 1n });
        await store.appendToStream(id, [testEvent('Live2')], { expectedRevision: 2n });
        expect((await received).map((e) => e.type)).toEqual(['Before1', 'Before2', 'Live1', 'Live2']);
      });

      it('resumes strictly after a stored checkpoint, without repeating or skipping', async () => {
        const id = stream('sub');
        const start = await store.headPosition();
        await store.appendToStream(
          id,
          [1, 2, 3, 4, 5].map((n) => testEvent('Numbered', { n })),
          {
            expectedRevision: 'no_stream',
          },
        );
        const firstTwo = await collect(store, start, (e) => e.streamId === id, 2);
        const stored = firstTwo[1].position;
        const rest = await collect(store, stored, (e) => e.streamId === id, 3);
        expect([...firstTwo, ...rest].map((e) => e.data.n)).toEqual([1, 2, 3, 4, 5]);
      });

      it('never skips an event while many writers append concurrently (the gap test)', async () => {
        const prefix = `gap-${randomUUID()}`;
        const writers = 8;
        const appendsPerWriter = 25;
        const start = await store.headPosition();
        const expected = writers * appendsPerWriter * 2;
        const received = collect(store, start, (e) => e.streamId.startsWith(prefix), expected, 60_000);
        await Promise.all(
          Array.from({ length: writers }, async (_, writer) => {
            for (let n = 0; n < appendsPerWriter; n++) {
              // Half the appends go to one shared stream with 'any', so writers also contend.
              const id = n % 2 === 0 ? `${prefix}-w${writer}` : `${prefix}-shared`;
              await store.appendToStream(id, [testEvent('E', { writer, n }), testEvent('E', { writer, n })], {
                expectedRevision: 'any',
              });
            }
          }),
        );
        const seen = await received;
        expect(seen).toHaveLength(expected);
        expect(new Set(seen.map((e) => e.id)).size).toBe(expected);
        for (let i = 1; i < seen.length; i++) expect(seen[i].position > seen[i - 1].position).toBe(true);
        const all = (await store.readAll({ afterPosition: start, maxCount: 100_000 })).filter((e) =>
          e.streamId.startsWith(prefix),
        );
        expect(seen.map((e) => e.id)).toEqual(all.map((e) => e.id));
      });
    });
  });
}
