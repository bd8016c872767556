import {
  DuplicateEventIdError,
  InvalidEventError,
  WrongExpectedRevisionError,
  type AppendResult,
  type EventStore,
  type JsonObject,
  type StreamAppend,
} from '@ledger/event-store';
import type { EventSourcedRepository, Loaded } from '../event-sourced-repository';
import type { SnapshotStore } from '../sql/snapshot-store';
import type { CommandContext, StreamModel } from '../stream-model';
import { businessTime } from '../command-support';
import {
  answerMetaOf,
  withAnswerMeta,
  type Answer,
  type CommandOutcome,
  type ReadModelsStatus,
} from './command-answer';
import {
  commandRecordEvent,
  commandStreamId,
  IdempotencyKeyReused,
  readCommandRecord,
  type CommandRecord,
} from './command-record';
import { StreamCache } from './stream-cache';
import { WorkingSet, type CommandTx } from './working-set';

/* eslint-disable @typescript-eslint/no-explicit-any */

export interface CommandPipelineOptions {
  /** How many times a batch is decided again when another process moved a stream it read (default 25). */
  readonly maxAttempts?: number;
  /** Most commands decided together and appended in one commit (default 128). */
  readonly maxBatch?: number;
  /** Streams whose state this process keeps between commands (default 10,000). */
  readonly cacheSize?: number;
  /**
   * After the append: waits, bounded, until the read models show `position`. Never throws; says
   * whether they caught up. Absent: nothing is awaited.
   */
  readonly awaitReadModels?: (position: bigint) => Promise<ReadModelsStatus>;
}

export interface CommandRun {
  readonly context: CommandContext;
  /** The business date of the command (a calendar day, or a time), stamped on its events. */
  readonly on: string | Date;
}

export type Decide<Body extends object> = (tx: CommandTx) => Promise<CommandOutcome<Body>>;

interface Pending {
  readonly context: CommandContext;
  readonly businessTime: Date;
  readonly decide: Decide<object>;
  readonly resolve: (answer: Settled) => void;
  readonly reject: (error: unknown) => void;
  /** Times a refusal was found to rest on a stale cached stream and decided again. */
  redecided: number;
}

interface Refusal {
  readonly pending: Pending;
  readonly error: unknown;
  /** Every stream the refused decision read. */
  readonly read: ReadonlySet<string>;
}

interface Settled {
  readonly outcome: CommandOutcome<object>;
  readonly position: bigint;
  readonly replayed: boolean;
  /** The hash of the request that was recorded: a second request under the key must match it. */
  readonly requestHash: string | null;
}

interface Accepted {
  readonly pending: Pending;
  readonly index: number;
  readonly outcome: CommandOutcome<object>;
  /** The body as JSON: what the record keeps and what a replay reads back. */
  readonly body: JsonObject;
  readonly touched: ReadonlySet<string>;
  readonly recordStream: string | null;
  /** The command's context and business time, with what its decision stamped (`tx.stamp`). */
  readonly context: CommandContext;
  readonly businessTime: Date;
  /** Already recorded under its key: answered with its first answer. */
  replayed?: boolean;
}

/**
 * One way every command runs, in both contexts: load the streams it names, decide, and append
 * once — its events and its own record together — with the revisions it read.
 *
 * - **Once only.** With an Idempotency-Key, the command's record (request hash and answer) is a
 *   stream of its own appended with `no_stream` in the same atomic append; a re-run, after a crash
 *   or a lost answer too, meets that stream and is answered with the first answer, byte for byte,
 *   appending nothing.
 * - **Refused before written.** Every event is folded into its stream's state before the append,
 *   so a limit `evolve` enforces (an overflowing total) refuses the command with nothing written.
 * - **Hot streams.** Commands of this process are decided one after another on the cached current
 *   state of their streams (no re-read while the cached revision is current), and the commands
 *   that arrive together are appended in one round trip and one commit. Across processes, the
 *   expected revisions still guard: a batch that finds a stream moved is decided again on fresh
 *   state, a bounded number of times.
 */
export class CommandPipeline {
  private readonly maxAttempts: number;
  private readonly maxBatch: number;
  private readonly cache: StreamCache;
  private readonly queue: Pending[] = [];
  private draining = false;
  private readonly inFlight = new Map<string, Promise<Answer<object>>>();

