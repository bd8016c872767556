import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { openDataSource, type Database } from '@ledger/database';
import { PostgresEventStore, eventStoreMigrations } from '@ledger/event-store';
import { Money, MoneyError } from '@ledger/money';
import { openTestDatabase, testDatabaseKinds } from '@ledger/testing';
import {
  answerMetaOf,
  CommandPipeline,
  commandStreamId,
  decided,
  defineEvent,
  DomainError,
  EventCatalog,
  EventSourcedRepository,
  eventSourcingMigrations,
  field,
  IdempotencyKeyReused,
  SqlSnapshotStore,
  type CommandContext,
  type EventOf,
  type StreamModel,
} from '..';

// A tiny account that may never be overdrawn.
const Deposited = defineEvent('test.Deposited', { amount: field.money() });
const Withdrawn = defineEvent('test.Withdrawn', { amount: field.money() });
type AccountEvent = EventOf<typeof Deposited> | EventOf<typeof Withdrawn>;
interface Account {
  readonly balance: Money;
}

class Overdrawn extends DomainError {
  readonly code = 'overdrawn';
  readonly kind = 'rejected' as const;
  constructor(balance: Money) {
    super('not enough', { balance: balance.toMinorString() });
  }
}

const account: StreamModel<Account, AccountEvent> = {
  catalog: new EventCatalog<AccountEvent>([Deposited, Withdrawn]),
  initialState: () => ({ balance: Money.zero('MAD') }),
  evolve: (state, event) =>
    event.type === 'test.Deposited'
      ? { balance: state.balance.plus(event.amount) }
      : { balance: state.balance.minus(event.amount) },
};

const mad = (minor: bigint) => Money.ofMinor(minor, 'MAD');
const context = (extra: Partial<CommandContext> = {}): CommandContext => ({
  actor: 'tester',
  role: 'fund_manager',
  correlationId: randomUUID(),
  ...extra,
});

