import { hash } from 'node:crypto';

/** The digest of an empty log. */
export const GENESIS_DIGEST = 'genesis';

/**
 * The running digest of the whole log: D(p) = sha256("D(p-1)|chain hash of event p"). One value
 * commits to every event, its content and its place: a checkpoint of (p, D(p)) exposes any
 * change, removal or reordering before p, and a log shorter than p.
 */
export function nextLedgerDigest(previous: string, chainHash: string): string {
  return hash('sha256', `${previous}|${chainHash}`, 'hex');
}

/** What a checkpoint signs: its position and digest, in one unambiguous line. */
export function checkpointStatement(position: bigint, digest: string): string {
  return `ledger-checkpoint/v1|${position}|${digest}`;
}
