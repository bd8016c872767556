import { randomUUID } from 'node:crypto';

/**
 * The fake's storage: an in-memory transaction log with byte-offset positions, a per-stream index,
 * and the write rules of KurrentDB 25.1.4 TRANSCRIBED from its source (tag v25.1.4 of
 * github.com/kurrent-io/KurrentDB). Each rule names the file and method it comes from; nothing
 * here is a rule we would like the server to have.
 *
 * Evidence about the adapter under these stated semantics, not a server certification.
 */

/** `src/KurrentDB.Core/Data/ExpectedVersion.cs`. */
export const ExpectedVersion = { Any: -2n, NoStream: -1n, StreamExists: -4n } as const;

/** `src/KurrentDB.Core/Services/Storage/ReaderIndex/CommitDecision.cs` (the decisions reachable here). */
type CommitDecision = 'Ok' | 'WrongExpectedVersion' | 'Idempotent' | 'CorruptedIdempotency';

interface CommitCheckResult {
  readonly decision: CommitDecision;
  /** The stream's last event number before this write; -1 when it has none. */
  readonly currentVersion: bigint;
  readonly startEventNumber: bigint;
  readonly endEventNumber: bigint;
  /** Log position of the event at endEventNumber (Idempotent only). */
  readonly idempotentLogPosition: bigint;
}

export interface StoredEvent {
  /** Log position of the event's prepare record: its commit and prepare position in every read. */
  readonly position: bigint;
  /** Position just after the record (the next record's position). */
  readonly postPosition: bigint;
  readonly streamId: string;
  readonly revision: bigint;
  /** Canonical lower-case UUID. */
  readonly eventId: string;
  readonly type: string;
  readonly isJson: boolean;
  readonly data: Uint8Array;
  /** What a v1 read returns as custom metadata (for v2 appends: synthesized from the properties). */
  readonly metadata: Uint8Array;
  /** .NET ticks (100 ns) since the Unix epoch, as the server's `created` read metadata. */
  readonly created: bigint;
}

export interface ProposedEvent {
  readonly eventId: string;
  readonly type: string;
  readonly isJson: boolean;
  readonly data: Uint8Array;
  readonly metadata: Uint8Array;
}

export interface StreamWrite {
  readonly streamId: string;
  readonly expectedVersion: bigint;
  readonly events: readonly ProposedEvent[];
}

/**
 * The storage writer's answer (`StorageWriterService.VerifyCommitChecks` in
 * `src/KurrentDB.Core/Services/Storage/StorageWriterService.cs`, and the request manager's
 * `WriteEventsCompleted` it turns into, `src/KurrentDB.Core/Services/RequestManager/Managers/RequestManagerBase.cs`).
 */
export type WriteOutcome =
  | {
      readonly kind: 'success';
      readonly lastEventNumbers: readonly bigint[];
      /** Log position of the last event written (or, when idempotent, of the last already-written one). */
      readonly commitPosition: bigint;
      readonly idempotent: boolean;
    }
  | {
      readonly kind: 'wrong-expected-version';
      /** Empty for a multi-stream write that was partly idempotent or had a corrupted idempotency. */
      readonly failureStreamIndexes: readonly number[];
      readonly failureCurrentVersions: readonly bigint[];
    };

/** One record's size on disk, with its 4-byte length prefix and suffix (log format v2 prepare record). */
function prepareRecordSize(streamId: string, event: ProposedEvent): bigint {
  const utf8 = (text: string) => Buffer.byteLength(text, 'utf8');
  const varString = (text: string) => utf8(text) + (utf8(text) < 128 ? 1 : 2);
  // PrepareLogRecord.WriteTo: record type, version, log position, flags, transaction position and
  // offset, expected version, stream id, event id, correlation id, timestamp, event type, data and
  // metadata with their lengths (src/KurrentDB.Core/TransactionLog/LogRecords/PrepareLogRecord.cs).
  const header = 1 + 1 + 8 + 2 + 8 + 4 + 8 + 16 + 16 + 8 + 4 + 4;
  return BigInt(
    4 + header + varString(streamId) + varString(event.type) + event.data.length + event.metadata.length + 4,
  );
}

const TICKS_PER_MS = 10_000n;

/** A subscriber to the log's live writes. */
export type LiveListener = (events: readonly StoredEvent[]) => void;

export class TransactionLog {
  /** Every event record, in log order. */
  private readonly events: StoredEvent[] = [];
  /** Every record start (events and the non-event records at the head of the log): valid read positions. */
  private readonly recordStarts = new Set<bigint>();
  /**
   * Stream name → its events by revision. Stream ids are compared ordinally, case-sensitively: in
   * log format v2 `TStreamId` is `string` and `IndexWriter<TStreamId>` compares with
   * `EqualityComparer<TStreamId>.Default` (`src/KurrentDB.Core/Services/Storage/ReaderIndex/IndexWriter.cs`).
   */
  private readonly streams = new Map<string, StoredEvent[]>();
  /**
   * `IndexWriter._committedEvents`: event id → (stream, event number) of recently committed events,
   * an in-memory `BoundedCache` that a restart empties.
   */
  private committedEvents = new Map<string, { streamId: string; eventNumber: bigint }>();
  private position = 0n;
  private readonly listeners = new Set<LiveListener>();