for (const kind of testDatabaseKinds()) {
  describe(`the command pipeline on ${kind}`, () => {
    let database: Database;
    let dispose: () => Promise<void>;
    let dataSource: DataSource;
    let store: PostgresEventStore;
    let pipeline: CommandPipeline;

    const newPipeline = () =>
      new CommandPipeline(store, new EventSourcedRepository(store, null), new SqlSnapshotStore(database.pool));

    beforeAll(async () => {
      ({ database, dispose } = await openTestDatabase(kind));
      dataSource = await openDataSource(database, {
        entities: [],
        migrations: [...eventStoreMigrations, ...eventSourcingMigrations],
      });
      store = new PostgresEventStore(database.pool, { pollIntervalMs: 20 });
      pipeline = newPipeline();
    });
    afterAll(async () => {
      await store.close();
      await dataSource.destroy();
      await dispose();
    });

    const deposit = (on: CommandPipeline, id: string, amount: Money, ctx = context()) =>
      on.run({ context: ctx, on: '2024-01-01' }, async (tx) => {
        const stream = await tx.load(id, account);
        const after = tx.append(stream, [Deposited.create({ amount })]);
        return decided({ balance: after.balance.toJSON() });
      });
    const withdraw = (on: CommandPipeline, id: string, amount: Money, ctx = context()) =>
      on.run({ context: ctx, on: '2024-01-02' }, async (tx) => {
        const stream = await tx.load(id, account);
        if (stream.state.balance.lessThan(amount)) throw new Overdrawn(stream.state.balance);
        const after = tx.append(stream, [Withdrawn.create({ amount })]);
        return decided({ balance: after.balance.toJSON() });
      });

    it('answers from the recorded state, with the position last', async () => {
      const id = `account-${randomUUID()}`;
      const answer = await deposit(pipeline, id, mad(10_000n));
      expect(Object.keys(answer)).toEqual(['balance', 'position']);
      expect(answer.balance).toEqual({ amountMinor: '10000', currency: 'MAD' });
      const [event] = await store.readStream(id);
      expect(answer.position).toBe(event.position.toString());
      expect(answerMetaOf(answer)).toMatchObject({ kind: 'decided', replayed: false });
    });

    it('decides a burst on one stream one after another: the invariant holds and nobody sees a conflict', async () => {
      const id = `account-${randomUUID()}`;
      await deposit(pipeline, id, mad(5_000n));
      // Twenty withdrawals of 1,000 race for 5,000: exactly five are decided, fifteen refused.
      const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => withdraw(pipeline, id, mad(1_000n))));
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(5);
      for (const outcome of outcomes.filter((o) => o.status === 'rejected'))
        expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(Overdrawn);
      const events = await store.readStream(id);
      expect(events).toHaveLength(6);
      // Fewer commits than commands: the burst went in batches.
      expect(new Set(events.map((e) => e.recordedAt.getTime())).size).toBeLessThan(6);
    });

    it('refuses before writing when evolve would overflow a running total', async () => {
      const id = `account-${randomUUID()}`;
      const nearMax = mad(10n ** 30n - 1n);
      await deposit(pipeline, id, nearMax);
      const head = await store.headPosition();
      await expect(deposit(pipeline, id, mad(1n))).rejects.toBeInstanceOf(MoneyError);
      expect(await store.headPosition()).toBe(head);
      // The stream is still usable.
      await expect(withdraw(pipeline, id, mad(1n))).resolves.toBeDefined();
    });

    it('keeps two processes honest: a stale cache is caught by the expected revision and decided again', async () => {
      const id = `account-${randomUUID()}`;
      const other = newPipeline();
      await deposit(pipeline, id, mad(3_000n));
      await withdraw(pipeline, id, mad(1_000n)); // cached here at 2,000
      await withdraw(other, id, mad(2_000n)); // the other process empties it
      await expect(withdraw(pipeline, id, mad(1_000n))).rejects.toBeInstanceOf(Overdrawn);
      const racing = await Promise.allSettled([
        deposit(pipeline, id, mad(500n)),
        deposit(other, id, mad(700n)),
        ...Array.from({ length: 6 }, (_, i) => withdraw(i % 2 ? pipeline : other, id, mad(300n))),
      ]);
      const balance = (await new EventSourcedRepository(store, null).load(id, account)).state.balance;
      const won = racing.slice(2).filter((o) => o.status === 'fulfilled').length;
      expect(balance.amountMinor).toBe(1_200n - BigInt(won) * 300n);
      expect(balance.isNegative()).toBe(false);
      expect(won).toBe(4);
    });

    it('does not let a refusal rest on a stale cached stream: it is decided again on fresh state', async () => {
      const id = `account-${randomUUID()}`;
      const other = newPipeline();
      await deposit(pipeline, id, mad(100n));
      await withdraw(pipeline, id, mad(100n)); // cached here at 0
      await deposit(other, id, mad(1_000n)); // another process refills it
      // Decided on the cache alone this would be refused; the store says the stream moved.
      const answer = await withdraw(pipeline, id, mad(500n));
      expect(answer.balance).toEqual({ amountMinor: '500', currency: 'MAD' });
      // A refusal on current state stands.
      await expect(withdraw(pipeline, id, mad(501n))).rejects.toBeInstanceOf(Overdrawn);
    });

    describe('with an Idempotency-Key', () => {
      const keyed = (key: string, requestHash = 'hash-a') => context({ idempotencyKey: key, requestHash });

      it('records the command with its events, and a retry gets the first answer byte for byte', async () => {
        const id = `account-${randomUUID()}`;
        const key = randomUUID();
        const first = await deposit(pipeline, id, mad(100n), keyed(key));
        // A retry after a lost answer, on a process that never saw the first (a restart).
        const again = await deposit(newPipeline(), id, mad(100n), keyed(key));
        const thrice = await deposit(pipeline, id, mad(100n), keyed(key));
        expect(JSON.stringify(again)).toBe(JSON.stringify(first));
        expect(JSON.stringify(thrice)).toBe(JSON.stringify(first));
        expect(answerMetaOf(again)?.replayed).toBe(true);
        expect(await store.readStream(id)).toHaveLength(1);
        const [record] = await store.readStream(commandStreamId('tester', key));
        expect(record.type).toBe('ledger.CommandRecorded');
        expect(first.position).toBe(record.position.toString());
      });

      it('answers a retry whose decision would now be refused with the first answer', async () => {
        const id = `account-${randomUUID()}`;
        const key = randomUUID();
        await deposit(pipeline, id, mad(100n));
        const first = await withdraw(pipeline, id, mad(100n), keyed(key));
        const again = await withdraw(newPipeline(), id, mad(100n), keyed(key));
        expect(JSON.stringify(again)).toBe(JSON.stringify(first));
        expect(await store.readStream(id)).toHaveLength(2);
      });

      it('gives concurrent duplicates one effect and one answer', async () => {
        const id = `account-${randomUUID()}`;
        const key = randomUUID();
        const answers = await Promise.all([
          ...Array.from({ length: 5 }, () => deposit(pipeline, id, mad(100n), keyed(key))),
          ...Array.from({ length: 5 }, () => deposit(newPipeline(), id, mad(100n), keyed(key))),
        ]);
        expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
        expect(await store.readStream(id)).toHaveLength(1);
      });

      it('refuses the same key with another request, and writes nothing', async () => {
        const id = `account-${randomUUID()}`;
        const key = randomUUID();
        await deposit(pipeline, id, mad(100n), keyed(key, 'hash-a'));
        const head = await store.headPosition();
        await expect(deposit(newPipeline(), id, mad(200n), keyed(key, 'hash-b'))).rejects.toBeInstanceOf(
          IdempotencyKeyReused,
        );
        await expect(deposit(pipeline, id, mad(200n), keyed(key, 'hash-b'))).rejects.toBeInstanceOf(
          IdempotencyKeyReused,
        );
        expect(await store.headPosition()).toBe(head);
      });
    });
  });
}
