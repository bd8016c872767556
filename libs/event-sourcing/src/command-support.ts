import { randomUUID } from 'node:crypto';
import { deterministicUuid } from './event-sourced-repository';
import type { EventStore } from '@ledger/event-store';
import type { CommandContext } from './stream-model';

/**
 * The id of an entity a command creates: derived from the Idempotency-Key when there is one, so
 * a retried create finds the entity it already made instead of making a second one.
 */
export function newEntityId(context: CommandContext, kind: string): string {
  return context.idempotencyKey
    ? deterministicUuid(`${context.actor}|${context.idempotencyKey}|${kind}`)
    : randomUUID();
}

/** Business dates are calendar days ('YYYY-MM-DD'); an event's business time is that day at 00:00 UTC. */
export function businessTime(date: string): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

/** A recorded event a correction names: its id (the correction's causation) and global position. */
export interface RecordedEntry {
  readonly eventId: string;
  readonly position: string;
}

/**
 * The first event of `type` in a stream whose payload has `field` equal to `value` (a disbursement,
 * a deposit a correction reverses), or null. Recorded events never change: read outside the
 * command's transaction. Streams of one entity are short; this reads the whole stream.
 */
export async function findEntry(
  store: Pick<EventStore, 'readStream'>,
  streamId: string,
  entry: { readonly type: string; readonly field: string; readonly value: string },
): Promise<RecordedEntry | null> {
  const events = await store.readStream(streamId);
  const found = events.find((event) => event.type === entry.type && event.data[entry.field] === entry.value);
  return found ? { eventId: found.id, position: found.position.toString() } : null;
}
