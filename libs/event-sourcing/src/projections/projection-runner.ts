import type { DataSource, EntityManager } from 'typeorm';
import type { EventStore, RecordedEvent } from '@ledger/event-store';
import type { Projection } from './projection';

export interface ProjectionRunnerOptions {
  readonly batchSize?: number;
  /** How often an idle runner looks for events appended by another process. */
  readonly pollIntervalMs?: number;
  readonly logger?: { log(message: string): void; error(message: string, stack?: string): void };
}

/**
 * Runs one projection: reads the log after its checkpoint, page by page, and applies each page
 * and the new checkpoint in one transaction. A failing event stops the projection where it is
 * (retried with backoff): a read model must never skip an event.
 */
export class ProjectionRunner {
  private position = 0n;
  private running: Promise<void> | null = null;
  private stopped = true;
  private wakeUp: (() => void) | null = null;
  private dirty = false;
  private readonly waiters = new Set<{ position: bigint; resolve: () => void }>();
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;

  constructor(
    private readonly projection: Projection,
    private readonly store: EventStore,
    private readonly dataSource: DataSource,
    private readonly options: ProjectionRunnerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.pollIntervalMs = options.pollIntervalMs ?? 200;
  }

  get name(): string {
    return this.projection.name;
  }

  /** The last position applied (as of the last committed batch). */
  get checkpoint(): bigint {
    return this.position;
  }

  get isRunning(): boolean {
    return !this.stopped;
  }

  async start(): Promise<void> {
    if (!this.stopped) return;
    this.position = await readCheckpoint(this.dataSource.manager, this.projection.name);
    this.stopped = false;
    this.running = this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.running;
    this.running = null;
  }

  /** Something was appended: look now rather than at the next poll. */
  wake(): void {
    this.dirty = true;
    this.wakeUp?.();
  }

  /** Resolves once the projection has applied the log up to `position` (read-your-writes). */
  waitFor(position: bigint, timeoutMs = 10_000): Promise<void> {
    if (this.position >= position) return Promise.resolve();
    this.wake();
    return new Promise((resolve, reject) => {
      const waiter = {
        position,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`projection ${this.name} did not reach position ${position} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** The checkpoint as stored (what a restarted runner would resume from). */
  async storedCheckpoint(): Promise<bigint> {
    return readCheckpoint(this.dataSource.manager, this.projection.name);
  }

  /** Applies everything up to the current head once, without the background loop (CLI, tests). */
  async catchUp(onProgress?: (position: bigint) => void): Promise<bigint> {
    this.position = await readCheckpoint(this.dataSource.manager, this.projection.name);
    while ((await this.applyNextBatch()) > 0) onProgress?.(this.position);
    return this.position;
  }

  /** Empties the read model and its checkpoint in one transaction; the next catch-up replays from 0. */
  async reset(): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      for (const table of this.projection.tables) await manager.query(`DELETE FROM ${table}`);
      await manager.query('DELETE FROM projection_checkpoints WHERE name = $1', [this.projection.name]);
    });
    this.position = 0n;
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      try {
        this.dirty = false;
        const applied = await this.applyNextBatch();
        failures = 0;
        if (applied < this.batchSize) await this.idle(this.pollIntervalMs);
      } catch (error) {
        failures += 1;
        const err = error as Error;
        this.options.logger?.error(
          `projection ${this.name} failed at position ${this.position + 1n}: ${err.message}`,
          err.stack,
        );
        await this.idle(Math.min(30_000, 100 * 2 ** failures));
      }
    }
  }

  private async applyNextBatch(): Promise<number> {
    const events: RecordedEvent[] = await this.store.readAll({
      afterPosition: this.position,
      maxCount: this.batchSize,
    });
    if (events.length === 0) return 0;
    const last = events[events.length - 1].position;
    await this.dataSource.transaction(async (manager) => {
      for (const event of events) await this.projection.apply(event, manager);
      await manager.query(
        `INSERT INTO projection_checkpoints (name, position, updated_at) VALUES ($1, $2, now())
         ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position, updated_at = EXCLUDED.updated_at`,
        [this.projection.name, last.toString()],
      );
    });
    this.position = last;
    for (const waiter of this.waiters) {
      if (this.position >= waiter.position) {
        this.waiters.delete(waiter);
        waiter.resolve();
      }
    }
    return events.length;
  }

  private idle(ms: number): Promise<void> {
    if (this.dirty || this.stopped) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
      function done() {
        clearTimeout(timer);
        resolve();
      }
    }).then(() => {
      this.wakeUp = null;
    });
  }
}

async function readCheckpoint(manager: EntityManager, name: string): Promise<bigint> {
  const rows: { position: string }[] = await manager.query(
    'SELECT position FROM projection_checkpoints WHERE name = $1',
    [name],
  );
  return rows.length === 0 ? 0n : BigInt(rows[0].position);
}
