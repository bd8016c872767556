/**
 * The appends of the KurrentDB protocol fake: v1 `Streams/Append` and `Streams/BatchAppend`
 * (`src/KurrentDB.Core/Services/Transport/Grpc/Streams.Append.cs`, `Streams.BatchAppend.cs`) and
 * v2 `StreamsService/AppendSession` (`src/KurrentDB.Api.V2/Modules/Streams/StreamsService.cs`),
 * all three on the one commit path of `TransactionLog.write` (v25.1.4).
 */
import { randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import type { sendUnaryData, ServerDuplexStream, ServerReadableStream } from '@grpc/grpc-js';
import { Any } from 'google-protobuf/google/protobuf/any_pb';
import { Empty } from 'google-protobuf/google/protobuf/empty_pb';
import type { Value } from 'google-protobuf/google/protobuf/struct_pb';
import {
  AllStreamPosition,
  Empty as SharedEmpty,
  WrongExpectedVersion,
} from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/shared_pb';
import { Code } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/code_pb';
import { Status } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/status_pb';
import {
  AppendReq,
  AppendResp,
  BatchAppendReq,
  BatchAppendResp,
} from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_pb';
import {
  AppendRequest,
  AppendResponse,
  AppendSessionResponse,
  SchemaFormat,
} from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v2/streams/streams_pb';
import type { AppendRecord } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v2/streams/streams_pb';
import {
  StreamAlreadyInAppendSessionErrorDetails,
  StreamRevisionConflictErrorDetails,
} from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v2/streams/errors_pb';

import { ExpectedVersion } from './transaction-log';
import type { ProposedEvent, StreamWrite, TransactionLog, WriteOutcome } from './transaction-log';
import { canonicalUuid, errorInfo, fail, readUuid, richError, sameIgnoringCase } from './wire';

// ---------------------------------------------------------------------------------------------
// v1 Append (client streaming: options, then one proposed message per event)
// ---------------------------------------------------------------------------------------------

export function handleAppend(
  log: TransactionLog,
  call: ServerReadableStream<AppendReq, AppendResp>,
  callback: sendUnaryData<AppendResp>,
): void {
  let options: AppendReq.Options | undefined;
  const events: ProposedEvent[] = [];
  let failed = false;
  call.on('data', (request: AppendReq) => {
    if (failed) return;
    try {
      if (request.hasOptions()) options = request.getOptions();
      else if (request.hasProposedMessage())
        events.push(v1Event(request.getProposedMessage() as AppendReq.ProposedMessage));
    } catch (error) {
      failed = true;
      callback(error as Error);
    }
  });
  call.on('end', () => {
    if (failed) return;
    if (options === undefined) return callback(fail(status.INVALID_ARGUMENT, 'options are required'));
    const streamId = streamName(options.getStreamIdentifier()?.getStreamName_asU8());
    let expected: bigint;
    if (options.hasRevision()) expected = BigInt(options.getRevision());
    else if (options.hasNoStream()) expected = ExpectedVersion.NoStream;
    else if (options.hasStreamExists()) expected = ExpectedVersion.StreamExists;
    else expected = ExpectedVersion.Any;
    const outcome = log.write([{ streamId, expectedVersion: expected, events }]);
    const response = new AppendResp();
    if (outcome.kind === 'success') {
      const success = new AppendResp.Success();
      const last = outcome.lastEventNumbers[0];
      if (last === -1n) success.setNoStream(new SharedEmpty());
      else success.setCurrentRevision(last.toString());
      if (outcome.commitPosition === -1n) success.setNoPosition(new SharedEmpty());
      else
        success.setPosition(
          new AppendResp.Position()
            .setCommitPosition(outcome.commitPosition.toString())
            .setPreparePosition(outcome.commitPosition.toString()),
        );
      return callback(null, response.setSuccess(success));
    }
    // Streams.Append.cs, OperationResult.WrongExpectedVersion: the expected state as sent, the
    // current revision (FailureCurrentVersions.Single) or "no stream".
    const wrong = new AppendResp.WrongExpectedVersion();
    if (options.hasRevision()) wrong.setExpectedRevision(options.getRevision());
    else if (options.hasNoStream()) wrong.setExpectedNoStream(new SharedEmpty());
    else if (options.hasStreamExists()) wrong.setExpectedStreamExists(new SharedEmpty());
    else wrong.setExpectedAny(new SharedEmpty());
    const current = outcome.failureCurrentVersions[0] ?? -1n;
    if (current === -1n) wrong.setCurrentNoStream(new SharedEmpty());
    else wrong.setCurrentRevision(current.toString());
    callback(null, response.setWrongExpectedVersion(wrong));
  });
}

// ---------------------------------------------------------------------------------------------
// v1 BatchAppend (bidirectional: requests per correlation id, answered when `is_final`)
// ---------------------------------------------------------------------------------------------

export function handleBatchAppend(
  log: TransactionLog,
  call: ServerDuplexStream<BatchAppendReq, BatchAppendResp>,
): void {
  const pending = new Map<string, { options: BatchAppendReq.Options; events: ProposedEvent[] }>();
  call.on('data', (request: BatchAppendReq) => {
    const correlationId = readUuid(request.getCorrelationId());
    let write = pending.get(correlationId);
    if (write === undefined) {
      const options = request.getOptions();
      if (options === undefined)
        return call.emit('error', fail(status.INVALID_ARGUMENT, 'the first request needs options'));
      write = { options, events: [] };
      pending.set(correlationId, write);
    }
    for (const message of request.getProposedMessagesList()) write.events.push(v1Event(message));
    if (!request.getIsFinal()) return;
    pending.delete(correlationId);
    const streamIdentifier = write.options.getStreamIdentifier();
    const streamId = streamName(streamIdentifier?.getStreamName_asU8());
    const expected = batchExpected(write.options);
    const outcome = log.write([{ streamId, expectedVersion: expected, events: write.events }]);
    const response = new BatchAppendResp()
      .setCorrelationId(request.getCorrelationId())
      .setStreamIdentifier(streamIdentifier);
    if (outcome.kind === 'success') {
      const success = new BatchAppendResp.Success();
      const last = outcome.lastEventNumbers[0];
      if (last >= 0n) success.setCurrentRevision(last.toString());
      else success.setNoStream(new Empty());
      if (outcome.commitPosition >= 0n)
        success.setPosition(
          new AllStreamPosition()
            .setCommitPosition(outcome.commitPosition.toString())
            .setPreparePosition(outcome.commitPosition.toString()),
        );
      else success.setNoPosition(new Empty());
      call.write(response.setSuccess(success));
      return;
    }
    call.write(response.setError(wrongExpectedVersionStatus(outcome.failureCurrentVersions[0] ?? -1n, expected)));
  });
  call.on('end', () => call.end());
}

function batchExpected(options: BatchAppendReq.Options): bigint {
  if (options.hasStreamPosition()) return BigInt(options.getStreamPosition());
  if (options.hasNoStream()) return ExpectedVersion.NoStream;
  if (options.hasStreamExists()) return ExpectedVersion.StreamExists;
  return ExpectedVersion.Any;
}

/**
 * `Status.WrongExpectedVersion` (`src/KurrentDB.Core/Services/Transport/Grpc/Status.cs`) with
 * `WrongExpectedVersion.Create` (`WrongExpectedVersion.cs`): code ALREADY_EXISTS, the details packed
 * as `event_store.client.WrongExpectedVersion`.
 */
function wrongExpectedVersionStatus(current: bigint, expected: bigint): Status {
  const details = new WrongExpectedVersion();
  if (current < 0n) details.setCurrentNoStream(new Empty());
  else details.setCurrentStreamRevision(current.toString());
  if (expected === ExpectedVersion.Any) details.setExpectedAny(new Empty());
  else if (expected === ExpectedVersion.NoStream) details.setExpectedNoStream(new Empty());
  else if (expected === ExpectedVersion.StreamExists) details.setExpectedStreamExists(new Empty());
  else details.setExpectedStreamPosition(expected.toString());
  const any = new Any();
  any.pack(details.serializeBinary(), 'event_store.client.WrongExpectedVersion');
  return new Status().setCode(Code.ALREADY_EXISTS).setMessage('WrongExpectedVersion').setDetails(any);
}

/** A v1 proposed message as the server stores it: `content-type` decides `isJson`. */
function v1Event(message: AppendReq.ProposedMessage | BatchAppendReq.ProposedMessage): ProposedEvent {
  const metadata = message.getMetadataMap();
  const type = metadata.get('type');
  if (type === undefined || type === '') throw fail(status.INVALID_ARGUMENT, 'an event needs a type');
  return {
    eventId: readUuid(message.getId()),
    type,
    isJson: metadata.get('content-type') === 'application/json',
    data: message.getData_asU8(),
    metadata: message.getCustomMetadata_asU8(),
  };
}

function streamName(bytes: Uint8Array | undefined): string {
  const name = Buffer.from(bytes ?? []).toString('utf8');
  if (name === '') throw fail(status.INVALID_ARGUMENT, 'a stream name is required');
  return name;
}

// ---------------------------------------------------------------------------------------------
// v2 AppendSession (client streaming: one request per stream, committed as one transaction)
// ---------------------------------------------------------------------------------------------

export function handleAppendSession(
  log: TransactionLog,
  call: ServerReadableStream<AppendRequest, AppendSessionResponse>,
  callback: sendUnaryData<AppendSessionResponse>,
): void {
  const requests: AppendRequest[] = [];
  const writes: StreamWrite[] = [];
  let failed = false;
  const failWith = (error: Error) => {
    failed = true;
    callback(error);
  };
  call.on('data', (request: AppendRequest) => {
    if (failed) return;
    try {
      // AppendSessionCommand.WithRequest: one request per stream, names compared OrdinalIgnoreCase.
      const stream = request.getStream();
      if (requests.some((earlier) => sameIgnoringCase(earlier.getStream(), stream))) {
        const details = new StreamAlreadyInAppendSessionErrorDetails().setStream(stream);
        return failWith(
          richError(
            status.ABORTED,
            `Stream '${stream}' is already part of this append session. Appending to the same stream multiple times is currently not supported.`,
            [
              errorInfo('STREAM_ALREADY_IN_APPEND_SESSION', 'streams'),
              {
                typeName: 'kurrentdb.protocol.v2.streams.errors.StreamAlreadyInAppendSessionErrorDetails',
                value: details.serializeBinary(),
              },
            ],
          ),
        );
      }
      requests.push(request);
      // ExpectedRevisionOrAny: the field when present, else Any.
      const expected = request.hasExpectedRevision()
        ? BigInt(request.getExpectedRevision() as string)
        : ExpectedVersion.Any;
      writes.push({ streamId: stream, expectedVersion: expected, events: request.getRecordsList().map(v2Event) });
    } catch (error) {
      failWith(error as Error);
    }
  });
  call.on('end', () => {
    if (failed) return;
    if (requests.length === 0) {
      return callback(
        richError(
          status.INVALID_ARGUMENT,
          'Append session started, but no append requests were sent before ending the session.',
          [errorInfo('APPEND_SESSION_NO_REQUESTS', 'streams')],
        ),
      );
    }
    const outcome = log.write(writes);
    if (outcome.kind === 'success') {
      // MapToResult: each request's stream with its last event number; the commit position.
      const output = requests.map((request, index) =>
        new AppendResponse()
          .setStream(request.getStream())
          .setStreamRevision(outcome.lastEventNumbers[index].toString()),
      );
      return callback(
        null,
        new AppendSessionResponse().setOutputList(output).setPosition(outcome.commitPosition.toString()),
      );
    }
    callback(sessionError(requests, outcome));
  });
}

/**
 * `AppendSessionCommand.MapToError` for `OperationResult.WrongExpectedVersion`: a revision conflict
 * on `FailureStreamIndexes.Span[0]`. When the storage writer answered with no failing stream (a
 * multi-stream write that was partly idempotent, or had a corrupted idempotency: see
 * `VerifyCommitChecks`), `Span[0]` throws IndexOutOfRangeException, and `ApiCallbackBase.ReplyWith`
 * (`src/KurrentDB.Api.V2/Infrastructure/ApiCallback.cs`) answers `ApiErrors.InternalServerError`:
 * SERVER_MALFUNCTION, gRPC INTERNAL.
 */
function sessionError(
  requests: readonly AppendRequest[],
  outcome: Extract<WriteOutcome, { kind: 'wrong-expected-version' }>,
): Error {
  const index = outcome.failureStreamIndexes[0];
  if (index === undefined) {
    return richError(
      status.INTERNAL,
      'An internal server error occurred. Please contact support if the problem persists.\n' +
        'Streams Append Session failed to map error: Index was outside the bounds of the array.',
      [errorInfo('SERVER_MALFUNCTION', 'server')],
    );
  }
  const request = requests[index];
  const expected = request.getExpectedRevision() ?? '0';
  const actual = outcome.failureCurrentVersions[0];
  const details = new StreamRevisionConflictErrorDetails()
    .setStream(request.getStream())
    .setExpectedRevision(expected)
    .setActualRevision(actual.toString());
  return richError(
    status.FAILED_PRECONDITION,
    `Append failed due to a revision conflict on stream '${request.getStream()}'. Expected revision: ${expected}. Actual revision: ${actual}.`,
    [
      errorInfo('STREAM_REVISION_CONFLICT', 'streams'),
      {
        typeName: 'kurrentdb.protocol.v2.streams.errors.StreamRevisionConflictErrorDetails',
        value: details.serializeBinary(),
      },
    ],
  );
}

/**
 * `PreProcessRecord` + `MapToEvent` (`src/KurrentDB.Api.V2/Modules/Streams/Model/`): a missing
 * record id gets a new one; the properties are stored as a protobuf `Struct` (property metadata),
 * which a v1 read returns as JSON with `$schema.name` (and `$schema.format` "Json") added
 * (`EventRecord.SynthesizeMetadataFromProperties`, `src/KurrentDB.Core/Data/EventRecord.cs`).
 */
function v2Event(record: AppendRecord): ProposedEvent {
  const schema = record.getSchema();
  const type = schema?.getName() ?? '';
  if (type === '') throw fail(status.INVALID_ARGUMENT, 'a record needs a schema name');
  const isJson = schema?.getFormat() === SchemaFormat.SCHEMA_FORMAT_JSON;
  const properties: Record<string, unknown> = {};
  record.getPropertiesMap().forEach((value: Value, key: string) => {
    properties[key] = value.toJavaScript();
  });
  const synthesized: Record<string, unknown> = { ...properties, '$schema.name': type };
  if (isJson) synthesized['$schema.format'] = 'Json';
  return {
    eventId: record.hasRecordId() ? canonicalUuid(record.getRecordId() as string) : randomUUID(),
    type,
    isJson,
    data: record.getData_asU8(),
    metadata: Buffer.from(JSON.stringify(synthesized), 'utf8'),
  };
}
