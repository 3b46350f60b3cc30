import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { SecurityError } from './errors.ts';

/** Every API key starts with this. */
export const API_KEY_PREFIX = 'vgl_';
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const LOOKUP_LENGTH = 12;
const RANDOM_LENGTH = 43; // 43 base62 characters ≈ 256 bits
const CHECKSUM_LENGTH = 6;
const SECRET_LENGTH = RANDOM_LENGTH + CHECKSUM_LENGTH;
const LOOKUP_RE = /^[0-9a-z]{12}$/;
const SECRET_RE = /^[0-9A-Za-z]{49}$/;
const HASH_RE = /^[0-9a-f]{64}$/;

/** A newly generated API key. */
export interface GeneratedApiKey {
  /** The full key `vgl_<prefix>_<secret>`: show it to the user once, never store it. */
  readonly key: string;
  /** The public lookup prefix (12 lowercase alphanumerics): store it (unique index) and show it in lists. */
  readonly prefix: string;
  /** SHA-256 of the full key, hex: store it. */
  readonly hash: string;
}

/** The two parts of an API key. */
export interface ParsedApiKey {
  readonly prefix: string;
  readonly secret: string;
}

function randomString(alphabet: string, length: number): string {
  let out = '';
  // Rejection sampling keeps every character uniform (256 is not a multiple of the alphabet size).
  const limit = 256 - (256 % alphabet.length);
  while (out.length < length) {
    for (const b of randomBytes(length * 2)) {
      if (b < limit) out += alphabet[b % alphabet.length];
      if (out.length === length) break;
    }
  }
  return out;
}

function checksum(body: string): string {
  let n = crc32(body);
  let out = '';
  for (let i = 0; i < CHECKSUM_LENGTH; i++) {
    out = ALPHABET[n % 62] + out;
    n = Math.floor(n / 62);
  }
  return out;
}

/**
 * Generate an API key: `vgl_` + a 12-character public prefix + `_` + 43 random base62 characters
 * (≈ 256 bits) + a 6-character CRC-32 checksum. The checksum lets {@link parseApiKey} reject a
 * mistyped or truncated key without a database lookup, and secret scanners recognise real keys.
 */
export function generateApiKey(): GeneratedApiKey {
  const prefix = randomString('0123456789abcdefghijklmnopqrstuvwxyz', LOOKUP_LENGTH);
  const body = `${API_KEY_PREFIX}${prefix}_${randomString(ALPHABET, RANDOM_LENGTH)}`;
  const key = body + checksum(body);
  return { key, prefix, hash: sha256(key) };
}

/** True when `value` starts like an API key (to route `Authorization: Bearer …` between API keys and JWTs). */
export function looksLikeApiKey(value: string): boolean {
  return typeof value === 'string' && value.startsWith(API_KEY_PREFIX);
}

/**
 * Split and validate an API key. Error messages never contain the secret part.
 *
 * @throws {@link SecurityError} `AUTH_API_KEY_MALFORMED` when the key is not `vgl_<prefix>_<secret>`
 * or its checksum does not match.
 */
export function parseApiKey(key: string): ParsedApiKey {
  const malformed = (why: string, prefix?: string): SecurityError =>
    new SecurityError('AUTH_API_KEY_MALFORMED', `The API key is malformed: ${why}. API keys look like vgl_<12 characters>_<49 characters>.`, {
      ...(prefix === undefined ? {} : { details: { prefix } }),
    });
  if (typeof key !== 'string' || !key.startsWith(API_KEY_PREFIX)) throw malformed(`it does not start with "${API_KEY_PREFIX}"`);
  const rest = key.slice(API_KEY_PREFIX.length);
  const sep = rest.indexOf('_');
  if (sep < 0) throw malformed('the separator between prefix and secret is missing');
  const prefix = rest.slice(0, sep);
  const secret = rest.slice(sep + 1);
  if (!LOOKUP_RE.test(prefix)) throw malformed('the prefix must be 12 lowercase letters or digits');
  if (secret.length !== SECRET_LENGTH || !SECRET_RE.test(secret)) {
    throw malformed(`the secret part must be ${SECRET_LENGTH} letters or digits (it may have been truncated when copied)`, prefix);
  }
  const body = key.slice(0, key.length - CHECKSUM_LENGTH);
  if (checksum(body) !== key.slice(-CHECKSUM_LENGTH)) throw malformed('its checksum does not match (it was mistyped or altered)', prefix);
  return { prefix, secret };
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * The storage hash of an API key (SHA-256 hex of the whole key).
 *
 * @throws {@link SecurityError} `AUTH_API_KEY_MALFORMED`.
 */
export function hashApiKey(key: string): string {
  parseApiKey(key);
  return sha256(key);
}

/**
 * Check a presented key against the stored hash, in constant time. Look the row up by
 * `parseApiKey(key).prefix` first (and check it is not revoked), then call this.
 *
 * @throws {@link SecurityError} `AUTH_API_KEY_MALFORMED` for a malformed key;
 * TypeError when `storedHash` is not 64 hex characters (a corrupted row).
 */
export function verifyApiKey(key: string, storedHash: string): boolean {
  if (!HASH_RE.test(storedHash)) throw new TypeError('verifyApiKey: the stored hash must be 64 lowercase hex characters.');
  return timingSafeEqual(Buffer.from(hashApiKey(key), 'hex'), Buffer.from(storedHash, 'hex'));
}
