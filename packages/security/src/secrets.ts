import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { SecurityError } from './errors.ts';
import type { KeyProvider } from './key-provider.ts';

/** A secret to encrypt: a string, or a JSON-serialisable object (e.g. AWS access keys). */
export type SecretValue = string | { readonly [key: string]: unknown };

/** An encrypted secret: the self-contained envelope and the id of the KEK that wraps its data key. */
export interface EncryptedSecret {
  /** The versioned binary envelope (store as `bytea`). */
  readonly ciphertext: Buffer;
  /** The KEK id named in the envelope (store beside it to find secrets to re-encrypt after a rotation). */
  readonly keyId: string;
}

/** Options of {@link encryptSecret} / {@link decryptSecret}. */
export interface SecretContextOptions {
  /**
   * Associated data the secret is bound to, e.g. `tenant:<tenantId>/provider:<providerId>`.
   * Not stored: decryption must pass the same value, so an envelope copied into another
   * tenant's row does not decrypt there.
   */
  readonly context?: string;
}

/**
 * Envelope layout, version 1 (all lengths big-endian):
 *
 * ```
 * "VGS" | version u8 = 1 | content u8 (1 string, 2 JSON) | keyIdLen u16 | keyId (UTF-8)
 *       | wrappedKeyLen u16 | wrappedKey | iv (12) | ciphertext | tag (16)
 * ```
 *
 * The header (everything before the ciphertext) plus the caller's context is the GCM
 * associated data, so changing any byte anywhere makes decryption fail.
 */
const MAGIC = Buffer.from('VGS', 'ascii');
/** The envelope version written by this module. */
export const SECRET_ENVELOPE_VERSION = 1;
const CONTENT_STRING = 1;
const CONTENT_JSON = 2;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const DATA_KEY_BYTES = 32;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function aad(header: Buffer, context: string | undefined): Buffer {
  return Buffer.concat([header, Buffer.from([0]), Buffer.from(context ?? '', 'utf8')]);
}

/**
 * Encrypt a secret with a fresh random 256-bit data key (AES-256-GCM, random 96-bit IV); the
 * data key is wrapped by the provider's current KEK and stored in the envelope, then wiped
 * from memory.
 *
 * @param plaintext a string or a plain JSON-serialisable object
 * @throws TypeError when `plaintext` is neither a string nor a plain object
 */
export async function encryptSecret(plaintext: SecretValue, keys: KeyProvider, options: SecretContextOptions = {}): Promise<EncryptedSecret> {
  let content: number;
  let body: Buffer;
  if (typeof plaintext === 'string') {
    content = CONTENT_STRING;
    body = Buffer.from(plaintext, 'utf8');
  } else if (isPlainObject(plaintext)) {
    content = CONTENT_JSON;
    body = Buffer.from(JSON.stringify(plaintext), 'utf8');
  } else {
    throw new TypeError('encryptSecret: the plaintext must be a string or a plain object.');
  }

  const dataKey = randomBytes(DATA_KEY_BYTES);
  try {
    const { keyId, wrappedKey } = await keys.wrapDataKey(dataKey);
    const keyIdBytes = Buffer.from(keyId, 'utf8');
    if (keyIdBytes.length === 0 || keyIdBytes.length > 0xffff || wrappedKey.length > 0xffff) {
      throw new TypeError('encryptSecret: the key provider returned a key id or wrapped key of unsupported length.');
    }
    const iv = randomBytes(IV_BYTES);
    const header = Buffer.concat([
      MAGIC,
      Buffer.from([SECRET_ENVELOPE_VERSION, content]),
      u16(keyIdBytes.length),
      keyIdBytes,
      u16(wrappedKey.length),
      wrappedKey,
      iv,
    ]);
    const cipher = createCipheriv('aes-256-gcm', dataKey, iv);
    cipher.setAAD(aad(header, options.context));
    const encrypted = Buffer.concat([cipher.update(body), cipher.final()]);
    return { ciphertext: Buffer.concat([header, encrypted, cipher.getAuthTag()]), keyId };
  } finally {
    dataKey.fill(0);
    body.fill(0);
  }
}

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}

interface ParsedEnvelope {
  readonly version: number;
  readonly content: number;
  readonly keyId: string;
  readonly wrappedKey: Buffer;
  readonly iv: Buffer;
  readonly header: Buffer;
  readonly encrypted: Buffer;
  readonly tag: Buffer;
}

function invalid(message: string): SecurityError {
  return new SecurityError('SECRETS_ENVELOPE_INVALID', `The stored secret cannot be read: ${message}.`);
}