  constructor(
    private readonly store: EventStore,
    private readonly repository: EventSourcedRepository,
    private readonly snapshots: SnapshotStore | null,
    private readonly options: CommandPipelineOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 25;
    this.maxBatch = options.maxBatch ?? 128;
    this.cache = new StreamCache(options.cacheSize ?? 10_000);
    if (!Number.isInteger(this.maxAttempts) || this.maxAttempts < 1)
      throw new Error(`maxAttempts must be an integer ≥ 1, got ${options.maxAttempts}`);
  }

  /**
   * Runs one command: its answer is the body its decision returned plus the position it was
   * recorded at, carrying (out of band) whether it was decided or proposed, replayed, and whether
   * the read models have caught up.
   */
  async run<Body extends object>(command: CommandRun, decide: Decide<Body>): Promise<Answer<Body>> {
    const { context } = command;
    const key = context.idempotencyKey ? `${context.actor}\n${context.idempotencyKey}` : null;
    if (key) {
      const running = this.inFlight.get(key);
      // The same key again while the first is still running in this process: wait for its answer.
      if (running) return this.again(await running, context) as Answer<Body>;
    }
    const answer = this.runOnce(command, decide as Decide<object>);
    if (key) {
      this.inFlight.set(key, answer);
      void answer.then(
        () => this.inFlight.delete(key),
        () => this.inFlight.delete(key),
      );
    }
    return (await answer) as Answer<Body>;
  }

  /** Forgets what this process cached (tests that change the store behind its back). */
  forget(): void {
    this.cache.clear();
  }

  private async runOnce(command: CommandRun, decide: Decide<object>): Promise<Answer<object>> {
    const settled = await new Promise<Settled>((resolve, reject) => {
      this.queue.push({
        context: command.context,
        businessTime: typeof command.on === 'string' ? businessTime(command.on) : command.on,
        decide,
        resolve,
        reject,
        redecided: 0,
      });
      if (!this.draining) void this.drain();
    });
    const readModels = this.options.awaitReadModels
      ? await this.options.awaitReadModels(settled.position)
      : 'not-awaited';
    return answerOf(settled, readModels);
  }

  private again(first: Answer<object>, context: CommandContext): Answer<object> {
    const meta = answerMetaOf(first);
    if (!meta) throw new Error('an answer without its meta');
    if (meta.requestHash !== (context.requestHash ?? null)) throw new IdempotencyKeyReused();
    return withAnswerMeta(JSON.parse(JSON.stringify(first)) as Answer<object>, { ...meta, replayed: true });
  }

