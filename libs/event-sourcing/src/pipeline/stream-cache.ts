import type { Loaded } from '../event-sourced-repository';
import type { StreamModel } from '../stream-model';

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * The current state of the streams this process wrote or read lately, least recently used
 * dropped first. Only a convenience: a stale entry (another process appended since) is caught by
 * the expected revision at the append, evicted, and the command decided again on fresh state.
 * States are immutable values (evolve returns new ones), so sharing them is safe.
 */
export class StreamCache {
  private readonly entries = new Map<string, { model: StreamModel<any, any>; loaded: Loaded<unknown> }>();

  constructor(private readonly capacity: number) {}

  get(streamId: string, model: StreamModel<any, any>): Loaded<unknown> | null {
    const entry = this.entries.get(streamId);
    if (!entry || entry.model !== model) return null;
    this.entries.delete(streamId);
    this.entries.set(streamId, entry);
    return entry.loaded;
  }

  put(streamId: string, model: StreamModel<any, any>, loaded: Loaded<unknown>): void {
    const current = this.entries.get(streamId);
    // Never go back: a read that raced with a later append of ours must not replace it.
    if (current && current.model === model && revisionOf(current.loaded) > revisionOf(loaded)) return;
    this.entries.delete(streamId);
    this.entries.set(streamId, { model, loaded });
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }

  evict(streamId: string): void {
    this.entries.delete(streamId);
  }

  clear(): void {
    this.entries.clear();
  }
}

function revisionOf(loaded: Loaded<unknown>): bigint {
  return loaded.revision ?? -1n;
}
