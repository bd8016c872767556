import { createHash } from 'node:crypto';
import type { NewEvent } from './event-store.port';

/**
 * Tamper evidence, part one: each event's content hash, and the chain hash that links it to the
 * previous event of its stream. Written here once and used both when appending and when verifying.
 *
 *   content = sha256(canonical JSON of ["ledger-event/v1", id, stream, type, schema version,
 *                    business time, data, actor, role, correlation, causation, idempotency key])
 *   chain   = sha256("<previous chain hash or 'genesis'>|<revision>|<position>|<recorded at>|<content>")
 *
 * The chain input holds only hex, digits and an ISO timestamp, so it cannot be ambiguous; the SQL
 * function `ledger_append` computes the chain with the same formula.
 */
export function eventContentHash(streamId: string, event: NewEvent): string {
  const { metadata } = event;
  return sha256(
    canonicalJson([
      'ledger-event/v1',
      event.id.toLowerCase(),
      streamId,
      event.type,
      event.schemaVersion,
      event.businessTime.toISOString(),
      event.data,
      metadata.actor,
      metadata.role,
      metadata.correlationId,
      metadata.causationId,
      metadata.idempotencyKey,
    ]),
  );
}

export function eventChainHash(
  previousChainHash: string | null,
  revision: bigint,
  position: bigint,
  recordedAt: Date,
  contentHash: string,
): string {
  return sha256(`${previousChainHash ?? 'genesis'}|${revision}|${position}|${recordedAt.toISOString()}|${contentHash}`);
}

/** JSON with object keys sorted at every level, no whitespace: one text per value. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .sort()
      .filter((key) => record[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
