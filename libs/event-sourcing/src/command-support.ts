import { randomUUID } from 'node:crypto';
import type { AppendResult } from '@ledger/event-store';
import { deterministicUuid, type Change } from './event-sourced-repository';
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

/** The global position of a command's last event (what `LedgerRuntime.committed` waits for); 0 when nothing was appended. */
export function positionOf(results: readonly AppendResult[]): bigint {
  return results.reduce((max, result) => (result.position > max ? result.position : max), 0n);
}

/** The changes a decision must append: streams without new events are left out (no guard on them). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function withEvents(changes: readonly Change<any, any>[]): Change<any, any>[] {
  return changes.filter((change) => change.events.length > 0);
}
