import type { DataSource, EntityManager } from 'typeorm';
import type { EventStore, RecordedEvent } from '@ledger/event-store';
import type { Projection } from './projection';
import {
  CheckpointMoved,
  advanceCheckpoints,
  readCheckpoint,
  readCheckpoints,
  recordFailure,
  type StoredCheckpoint,
} from './checkpoints';
import type { ProjectionLease } from './projection-lease';

export interface ProjectionRunnerOptions {
  readonly batchSize?: number;
  /** How often an idle runner looks for events appended by another process. */
  readonly pollIntervalMs?: number;
  readonly logger?: { log(message: string): void; error(message: string, stack?: string): void };
  /**
   * Where the read model's tables are: each transaction starts with `SET LOCAL search_path` to it
   * (the audit's rebuild-and-compare points a projection at a fresh schema this way).
   */
  readonly searchPath?: string;
}

export interface CatchUpOptions {
  /** Stop at this position instead of the head. */
  readonly until?: bigint;
  readonly onProgress?: (position: bigint) => void;
}

/**
 * Runs one projection: reads the log after its checkpoint, page by page, and applies each page
 * and the new checkpoint in one transaction, which first compares-and-sets the stored checkpoint
 * (another process may run the same projection: a page is never applied twice). A failing event
 * stops the projection where it is (retried with backoff, the failure stored for every process
 * to report): a read model must never skip an event.
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
  /** When set, this group's loop drives the runner instead of its own (see ProjectionGroup). */
  private group: ProjectionGroup | null = null;
  /** While grouped: a failing projection is left out until then, so it cannot hold the others back. */
  private failures = 0;
  private retryAt = 0;
  private failure: { readonly position: bigint; readonly message: string } | null = null;

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

  /** The failure this process last met applying it, until a page is applied again. */
  get lastFailure(): { readonly position: bigint; readonly message: string } | null {
    return this.failure;
  }

  async start(): Promise<void> {
    if (!this.stopped) return;
    this.position = await readCheckpoint(this.dataSource.manager, this.projection.name);
    this.stopped = false;
    this.failures = 0;
    this.retryAt = 0;
    if (this.group) this.group.memberStarted();
    else this.running = this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    if (this.group) await this.group.settled();
    else await this.running;
    this.running = null;
  }

  /** Something was appended: look now rather than at the next poll. */
  wake(): void {
    if (this.group) return this.group.wake();
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
    return this.inTransaction((manager) => readCheckpoint(manager, this.projection.name));
  }

  /** Applies the log up to the head (or `until`) once, without the background loop (CLI, tests). */
  async catchUp(options: CatchUpOptions | ((position: bigint) => void) = {}): Promise<bigint> {
    const { until, onProgress } = typeof options === 'function' ? { until: undefined, onProgress: options } : options;
    this.position = await this.storedCheckpoint();
    for (;;) {
      if (until !== undefined && this.position >= until) break;
      try {
        if ((await this.applyNextBatch(until)) === 0) break;
      } catch (error) {
        if (!(error instanceof CheckpointMoved)) throw error;
        // Another applier went ahead: go on from where it is.
        this.position = await this.storedCheckpoint();
        continue;
      }
      onProgress?.(this.position);
    }
    return this.position;
  }

  /**
   * Empties the read model and its checkpoint in one transaction; the next catch-up replays from 0.
   * Refused while the background loop runs (it would go on applying from where it was): stop it
   * first, or use `rebuild`.
   */
  async reset(): Promise<void> {
    if (this.isRunning) throw new Error(`projection ${this.name} is running: stop it before a reset, or rebuild it`);
    await this.inTransaction(async (manager) => {
      for (const table of this.projection.tables) await manager.query(`DELETE FROM ${table}`);
      await manager.query('DELETE FROM projection_checkpoints WHERE name = $1', [this.projection.name]);
    });
    this.position = 0n;
  }

  /**
   * Replays the whole log into an emptied read model: stops the background loop if it runs,
   * resets, catches up to the head, and starts the loop again if it was running (also when the
   * replay failed: the loop then resumes from the last committed batch, retrying with backoff).
   */
  async rebuild(onProgress?: (position: bigint) => void): Promise<bigint> {
    const wasRunning = this.isRunning;
    if (wasRunning) await this.stop();
    try {
      await this.reset();
      return await this.catchUp(onProgress);
    } finally {
      if (wasRunning) await this.start();
    }
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
        if (error instanceof CheckpointMoved) {
          this.position = await this.storedCheckpoint().catch(() => this.position);
          continue;
        }
        failures += 1;
        await this.failed(error as Error);
        await this.idle(Math.min(30_000, 100 * 2 ** failures));
      }
    }
  }

  private async applyNextBatch(until?: bigint): Promise<number> {
    const page: RecordedEvent[] = await this.store.readAll({
      afterPosition: this.position,
      maxCount: this.batchSize,
    });
    const events = until === undefined ? page : page.filter((event) => event.position <= until);
    if (events.length === 0) return 0;
    await this.applyPage(events);
    return events.length;
  }

  /** Applies events (after the checkpoint, in log order) and moves the checkpoint, in its own transaction. */
  private async applyPage(events: readonly RecordedEvent[]): Promise<void> {
    const last = events[events.length - 1].position;
    await this.inTransaction(async (manager) => {
      await advanceCheckpoints(manager, [{ name: this.projection.name, from: this.position }], last);
      await this.applyEvents(events, manager);
    });
    this.advance(last);
  }

  /** Logs the failure and stores it (best effort: the database may be what failed). */
  private async failed(error: Error): Promise<void> {
    const position = this.position + 1n;
    this.failure = { position, message: error.message };
    this.options.logger?.error(`projection ${this.name} failed at position ${position}: ${error.message}`, error.stack);
    await this.inTransaction((manager) => recordFailure(manager, this.projection.name, position, error.message)).catch(
      () => undefined,
    );
  }

  private async applyEvents(events: readonly RecordedEvent[], manager: EntityManager): Promise<void> {
    if (this.projection.applyBatch) await this.projection.applyBatch(events, manager);
    else for (const event of events) await this.projection.apply(event, manager);
  }

  private advance(last: bigint): void {
    this.failure = null;
    this.position = last;
    for (const waiter of this.waiters) {
      if (this.position >= waiter.position) {
        this.waiters.delete(waiter);
        waiter.resolve();
      }
    }
  }

  // ---- what a ProjectionGroup uses ------------------------------------------------------------

  /** @internal */
  static grouped(runner: ProjectionRunner, group: ProjectionGroup): GroupMember {
    if (runner.options.searchPath) throw new Error(`projection ${runner.name} has its own search path: run it alone`);
    if (!runner.stopped) throw new Error(`projection ${runner.name} is running: stop it before grouping it`);
    runner.group = group;
    return {
      runner,
      due: (now) => !runner.stopped && runner.retryAt <= now,
      checkpoint: () => runner.position,
      name: runner.name,
      applyEvents: (events, manager) => runner.applyEvents(events, manager),
      advance: (last) => {
        runner.failures = 0;
        runner.advance(last);
      },
      follow: (stored) => runner.follow(stored),
      applyAlone: async (events) => {
        try {
          await runner.applyPage(events);
          runner.failures = 0;
        } catch (error) {
          if (error instanceof CheckpointMoved) throw error;
          runner.failures += 1;
          runner.retryAt = Date.now() + Math.min(30_000, 100 * 2 ** runner.failures);
          await runner.failed(error as Error);
        }
      },
    };
  }

  /** Takes the stored checkpoint as its own (a process that is not the applier follows the one that is). */
  private follow(stored: StoredCheckpoint): void {
    if (stored.position >= this.position) this.advance(stored.position);
    else this.position = stored.position; // reset by a rebuild elsewhere: it will come back up
    this.failure = stored.failure;
  }

  private inTransaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      if (this.options.searchPath) await manager.query(`SET LOCAL search_path TO ${this.options.searchPath}`);
      return work(manager);
    });
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

