import type { DataSource } from 'typeorm';
import {
  chainHashOf,
  chainLinkOf,
  streamChainHashOf,
  type ChainLink,
  type EventStore,
  type TamperEvidence,
} from '@ledger/event-store';
import { keyIdOf, verifyCheckpointSignature } from './checkpoint-signer';
import { GENESIS_DIGEST, nextLedgerDigest } from './ledger-digest';

export interface BrokenEvent {
  readonly position: string;
  readonly streamId: string | null;
  readonly revision: string | null;
  readonly eventId: string | null;
  readonly reason: string;
}

export interface VerificationReport {
  readonly ok: boolean;
  readonly eventsChecked: number;
  readonly headPosition: string;
  readonly checkpointsVerified: number;
  /** Which public key the checkpoints were checked against. */
  readonly trust: 'pinned public key' | 'this installation’s signing key' | 'no key: signatures not checked';
  readonly firstBroken: BrokenEvent | null;
  /** How the store's log was checked (see `TamperEvidence`). */
  readonly evidence: TamperEvidence;
  /** What this check cannot see on this store, said plainly (empty where nothing is left out). */
  readonly limits: readonly string[];
}

/** What a per-stream chain (KurrentDB) cannot show, unlike the SQL store's dense, global chain. */
const STREAM_CHAIN_LIMITS = [
  'positions are the store’s byte offsets, not 1, 2, 3…: a hole in the log as a whole cannot be seen, only a hole in a stream’s revisions',
  'chains are per stream: events removed from the end of a stream, or a whole stream, after the last signed checkpoint are not detected',
  'record times are checked to the second (the client reads them truncated)',
];

export interface VerifyOptions {
  /** The auditor's pinned public key (PEM): checkpoints signed by any other key fail. */
  readonly trustedPublicKeyPem?: string;
  /** Else: this installation's key, when it has one. */
  readonly installationPublicKeyPem?: string;
  readonly pageSize?: number;
  readonly onProgress?: (position: bigint) => void;
}

interface StoredCheckpoint {
  position: string;
  ledger_digest: string;
  key_id: string;
  public_key: string;
  signature: string;
}

/** Events checked between two turns of the event loop. */
const YIELD_EVERY = 128;

interface StreamTip {
  revision: bigint;
  chainHash: string;
}

/** Pages of chain links: the store's own fast path when it has one, else built from `readAll`. */
function chainLinkReader(store: EventStore, pageSize: number): (afterPosition: bigint) => Promise<ChainLink[]> {
  if (store.readAllChainLinks) {
    const readLinks = store.readAllChainLinks.bind(store);
    return (afterPosition) => readLinks({ afterPosition, maxCount: pageSize });
  }
  return async (afterPosition) => (await store.readAll({ afterPosition, maxCount: pageSize })).map(chainLinkOf);
}

/**
 * Checks the whole log, streaming it in position order: positions are 1, 2, 3 … with no hole (on a
 * `stream-chain` store such as KurrentDB: only increasing, its limits said in the report);
 * each stream's revisions are 0, 1, 2 … in that order; each event's chain hash is recomputed from
 * its content and the previous event of its stream; recording times never go backwards; the
 * running digest matches every signed checkpoint, whose signature must verify; and no checkpoint
 * lies beyond the head (a truncated log). Names the first broken event. Memory grows with the
 * number of streams, not of events. The next page is read while this one is checked.
 */
