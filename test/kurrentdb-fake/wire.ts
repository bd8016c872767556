/**
 * Wire helpers of the KurrentDB protocol fake: UUIDs, gRPC errors with rich status details, and
 * the `$all` filters, each as the KurrentDB 25.1.4 server encodes or applies them.
 */
import { Metadata, status } from '@grpc/grpc-js';
import type { ServiceError } from '@grpc/grpc-js';
import { BinaryWriter } from 'google-protobuf';
import { UUID } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/shared_pb';
import { ReadReq } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_pb';

import type { StoredEvent } from './transaction-log';

const U64 = (1n << 64n) - 1n;

/** A v1 `UUID` message (string or structured) as the canonical lower-case text. */
export function readUuid(uuid: UUID | undefined): string {
  if (uuid === undefined) throw fail(status.INVALID_ARGUMENT, 'an event has no id');
  if (uuid.hasStructured()) {
    const structured = uuid.getStructured() as UUID.Structured;
    const hex = (value: string) => (BigInt(value) & U64).toString(16).padStart(16, '0');
    const ms = hex(structured.getMostSignificantBits());
    const ls = hex(structured.getLeastSignificantBits());
    return `${ms.slice(0, 8)}-${ms.slice(8, 12)}-${ms.slice(12)}-${ls.slice(0, 4)}-${ls.slice(4)}`;
  }
  return canonicalUuid(uuid.getString());
}

/** A GUID as .NET parses it (`Guid.Parse`): hex digits with or without dashes/braces, any case. */
export function canonicalUuid(text: string): string {
  const hex = text.replace(/^[{(]|[})]$/g, '').replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw fail(status.INVALID_ARGUMENT, `${text} is not a valid GUID`);
  const h = hex.toLowerCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * The id of a read event in the form the request asked for (`ResponseConverter.ConvertToRecordedEvent`,
 * `src/KurrentDB.Core/Services/Transport/Grpc/Streams.Read.cs`: string, else structured).
 */
export function writeUuid(id: string, option: ReadReq.Options.UUIDOption | undefined): UUID {
  const uuid = new UUID();
  if (option?.hasString() === true) return uuid.setString(id);
  const hex = id.replace(/-/g, '');
  const signed = (part: string) => BigInt.asIntN(64, BigInt(`0x${part}`)).toString(10);
  const structured = new UUID.Structured()
    .setMostSignificantBits(signed(hex.slice(0, 16)))
    .setLeastSignificantBits(signed(hex.slice(16)));
  return uuid.setStructured(structured);
}

/** A gRPC error with a plain status. */
export function fail(code: status, message: string): ServiceError {
  return Object.assign(new Error(message), { code, details: message, metadata: new Metadata() });
}

export interface PackedDetail {
  readonly typeName: string;
  readonly value: Uint8Array;
}

/**
 * A gRPC error carrying a `google.rpc.Status` in `grpc-status-details-bin`, as `status.ToRpcException()`
 * does in the server (`src/KurrentDB.Api.V2/Infrastructure/Errors/RpcExceptions.cs`): code, message,
 * and every detail packed as an `Any` (repeated field 3; the client keeps the last one).
 */
export function richError(code: status, message: string, details: readonly PackedDetail[]): ServiceError {
  const writer = new BinaryWriter();
  writer.writeInt32(1, code);
  writer.writeString(2, message);
  for (const detail of details) {
    writer.writeMessage(3, detail, (packed: PackedDetail, any: BinaryWriter) => {
      any.writeString(1, `type.googleapis.com/${packed.typeName}`);
      any.writeBytes(2, packed.value);
    });
  }
  const metadata = new Metadata();
  metadata.set('grpc-status-details-bin', Buffer.from(writer.getResultBuffer()));
  return Object.assign(new Error(message), { code, details: message, metadata });
}

/**
 * `google.rpc.ErrorInfo` (reason 1, domain 2), which the server puts first in every v2 error
 * (`RpcExceptions.FromError`). Reason and domain are our reading of the error annotations; the
 * client does not look at them.
 */
export function errorInfo(reason: string, domain: string): PackedDetail {
  const writer = new BinaryWriter();
  writer.writeString(1, reason);
  writer.writeString(2, domain);
  return { typeName: 'google.rpc.ErrorInfo', value: writer.getResultBuffer() };
}

/** An event filter of `$all` reads and subscriptions. */
export type EventFilter = (event: StoredEvent) => boolean;

/**
 * `EventFilter.DefaultAllFilterStrategy` (`src/KurrentDB.Core/Services/Storage/ReaderIndex/EventFilter.cs`):
 * every non-system event; of the system ones, all but `$epoch-information` and the persistent
 * subscriptions' checkpoints and parked messages of `$all`.
 */
function defaultAllFilter(event: StoredEvent): boolean {
  if (event.streamId[0] !== '$') return true;
  if (event.streamId === '$epoch-information') return false;
  const psa = '$persistentsubscription-$all::';
  if (event.streamId.startsWith(psa) && (event.streamId.endsWith('-checkpoint') || event.streamId.endsWith('-parked')))
    return false;
  return true;
}

/**
 * `ConvertToEventFilter(isAllStream: true, filter)` of `Streams.Read.cs` with the strategies of
 * `EventFilter.cs`: a regex when one is given (non-empty), else the prefixes; always after the
 * default `$all` filter. .NET's `string.StartsWith(string)` there is culture-sensitive (but
 * case-sensitive); `startsWith` here is ordinal, which differs only for culture-ignorable
 * characters. The regex is run by JavaScript's engine instead of .NET's.
 */
export function toEventFilter(options: ReadReq.Options.FilterOptions | undefined): EventFilter {
  if (options === undefined) return () => true;
  const byType = options.hasEventType();
  const expression = byType ? options.getEventType() : options.getStreamIdentifier();
  if (expression === undefined) throw fail(status.INVALID_ARGUMENT, 'a filter needs an expression');
  const field = (event: StoredEvent) => (byType ? event.type : event.streamId);
  const regex = expression.getRegex();
  if (regex !== '') {
    const compiled = new RegExp(regex);
    return (event) => defaultAllFilter(event) && compiled.test(field(event));
  }
  const prefixes = expression.getPrefixList();
  return (event) => defaultAllFilter(event) && prefixes.some((prefix) => field(event).startsWith(prefix));
}

/**
 * Whether two stream names are the same for the v2 append session's "one request per stream"
 * rule: `StringComparison.OrdinalIgnoreCase` (`AppendRequestComparer` in
 * `src/KurrentDB.Api.V2/Modules/Streams/StreamsService.cs`), i.e. code unit by code unit after
 * simple upper-casing.
 */
export function sameIgnoringCase(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (upper(a[i]) !== upper(b[i])) return false;
  }
  return true;
}

function upper(unit: string): string {
  const up = unit.toUpperCase();
  return up.length === 1 ? up : unit;
}
