import { generateApiKey, hashApiKey, keyIdOf, presentedApiKey, verifyApiKey } from './api-key';

describe('API keys', () => {
  it('are generated as lk_<12 hex id>_<43 base64url chars>, 256 random bits, each different', () => {
    const keys = Array.from({ length: 50 }, () => generateApiKey());
    for (const { keyId, apiKey } of keys) {
      expect(apiKey).toMatch(/^lk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
      expect(keyIdOf(apiKey)).toBe(keyId);
    }
    expect(new Set(keys.map((k) => k.apiKey)).size).toBe(50);
  });

  it('verify against their salted hash, and nothing else does', () => {
    const { apiKey } = generateApiKey();
    const stored = hashApiKey(apiKey);
    expect(stored.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.hash).not.toContain(apiKey);
    expect(verifyApiKey(apiKey, stored)).toBe(true);
    const tampered = apiKey.slice(0, -1) + (apiKey.endsWith('A') ? 'B' : 'A');
    expect(verifyApiKey(tampered, stored)).toBe(false);
    expect(verifyApiKey('', stored)).toBe(false);
    expect(verifyApiKey(generateApiKey().apiKey, stored)).toBe(false);
  });

  it('hash the same key differently under two salts (no precomputed tables, no equal hashes)', () => {
    const { apiKey } = generateApiKey();
    const a = hashApiKey(apiKey);
    const b = hashApiKey(apiKey);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
    expect(verifyApiKey(apiKey, a) && verifyApiKey(apiKey, b)).toBe(true);
  });

  it('are deterministic given the random source (the hash is sha256(salt ‖ key))', () => {
    const zeros = (size: number) => Buffer.alloc(size, 0);
    expect(generateApiKey(zeros)).toEqual({ keyId: '000000000000', apiKey: `lk_000000000000_${'A'.repeat(43)}` });
    const stored = hashApiKey('lk_000000000000_' + 'A'.repeat(43), zeros);
    expect(stored.salt).toBe('00'.repeat(16));
  });

  describe('an operator-supplied key (LEDGER_ADMIN_API_KEY) in another shape', () => {
    it('is looked up under x + 12 hex digits of its SHA-256, when at least 32 characters long', () => {
      const key = 'f'.repeat(64);
      expect(keyIdOf(key)).toMatch(/^x[0-9a-f]{12}$/);
      expect(keyIdOf(key)).toBe(keyIdOf(key));
      expect(keyIdOf('short-secret')).toBeNull();
      expect(keyIdOf('')).toBeNull();
      expect(keyIdOf('x'.repeat(513))).toBeNull();
    });
  });

  describe('are read from the request', () => {
    it('from Authorization: Bearer, else X-Api-Key', () => {
      expect(presentedApiKey({ authorization: 'Bearer lk_abc' })).toBe('lk_abc');
      expect(presentedApiKey({ authorization: 'bearer   lk_abc ' })).toBe('lk_abc');
      expect(presentedApiKey({ 'x-api-key': 'lk_def' })).toBe('lk_def');
      expect(presentedApiKey({ authorization: 'Bearer lk_abc', 'x-api-key': 'lk_def' })).toBe('lk_abc');
      expect(presentedApiKey({})).toBeUndefined();
    });

    it('a malformed Authorization header is an invalid key, not a missing one', () => {
      expect(presentedApiKey({ authorization: 'Basic dXNlcjpwYXNz' })).toBe('');
      expect(presentedApiKey({ authorization: 'Bearer' })).toBe('');
    });
  });
});
