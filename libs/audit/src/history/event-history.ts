import type { EventStore, RecordedEvent } from '@ledger/event-store';
import { auditEventView, type AuditEventView } from './audit-event.view';
import { StreamNotFound } from './stream-not-found.error';

/** Which events of the global log an auditor asks for. */
export interface EventFilter {
  /** Exact event type, e.g. `cofinancing.GrantApproved`. */
  readonly type?: string;
  /** Streams whose id starts with this, e.g. `cofinancing-grant-` or one whole stream id. */
  readonly streamPrefix?: string;
}

export interface GlobalPageRequest extends EventFilter {
  /** Exclusive cursor: events strictly after this global position. */
  readonly after: bigint;
  readonly limit: number;
}

export interface GlobalPage {
  readonly items: AuditEventView[];
  /**
   * The cursor for the next page: the position of the last event looked at. With a filter a page
   * may hold fewer than `limit` events (a bounded stretch of the log is scanned per request), so
   * go on while `hasMore` is true, not until a page comes back short.
   */
  readonly nextAfter: string;
  /** Whether the log holds events after `nextAfter` (at the time of the answer). */
  readonly hasMore: boolean;
  readonly headPosition: string;
}

export interface StreamPageRequest {
  /** Inclusive; forwards defaults to 0, backwards to the last revision. */
  readonly fromRevision?: bigint;
  readonly limit: number;
  readonly direction: 'forwards' | 'backwards';
}

export interface StreamPage {
  readonly streamId: string;
  readonly items: AuditEventView[];
  /** Where the next page starts (`fromRevision`), or null when this page reached the end. */
  readonly nextFromRevision: string | null;
  readonly lastRevision: string;
}

export interface EventHistoryOptions {
  /** Events read from the store per round trip. */
  readonly batchSize?: number;
  /** At most this many events are looked at to fill one filtered page. */
  readonly scanBudget?: number;
}

/**
 * The history of the ledger, read through the event store port only (so it works the same on
 * the SQL adapter and on KurrentDB): any stream in revision order, the whole log in global order
 * with a position cursor, and a pinned, constant-memory iteration for exports.
 */
export class EventHistory {
  private readonly batchSize: number;
  private readonly scanBudget: number;

  constructor(
    private readonly store: EventStore,
    options: EventHistoryOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.scanBudget = options.scanBudget ?? 10_000;
  }

  async page(request: GlobalPageRequest): Promise<GlobalPage> {
    const filtered = request.type !== undefined || request.streamPrefix !== undefined;
    const items: AuditEventView[] = [];
    let after = request.after;
    let scanned = 0;
    while (items.length < request.limit && scanned < this.scanBudget) {
      const wanted = filtered ? this.batchSize : Math.min(this.batchSize, request.limit - items.length);
      const batch = await this.store.readAll({ afterPosition: after, maxCount: wanted });
      for (const event of batch) {
        after = event.position;
        scanned += 1;
        if (matches(event, request)) {
          items.push(auditEventView(event));
          if (items.length === request.limit) break;
        }
      }
      if (batch.length < wanted) break;
    }
    const head = await this.store.headPosition();
    return { items, nextAfter: after.toString(), hasMore: after < head, headPosition: head.toString() };
  }

  async streamPage(streamId: string, request: StreamPageRequest): Promise<StreamPage> {
    const last = await this.store.streamRevision(streamId);
    if (last === null) throw new StreamNotFound(streamId);
    const events = await this.store.readStream(streamId, {
      direction: request.direction,
      fromRevision: request.fromRevision,
      maxCount: request.limit + 1,
    });
    const more = events.length > request.limit;
    return {
      streamId,
      items: events.slice(0, request.limit).map(auditEventView),
      nextFromRevision: more ? events[request.limit].revision.toString() : null,
      lastRevision: last.toString(),
    };
  }

  /**
   * Every matching event after `after` up to `upTo` (default: the head when the iteration
   * starts, so an export is one fixed stretch of the log), page by page: memory stays flat
   * however long the log is.
   */
  async *iterate(filter: EventFilter & { after?: bigint; upTo?: bigint } = {}): AsyncGenerator<RecordedEvent> {
    const upTo = filter.upTo ?? (await this.store.headPosition());
    let after = filter.after ?? 0n;
    while (after < upTo) {
      const batch = await this.store.readAll({ afterPosition: after, maxCount: this.batchSize });
      if (batch.length === 0) return;
      for (const event of batch) {
        if (event.position > upTo) return;
        if (matches(event, filter)) yield event;
      }
      after = batch[batch.length - 1].position;
    }
  }

  headPosition(): Promise<bigint> {
    return this.store.headPosition();
  }
}

function matches(event: RecordedEvent, filter: EventFilter): boolean {
  if (filter.type !== undefined && event.type !== filter.type) return false;
  if (filter.streamPrefix !== undefined && !event.streamId.startsWith(filter.streamPrefix)) return false;
  return true;
}
