import { DataSource as DataSource } from 'typeorm';
import { Database, dataSourceOptions, openDataSource } from '@ledger/database';
import {
  CommandPipeline,
  EventSourcedRepository,
  type ReadModelsStatus,
  IdempotencyStore,
  ProjectionCheckpoint,
  ProjectionGroup,
  ProjectionLease,
  ProjectionRunner,
  readCheckpoints,
  readProjectionsStatus,
  type ProjectionsStatus,
  SqlSnapshotStore,
  eventSourcingMigrations,
} from '@ledger/event-sourcing';
import { KurrentDbEventStore, PostgresEventStore, eventStoreMigrations, type EventStore } from '@ledger/event-store';
import type { LedgerConfig } from './ledger-config';
import type { ContextReadModels } from './read-model-registry';
import { routedDataSource } from './read-routing';

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
  /** The one lease of a schema's projections (see ProjectionLease). */
  static readonly PROJECTIONS_LEASE = 'ledger.projections';
  /** Channels: a page of the read models was committed / an event was appended (payload: the schema). */
  private static readonly APPLIED = 'ledger_projections_applied';
  private static readonly APPENDED = 'ledger_events_appended';
  private readonly stopListening: (() => Promise<void>)[] = [];

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
    private readonly group: ProjectionGroup,
    /** DATABASE_READ_URL's pool, if set: what queries read when they may (see MinPositionInterceptor). */
    readonly readPool: { readonly database: Database; readonly dataSource: DataSource } | null,
  ) {
    this.queryDataSource = readPool ? routedDataSource(dataSource, readPool.dataSource) : dataSource;
    this.pipeline = new CommandPipeline(store, repository, snapshots, {
      maxAttempts: config.commandAttempts,
      awaitReadModels: (position) => this.awaitReadModels(position),
    });
  }

  /** What query handlers are given: the primary, or the read pool inside a query that may use it. */
  readonly queryDataSource: DataSource;

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
      let store: EventStore;
      if (config.kurrentDbConnectionString) {
        const kurrent = new KurrentDbEventStore(config.kurrentDbConnectionString);
        await kurrent.checkServer().catch(async (error: unknown) => {
          await kurrent.close();
          throw error;
        });
        store = kurrent;
      } else store = new PostgresEventStore(database.pool);
      const snapshots = new SqlSnapshotStore(database.pool);
      const repository = new EventSourcedRepository(store, snapshots);
      const projections = contexts
        .flatMap((context) => context.projections)
        .map((projection) => new ProjectionRunner(projection, store, dataSource, { logger }));
      // In the service they run as one group: one read and one transaction per page for all. Of the
      // processes that run it on this schema, the lease holder applies; the others (and API-only
      // replicas) follow the stored checkpoints.
      const group = ProjectionGroup.drive(projections, store, dataSource, {
        logger,
        followOnly: !config.runProjections,
        lease: new ProjectionLease(dataSource, LedgerRuntime.PROJECTIONS_LEASE, { ttlMs: config.leaseTtlMs }),
        notify: { channel: LedgerRuntime.APPLIED, payload: database.schema },
      });
      logger.log(
        `ledger opened: events in ${config.kurrentDbConnectionString ? 'KurrentDB' : database.kind === 'embedded' ? 'embedded PGlite' : 'PostgreSQL'}, ` +
          `read models in ${database.kind === 'embedded' ? `embedded PGlite (${config.dataDir})` : 'PostgreSQL'}`,
      );
      const readPool = config.databaseReadUrl ? await openReadPool(config, contexts) : null;
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
        group,
        readPool,
      );
    } catch (error) {
      await database.close();
      throw error;
    }
  }

  /**
   * Starts the projections: applying them if this process runs them (and wins the lease), else
   * following the stored checkpoints — an API-only replica still waits for its own writes. On a
   * server, notifications wake the applier when another process appends, and the followers when a
   * page is committed; polling covers what a notification misses.
   */
  async startProjections(): Promise<void> {
    for (const runner of this.projections) await runner.start();
    if (this.database.kind !== 'postgres' || this.stopListening.length > 0) return;
    const mine = (payload: string) => payload === this.database.schema;
    this.stopListening.push(
      await this.database.listen(LedgerRuntime.APPLIED, (payload) => mine(payload) && this.group.wake()),
      await this.database.listen(LedgerRuntime.APPENDED, (payload) => mine(payload) && this.group.wake()),
    );
  }

  /**
   * A command was recorded at `position`: wake the projections and wait, bounded, until they show
   * it. Never throws — a lagging or stopped read model leaves the answer true, marked `behind`. A
   * read model that has failed is not waited for (its failure is reported by health), so it does
   * not hold back the answers of every other context.
   */
  async awaitReadModels(position: bigint): Promise<ReadModelsStatus> {
    if (position <= 0n) return 'current';
    this.wakeProjections();
    if (!this.config.waitForProjections || !this.projections.some((runner) => runner.isRunning)) return 'not-awaited';
    return (await this.readModelsReach(position, this.config.readModelWaitMs)) ? 'current' : 'behind';
  }

  /**
   * Waits, at most `timeoutMs`, until every read model has applied the log up to `position` (the
   * stored checkpoints: whichever process applies them). False if one has not by then, or has failed.
   */
  async readModelsReach(position: bigint, timeoutMs: number): Promise<boolean> {
    const healthy = this.projections.filter((runner) => !runner.lastFailure);
    try {
      await Promise.all(healthy.map((runner) => runner.waitFor(position, timeoutMs)));
    } catch {
      return false;
    }
    return this.projections.every((runner) => runner.checkpoint >= position);
  }

  /** An append happened in this process: let the projections look now, here or in the applying process. */
  wakeProjections(): void {
    this.group.wake();
    if (this.database.kind === 'postgres' && !this.group.applying) {
      this.database.pool
        .query('SELECT pg_notify($1, $2)', [LedgerRuntime.APPENDED, this.database.schema])
        .catch(() => undefined);
    }
  }

  /** Whether the read pool's read models (as replicated there) have applied the log up to `position`. */
  async readPoolHas(position: bigint): Promise<boolean> {
    if (!this.readPool) return false;
    const stored = await readCheckpoints(
      this.readPool.dataSource,
      this.projections.map((runner) => runner.name),
    );
    return [...stored.values()].every((checkpoint) => checkpoint.position >= position);
  }

  /** The projections as stored: checkpoints, lag, last failures and the lease (any process sees the same). */
  async projectionsStatus(): Promise<ProjectionsStatus> {
    const head = await this.store.headPosition();
    return readProjectionsStatus(
      this.dataSource,
      head,
      this.projections.map((runner) => runner.name),
      LedgerRuntime.PROJECTIONS_LEASE,
      { maxLag: this.config.readyMaxLag, stuckAfterMs: this.config.stuckAfterMs },
    );
  }

  /** The holder of the projections' lease in this process, if it holds it. */
  get applyingProjections(): boolean {
    return this.group.applying;
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
    for (const stop of this.stopListening.splice(0)) await stop();
    for (const runner of this.projections) await runner.stop();
    if (this.readPool) {
      await this.readPool.dataSource.destroy();
      await this.readPool.database.close();
    }
    await this.store.close();
    await this.dataSource.destroy();
    await this.database.close();
    this.logger.log('ledger closed');
  }
}

/** The read pool: the same read-model entities on DATABASE_READ_URL, without migrations (a replica has them). */
async function openReadPool(
  config: LedgerConfig,
  contexts: readonly ContextReadModels[],
): Promise<{ database: Database; dataSource: DataSource }> {
  const database = await Database.open({
    databaseUrl: config.databaseReadUrl,
    poolSize: config.poolSize,
    schema: config.schema,
    readOnly: true,
  });
  try {
    const dataSource = new DataSource(
      dataSourceOptions(database, {
        entities: contexts.flatMap((context) => context.entities as unknown[]) as ContextReadModels['entities'],
        migrations: [],
      }),
    );
    await dataSource.initialize();
    return { database, dataSource };
  } catch (error) {
    await database.close();
    throw error;
  }
}
