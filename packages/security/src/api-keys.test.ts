import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateApiKey, hashApiKey, looksLikeApiKey, parseApiKey, verifyApiKey } from './api-keys.ts';
import { SecurityError } from './errors.ts';

function malformed(key: string): SecurityError {
  try {
    parseApiKey(key);
  } catch (err) {
    expect(err).toBeInstanceOf(SecurityError);
    expect((err as SecurityError).code).toBe('AUTH_API_KEY_MALFORMED');
    return err as SecurityError;
  }
  throw new Error(`expected ${key} to be malformed`);
}

describe('API keys', () => {
  it('generates vgl_<prefix>_<secret> keys with a lookup prefix and a SHA-256 hash', () => {
    const { key, prefix, hash } = generateApiKey();
    expect(key).toMatch(/^vgl_[0-9a-z]{12}_[0-9A-Za-z]{49}$/);
    expect(key.startsWith(`vgl_${prefix}_`)).toBe(true);
    expect(hash).toBe(createHash('sha256').update(key).digest('hex'));
    expect(hashApiKey(key)).toBe(hash);
    expect(parseApiKey(key)).toEqual({ prefix, secret: key.slice(`vgl_${prefix}_`.length) });
    expect(looksLikeApiKey(key)).toBe(true);
    expect(looksLikeApiKey('eyJhbGciOi.x.y')).toBe(false);
  });

  it('generates distinct keys', () => {
    const keys = new Set(Array.from({ length: 200 }, () => generateApiKey().key));
    expect(keys.size).toBe(200);
  });

  it('verifies the right key and refuses any other', () => {
    const a = generateApiKey();
    const b = generateApiKey();
    expect(verifyApiKey(a.key, a.hash)).toBe(true);
    expect(verifyApiKey(b.key, a.hash)).toBe(false);
    expect(() => verifyApiKey(a.key, 'not-a-hash')).toThrow(TypeError);
  });

  it('rejects malformed keys with messages that never contain the secret', () => {
    const { key, prefix } = generateApiKey();
    const secret = key.slice(`vgl_${prefix}_`.length);
    expect(malformed('').message).toContain('does not start with "vgl_"');
    expect(malformed(`Bearer ${key}`).message).toContain('does not start');
    expect(malformed(`vgl_${prefix}${secret}`).message).toContain('prefix');
    expect(malformed(`vgl_${prefix.toUpperCase()}_${secret}`).message).toContain('prefix');
    const truncated = malformed(key.slice(0, -1));
    expect(truncated.message).toContain('truncated');
    expect(truncated.details).toEqual({ prefix });
    expect(malformed(`${key} `).message).toContain('49');

    const typo = key.slice(0, 30) + (key[30] === 'a' ? 'b' : 'a') + key.slice(31);
    expect(malformed(typo).message).toContain('checksum');
    for (const bad of ['', key.slice(0, -1), typo]) {
      try {
        parseApiKey(bad);
      } catch (err) {
        expect((err as Error).message).not.toContain(secret.slice(0, 20));
      }
    }
    expect(() => verifyApiKey(typo, generateApiKey().hash)).toThrow(SecurityError);
  });
});
