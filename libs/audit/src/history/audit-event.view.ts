import type { JsonObject, RecordedEvent } from '@ledger/event-store';

/**
 * An event as the auditor sees it: its place in the log and in its stream, both times, the whole
 * metadata and the chain hash, then its payload as stored. Bigints travel as strings.
 */
export interface AuditEventView {
  readonly position: string;
  readonly streamId: string;
  readonly revision: string;
  readonly id: string;
  readonly type: string;
  readonly schemaVersion: number;
  /** When it happened in the world. */
  readonly businessTime: string;
  /** When the ledger wrote it. */
  readonly recordedAt: string;
  readonly actor: string;
  readonly role: string;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly idempotencyKey: string | null;
  /** The hash chaining it to the previous event of its stream (null on KurrentDB). */
  readonly hash: string | null;
  readonly data: JsonObject;
}

export function auditEventView(event: RecordedEvent): AuditEventView {
  return {
    position: event.position.toString(),
    streamId: event.streamId,
    revision: event.revision.toString(),
    id: event.id,
    type: event.type,
    schemaVersion: event.schemaVersion,
    businessTime: event.businessTime.toISOString(),
    recordedAt: event.recordedAt.toISOString(),
    actor: event.metadata.actor,
    role: event.metadata.role,
    correlationId: event.metadata.correlationId,
    causationId: event.metadata.causationId ?? null,
    idempotencyKey: event.metadata.idempotencyKey ?? null,
    hash: event.hash ?? null,
    data: event.data,
  };
}