interface GroupMember {
  readonly runner: ProjectionRunner;
  readonly name: string;
  due(now: number): boolean;
  checkpoint(): bigint;
  applyEvents(events: readonly RecordedEvent[], manager: EntityManager): Promise<void>;
  advance(last: bigint): void;
  follow(stored: StoredCheckpoint): void;
  applyAlone(events: readonly RecordedEvent[]): Promise<void>;
}

export interface ProjectionGroupOptions extends Pick<
  ProjectionRunnerOptions,
  'batchSize' | 'pollIntervalMs' | 'logger'
> {
  /**
   * Who applies, when several processes run the group on one schema: only the lease's holder
   * applies pages; the others follow the stored checkpoints. Absent: this group always applies
   * (one process, or a test) — the checkpoints' compare-and-set still keeps pages applied once.
   */
  readonly lease?: ProjectionLease;
  /** Never apply: only follow the stored checkpoints (an API-only replica). */
  readonly followOnly?: boolean;
  /** Sent in each applied page's transaction, so that followers elsewhere look at once (NOTIFY). */
  readonly notify?: { readonly channel: string; readonly payload: string };
}

/**
 * Drives the service's projections together: one read of the log per page and one transaction
 * that applies it to every read model and moves all their checkpoints in one statement — instead
 * of a read, a transaction and a checkpoint per projection per page (measured: two thirds of the
 * service's queries under command load went to that). Each projection still has its own
 * checkpoint, waiters, reset and rebuild (its ProjectionRunner). If the shared transaction fails,
 * the page is applied again projection by projection, each in its own transaction, so a failing
 * read model stops only itself (it is retried alone, with backoff) and never makes another skip.
 *
 * Across processes: only the holder of the lease applies; every other process follows the stored
 * checkpoints (on a notification, or at each poll), so that its waiters — read-your-writes for the
 * commands it answered — resolve on what is stored, not on what it has applied itself.
 */
