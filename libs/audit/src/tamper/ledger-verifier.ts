import type { DataSource } from 'typeorm';
import { eventChainHash, eventContentHash, type EventStore, type RecordedEvent } from '@ledger/event-store';
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
}

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

interface StreamTip {
  revision: bigint;
  chainHash: string;
}

/**
 * Checks the whole log, streaming it in position order: positions are 1, 2, 3 … with no hole;
 * each stream's revisions are 0, 1, 2 … in that order; each event's chain hash is recomputed from
 * its content and the previous event of its stream; recording times never go backwards; the
 * running digest matches every signed checkpoint, whose signature must verify; and no checkpoint
 * lies beyond the head (a truncated log). Names the first broken event. Memory grows with the
 * number of streams, not of events.
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
  const pageSize = options.pageSize ?? 5000;
  const tips = new Map<string, StreamTip>();
  let digest = GENESIS_DIGEST;
  let expected = 1n;
  let lastRecordedAt = 0;
  let checked = 0;
  let checkpointIndex = 0;
  let verifiedCheckpoints = 0;

  const report = (firstBroken: BrokenEvent | null): VerificationReport => ({
    ok: firstBroken === null,
    eventsChecked: checked,
    headPosition: (expected - 1n).toString(),
    checkpointsVerified: verifiedCheckpoints,
    trust,
    firstBroken,
  });
  const broken = (event: RecordedEvent | null, position: bigint, reason: string) =>
    report({
      position: position.toString(),
      streamId: event?.streamId ?? null,
      revision: event?.revision.toString() ?? null,
      eventId: event?.id ?? null,
      reason,
    });

  for (;;) {
    const page = await store.readAll({ afterPosition: expected - 1n, maxCount: pageSize });
    if (page.length === 0) break;
    for (const event of page) {
      if (event.position !== expected) {
        return broken(
          event,
          expected,
          event.position > expected
            ? `position ${expected} is missing: the log jumps from ${expected - 1n} to ${event.position} (an event was removed)`
            : `position ${event.position} appears again after ${expected - 1n} (events were reordered)`,
        );
      }
      const tip = tips.get(event.streamId);
      const expectedRevision = tip ? tip.revision + 1n : 0n;
      if (event.revision !== expectedRevision) {
        return broken(
          event,
          event.position,
          `stream ${event.streamId}: revision ${event.revision} where ${expectedRevision} was due (an event was removed or reordered)`,
        );
      }
      if (event.hash === null) return broken(event, event.position, 'the event carries no chain hash');
      const chain = eventChainHash(
        tip?.chainHash ?? null,
        event.revision,
        event.position,
        event.recordedAt,
        eventContentHash(event.streamId, event),
      );
      if (chain !== event.hash) {
        return broken(
          event,
          event.position,
          'its content or place does not match its chain hash (the event was altered)',
        );
      }
      if (event.recordedAt.getTime() < lastRecordedAt) {
        return broken(
          event,
          event.position,
          'recorded before the event that precedes it in the log (events were reordered)',
        );
      }
      lastRecordedAt = event.recordedAt.getTime();
      tips.set(event.streamId, { revision: event.revision, chainHash: event.hash });
      digest = nextLedgerDigest(digest, event.hash);
      checked += 1;

      const checkpoint = checkpoints[checkpointIndex];
      if (checkpoint && BigInt(checkpoint.position) === event.position) {
        const problem = checkpointProblem(checkpoint, digest, trustedKey);
        if (problem) return broken(event, event.position, problem);
        verifiedCheckpoints += 1;
        checkpointIndex += 1;
      }
      expected += 1n;
    }
    options.onProgress?.(expected - 1n);
  }
  const beyond = checkpoints[checkpointIndex];
  if (beyond) {
    return broken(
      null,
      expected,
      `a signed checkpoint covers position ${beyond.position} but the log ends at ${expected - 1n} (events were removed from its end)`,
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
