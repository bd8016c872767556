import { createHash, randomUUID } from 'node:crypto';
import type { EventStore, JsonObject, NewEvent, RecordedEvent } from '@ledger/event-store';
import { DomainError } from '@ledger/kernel';
import type { CommandContext } from '../stream-model';
import type { OutcomeKind } from './command-answer';

/**
 * The command's own record: one event in a stream of its own, named after the actor and the
 * Idempotency-Key, appended with `no_stream` in the same atomic append as the command's events. A
 * second run of the same command is therefore refused by the store itself (the stream exists), on
 * SQL and on KurrentDB alike, and answered with the answer recorded here — also after a crash or a
 * lost answer, since there is no separate "in progress" state to go stale.
 */
export const COMMAND_RECORDED = 'ledger.CommandRecorded';
const COMMAND_STREAM_PREFIX = 'ledger-command-';

export function commandStreamId(actor: string, idempotencyKey: string): string {
  const digest = createHash('sha256').update(`${actor}\n${idempotencyKey}`).digest('hex');
  return `${COMMAND_STREAM_PREFIX}${digest.slice(0, 40)}`;
}

export interface CommandRecord {
  readonly requestHash: string | null;
  readonly kind: OutcomeKind;
  /** The answer without its position (the record's own position is the answer's). */
  readonly body: JsonObject;
  readonly position: bigint;
}

export function commandRecordEvent(
  context: CommandContext,
  kind: OutcomeKind,
  body: JsonObject,
  businessTime: Date,
): NewEvent {
  return {
    // Random on purpose: a re-run must meet the existing stream (no_stream refused), never be
    // absorbed as "the same event again" and answered from a re-decision.
    id: randomUUID(),
    type: COMMAND_RECORDED,
    schemaVersion: 1,
    businessTime,
    // The answer as text: a JSONB column reorders keys, and a replay must be byte for byte.
    data: { requestHash: context.requestHash ?? null, kind, answer: JSON.stringify(body) },
    metadata: {
      actor: context.actor,
      role: context.role,
      correlationId: context.correlationId,
      causationId: context.causationId ?? null,
      idempotencyKey: context.idempotencyKey ?? null,
    },
  };
}

export async function readCommandRecord(store: EventStore, streamId: string): Promise<CommandRecord | null> {
  const [event] = await store.readStream(streamId, { maxCount: 1 });
  return event ? decodeCommandRecord(event) : null;
}

function decodeCommandRecord(event: RecordedEvent): CommandRecord {
  const data = event.data as { requestHash?: unknown; kind?: unknown; answer?: unknown };
  return {
    requestHash: typeof data.requestHash === 'string' ? data.requestHash : null,
    kind: data.kind === 'proposed' ? 'proposed' : 'decided',
    body: JSON.parse(typeof data.answer === 'string' ? data.answer : '{}') as JsonObject,
    position: event.position,
  };
}

/** The same Idempotency-Key with another request: refused, nothing applied (the Formance rule). */
export class IdempotencyKeyReused extends DomainError {
  readonly code = 'idempotency-key-reused';
  readonly kind = 'conflict';

  constructor() {
    super('this Idempotency-Key was already used for a different request');
  }
}