export async function verifyLedger(
  store: EventStore,
  dataSource: DataSource,
  options: VerifyOptions = {},
): Promise<VerificationReport> {
  const checkpoints: StoredCheckpoint[] = await dataSource.query(
    'SELECT position, ledger_digest, key_id, public_key, signature FROM ledger_checkpoints ORDER BY position',
  );
  const trustedKey = options.trustedPublicKeyPem ?? options.installationPublicKeyPem ?? null;
  const trust: VerificationReport['trust'] = options.trustedPublicKeyPem
    ? 'pinned public key'
    : options.installationPublicKeyPem
      ? 'this installation’s signing key'
      : 'no key: signatures not checked';
  const checkpointPositions = checkpoints.map((checkpoint) => BigInt(checkpoint.position));
  // Small pages: the page read ahead and the one being checked stay in the young generation.
  const pageSize = options.pageSize ?? 500;
  const tips = new Map<string, StreamTip>();
  const evidence: TamperEvidence = store.tamperEvidence ?? 'global-chain';
  const dense = evidence === 'global-chain';
  let digest = GENESIS_DIGEST;
  let expected = 1n;
  let lastPosition = 0n;
  let lastRecordedAt = 0;
  let checked = 0;
  let checkpointIndex = 0;
  let verifiedCheckpoints = 0;

  const report = (firstBroken: BrokenEvent | null): VerificationReport => ({
    ok: firstBroken === null,
    eventsChecked: checked,
    headPosition: (dense ? expected - 1n : lastPosition).toString(),
    checkpointsVerified: verifiedCheckpoints,
    trust,
    firstBroken,
    evidence,
    limits: dense ? [] : STREAM_CHAIN_LIMITS,
  });
  const broken = (link: ChainLink | null, position: bigint, reason: string) =>
    report({
      position: position.toString(),
      streamId: link?.streamId ?? null,
      revision: link?.revision.toString() ?? null,
      eventId: link?.eventId ?? null,
      reason,
    });

  const readPage = chainLinkReader(store, pageSize);
  let next = readPage(0n);
  try {
    for (;;) {
      const page = await next;
      if (page.length === 0) break;
      next = readPage(page[page.length - 1].position);
      for (const link of page) {
        if (!dense && link.position <= lastPosition) {
          return broken(
            link,
            link.position,
            `position ${link.position} comes after ${lastPosition} in the log (events were reordered)`,
          );
        }
        if (dense && link.position !== expected) {
          return broken(
            link,
            expected,
            link.position > expected
              ? `position ${expected} is missing: the log jumps from ${expected - 1n} to ${link.position} (an event was removed)`
              : `position ${link.position} appears again after ${expected - 1n} (events were reordered)`,
          );
        }
        const tip = tips.get(link.streamId);
        const expectedRevision = tip ? tip.revision + 1n : 0n;
        if (link.revision !== expectedRevision) {
          return broken(
            link,
            link.position,
            `stream ${link.streamId}: revision ${link.revision} where ${expectedRevision} was due (an event was removed or reordered)`,
          );
        }
        if (link.hash === null) return broken(link, link.position, 'the event carries no chain hash');
        const chain = dense
          ? chainHashOf(tip?.chainHash ?? null, link.revision, link.position, link.recordedAt, link.contentHash)
          : streamChainHashOf(tip?.chainHash ?? null, link.revision, link.contentHash);
        if (chain !== link.hash) {
          return broken(
            link,
            link.position,
            'its content or place does not match its chain hash (the event was altered)',
          );
        }
        // Per-stream chains do not hold the record time; on such a store it is read to the second.
        const recordedAtMs = dense ? link.recordedAtMs : link.recordedAtMs - (link.recordedAtMs % 1000);
        if (recordedAtMs < lastRecordedAt) {
          return broken(
            link,
            link.position,
            'recorded before the event that precedes it in the log (events were reordered)',
          );
        }
        lastRecordedAt = recordedAtMs;
        lastPosition = link.position;
        if (tip) {
          tip.revision = link.revision;
          tip.chainHash = link.hash;
        } else {
          tips.set(link.streamId, { revision: link.revision, chainHash: link.hash });
        }
        checked += 1;
        // The running digest is only needed up to the last checkpoint.
        if (checkpointIndex < checkpoints.length) {
          digest = nextLedgerDigest(digest, link.hash);
          if (checkpointPositions[checkpointIndex] === link.position) {
            const problem = checkpointProblem(checkpoints[checkpointIndex], digest, trustedKey);
            if (problem) return broken(link, link.position, problem);
            verifiedCheckpoints += 1;
            checkpointIndex += 1;
          }
        }
        expected += 1n;
        // Let the page being read ahead flow in: PostgreSQL stops sending when the socket is full.
        if (checked % YIELD_EVERY === 0) await new Promise(setImmediate);
      }
      options.onProgress?.(dense ? expected - 1n : lastPosition);
    }
  } finally {
    // A page read ahead of a broken event is not needed, but is let finish before returning.
    await next.catch(() => undefined);
  }
  const beyond = checkpoints[checkpointIndex];
  if (beyond) {
    return broken(
      null,
      expected,
      `a signed checkpoint covers position ${beyond.position} but the log ends at ${dense ? expected - 1n : lastPosition} (events were removed from its end)`,
    );
  }
  return report(null);
}

function checkpointProblem(checkpoint: StoredCheckpoint, digest: string, trustedKey: string | null): string | null {
  if (checkpoint.ledger_digest !== digest) {
    return `the log up to here does not match the signed checkpoint at position ${checkpoint.position} (an earlier event was altered, removed or reordered)`;
  }
  if (trustedKey === null) return null;
  if (checkpoint.key_id !== keyIdOf(trustedKey) || checkpoint.public_key.trim() !== trustedKey.trim()) {
    return `the checkpoint at position ${checkpoint.position} is signed by key ${checkpoint.key_id}, not the trusted key ${keyIdOf(trustedKey)}`;
  }
  if (
    !verifyCheckpointSignature(trustedKey, BigInt(checkpoint.position), checkpoint.ledger_digest, checkpoint.signature)
  ) {
    return `the signature of the checkpoint at position ${checkpoint.position} does not verify`;
  }
  return null;
}