export class ProjectionGroup {
  private readonly members: GroupMember[];
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private running: Promise<void> | null = null;
  private inFlight: Promise<unknown> = Promise.resolve();
  private dirty = false;
  private wakeUp: (() => void) | null = null;

  /** Takes over the runners (stopped ones): from now on their start, stop and wake go through the group. */
  static drive(
    runners: readonly ProjectionRunner[],
    store: EventStore,
    dataSource: DataSource,
    options: ProjectionGroupOptions = {},
  ): ProjectionGroup {
    return new ProjectionGroup(runners, store, dataSource, options);
  }

  private constructor(
    runners: readonly ProjectionRunner[],
    private readonly store: EventStore,
    private readonly dataSource: DataSource,
    private readonly options: ProjectionGroupOptions = {},
  ) {
    this.members = runners.map((runner) => ProjectionRunner.grouped(runner, this));
    this.batchSize = options.batchSize ?? 500;
    this.pollIntervalMs = options.pollIntervalMs ?? 200;
  }

  /** Whether this process applies the pages now (it holds the lease, or there is none). */
  get applying(): boolean {
    if (this.options.followOnly) return false;
    return this.options.lease ? this.options.lease.held : this.running !== null;
  }

  /** @internal A member started: make sure the loop runs (it ends when no member runs). */
  memberStarted(): void {
    this.running ??= this.loop();
  }

  /** @internal Resolves once the page being applied (if any) is committed or given up, and the lease let go. */
  async settled(): Promise<void> {
    await this.inFlight.catch(() => undefined);
    if (this.members.some((member) => member.runner.isRunning)) return;
    this.wake();
    await this.running?.catch(() => undefined);
  }

  wake(): void {
    this.dirty = true;
    this.wakeUp?.();
  }

  private async loop(): Promise<void> {
    try {
      for (;;) {
        const running = this.members.filter((member) => member.runner.isRunning);
        if (running.length === 0) return;
        this.dirty = false;
        const step = this.step(running);
        this.inFlight = step;
        try {
          if ((await step) < this.batchSize) await this.idle(this.pollIntervalMs);
        } catch (error) {
          // The database could not be reached: nothing was applied; try again shortly.
          const err = error as Error;
          this.options.logger?.error(`projections could not run: ${err.message}`, err.stack);
          this.dirty = false;
          await this.idle(Math.min(30_000, this.pollIntervalMs * 5));
        }
      }
    } finally {
      await this.options.lease?.release().catch(() => undefined);
      this.running = null;
      // A member started again while the loop was ending (a rebuild's stop and start).
      if (this.members.some((member) => member.runner.isRunning)) this.memberStarted();
    }
  }

  /** One turn: apply a page if this process is the applier, else follow the stored checkpoints. */
  private async step(running: readonly GroupMember[]): Promise<number> {
    const lease = this.options.followOnly ? null : this.options.lease ? await this.options.lease.ensure() : undefined;
    if (lease === null || (lease && !lease.held)) {
      await this.follow(running);
      return 0;
    }
    // Just taken over: start from what the previous holder stored, not from what was seen here.
    if (lease?.acquired) await this.follow(running);
    const now = Date.now();
    const due = running.filter((member) => member.due(now));
    if (due.length === 0) return 0;
    try {
      return await this.applyNextPage(due);
    } catch (error) {
      if (!(error instanceof CheckpointMoved)) throw error;
      // Someone else applied meanwhile (a CLI catch-up, a holder that did not know it lost the lease).
      await this.follow(running);
      return 0;
    }
  }

  private async follow(members: readonly GroupMember[]): Promise<void> {
    const stored = await readCheckpoints(
      this.dataSource,
      members.map((member) => member.name),
    );
    for (const member of members) member.follow(stored.get(member.name) ?? { position: 0n, failure: null });
  }

  private async applyNextPage(due: readonly GroupMember[]): Promise<number> {
    let from = due[0].checkpoint();
    for (const member of due) if (member.checkpoint() < from) from = member.checkpoint();
    const page = await this.store.readAll({ afterPosition: from, maxCount: this.batchSize });
    if (page.length === 0) return 0;
    const work = due
      .map((member) => ({
        member,
        from: member.checkpoint(),
        events: page.filter((event) => event.position > member.checkpoint()),
      }))
      .filter((item) => item.events.length > 0);
    const last = page[page.length - 1].position;
    try {
      await this.dataSource.transaction(async (manager) => {
        await advanceCheckpoints(
          manager,
          work.map(({ member, from }) => ({ name: member.name, from })),
          last,
        );
        for (const { member, events } of work) await member.applyEvents(events, manager);
        if (this.options.notify) {
          await manager.query('SELECT pg_notify($1, $2)', [this.options.notify.channel, this.options.notify.payload]);
        }
      });
    } catch (error) {
      if (error instanceof CheckpointMoved) throw error;
      // Find out which: each alone, so the others move on.
      for (const { member, events } of work) await member.applyAlone(events);
      return page.length;
    }
    for (const { member } of work) member.advance(last);
    return page.length;
  }

  private idle(ms: number): Promise<void> {
    if (this.dirty) return Promise.resolve();
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