  constructor(private readonly now: () => Date = () => new Date()) {
    this.writeHead();
  }

  /** The position after the last record (the writer checkpoint). */
  get end(): bigint {
    return this.position;
  }

  all(): readonly StoredEvent[] {
    return this.events;
  }

  stream(streamId: string): readonly StoredEvent[] {
    return this.streams.get(streamId) ?? [];
  }

  isRecordStart(position: bigint): boolean {
    return this.recordStarts.has(position);
  }

  /**
   * Not a server behaviour: what an intruder with the server's files could do — replace an event's
   * data in place (same id, stream, revision and position). Tests use it to show `ledger verify`
   * names the altered event.
   */
  alterData(streamId: string, revision: bigint, data: Uint8Array): void {
    const stream = this.streams.get(streamId);
    const old = stream?.[Number(revision)];
    if (!stream || !old) throw new Error(`no event ${streamId}@${revision}`);
    const altered: StoredEvent = { ...old, data };
    stream[Number(revision)] = altered;
    this.events[this.events.indexOf(old)] = altered;
  }

  /** As a server restart does: `IndexWriter._committedEvents` lives in memory only. */
  forgetDedupeCache(): void {
    this.committedEvents = new Map();
  }

  subscribe(listener: LiveListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * `StorageWriterService.HandleAsync(WritePrepares)`: a commit check per stream, then
   * `VerifyCommitChecks`, then every prepare written at once (one transaction), then `PreCommit`.
   */
  write(writes: readonly StreamWrite[]): WriteOutcome {
    const checks = writes.map((write) =>
      this.checkCommit(
        write.streamId,
        write.expectedVersion,
        write.events.map((event) => event.eventId),
      ),
    );
    const verdict = verifyCommitChecks(checks);
    if (verdict !== null) return verdict;

    const created = BigInt(this.now().getTime()) * TICKS_PER_MS;
    const written: StoredEvent[] = [];
    const lastEventNumbers: bigint[] = [];
    writes.forEach((write, index) => {
      let latest = checks[index].currentVersion;
      for (const event of write.events) {
        latest += 1n;
        written.push(this.append(write.streamId, latest, event, created));
      }
      lastEventNumbers.push(latest);
    });
    // IndexWriter.PreCommit(committedPrepares, ...): every event id goes into _committedEvents.
    for (const event of written) {
      this.committedEvents.set(event.eventId, { streamId: event.streamId, eventNumber: event.revision });
    }
    for (const listener of this.listeners) listener(written);
    return {
      kind: 'success',
      lastEventNumbers,
      commitPosition: written[written.length - 1]?.position ?? -1n,
      idempotent: false,
    };
  }

  /**
   * `IndexWriter.CheckCommit(streamId, expectedVersion, eventIds, streamMightExist: true)`,
   * `src/KurrentDB.Core/Services/Storage/ReaderIndex/IndexWriter.cs` (v25.1.4), without deleted or
   * soft-deleted streams (the adapter never deletes) and with every write replicated (one node).
   */
  private checkCommit(streamId: string, expectedVersion: bigint, eventIds: readonly string[]): CommitCheckResult {
    const stream = this.streams.get(streamId) ?? [];
    const curVersion = BigInt(stream.length) - 1n;
    const result = (decision: CommitDecision, start = -1n, end = -1n, logPosition = -1n): CommitCheckResult => ({
      decision,
      currentVersion: curVersion,
      startEventNumber: start,
      endEventNumber: end,
      idempotentLogPosition: logPosition,
    });

    if (expectedVersion === ExpectedVersion.StreamExists && curVersion < 0n) {
      // No metadata stream either (the fake has none): wrong expected version.
      return result('WrongExpectedVersion');
    }

    // "idempotency checks": with Any or StreamExists only the in-memory cache is consulted.
    if (expectedVersion === ExpectedVersion.Any || expectedVersion === ExpectedVersion.StreamExists) {
      let first = true;
      let start = -1n;
      let end = -1n;
      for (const eventId of eventIds) {
        const info = this.committedEvents.get(eventId);
        if (info === undefined || info.streamId !== streamId) return result(first ? 'Ok' : 'CorruptedIdempotency');
        if (first) start = info.eventNumber;
        end = info.eventNumber;
        first = false;
      }
      if (first) return result('Ok'); // no data in transaction
      return result('Idempotent', start, end, stream[Number(end)]?.position ?? -1n);
    }

    if (expectedVersion < curVersion) {
      // Behind the stream: idempotent only if the events right after the expected version carry
      // these ids (cache, else the stored event at that number).
      let eventNumber = expectedVersion;
      for (const eventId of eventIds) {
        eventNumber += 1n;
        const info = this.committedEvents.get(eventId);
        if (info !== undefined && info.streamId === streamId && info.eventNumber === eventNumber) continue;
        if (stream[Number(eventNumber)]?.eventId === eventId) continue;
        const first = eventNumber === expectedVersion + 1n;
        if (!first) return result('CorruptedIdempotency');
        return result('WrongExpectedVersion');
      }
      if (eventNumber === expectedVersion) return result('WrongExpectedVersion'); // no data in transaction
      return result('Idempotent', expectedVersion + 1n, eventNumber, stream[Number(eventNumber)]?.position ?? -1n);
    }

    if (expectedVersion > curVersion) return result('WrongExpectedVersion');

    // expectedVersion == currentVersion
    return result('Ok');
  }

  private append(streamId: string, revision: bigint, event: ProposedEvent, created: bigint): StoredEvent {
    const position = this.position;
    const postPosition = position + prepareRecordSize(streamId, event);
    const stored: StoredEvent = { ...event, position, postPosition, streamId, revision, created };
    this.position = postPosition;
    this.recordStarts.add(position);
    this.events.push(stored);
    const stream = this.streams.get(streamId);
    if (stream === undefined) this.streams.set(streamId, [stored]);
    else stream.push(stored);
    return stored;
  }

  /**
   * What a fresh node has written before any client: an epoch record (not an event, but a valid
   * position) and a few system events, so `$all` does not start at 0 and the system-event filter
   * has something to filter. Their sizes and names are illustrative, not the exact bytes of a node.
   */
  private writeHead(): void {
    this.recordStarts.add(0n);
    this.position = 120n; // EpochRecord
    const created = BigInt(this.now().getTime()) * TICKS_PER_MS;
    const system = (streamId: string, type: string, body: object) => {
      const data = Buffer.from(JSON.stringify(body));
      const event: ProposedEvent = {
        eventId: randomUUID(),
        type,
        isJson: true,
        data,
        metadata: new Uint8Array(),
      };
      const revision = BigInt(this.stream(streamId).length);
      this.append(streamId, revision, event, created);
    };
    system('$epoch-information', '$epoch-information', { epochNumber: 0, epochPosition: 0 });
    system('$users', '$User', { loginName: 'admin' });
    system('$user-admin', '$user', { loginName: 'admin', fullName: 'KurrentDB Administrator', groups: ['$admins'] });
    system('$settings', 'update-default-acl', { $userStreamAcl: {}, $systemStreamAcl: {} });
  }
}

/**
 * `StorageWriterService.VerifyCommitChecks` (`src/KurrentDB.Core/Services/Storage/StorageWriterService.cs`):
 * null when every stream is Ok (write), else the answer.
 */
function verifyCommitChecks(results: readonly CommitCheckResult[]): WriteOutcome | null {
  const numStreams = results.length;
  let ok = 0;
  let idempotent = 0;
  let wrong = 0;
  for (const result of results) {
    switch (result.decision) {
      case 'Ok':
        ok++;
        break;
      case 'WrongExpectedVersion':
        wrong++;
        break;
      case 'Idempotent':
        idempotent++;
        break;
      case 'CorruptedIdempotency':
        // "part of transaction is ok, other is different": WrongExpectedVersion, with the stream's
        // index and version only for a single stream ("for backwards compatibility").
        return {
          kind: 'wrong-expected-version',
          failureStreamIndexes: numStreams === 1 ? [0] : [],
          failureCurrentVersions: numStreams === 1 ? [results[0].currentVersion] : [],
        };
    }
  }
  if (ok === numStreams) return null;
  if (idempotent === numStreams) {
    // StorageMessage.AlreadyCommitted → RequestManagerBase.ReturnCommitAt: success with the
    // already-written event numbers and the largest of their log positions.
    return {
      kind: 'success',
      lastEventNumbers: results.map((result) => result.endEventNumber),
      commitPosition: results.reduce((max, r) => (r.idempotentLogPosition > max ? r.idempotentLogPosition : max), -1n),
      idempotent: true,
    };
  }
  if (ok + wrong === numStreams) {
    const failing = results.flatMap((result, index) => (result.decision === 'WrongExpectedVersion' ? [index] : []));
    return {
      kind: 'wrong-expected-version',
      failureStreamIndexes: failing,
      failureCurrentVersions: failing.map((index) => results[index].currentVersion),
    };
  }
  // "at least one stream with commit decision: Idempotent, the remaining ... Ok or
  // WrongExpectedVersion. this is handled in the same way as CorruptedIdempotency."
  return { kind: 'wrong-expected-version', failureStreamIndexes: [], failureCurrentVersions: [] };
}
