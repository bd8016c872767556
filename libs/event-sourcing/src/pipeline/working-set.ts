import { randomUUID } from 'node:crypto';
import type { NewEvent, StreamAppend } from '@ledger/event-store';
import { deterministicUuid, type Loaded } from '../event-sourced-repository';
import type { CommandContext, StreamModel } from '../stream-model';

/* eslint-disable @typescript-eslint/no-explicit-any */
type AnyModel = StreamModel<any, any>;

/** A stream as a command sees it: its state now (after what this batch decided so far). */
export interface StreamHandle<State, Event extends { readonly type: string }> {
  readonly streamId: string;
  readonly model: StreamModel<State, Event>;
  readonly state: State;
  /** The revision the batch read it at (null: no events yet). */
  readonly revision: bigint | null;
}

/** What a decision may do: read streams, append events to them, and mark reads it depends on. */
export interface CommandTx {
  readonly context: CommandContext;
  load<State, Event extends { readonly type: string }>(
    streamId: string,
    model: StreamModel<State, Event>,
  ): Promise<StreamHandle<State, Event>>;
  /**
   * Adds events to a stream and returns its state after them. `evolve` runs now, before anything is
   * written: a running total that would overflow, or any invariant `evolve` enforces, refuses the
   * command here — nothing a command writes can be refused later by a projection.
   */
  append<State, Event extends { readonly type: string }>(
    stream: StreamHandle<State, Event>,
    events: readonly Event[],
  ): State;
  /** The decision depends on this stream as read: the append fails if another writer moved it. */
  guard<State, Event extends { readonly type: string }>(stream: StreamHandle<State, Event>): void;
  /**
   * Stamps this command's events (and its record) with what is known only from the state the
   * decision read: a correction takes the business time of the entry it corrects, and names it as
   * its causation.
   */
  stamp(stamp: CommandStamp): void;
}

/** What a decision may set on its own events' business time and metadata. */
export interface CommandStamp {
  readonly on?: string | Date;
  readonly causationId?: string | null;
}

interface Entry {
  readonly model: AnyModel;
  readonly base: Loaded<unknown>;
  /** Taken from the process's cache, not read from the store for this batch. */
  readonly cached: boolean;
  state: unknown;
  guarded: boolean;
  /** Events decided in this batch, each with the command that decided it. */
  readonly pending: { event: { type: string }; owner: number }[];
}

interface Mark {
  readonly entries: Map<string, { state: unknown; guarded: boolean; pending: number }>;
}

/**
 * The streams one batch of commands works on: loaded once (from the process's cache when its
 * revision is current), then decided on one command after another, each seeing the state the
 * previous ones left. A refused command is rolled back alone.
 */
