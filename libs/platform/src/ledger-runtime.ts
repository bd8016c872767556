import type { DataSource } from 'typeorm';
import { Database, openDataSource } from '@ledger/database';
import {
  CommandPipeline,
  EventSourcedRepository,
  type ReadModelsStatus,
  IdempotencyStore,
  ProjectionCheckpoint,
  ProjectionGroup,
  ProjectionRunner,
  SqlSnapshotStore,
  eventSourcingMigrations,
} from '@ledger/event-sourcing';
import { KurrentDbEventStore, PostgresEventStore, eventStoreMigrations, type EventStore } from '@ledger/event-store';
import type { LedgerConfig } from './ledger-config';
import type { ContextReadModels } from './read-model-registry';

export interface RuntimeLogger {
  log(message: string): void;
  error(message: string, stack?: string): void;
}

/**
 * Everything the ledger runs on, opened in order and closed in reverse: the database (server or
 * embedded), the event store (SQL or KurrentDB), the read-model data source with its migrations,
 * the repository, idempotency keys and the projection runners.
 */
export class LedgerRuntime {
  private constructor(
    readonly config: LedgerConfig,
    readonly database: Database,
    readonly dataSource: DataSource,
    readonly store: EventStore,
    readonly repository: EventSourcedRepository,
    readonly idempotency: IdempotencyStore,
    readonly projections: readonly ProjectionRunner[],
    private readonly logger: RuntimeLogger,
    snapshots: SqlSnapshotStore,
  ) {
    this.pipeline = new CommandPipeline(store, repository, snapshots, {
      maxAttempts: config.commandAttempts,
      awaitReadModels: (position) => this.awaitReadModels(position),
    });
  }

  /** Every command of both contexts runs through it (see CommandPipeline). */
  readonly pipeline: CommandPipeline;

  static async open(
    config: LedgerConfig,
    contexts: readonly ContextReadModels[],
    logger: RuntimeLogger,
  ): Promise<LedgerRuntime> {
    const database = await Database.open({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      poolSize: config.poolSize,
      schema: config.schema,
    });
    try {
      const dataSource = await openDataSource(database, {
        entities: [
          ProjectionCheckpoint,
          ...contexts.flatMap((context) => context.entities as unknown[]),
        ] as ContextReadModels['entities'],
        migrations: [
          ...eventStoreMigrations,
          ...eventSourcingMigrations,
          ...contexts.flatMap((context) => context.migrations as unknown[]),
        ] as ContextReadModels['migrations'],
      });
      const store: EventStore = config.kurrentDbConnectionString
        ? new KurrentDbEventStore(config.kurrentDbConnectionString)
        : new PostgresEventStore(database.pool);
      const snapshots = new SqlSnapshotStore(database.pool);
      const repository = new EventSourcedRepository(store, snapshots);
      const projections = contexts
        .flatMap((context) => context.projections)
        .map((projection) => new ProjectionRunner(projection, store, dataSource, { logger }));
      // In the service they run as one group: one read and one transaction per page for all.
      ProjectionGroup.drive(projections, store, dataSource, { logger });
      logger.log(
        `ledger opened: events in ${config.kurrentDbConnectionString ? 'KurrentDB' : database.kind === 'embedded' ? 'embedded PGlite' : 'PostgreSQL'}, ` +
          `read models in ${database.kind === 'embedded' ? `embedded PGlite (${config.dataDir})` : 'PostgreSQL'}`,
      );
      return new LedgerRuntime(
        config,
        database,
        dataSource,
        store,
        repository,
        new IdempotencyStore(database.pool),
        projections,
        logger,
        snapshots,
      );
    } catch (error) {
      await database.close();
      throw error;
    }
  }

  async startProjections(): Promise<void> {
    for (const runner of this.projections) await runner.start();
  }

  /**
   * A command was recorded at `position`: wake the projections and wait, bounded, until they show
   * it. Never throws — a lagging or stopped read model leaves the answer true, marked `behind`.
   */
  async awaitReadModels(position: bigint): Promise<ReadModelsStatus> {
    if (position <= 0n) return 'current';
    this.wakeProjections();
    if (!this.config.waitForProjections || !this.projections.some((runner) => runner.isRunning)) return 'not-awaited';
    try {
      await this.waitForProjections(position, this.config.readModelWaitMs);
      return 'current';
    } catch {
      return 'behind';
    }
  }

  /** An append happened in this process: let the projections look now. */
  wakeProjections(): void {
    for (const runner of this.projections) runner.wake();
  }

  /** Waits until every projection has applied the log up to `position`. */
  async waitForProjections(position: bigint, timeoutMs?: number): Promise<void> {
    await Promise.all(this.projections.map((runner) => runner.waitFor(position, timeoutMs)));
  }

  /** Brings every projection up to the head once (for one-shot commands and tests). */
  async catchUpProjections(): Promise<void> {
    for (const runner of this.projections) await runner.catchUp();
  }

  async close(): Promise<void> {
    for (const runner of this.projections) await runner.stop();
    await this.store.close();
    await this.dataSource.destroy();
    await this.database.close();
    this.logger.log('ledger closed');
  }
}
