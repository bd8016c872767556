import type { EntityManager } from 'typeorm';
import type { Projection } from '@ledger/event-sourcing';
import type { RecordedEvent } from '@ledger/event-store';
import { CheckpointSigner } from './checkpoint-signer';
import { GENESIS_DIGEST, nextLedgerDigest } from './ledger-digest';

export const CHECKPOINT_PROJECTION = 'audit.ledger-checkpoints';

/**
 * Folds every event's chain hash into the running ledger digest and, every `every` events folded
 * (counted, not `position % every`: positions are not dense on KurrentDB), inserts a signed checkpoint — in the projection's transaction, so the digest never skips or
 * repeats an event. A rebuild recomputes the digest; existing checkpoints are kept and must agree
 * (a checkpoint that would differ is not overwritten: `ledger verify` reports it).
 */
export class CheckpointProjection implements Projection {
  readonly name = CHECKPOINT_PROJECTION;
  readonly tables = ['ledger_digest_state'] as const;
  private signer: CheckpointSigner | null = null;

  constructor(
    private readonly every: bigint = BigInt(process.env.LEDGER_CHECKPOINT_EVERY || 1000),
    private readonly loadSigner: () => CheckpointSigner = () => CheckpointSigner.load(),
  ) {}

  async apply(event: RecordedEvent, manager: EntityManager): Promise<void> {
    await this.applyBatch([event], manager);
  }

  /** One read and one write of the running digest per page, however many events it folds. */
  async applyBatch(events: readonly RecordedEvent[], manager: EntityManager): Promise<void> {
    // Events with no chain (written by something other than the ledger's adapters) are not folded.
    if (!events.some((event) => event.hash !== null)) return;
    const rows: { digest: string; events: string }[] = await manager.query(
      'SELECT digest, events FROM ledger_digest_state WHERE id = 1',
    );
    let digest = rows[0]?.digest ?? GENESIS_DIGEST;
    let count = BigInt(rows[0]?.events ?? 0);
    let folded = 0n;
    for (const event of events) {
      if (event.hash === null) continue;
      digest = nextLedgerDigest(digest, event.hash);
      folded = event.position;
      count += 1n;
      // Every `every` events folded (positions need not be dense: KurrentDB's are byte offsets).
      if (count % this.every === 0n) await this.insertCheckpoint(manager, event.position, digest);
    }
    await manager.query(
      `INSERT INTO ledger_digest_state (id, position, digest, events) VALUES (1, $1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET position = EXCLUDED.position, digest = EXCLUDED.digest, events = EXCLUDED.events`,
      [folded.toString(), digest, count.toString()],
    );
  }

  private async insertCheckpoint(manager: EntityManager, position: bigint, digest: string): Promise<void> {
    this.signer ??= this.loadSigner();
    await manager.query(
      `INSERT INTO ledger_checkpoints (position, ledger_digest, key_id, public_key, signature)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (position) DO NOTHING`,
      [position.toString(), digest, this.signer.keyId, this.signer.publicKeyPem, this.signer.sign(position, digest)],
    );
  }
}