function parseEnvelope(input: Uint8Array): ParsedEnvelope {
  const buf = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (buf.length < MAGIC.length + 2 || !buf.subarray(0, MAGIC.length).equals(MAGIC)) throw invalid('it is not a Vigil secret envelope');
  let pos = MAGIC.length;
  const version = buf.readUInt8(pos++);
  if (version !== SECRET_ENVELOPE_VERSION) throw invalid(`envelope version ${version} is not supported (this build reads version ${SECRET_ENVELOPE_VERSION})`);
  const content = buf.readUInt8(pos++);
  if (content !== CONTENT_STRING && content !== CONTENT_JSON) throw invalid(`unknown content type ${content}`);
  const need = (n: number, what: string): void => {
    if (pos + n > buf.length) throw invalid(`it is truncated (in the ${what})`);
  };
  need(2, 'key id length');
  const keyIdLen = buf.readUInt16BE(pos);
  pos += 2;
  need(keyIdLen, 'key id');
  const keyIdBytes = buf.subarray(pos, pos + keyIdLen);
  pos += keyIdLen;
  const keyId = keyIdBytes.toString('utf8');
  if (keyId.length === 0 || !Buffer.from(keyId, 'utf8').equals(keyIdBytes)) throw invalid('the key id is malformed');
  need(2, 'wrapped key length');
  const wrappedLen = buf.readUInt16BE(pos);
  pos += 2;
  need(wrappedLen, 'wrapped key');
  const wrappedKey = buf.subarray(pos, pos + wrappedLen);
  pos += wrappedLen;
  need(IV_BYTES + TAG_BYTES, 'IV and tag');
  const iv = buf.subarray(pos, pos + IV_BYTES);
  pos += IV_BYTES;
  return {
    version,
    content,
    keyId,
    wrappedKey,
    iv,
    header: buf.subarray(0, pos),
    encrypted: buf.subarray(pos, buf.length - TAG_BYTES),
    tag: buf.subarray(buf.length - TAG_BYTES),
  };
}

/**
 * The KEK id an envelope names, read from its header without decrypting.
 *
 * @throws {@link SecurityError} `SECRETS_ENVELOPE_INVALID` for a malformed envelope.
 */
export function readSecretKeyId(ciphertext: Uint8Array): string {
  return parseEnvelope(ciphertext).keyId;
}

/**
 * Decrypt an envelope made by {@link encryptSecret}, with the same `context`. Returns the
 * string or object that was encrypted.
 *
 * @throws {@link SecurityError} `SECRETS_ENVELOPE_INVALID` (malformed or unsupported version),
 * `SECRETS_KEY_UNKNOWN` (KEK not in the keyring), `SECRETS_DECRYPT_FAILED` (tampered, wrong
 * key, or wrong context).
 */
export async function decryptSecret(ciphertext: Uint8Array, keys: KeyProvider, options: SecretContextOptions = {}): Promise<SecretValue> {
  const env = parseEnvelope(ciphertext);
  const dataKey = await keys.unwrapDataKey(env.keyId, env.wrappedKey);
  let plain: Buffer;
  try {
    if (dataKey.length !== DATA_KEY_BYTES) throw new Error(`data key has ${dataKey.length} bytes`);
    const decipher = createDecipheriv('aes-256-gcm', dataKey, env.iv);
    decipher.setAAD(aad(env.header, options.context));
    decipher.setAuthTag(env.tag);
    plain = Buffer.concat([decipher.update(env.encrypted), decipher.final()]);
  } catch (err) {
    throw new SecurityError(
      'SECRETS_DECRYPT_FAILED',
      'The stored secret failed authentication: it was tampered with, or it is being decrypted with a different context (tenant/provider) than it was encrypted with.',
      { cause: err },
    );
  } finally {
    dataKey.fill(0);
  }
  try {
    const text = plain.toString('utf8');
    if (env.content === CONTENT_STRING) return text;
    const value: unknown = JSON.parse(text);
    if (!isPlainObject(value)) throw invalid('the decrypted JSON is not an object');
    return value;
  } finally {
    plain.fill(0);
  }
}

/**
 * True when the envelope is wrapped by a KEK other than the provider's current one, i.e. it
 * should be re-encrypted with {@link reencryptSecret} after a key rotation.
 */
export function needsReencryption(ciphertext: Uint8Array, keys: KeyProvider): boolean {
  return readSecretKeyId(ciphertext) !== keys.currentKeyId;
}

/**
 * Decrypt and encrypt again under the provider's current KEK with a fresh data key. Use it to
 * migrate stored secrets after a rotation, then drop the old KEK from the keyring.
 */
export async function reencryptSecret(ciphertext: Uint8Array, keys: KeyProvider, options: SecretContextOptions = {}): Promise<EncryptedSecret> {
  return encryptSecret(await decryptSecret(ciphertext, keys, options), keys, options);
}
