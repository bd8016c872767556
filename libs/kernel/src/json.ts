/** JSON values only: amounts travel as strings of minor units, never as numbers. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/**
 * An event as the log holds it, seen from the domain: its type, the schema version its payload
 * was written with, and the payload. Every recorded event of the store has these three fields.
 */
export interface EncodedEvent {
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: JsonObject;
}
