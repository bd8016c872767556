import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { checkpointStatement } from './ledger-digest';

/**
 * Signs checkpoints with an Ed25519 key kept outside the database — an attacker who can rewrite
 * the tables cannot re-sign them. An auditor pins the public key (`ledger checkpoint --public-key`
 * prints it) and `ledger verify --public-key` refuses checkpoints signed by any other key.
 */
export class CheckpointSigner {
  readonly publicKeyPem: string;
  readonly keyId: string;

  private constructor(
    private readonly privateKey: KeyObject,
    readonly source: string,
  ) {
    this.publicKeyPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
    this.keyId = keyIdOf(this.publicKeyPem);
  }

  /**
   * The key from `LEDGER_SIGNING_KEY_FILE`, else `<DATA_DIR>/signing-key.pem` (created on first
   * use, mode 0600). An in-memory ledger (`DATA_DIR=memory://`) gets a throw-away key.
   */
  static load(env: NodeJS.ProcessEnv = process.env): CheckpointSigner {
    const dataDir = env.DATA_DIR || './data';
    const file =
      env.LEDGER_SIGNING_KEY_FILE || (dataDir === 'memory://' ? null : join(resolve(dataDir), 'signing-key.pem'));
    if (!file) return new CheckpointSigner(generateKeyPairSync('ed25519').privateKey, 'ephemeral (in memory)');
    if (!existsSync(file)) {
      mkdirSync(dirname(file), { recursive: true });
      const { privateKey } = generateKeyPairSync('ed25519');
      writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
      chmodSync(file, 0o600);
    }
    return new CheckpointSigner(createPrivateKey(readFileSync(file)), file);
  }

  /** The public key of this installation's signing key, if it has one (never creates it). */
  static existingPublicKey(env: NodeJS.ProcessEnv = process.env): string | undefined {
    const file = keyFile(env);
    if (!file || !existsSync(file)) return undefined;
    return new CheckpointSigner(createPrivateKey(readFileSync(file)), file).publicKeyPem;
  }

  sign(position: bigint, digest: string): string {
    return sign(null, Buffer.from(checkpointStatement(position, digest)), this.privateKey).toString('base64');
  }
}

function keyFile(env: NodeJS.ProcessEnv): string | null {
  const dataDir = env.DATA_DIR || './data';
  return env.LEDGER_SIGNING_KEY_FILE || (dataDir === 'memory://' ? null : join(resolve(dataDir), 'signing-key.pem'));
}

export function keyIdOf(publicKeyPem: string): string {
  return createHash('sha256').update(publicKeyPem.trim()).digest('hex').slice(0, 16);
}

export function verifyCheckpointSignature(
  publicKeyPem: string,
  position: bigint,
  digest: string,
  signature: string,
): boolean {
  try {
    return verify(
      null,
      Buffer.from(checkpointStatement(position, digest)),
      createPublicKey(publicKeyPem),
      Buffer.from(signature, 'base64'),
    );
  } catch {
    return false;
  }
}