  /**
   * One drain at a time. `draining` goes false in the same synchronous step as the loop's last
   * look at the queue, so a command queued after that look always starts a new drain.
   */
  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          await this.runBatch(batch);
        } catch (error) {
          for (const pending of batch) pending.reject(error);
        }
      }
    } finally {
      this.draining = false;
    }
  }

  private async runBatch(batch: readonly Pending[]): Promise<void> {
    let todo = batch;
    for (let attempt = 1; todo.length > 0; attempt++) {
      const working = new WorkingSet((streamId, model) => this.load(streamId, model));
      const accepted: Accepted[] = [];
      const refusals: Refusal[] = [];
      for (const [index, pending] of todo.entries()) {
        const mark = working.mark();
        const tx = working.tx(index, pending.context);
        try {
          const outcome = await pending.decide(tx);
          const body = JSON.parse(JSON.stringify(outcome.body)) as JsonObject;
          const recordStream = pending.context.idempotencyKey
            ? commandStreamId(pending.context.actor, pending.context.idempotencyKey)
            : null;
          const { on, causationId } = tx.stamped;
          accepted.push({
            pending,
            index,
            outcome,
            body,
            touched: tx.touched,
            recordStream,
            context: causationId === undefined ? pending.context : { ...pending.context, causationId },
            businessTime: on === undefined ? pending.businessTime : typeof on === 'string' ? businessTime(on) : on,
          });
        } catch (error) {
          working.rollback(mark);
          refusals.push({ pending, error, read: tx.loaded });
        }
      }
      const written = await this.append(working, accepted, attempt);
      if (written === 'retry') {
        // Decided again on fresh state, refusals too: they may have rested on what was not written.
        const again = new Set<Pending>([
          ...accepted.filter((a) => !a.replayed).map((a) => a.pending),
          ...refusals.map((r) => r.pending),
        ]);
        todo = todo.filter((pending) => again.has(pending));
        continue;
      }
      await this.settleRefusals(working, refusals, written);
      return;
    }
  }

  /**
   * Appends what the batch decided, with each keyed command's record last. Returns the streams'
   * revisions after it, or 'retry' when another process moved a stream (the cache is evicted and
   * the commands already recorded under their key are answered with their first answer).
   */
  private async append(
    working: WorkingSet,
    accepted: Accepted[],
    attempt: number,
  ): Promise<ReadonlyMap<string, bigint> | 'retry'> {
    if (accepted.length === 0) return new Map();
    const appends = working.appends(
      new Map(accepted.map((a) => [a.index, { context: a.context, businessTime: a.businessTime }])),
    );
    // The records go last: each one's position is then after every event of its batch.
    const records: StreamAppend[] = accepted.flatMap((a) =>
      a.recordStream
        ? [
            {
              streamId: a.recordStream,
              expectedRevision: 'no_stream' as const,
              events: [commandRecordEvent(a.context, a.outcome.kind, a.body, a.businessTime)],
            },
          ]
        : [],
    );
    const all = [...appends, ...records];
    if (all.every((append) => append.events.length === 0)) {
      // Nothing to write and no key to record: the decision stands on what was read.
      for (const a of accepted) a.pending.resolve(fresh(a, 0n));
      return new Map();
    }
    let results: AppendResult[];
    try {
      results = await this.store.appendToStreams(all);
    } catch (error) {
      if (error instanceof InvalidEventError && accepted.length > 1) {
        // The store refused the batch's content and wrote nothing: each alone, so that only the
        // command at fault is refused.
        for (const a of accepted) await this.runBatch([a.pending]).catch((alone) => a.pending.reject(alone));
        return new Map();
      }
      if (!(error instanceof WrongExpectedRevisionError || error instanceof DuplicateEventIdError)) {
        // Outcome unknown (e.g. the connection dropped at commit): forget what we cached.
        for (const streamId of working.streamIds) this.cache.evict(streamId);
        throw error;
      }
      // A keyed command already recorded gets its first answer; the rest are decided again.
      const replayed = await this.replayRecorded(accepted);
      if (error instanceof WrongExpectedRevisionError) this.cache.evict(error.streamId);
      else for (const streamId of working.streamIds) this.cache.evict(streamId);
      if (replayed === 0) {
        if (attempt >= this.maxAttempts) throw error;
        // Another process won: full jitter over a growing window (up to ~0.5 s, about the time a
        // loaded process takes to decide and append a batch) before deciding again, so that two
        // replicas writing one hot stream stop colliding instead of running out of attempts.
        await sleep(Math.random() * 2 ** Math.min(attempt, 9));
      }
      return 'retry';
    }
    const byStream = new Map(results.map((result) => [result.streamId, result]));
    const revisions = new Map(results.map((result) => [result.streamId, result.nextExpectedRevision]));
    for (const settled of working.settled(revisions)) this.cache.put(settled.streamId, settled.model, settled.loaded);
    void this.takeSnapshots(working, revisions);
    for (const a of accepted) {
      const position = a.recordStream
        ? (byStream.get(a.recordStream)?.position ?? 0n)
        : [...a.touched].reduce((max, streamId) => {
            const reached = byStream.get(streamId)?.position ?? 0n;
            return reached > max ? reached : max;
          }, 0n);
      a.pending.resolve(fresh(a, position));
    }
    return revisions;
  }

  /**
   * A refusal stands only if what it read was current. A stream this batch appended to was
   * checked by the append itself; one taken from this process's cache and not written is checked
   * against the store (another process may have moved it): if it moved, the command is decided
   * again on fresh state. Costs a round trip on refusals only.
   */
  private async settleRefusals(
    working: WorkingSet,
    refusals: readonly Refusal[],
    appended: ReadonlyMap<string, bigint>,
  ): Promise<void> {
    const uncheckedOf = (refusal: Refusal) =>
      [...refusal.read].filter((streamId) => working.fromCache(streamId) && !appended.has(streamId));
    // Each stream once, all at once: the drain waits on this.
    const unchecked = [...new Set(refusals.flatMap(uncheckedOf))];
    const revisions = await Promise.all(unchecked.map((streamId) => this.store.streamRevision(streamId)));
    const moved = new Set(unchecked.filter((streamId, i) => revisions[i] !== working.baseRevision(streamId)));
    for (const refusal of refusals) {
      const stale = uncheckedOf(refusal).filter((streamId) => moved.has(streamId));
      if (stale.length === 0 || refusal.pending.redecided >= this.maxAttempts) {
        void this.refused(refusal.pending, refusal.error);
        continue;
      }
      for (const streamId of stale) this.cache.evict(streamId);
      refusal.pending.redecided += 1;
      this.queue.push(refusal.pending);
    }
  }

  /** A refused command: if its key was already recorded (a retry), the first answer; else the refusal. */
  private async refused(pending: Pending, error: unknown): Promise<void> {
    try {
      const record = pending.context.idempotencyKey
        ? await readCommandRecord(this.store, commandStreamId(pending.context.actor, pending.context.idempotencyKey))
        : null;
      if (!record) return pending.reject(error);
      pending.resolve(this.replay(pending.context, record));
    } catch (failure) {
      pending.reject(failure);
    }
  }

  /** Answers the commands of `accepted` already recorded under their key; returns how many. */
  private async replayRecorded(accepted: Accepted[]): Promise<number> {
    let replayed = 0;
    await Promise.all(
      accepted.map(async (a) => {
        if (!a.recordStream) return;
        const record = await readCommandRecord(this.store, a.recordStream);
        if (!record) return;
        a.replayed = true;
        replayed += 1;
        try {
          a.pending.resolve(this.replay(a.pending.context, record));
        } catch (error) {
          a.pending.reject(error);
        }
      }),
    );
    return replayed;
  }

  private replay(context: CommandContext, record: CommandRecord): Settled {
    if ((record.requestHash ?? null) !== (context.requestHash ?? null)) throw new IdempotencyKeyReused();
    return {
      outcome: { kind: record.kind, body: record.body },
      position: record.position,
      replayed: true,
      requestHash: record.requestHash,
    };
  }

  private async load(
    streamId: string,
    model: StreamModel<any, any>,
  ): Promise<{ loaded: Loaded<unknown>; cached: boolean }> {
    const cached = this.cache.get(streamId, model);
    if (cached) return { loaded: cached, cached: true };
    const loaded = await this.repository.load(streamId, model);
    this.cache.put(streamId, model, loaded);
    return { loaded, cached: false };
  }

  private async takeSnapshots(working: WorkingSet, revisions: ReadonlyMap<string, bigint>): Promise<void> {
    if (!this.snapshots) return;
    for (const written of working.written()) {
      const policy = written.model.snapshot;
      const after = revisions.get(written.streamId);
      if (!policy || after === undefined) continue;
      const every = BigInt(policy.every);
      const before = written.before.revision ?? -1n;
      // Take one when this append crossed a multiple of `every`.
      if ((after + 1n) / every === (before + 1n) / every) continue;
      try {
        await this.snapshots.save(written.streamId, after, policy.version, policy.encode(written.state));
      } catch {
        // A snapshot is a cache: the next load reads the events instead.
      }
    }
  }
}

function fresh(accepted: Accepted, position: bigint): Settled {
  return {
    outcome: { kind: accepted.outcome.kind, body: accepted.body },
    position,
    replayed: false,
    requestHash: accepted.pending.context.requestHash ?? null,
  };
}

/** The answer: the recorded body (JSON, as a replay would read it back) and then its position. */
function answerOf(settled: Settled, readModels: ReadModelsStatus): Answer<object> {
  const body = { ...settled.outcome.body, position: settled.position.toString() };
  return withAnswerMeta(body, {
    kind: settled.outcome.kind,
    position: settled.position,
    replayed: settled.replayed,
    readModels,
    requestHash: settled.requestHash,
  }) as Answer<object>;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
