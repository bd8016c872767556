/**
 * `event_store.client.streams.Streams/Read` of the KurrentDB protocol fake: stream reads, `$all`
 * reads and `$all` subscriptions, as `src/KurrentDB.Core/Services/Transport/Grpc/Streams.Read.cs`
 * and the enumerators of `src/KurrentDB.Core/Services/Transport/Enumerators/` (v25.1.4) answer them.
 */
import { randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import type { ServerWritableStream } from '@grpc/grpc-js';
import { Timestamp } from 'google-protobuf/google/protobuf/timestamp_pb';
import { StreamIdentifier } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/shared_pb';
import { ReadReq, ReadResp } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_pb';

import type { StoredEvent, TransactionLog } from './transaction-log';
import { fail, toEventFilter, writeUuid } from './wire';
import type { EventFilter } from './wire';

/** `Enumerator.DefaultReadBatchSize` (`Enumerator.cs`): the search window when the filter gives none. */
const DEFAULT_READ_BATCH_SIZE = 32;

type ReadCall = ServerWritableStream<ReadReq, ReadResp>;

export function handleRead(log: TransactionLog, call: ReadCall): void {
  const options = call.request.getOptions();
  if (options === undefined) {
    call.emit('error', fail(status.INVALID_ARGUMENT, 'options are required'));
    return;
  }
  // Streams.Read.cs: "uuidOption" is a required argument.
  const uuidOption = options.getUuidOption();
  if (uuidOption === undefined) {
    call.emit('error', fail(status.INVALID_ARGUMENT, 'uuid_option is required'));
    return;
  }
  const toResp = (event: StoredEvent) => readEvent(event, uuidOption);
  const forwards = options.getReadDirection() === ReadReq.Options.ReadDirection.FORWARDS;
  const filtered = options.hasFilter();
  try {
    if (options.hasStream()) {
      if (options.hasSubscription() || filtered) {
        throw fail(status.INVALID_ARGUMENT, 'the fake serves no stream subscription nor filtered stream read');
      }
      return readStream(log, call, options.getStream() as ReadReq.Options.StreamOptions, forwards, toResp);
    }
    if (!options.hasAll()) throw fail(status.INVALID_ARGUMENT, 'stream_option is required');
    const all = options.getAll() as ReadReq.Options.AllOptions;
    const filter = filtered ? toEventFilter(options.getFilter()) : () => true;
    if (options.hasSubscription()) {
      if (!forwards) throw fail(status.INVALID_ARGUMENT, 'a subscription reads forwards');
      return subscribeToAll(log, call, all, filter, options.getFilter(), toResp);
    }
    return readAll(log, call, all, BigInt(options.getCount()), forwards, filter, toResp);
  } catch (error) {
    call.emit('error', error as Error);
  }
}

/**
 * `Enumerator.ReadStreamForwards` / `ReadStreamBackwards`: from a revision (inclusive), the start or
 * the end, at most `count` events; a stream with no events answers `stream_not_found`.
 */
function readStream(
  log: TransactionLog,
  call: ReadCall,
  options: ReadReq.Options.StreamOptions,
  forwards: boolean,
  toResp: (event: StoredEvent) => ReadResp,
): void {
  const streamName = Buffer.from(options.getStreamIdentifier()?.getStreamName_asU8() ?? []).toString('utf8');
  const count = BigInt(call.request.getOptions()?.getCount() ?? '0');
  const events = log.stream(streamName);
  if (events.length === 0) {
    call.write(
      new ReadResp().setStreamNotFound(
        new ReadResp.StreamNotFound().setStreamIdentifier(
          new StreamIdentifier().setStreamName(Buffer.from(streamName)),
        ),
      ),
    );
    call.end();
    return;
  }
  const last = BigInt(events.length - 1);
  let from: bigint;
  if (options.hasRevision()) from = BigInt(options.getRevision());
  else if (options.hasEnd()) from = forwards ? last + 1n : last;
  else from = 0n; // start
  const selected: StoredEvent[] = [];
  if (forwards) {
    for (let r = from; r <= last && BigInt(selected.length) < count; r++) selected.push(events[Number(r)]);
  } else {
    for (let r = from > last ? last : from; r >= 0n && BigInt(selected.length) < count; r--)
      selected.push(events[Number(r)]);
  }
  for (const event of selected) call.write(toResp(event));
  call.end();
}

/**
 * `Enumerator.ReadAllForwards[Filtered]` / `ReadAllBackwards[Filtered]` over `AllReader`
 * (`src/KurrentDB.Core/Services/Storage/ReaderIndex/AllReader.cs`): forwards, the events whose
 * position is at or after the given one; backwards, those whose record ends at or before it. A
 * position that is not a record boundary is "an invalid position" (`InvalidReadException` →
 * `RpcExceptions.InvalidPositionException`: INVALID_ARGUMENT).
 */
function readAll(
  log: TransactionLog,
  call: ReadCall,
  options: ReadReq.Options.AllOptions,
  count: bigint,
  forwards: boolean,
  filter: EventFilter,
  toResp: (event: StoredEvent) => ReadResp,
): void {
  let from: bigint;
  if (options.hasPosition()) {
    from = BigInt((options.getPosition() as ReadReq.Options.Position).getCommitPosition());
    assertValidPosition(log, from);
  } else if (options.hasEnd()) from = log.end;
  else from = 0n;
  const all = log.all();
  const selected: StoredEvent[] = [];
  if (forwards) {
    for (const event of all) {
      if (BigInt(selected.length) >= count) break;
      if (event.position >= from && filter(event)) selected.push(event);
    }
  } else {
    for (let i = all.length - 1; i >= 0 && BigInt(selected.length) < count; i--) {
      if (all[i].postPosition <= from && filter(all[i])) selected.push(all[i]);
    }
  }
  for (const event of selected) call.write(toResp(event));
  call.end();
}

function assertValidPosition(log: TransactionLog, position: bigint): void {
  if (position < 0n || (position < log.end && !log.isRecordStart(position))) {
    throw fail(status.INVALID_ARGUMENT, 'Trying to read from an invalid position.');
  }
}

/**
 * `Enumerator.AllSubscriptionFiltered` (`Enumerator.AllSubscriptionFiltered.cs`), in order:
 * confirmation; catch-up of the events strictly after the start position, page by page of the
 * search window, with a checkpoint each `checkpointIntervalMultiplier × window` considered events
 * and one at the end of the catch-up; `caught_up`; then live events (and live checkpoints at the
 * same interval). Unfiltered subscriptions take the same path with the default `$all` filter off.
 */
function subscribeToAll(
  log: TransactionLog,
  call: ReadCall,
  options: ReadReq.Options.AllOptions,
  filter: EventFilter,
  filterOptions: ReadReq.Options.FilterOptions | undefined,
  toResp: (event: StoredEvent) => ReadResp,
): void {
  const window = BigInt(filterOptions?.hasMax() === true ? filterOptions.getMax() : DEFAULT_READ_BATCH_SIZE);
  const interval = BigInt(Math.max(1, filterOptions?.getCheckpointintervalmultiplier() ?? 1)) * window;
  let checkpoint: bigint; // "the event or checkpoint position we most recently sent on towards the client"
  if (options.hasPosition()) {
    checkpoint = BigInt((options.getPosition() as ReadReq.Options.Position).getCommitPosition());
    assertValidPosition(log, checkpoint);
  } else if (options.hasEnd()) checkpoint = log.end;
  else checkpoint = -1n;

  const sendCheckpoint = (position: bigint) => {
    if (position < 0n) return;
    const timestamp = Timestamp.fromDate(new Date());
    call.write(
      new ReadResp().setCheckpoint(
        new ReadResp.Checkpoint()
          .setCommitPosition(position.toString())
          .setPreparePosition(position.toString())
          .setTimestamp(timestamp),
      ),
    );
  };
  let considered = 0n;
  const consider = (event: StoredEvent) => {
    if (event.position <= checkpoint) return;
    if (filter(event)) call.write(toResp(event));
    checkpoint = event.position;
    considered += 1n;
    if (considered >= interval) {
      considered %= interval;
      sendCheckpoint(checkpoint);
    }
  };

  // Live events are taken from the moment of the confirmation; JavaScript runs the catch-up below
  // to its end before any write lands, so nothing falls between catch-up and live.
  const unsubscribe = log.subscribe((events) => events.forEach(consider));
  call.on('cancelled', unsubscribe);
  call.on('close', unsubscribe);
  call.on('error', unsubscribe);
  call.write(new ReadResp().setConfirmation(new ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID())));
  for (const event of log.all()) consider(event);
  sendCheckpoint(checkpoint);
  const caughtUp = new ReadResp.CaughtUp().setTimestamp(Timestamp.fromDate(new Date()));
  if (checkpoint >= 0n) {
    caughtUp.setPosition(
      new ReadResp.Position().setCommitPosition(checkpoint.toString()).setPreparePosition(checkpoint.toString()),
    );
  }
  call.write(new ReadResp().setCaughtUp(caughtUp));
}

/**
 * `ResponseConverter.ConvertToReadEvent` / `ConvertToRecordedEvent` (`Streams.Read.cs`): commit and
 * prepare position are the event's log position; read metadata `type`, `created` (ticks) and
 * `content-type`.
 */
function readEvent(event: StoredEvent, uuidOption: ReadReq.Options.UUIDOption): ReadResp {
  const recorded = new ReadResp.ReadEvent.RecordedEvent()
    .setId(writeUuid(event.eventId, uuidOption))
    .setStreamIdentifier(new StreamIdentifier().setStreamName(Buffer.from(event.streamId, 'utf8')))
    .setStreamRevision(event.revision.toString())
    .setCommitPosition(event.position.toString())
    .setPreparePosition(event.position.toString())
    .setData(event.data)
    .setCustomMetadata(event.metadata);
  recorded
    .getMetadataMap()
    .set('type', event.type)
    .set('created', event.created.toString())
    .set('content-type', event.isJson ? 'application/json' : 'application/octet-stream');
  return new ReadResp().setEvent(
    new ReadResp.ReadEvent().setEvent(recorded).setCommitPosition(event.position.toString()),
  );
}
