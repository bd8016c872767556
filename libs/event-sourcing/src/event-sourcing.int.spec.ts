import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { openDataSource, type Database } from '@ledger/database';
import { PostgresEventStore, eventStoreMigrations, type RecordedEvent } from '@ledger/event-store';
import { openTestDatabase, testDatabaseKinds } from '@ledger/testing';
import { Money } from '@ledger/money';
import { defineEvent, EventCatalog, field, type EventOf } from '@ledger/kernel';
import { EventSourcedRepository } from './event-sourced-repository';
import { decided } from './pipeline/command-answer';
import { CommandPipeline } from './pipeline/command-pipeline';
import { eventSourcingMigrations } from './migrations';
import { ProjectionCheckpoint } from './projections/projection-checkpoint.entity';
import { ProjectionGroup, ProjectionRunner } from './projections/projection-runner';
import { ProjectionLease } from './projections/projection-lease';
import { readProjectionsStatus } from './projections/projection-status';
import type { Projection } from './projections/projection';
import { SqlSnapshotStore } from './sql/snapshot-store';
import type { CommandContext, StreamModel } from './stream-model';

// A tiny account: deposits and withdrawals that may never overdraw it.
const Deposited = defineEvent('test.Deposited', { amount: field.money() });
const Withdrawn = defineEvent('test.Withdrawn', { amount: field.money() });
type AccountEvent = EventOf<typeof Deposited> | EventOf<typeof Withdrawn>;
interface Account {
  readonly balance: Money;
}

const account: StreamModel<Account, AccountEvent> = {
  catalog: new EventCatalog<AccountEvent>([Deposited, Withdrawn]),
  initialState: () => ({ balance: Money.zero('MAD') }),
  evolve: (state, event) =>
    event.type === 'test.Deposited'
      ? { balance: state.balance.plus(event.amount) }
      : { balance: state.balance.minus(event.amount) },
  snapshot: {
    version: 1,
    every: 10,
    encode: (state) => ({ balance: state.balance.toMinorString() }),
    decode: (json) => ({ balance: Money.parseMinor(String(json.balance), 'MAD') }),
  },
};

const context: CommandContext = { actor: 'tester', role: 'fund_manager', correlationId: randomUUID() };
const mad = (minor: bigint) => Money.ofMinor(minor, 'MAD');

