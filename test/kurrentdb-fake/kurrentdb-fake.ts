/**
 * KurrentDB PROTOCOL FAKE — evidence about our adapter under STATED server semantics, NOT a server
 * certification.
 *
 * A gRPC server (on `@grpc/grpc-js`, with `@kurrent/kurrentdb-client`'s own generated service
 * definitions and messages) that answers the calls `KurrentDbEventStore` makes, with the write
 * rules transcribed from the KurrentDB server source at tag v25.1.4 (github.com/kurrent-io/KurrentDB):
 * - commit checks: `src/KurrentDB.Core/Services/Storage/ReaderIndex/IndexWriter.cs` (`CheckCommit`);
 * - verdicts of a (multi-stream) write: `src/KurrentDB.Core/Services/Storage/StorageWriterService.cs`
 *   (`VerifyCommitChecks`), `src/KurrentDB.Core/Services/RequestManager/Managers/RequestManagerBase.cs`;
 * - transports: `src/KurrentDB.Core/Services/Transport/Grpc/Streams.{Read,Append,BatchAppend}.cs`,
 *   `src/KurrentDB.Api.V2/Modules/Streams/StreamsService.cs`, `src/KurrentDB.Api.V2/Infrastructure/ApiCallback.cs`;
 * - `$all` reads, filters and subscriptions: `src/KurrentDB.Core/Services/Storage/ReaderIndex/{AllReader,EventFilter}.cs`,
 *   `src/KurrentDB.Core/Services/Transport/Enumerators/Enumerator.AllSubscriptionFiltered.cs`;
 * - server features: `src/KurrentDB.Core/Services/Transport/Grpc/ServerFeatures.cs`.
 * What it leaves out: clusters and leader election, deletes and stream metadata ($maxAge, ACLs),
 * authentication, TLS, scavenging, chunk boundaries, size limits, link events, stream subscriptions.
 * Where it differs from a server on what it serves, the difference is written next to the code.
 * A test that passes here shows the adapter is right under these semantics; only a real server
 * (`KURRENTDB_CONNECTION_STRING`) shows the semantics are the server's.
 */
import { Server, ServerCredentials } from '@grpc/grpc-js';
import type { ServerDuplexStream, ServerReadableStream, ServerUnaryCall, ServerWritableStream } from '@grpc/grpc-js';
import { ServerFeaturesService } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/serverfeatures_grpc_pb';
import {
  SupportedMethod,
  SupportedMethods,
} from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/serverfeatures_pb';
import type { Empty } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/shared_pb';
import { StreamsService } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_grpc_pb';
import type {
  AppendReq,
  AppendResp,
  BatchAppendReq,
  BatchAppendResp,
  ReadReq,
  ReadResp,
} from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_pb';
import { StreamsServiceService } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v2/streams/streams_grpc_pb';
import type {
  AppendRequest,
  AppendSessionResponse,
} from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v2/streams/streams_pb';

import { handleAppend, handleAppendSession, handleBatchAppend } from './streams-append';
import { handleRead } from './streams-read';
import { TransactionLog } from './transaction-log';

/** The server version the fake announces, and whose source it transcribes. */
export const FAKE_SERVER_VERSION = '25.1.4';

export interface KurrentDbFake {
  /** `kurrentdb://127.0.0.1:<port>?tls=false`. */
  readonly connectionString: string;
  /** gRPC calls received, by method path (`/event_store.client.streams.Streams/Read`, ...). */
  readonly calls: Map<string, number>;
  /** Empties the event-id cache of `IndexWriter` (`_committedEvents`), as a server restart does. */
  forgetDedupeCache(): void;
  /** Tampering, not a server behaviour: replaces an event's data in place (see TransactionLog.alterData). */
  alterData(streamName: string, revision: bigint, data: object): void;
  stop(): Promise<void>;
}

/**
 * The methods the fake serves, announced by `ServerFeatures/GetSupportedMethods` with the features
 * the server adds (`ServerFeatures.cs`: "position" and "events" on Read, "deadline_duration" on
 * BatchAppend). A 25.1.4 node announces more (deletes, persistent subscriptions, projections,
 * users, ...); the client asks only about BatchAppend (to choose it over Append) and AppendSession
 * (multi-stream append), which both are.
 */
const SERVED: readonly { service: string; method: string; features: string[] }[] = [
  { service: 'event_store.client.streams.Streams', method: 'Read', features: ['position', 'events'] },
  { service: 'event_store.client.streams.Streams', method: 'Append', features: [] },
  { service: 'event_store.client.streams.Streams', method: 'BatchAppend', features: ['deadline_duration'] },
  { service: 'event_store.client.server_features.ServerFeatures', method: 'GetSupportedMethods', features: [] },
  { service: 'kurrentdb.protocol.v2.streams.StreamsService', method: 'AppendSession', features: [] },
];

export async function startKurrentDbFake(): Promise<KurrentDbFake> {
  const log = new TransactionLog();
  const calls = new Map<string, number>();
  const count = (path: string) => calls.set(path, (calls.get(path) ?? 0) + 1);
  const server = new Server();

  server.addService(ServerFeaturesService, {
    getSupportedMethods: (
      _call: ServerUnaryCall<Empty, SupportedMethods>,
      callback: (e: null, r: SupportedMethods) => void,
    ) => {
      count(ServerFeaturesService.getSupportedMethods.path);
      const methods = SERVED.map((served) =>
        new SupportedMethod()
          .setServiceName(served.service.toLowerCase())
          .setMethodName(served.method.toLowerCase())
          .setFeaturesList(served.features),
      );
      callback(null, new SupportedMethods().setEventStoreServerVersion(FAKE_SERVER_VERSION).setMethodsList(methods));
    },
  });
  server.addService(StreamsService, {
    read: (call: ServerWritableStream<ReadReq, ReadResp>) => {
      count(StreamsService.read.path);
      handleRead(log, call);
    },
    append: (call: ServerReadableStream<AppendReq, AppendResp>, callback: Parameters<typeof handleAppend>[2]) => {
      count(StreamsService.append.path);
      handleAppend(log, call, callback);
    },
    batchAppend: (call: ServerDuplexStream<BatchAppendReq, BatchAppendResp>) => {
      count(StreamsService.batchAppend.path);
      handleBatchAppend(log, call);
    },
  });
  server.addService(StreamsServiceService, {
    appendSession: (
      call: ServerReadableStream<AppendRequest, AppendSessionResponse>,
      callback: Parameters<typeof handleAppendSession>[2],
    ) => {
      count(StreamsServiceService.appendSession.path);
      handleAppendSession(log, call, callback);
    },
  });

  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );

  return {
    connectionString: `kurrentdb://127.0.0.1:${port}?tls=false`,
    calls,
    forgetDedupeCache: () => log.forgetDedupeCache(),
    alterData: (streamName, revision, data) =>
      log.alterData(streamName, revision, new TextEncoder().encode(JSON.stringify(data))),
    stop: () =>
      new Promise<void>((resolve) => {
        server.tryShutdown(() => resolve());
        // Open subscriptions would keep a graceful shutdown waiting.
        setTimeout(() => server.forceShutdown(), 1_000).unref();
      }),
  };
}
