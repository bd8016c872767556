import { randomUUID } from 'node:crypto';
import { deterministicUuid } from './event-sourced-repository';
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
