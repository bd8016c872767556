import type { JsonValue, RecordedEvent } from '@ledger/event-store';
import { isCurrencyCode, Money } from '@ledger/money';
import { csvDecimal, type CsvValue } from './csv';

/**
 * Flattening an event into spreadsheet columns. The fixed columns come first (place in the log,
 * times, metadata, hash); then one column per leaf of the payload, named `data.<path>` (array
 * items by index: `data.schedule.years.0.rateBp`). An amount — an object `{ amountMinor,
 * currency }` — becomes two columns, `data.<path>_amount` in major units ("200000.00" MAD,
 * "340000000" XOF, "1.500" TND) and `data.<path>_currency`. The last column, `data_json`, keeps
 * the payload exactly as stored (amounts in minor units), so nothing is lost in the flattening.
 */
export const EVENT_FIXED_COLUMNS = [
  'position',
  'stream_id',
  'revision',
  'event_id',
  'type',
  'schema_version',
  'business_time',
  'recorded_at',
  'actor',
  'role',
  'correlation_id',
  'causation_id',
  'idempotency_key',
  'hash',
] as const;

export const DATA_JSON_COLUMN = 'data_json';

/** The amount at a payload path, if that value is one. */
export function asMoney(value: JsonValue | undefined): Money | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const keys = Object.keys(value);
  if (keys.length !== 2 || typeof value.amountMinor !== 'string' || !isCurrencyCode(value.currency)) return null;
  try {
    return Money.parseMinor(value.amountMinor, value.currency);
  } catch {
    return null;
  }
}

/** Leaves of a payload as (column, cell) pairs, in payload order. */
export function flattenData(data: JsonValue, path = 'data', out: [string, CsvValue][] = []): [string, CsvValue][] {
  const money = asMoney(data);
  if (money) {
    out.push([`${path}_amount`, csvDecimal(money.toMajorString())], [`${path}_currency`, money.currency.code]);
  } else if (Array.isArray(data)) {
    data.forEach((item, index) => flattenData(item, `${path}.${index}`, out));
  } else if (data !== null && typeof data === 'object') {
    for (const [key, value] of Object.entries(data)) flattenData(value, `${path}.${key}`, out);
  } else {
    out.push([path, data]);
  }
  return out;
}

export function fixedCells(event: RecordedEvent): CsvValue[] {
  return [
    event.position,
    event.streamId,
    event.revision,
    event.id,
    event.type,
    event.schemaVersion,
    event.businessTime.toISOString(),
    event.recordedAt.toISOString(),
    event.metadata.actor,
    event.metadata.role,
    event.metadata.correlationId,
    event.metadata.causationId,
    event.metadata.idempotencyKey,
    event.hash,
  ];
}
