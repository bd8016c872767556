import { randomUUID } from 'node:crypto';
import type { AppendResult } from '@ledger/event-store';
import { deterministicUuid, type Change, type CommandContext } from '@ledger/event-sourcing';
import type { Money } from '@ledger/money';

/**
 * The id of an entity a command creates: derived from the Idempotency-Key when there is one, so
 * a retried create finds the entity it already made instead of making a second one.
 */
export function newEntityId(context: CommandContext, kind: string): string {
  return context.idempotencyKey
    ? deterministicUuid(`${context.actor}|${context.idempotencyKey}|${kind}`)
    : randomUUID();
}

/** Business dates are calendar days; an event's business time is that day at 00:00 UTC. */
export function businessTime(date: string): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

/** The global position of a command's last event (what `committed` waits for). */
export function positionOf(results: readonly AppendResult[]): bigint {
  return results.reduce((max, result) => (result.position > max ? result.position : max), 0n);
}

/** Streams a decision writes; streams without new events are left out (no guard changes). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function withEvents(changes: readonly Change<any, any>[]): Change<any, any>[] {
  return changes.filter((change) => change.events.length > 0);
}

export interface MoneyView {
  readonly amountMinor: string;
  readonly currency: string;
}

export const moneyView = (money: Money): MoneyView => ({
  amountMinor: money.toMinorString(),
  currency: money.currency.code,
});

/** What every command answers: the global position of its events, as a string. */
export interface CommandReceipt {
  readonly position: string;
}