export class WorkingSet {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly loadStream: (
      streamId: string,
      model: AnyModel,
    ) => Promise<{ readonly loaded: Loaded<unknown>; readonly cached: boolean }>,
  ) {}

  tx(
    owner: number,
    context: CommandContext,
  ): CommandTx & { readonly touched: Set<string>; readonly loaded: Set<string>; readonly stamped: CommandStamp } {
    const touched = new Set<string>();
    const loaded = new Set<string>();
    let stamped: CommandStamp = {};
    const handle = (streamId: string, entry: Entry): StreamHandle<any, any> => ({
      streamId,
      model: entry.model,
      get state() {
        return entry.state;
      },
      revision: entry.base.revision,
    });
    return {
      context,
      touched,
      loaded,
      get stamped() {
        return stamped;
      },
      stamp: (stamp) => {
        stamped = { ...stamped, ...stamp };
      },
      load: async (streamId, model) => {
        let entry = this.entries.get(streamId);
        if (!entry || entry.model !== model) {
          const { loaded: base, cached } = await this.loadStream(streamId, model as AnyModel);
          entry = { model: model as AnyModel, base, cached, state: base.state, guarded: false, pending: [] };
          this.entries.set(streamId, entry);
        }
        loaded.add(streamId);
        return handle(streamId, entry);
      },
      append: (stream, events) => {
        const entry = this.entries.get(stream.streamId);
        if (!entry) throw new Error(`stream ${stream.streamId} was not loaded by this command`);
        let state = entry.state;
        for (const event of events) state = entry.model.evolve(state, event);
        entry.state = state;
        for (const event of events) entry.pending.push({ event, owner });
        if (events.length > 0) touched.add(stream.streamId);
        return state as never;
      },
      guard: (stream) => {
        const entry = this.entries.get(stream.streamId);
        if (!entry) throw new Error(`stream ${stream.streamId} was not loaded by this command`);
        entry.guarded = true;
        touched.add(stream.streamId);
      },
    };
  }

  /** Whether the batch took this stream from the process's cache (it may be stale). */
  fromCache(streamId: string): boolean {
    return this.entries.get(streamId)?.cached ?? false;
  }

  /** The revision the batch read a stream at (null: no events yet). */
  baseRevision(streamId: string): bigint | null {
    return this.entries.get(streamId)?.base.revision ?? null;
  }

  mark(): Mark {
    const entries = new Map<string, { state: unknown; guarded: boolean; pending: number }>();
    for (const [streamId, entry] of this.entries)
      entries.set(streamId, { state: entry.state, guarded: entry.guarded, pending: entry.pending.length });
    return { entries };
  }

  /** Undoes what one refused command did to the working streams. */
  rollback(mark: Mark): void {
    for (const [streamId, entry] of this.entries) {
      const before = mark.entries.get(streamId);
      entry.state = before ? before.state : entry.base.state;
      entry.guarded = before ? before.guarded : false;
      entry.pending.length = before ? before.pending : 0;
    }
  }

  get streamIds(): string[] {
    return [...this.entries.keys()];
  }

  /** One append per stream that has events or a guard, expecting the revision the batch read. */
  appends(contexts: ReadonlyMap<number, { context: CommandContext; businessTime: Date }>): StreamAppend[] {
    const appends: StreamAppend[] = [];
    for (const [streamId, entry] of this.entries) {
      if (entry.pending.length === 0 && !entry.guarded) continue;
      const perOwner = new Map<number, number>();
      const events = entry.pending.map(({ event, owner }) => {
        const index = perOwner.get(owner) ?? 0;
        perOwner.set(owner, index + 1);
        const command = contexts.get(owner);
        if (!command) throw new Error(`no command ${owner} in this batch`);
        return toNewEvent(entry.model, event, streamId, index, command.context, command.businessTime);
      });
      appends.push({ streamId, expectedRevision: entry.base.revision ?? 'no_stream', events });
    }
    return appends;
  }

  /** The streams' states and revisions after a successful append (for the process's cache). */
  settled(
    nextRevisions: ReadonlyMap<string, bigint>,
  ): { streamId: string; model: AnyModel; loaded: Loaded<unknown> }[] {
    const out: { streamId: string; model: AnyModel; loaded: Loaded<unknown> }[] = [];
    for (const [streamId, entry] of this.entries) {
      const revision = nextRevisions.get(streamId) ?? entry.base.revision;
      out.push({ streamId, model: entry.model, loaded: { streamId, state: entry.state, revision } });
    }
    return out;
  }

  /** Streams with events, with the state before the batch (for snapshots). */
  written(): { streamId: string; model: AnyModel; before: Loaded<unknown>; state: unknown; count: number }[] {
    return [...this.entries]
      .filter(([, entry]) => entry.pending.length > 0)
      .map(([streamId, entry]) => ({
        streamId,
        model: entry.model,
        before: entry.base,
        state: entry.state,
        count: entry.pending.length,
      }));
  }
}

function toNewEvent(
  model: AnyModel,
  event: { type: string },
  streamId: string,
  index: number,
  context: CommandContext,
  businessTime: Date,
): NewEvent {
  const encoded = model.catalog.encode(event);
  return {
    // The same command under the same key gives the same ids: a second protection besides the
    // command's record (the SQL store refuses an id it already holds).
    id: context.idempotencyKey
      ? deterministicUuid(`${context.actor}|${context.idempotencyKey}|${streamId}|${index}`)
      : randomUUID(),
    type: encoded.type,
    schemaVersion: encoded.schemaVersion,
    businessTime,
    data: encoded.data,
    metadata: {
      actor: context.actor,
      role: context.role,
      correlationId: context.correlationId,
      causationId: context.causationId ?? null,
      idempotencyKey: context.idempotencyKey ?? null,
    },
  };
}
