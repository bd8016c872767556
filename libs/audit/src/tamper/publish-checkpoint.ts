import type { DataSource } from 'typeorm';
import { CheckpointSigner } from './checkpoint-signer';

export interface PublishedCheckpoint {
  readonly position: string;
  readonly ledgerDigest: string;
  readonly keyId: string;
  readonly publicKey: string;
  readonly signature: string;
}

/**
 * Signs a checkpoint at the position the checkpointer has reached (catch it up first), so that an
 * auditor can keep it outside the system: any later change before that position is then caught.
 */
export async function createCheckpointNow(
  dataSource: DataSource,
  signer: CheckpointSigner,
): Promise<PublishedCheckpoint | null> {
  const rows: { position: string; digest: string }[] = await dataSource.query(
    'SELECT position, digest FROM ledger_digest_state WHERE id = 1',
  );
  if (rows.length === 0) return null;
  const { position, digest } = rows[0];
  const signature = signer.sign(BigInt(position), digest);
  await dataSource.query(
    `INSERT INTO ledger_checkpoints (position, ledger_digest, key_id, public_key, signature)
     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (position) DO NOTHING`,
    [position, digest, signer.keyId, signer.publicKeyPem, signature],
  );
  const stored: { ledger_digest: string; key_id: string; public_key: string; signature: string }[] =
    await dataSource.query(
      'SELECT ledger_digest, key_id, public_key, signature FROM ledger_checkpoints WHERE position = $1',
      [position],
    );
  return {
    position,
    ledgerDigest: stored[0].ledger_digest,
    keyId: stored[0].key_id,
    publicKey: stored[0].public_key,
    signature: stored[0].signature,
  };
}
