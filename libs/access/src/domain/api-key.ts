import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * API keys: `lk_<keyId>_<secret>`, where `keyId` (12 hex digits) is public — it is how a key is
 * found, listed and revoked — and `secret` is 32 random bytes (256 bits) in base64url. The full
 * key is shown once, at creation; the ledger keeps only `sha256(salt ‖ key)` with a random
 * 16-byte salt per key.
 *
 * Why a plain salted SHA-256 and not bcrypt/scrypt, nor an HMAC with a server pepper: slow
 * password hashes exist to make guessing low-entropy passwords expensive; a 256-bit random secret
 * cannot be guessed at any speed, so a slow hash would only cost time on every request. A pepper
 * would add a second secret to configure, back up and rotate, whose loss would silently
 * invalidate every key, for no gain against a 256-bit search. The per-key salt makes equal keys
 * (should an operator ever reuse one) hash differently and rules out precomputed tables. The hash
 * is compared in constant time.
 */
export const API_KEY_PREFIX = 'lk_';
const FORMAT = /^lk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;
/** An operator-supplied key (LEDGER_ADMIN_API_KEY) need not be in our format, but must be long. */
export const MIN_FOREIGN_KEY_LENGTH = 32;
const MAX_KEY_LENGTH = 512;

export interface GeneratedApiKey {
  readonly keyId: string;
  /** The full key, to hand to its owner once. */
  readonly apiKey: string;
}

export interface StoredKeyHash {
  readonly salt: string;
  readonly hash: string;
}

export function generateApiKey(random: (size: number) => Buffer = randomBytes): GeneratedApiKey {
  const keyId = random(6).toString('hex');
  const secret = random(32).toString('base64url');
  return { keyId, apiKey: `${API_KEY_PREFIX}${keyId}_${secret}` };
}

/**
 * The id under which a presented key is looked up: the id embedded in our format, or, for a key
 * an operator supplied in another shape, `x` + the first 12 hex digits of its SHA-256. Null for
 * something that cannot be a key at all (empty, too long).
 */
export function keyIdOf(apiKey: string): string | null {
  if (apiKey.length === 0 || apiKey.length > MAX_KEY_LENGTH) return null;
  const match = FORMAT.exec(apiKey);
  if (match) return match[1]!;
  if (apiKey.length < MIN_FOREIGN_KEY_LENGTH) return null;
  return `x${createHash('sha256').update(apiKey).digest('hex').slice(0, 12)}`;
}

export function hashApiKey(apiKey: string, random: (size: number) => Buffer = randomBytes): StoredKeyHash {
  const salt = random(16).toString('hex');
  return { salt, hash: digest(salt, apiKey) };
}

export function verifyApiKey(apiKey: string, stored: StoredKeyHash): boolean {
  const expected = Buffer.from(stored.hash, 'hex');
  const actual = Buffer.from(digest(stored.salt, apiKey), 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

function digest(salt: string, apiKey: string): string {
  return createHash('sha256').update(Buffer.from(salt, 'hex')).update(apiKey, 'utf8').digest('hex');
}

/** The key from `Authorization: Bearer <key>` or `X-Api-Key: <key>`; undefined when neither is sent. */
export function presentedApiKey(headers: {
  authorization?: string | undefined;
  'x-api-key'?: string | string[] | undefined;
}): string | undefined {
  const authorization = headers.authorization;
  if (authorization !== undefined && authorization.length > 0) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    return match ? match[1]! : '';
  }
  const header = headers['x-api-key'];
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && value.length > 0 ? value.trim() : undefined;
}