for (const kind of testDatabaseKinds()) {
  describe(`event-sourcing plumbing on ${kind}`, () => {
    let database: Database;
    let dispose: () => Promise<void>;
    let dataSource: DataSource;
    let store: PostgresEventStore;
    let repository: EventSourcedRepository;
    let pipeline: CommandPipeline;

    beforeAll(async () => {
      ({ database, dispose } = await openTestDatabase(kind));
      dataSource = await openDataSource(database, {
        entities: [ProjectionCheckpoint],
        migrations: [...eventStoreMigrations, ...eventSourcingMigrations],
      });
      for (const table of ['test_balances', 'test_balances_2', 'test_balances_3', 'test_balances_4'])
        await dataSource.query(
          `CREATE TABLE ${table} (account text PRIMARY KEY, balance numeric(38,0) NOT NULL, events integer NOT NULL)`,
        );
      store = new PostgresEventStore(database.pool, { pollIntervalMs: 20 });
      repository = new EventSourcedRepository(store, new SqlSnapshotStore(database.pool));
      pipeline = new CommandPipeline(store, repository, new SqlSnapshotStore(database.pool));
    });
    afterAll(async () => {
      await store.close();
      await dataSource.destroy();
      await dispose();
    });

    /** Appends through the command pipeline (which also takes the snapshots). */
    async function deposit(id: string, minor: bigint): Promise<bigint> {
      const answer = await pipeline.run({ context, on: new Date() }, async (tx) => {
        tx.append(await tx.load(id, account), [Deposited.create({ amount: mad(minor) })]);
        return decided({});
      });
      return BigInt(answer.position);
    }

    describe('the repository', () => {
      it('loads state from events, with the revision of the last one', async () => {
        const id = `account-${randomUUID()}`;
        const empty = await repository.load(id, account);
        expect(empty.revision).toBeNull();
        await deposit(id, 10_000n);
        const loaded = await repository.load(id, account);
        expect(loaded.revision).toBe(0n);
        expect(loaded.state.balance.amountMinor).toBe(10_000n);
      });

      it('loads from a snapshot plus the tail, with the same state as a full replay', async () => {
        const id = `account-${randomUUID()}`;
        for (let n = 1; n <= 25; n++) await deposit(id, BigInt(n));
        const snapshot = await new SqlSnapshotStore(database.pool).load(id, 1);
        expect(snapshot?.revision).toBe(19n);
        const fromSnapshot = await repository.load(id, account);
        const withoutSnapshots = await new EventSourcedRepository(store, null).load(id, account);
        expect(fromSnapshot.revision).toBe(24n);
        expect(fromSnapshot.state.balance.amountMinor).toBe(325n);
        expect(withoutSnapshots.state.balance.equals(fromSnapshot.state.balance)).toBe(true);
      });
    });

    describe('a projection runner', () => {
      const balances = (failAt?: () => bigint | null, table = 'test_balances'): Projection => ({
        name: table.replace('_', '-'),
        tables: [table],
        async apply(event: RecordedEvent, manager: EntityManager) {
          if (!event.streamId.startsWith('proj-')) return;
          if (failAt?.() === event.position) throw new Error(`crash at ${event.position}`);
          const decoded = account.catalog.decode(event);
          const delta = decoded.type === 'test.Deposited' ? decoded.amount.amountMinor : -decoded.amount.amountMinor;
          await manager.query(
            `INSERT INTO ${table} (account, balance, events) VALUES ($1, $2, 1)
             ON CONFLICT (account) DO UPDATE SET balance = ${table}.balance + EXCLUDED.balance, events = ${table}.events + 1`,
            [event.streamId, delta.toString()],
          );
        },
      });
      const rows = async (table = 'test_balances') =>
        dataSource.query(`SELECT account, balance, events FROM ${table} ORDER BY account`);

      it('applies each event exactly once across a crash mid-batch, and a rebuild gives the same rows', async () => {
        const ids = [`proj-${randomUUID()}`, `proj-${randomUUID()}`];
        for (let n = 0; n < 30; n++) await deposit(ids[n % 2], 100n);
        const head = await store.headPosition();
        // The first run dies on an event in the middle of its second batch.
        let crashAt: bigint | null = head - 5n;
        const crashing = new ProjectionRunner(
          balances(() => crashAt),
          store,
          dataSource,
          { batchSize: 10 },
        );
        await expect(crashing.catchUp()).rejects.toThrow(/crash at/);
        const checkpointAfterCrash = crashing.checkpoint;
        expect(checkpointAfterCrash).toBeLessThan(head - 5n);
        const partial: { events: number }[] = await rows();
        const appliedBeforeCrash = partial.reduce((sum, row) => sum + Number(row.events), 0);

        // A new runner (a restarted process) resumes from the stored checkpoint.
        crashAt = null;
        const restarted = new ProjectionRunner(balances(), store, dataSource, { batchSize: 10 });
        await restarted.catchUp();
        const live = await rows();
        expect(live).toEqual([...ids].sort().map((account) => ({ account, balance: '1500', events: 15 })));
        expect(appliedBeforeCrash).toBeLessThan(30);

        await restarted.reset();
        expect(await rows()).toEqual([]);
        await restarted.catchUp();
        expect(await rows()).toEqual(live);
      });

      it('runs with others as a group: one failing read model stops only itself, and resumes without skipping', async () => {
        const id = `proj-${randomUUID()}`;
        let failAt: bigint | null = null;
        const healthy = new ProjectionRunner(balances(), store, dataSource);
        const failing = new ProjectionRunner(
          balances(() => failAt, 'test_balances_2'),
          store,
          dataSource,
        );
        ProjectionGroup.drive([healthy, failing], store, dataSource, { pollIntervalMs: 20 });
        // Both start from the same place: reset them (their tables too) to the same empty state.
        await healthy.reset();
        await failing.reset();
        await healthy.start();
        await failing.start();
        try {
          await healthy.waitFor(await store.headPosition());
          await failing.waitFor(await store.headPosition());
          const first = await deposit(id, 100n);
          await failing.waitFor(first);
          failAt = first + 1n;
          const second = await deposit(id, 20n);
          expect(second).toBe(failAt);
          await deposit(id, 3n);
          const head = await store.headPosition();
          // The healthy one reaches the head; the failing one stays just before the event it fails on.
          await healthy.waitFor(head);
          expect(await rows()).toContainEqual({ account: id, balance: '123', events: 3 });
          expect(failing.checkpoint).toBe(first);
          expect(await failing.storedCheckpoint()).toBe(first);
          expect(await rows('test_balances_2')).toContainEqual({ account: id, balance: '100', events: 1 });
          // Its failure is stored, for every process (and `ledger status`) to report.
          const status = () =>
            readProjectionsStatus(dataSource, head, [healthy.name, failing.name], 'none', {
              maxLag: 1_000,
              stuckAfterMs: 60_000,
            });
          const reported = await status();
          expect(reported.healthy).toBe(false);
          expect(reported.projections.find((projection) => projection.name === failing.name)).toMatchObject({
            state: 'failed',
            lastError: { position: failAt, message: `crash at ${failAt}` },
          });
          expect(reported.problems).toEqual([`${failing.name} failed at position ${failAt}: crash at ${failAt}`]);
          // Fixed: it resumes where it stopped (retried with backoff), applying each event once.
          failAt = null;
          await failing.waitFor(head);
          expect((await status()).projections.map((projection) => [projection.state, projection.lastError])).toEqual([
            ['current', null],
            ['current', null],
          ]);
          expect(await rows('test_balances_2')).toEqual(await rows());
          expect(await failing.storedCheckpoint()).toBe(head);
          expect(await healthy.storedCheckpoint()).toBe(head);
        } finally {
          await healthy.stop();
          await failing.stop();
        }
        // Stopped members are left alone: a new event is not applied until they start again.
        const after = await deposit(id, 1n);
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(healthy.checkpoint).toBeLessThan(after);
        await healthy.start();
        await healthy.waitFor(after);
        await healthy.stop();
      });

      it('never applies a page twice when two appliers run at once (checkpoint compare-and-set)', async () => {
        const projection = balances(undefined, 'test_balances_3');
        const first = new ProjectionRunner(projection, store, dataSource);
        const second = new ProjectionRunner(projection, store, dataSource);
        // Two groups with no lease: as if two processes both believed they held it.
        ProjectionGroup.drive([first], store, dataSource, { pollIntervalMs: 5, batchSize: 3 });
        ProjectionGroup.drive([second], store, dataSource, { pollIntervalMs: 5, batchSize: 3 });
        const ids = [`proj-${randomUUID()}`, `proj-${randomUUID()}`];
        for (let n = 0; n < 20; n++) await deposit(ids[n % 2], 10n);
        const head = await store.headPosition();
        await Promise.all([first.start(), second.start()]);
        try {
          await Promise.all([first.waitFor(head), second.waitFor(head)]);
        } finally {
          await Promise.all([first.stop(), second.stop()]);
        }
        const mine = (await rows('test_balances_3')).filter((row: { account: string }) => ids.includes(row.account));
        expect(mine).toEqual([...ids].sort().map((account) => ({ account, balance: '100', events: 10 })));
        expect(await first.storedCheckpoint()).toBe(head);
      });

      it('lets the lease holder apply, the other follow, and takes over when the holder dies', async () => {
        const projection = balances(undefined, 'test_balances_4');
        const leaseName = `test-lease-${randomUUID()}`;
        const processes = [0, 1].map(() => {
          const runner = new ProjectionRunner(projection, store, dataSource);
          const lease = new ProjectionLease(dataSource, leaseName, { ttlMs: 600 });
          const group = ProjectionGroup.drive([runner], store, dataSource, { pollIntervalMs: 20, lease });
          return { runner, lease, group };
        });
        const id = `proj-${randomUUID()}`;
        await Promise.all(processes.map(({ runner }) => runner.start()));
        try {
          const before = await deposit(id, 5n);
          await Promise.all(processes.map(({ runner }) => runner.waitFor(before)));
          expect(processes.filter(({ group }) => group.applying)).toHaveLength(1);
          const holder = processes.find(({ group }) => group.applying)!;
          const other = processes.find((process) => process !== holder)!;
          const [lease] = await dataSource.query('SELECT holder FROM projection_leases WHERE name = $1', [leaseName]);
          expect(lease.holder).toBe(holder.lease.holder);

          // The holder dies: it stops, without giving the lease up.
          holder.lease.release = async () => undefined;
          await holder.runner.stop();
          const after = await deposit(id, 7n);
          await other.runner.waitFor(after, 10_000);
          expect(other.group.applying).toBe(true);
          const [moved] = await dataSource.query('SELECT holder FROM projection_leases WHERE name = $1', [leaseName]);
          expect(moved.holder).toBe(other.lease.holder);
          expect(await rows('test_balances_4')).toContainEqual({ account: id, balance: '12', events: 2 });
        } finally {
          await Promise.all(processes.map(({ runner }) => runner.stop()));
        }
      });

      it('runs live in the background and lets a writer wait for its own write', async () => {
        const runner = new ProjectionRunner(balances(), store, dataSource, { pollIntervalMs: 20 });
        await runner.start();
        try {
          const id = `proj-${randomUUID()}`;
          const position = await deposit(id, 42n);
          runner.wake();
          await runner.waitFor(position);
          expect(await dataSource.query('SELECT balance FROM test_balances WHERE account = $1', [id])).toEqual([
            { balance: '42' },
          ]);
        } finally {
          await runner.stop();
        }
      });
    });
  });
}
